package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.migration.ProtectiveDuis;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.CommandAvailability;
import org.springframework.shell.command.annotation.Option;

/**
 * Protective requests in a live event as DUIS files (issue 17): {@code meter protect ... --export-duis}
 * writes step 1; {@code meter sign-pre-commands} signs the pre-commands the DCC returned (step 2);
 * {@code meter import-duis} records the DCC's answers.
 */
@Command(command = "meter", group = "Fleet")
public class ProtectDuisCommands {

    private final ObjectProvider<ProtectiveDuis> duis;
    private final ObjectProvider<MeterService> meters;
    private final ObjectProvider<ToolkitConfiguration.Smki> pki;
    private final EventService events;
    private final Session session;
    private final Passwords passwords;
    private final Actors actors;

    ProtectDuisCommands(ObjectProvider<ProtectiveDuis> duis, ObjectProvider<MeterService> meters,
            ObjectProvider<ToolkitConfiguration.Smki> pki, EventService events, Session session, Passwords passwords,
            Actors actors) {
        this.duis = duis;
        this.meters = meters;
        this.pki = pki;
        this.events = events;
        this.session = session;
        this.passwords = passwords;
        this.actors = actors;
    }

    @Command(command = "sign-pre-commands", description = "Failing Supplier / SRP / SoLR: sign the GBCS pre-commands the"
            + " DCC returned for exported protective requests, each checked against what was asked")
    @CommandAvailability(provider = "safeModeAvailability")
    String sign(@Option(longNames = "file", required = true, arity = CommandRegistration.OptionArity.ONE_OR_MORE,
            description = "DUIS response files or folders") String[] files,
            @Option(longNames = "out", required = true, description = "folder for the signed pre-commands") String out,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile) {
        ProtectiveDuis.Signed s = duis.getObject().signPreCommands(events.requireCurrent(), session.requireOperator(),
                Arrays.stream(files).map(Path::of).toList(), Path.of(out), passwords.get(passwordFile), actors.current());
        StringBuilder sb = new StringBuilder(String.format("signed %,d pre-command(s) into %s", s.signed(), s.out()));
        s.refused().forEach(r -> sb.append("\n  refused ").append(r));
        if (s.signed() == 0 && !s.refused().isEmpty()) {
            throw new org.solrtoolkit.migration.CampaignException(org.solrtoolkit.migration.CampaignException.Code.BAD_INPUT,
                    sb.toString());
        }
        return sb.toString();
    }

    @Command(command = "import-duis", description = "The DCC's answers to protective requests (device responses,"
            + " rejections, DCC alerts) recorded; the same file twice changes nothing")
    String importDuis(@Option(longNames = "file", required = true, arity = CommandRegistration.OptionArity.ONE_OR_MORE,
            description = "DUIS response files or folders") String[] files,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password (a"
                    + " simulated fleet's device keys)") String passwordFile) {
        ProtectiveDuis.Imported r = duis.getObject().importResponses(events.requireCurrent(),
                Arrays.stream(files).map(Path::of).toList(), DeviceKeys.lookup(pki.getObject().pki(), meters.getObject(),
                        passwords, passwordFile), actors.current());
        StringBuilder sb = new StringBuilder("imported:");
        if (r.states().isEmpty()) {
            sb.append(" nothing new");
        }
        r.states().forEach((k, v) -> sb.append(String.format(" %s %,d", k, v)));
        sb.append(String.format("; already imported %,d", r.already()));
        r.refused().forEach(x -> sb.append("\n  refused ").append(x));
        Map<String, Long> all = duis.getObject().states(events.requireCurrent());
        sb.append("\nprotective requests of this event: ").append(all);
        if (r.states().isEmpty() && !r.refused().isEmpty()) {
            throw new org.solrtoolkit.migration.CampaignException(org.solrtoolkit.migration.CampaignException.Code.BAD_INPUT,
                    sb.toString());
        }
        return sb.toString();
    }
}
