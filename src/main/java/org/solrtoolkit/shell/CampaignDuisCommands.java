package org.solrtoolkit.shell;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.migration.CampaignService;
import org.solrtoolkit.migration.DuisExport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code campaign export-duis}: the campaign in a live event, as signed DUIS 6.23 requests (issue 16). */
@Command(command = "campaign", group = "Campaign")
public class CampaignDuisCommands {

    private static final BigInteger MAX_FLOOR = BigInteger.valueOf(Long.MAX_VALUE);

    private final ObjectProvider<CampaignService> campaigns;
    private final ObjectProvider<org.solrtoolkit.device.MeterService> meters;
    private final ObjectProvider<ToolkitConfiguration.Smki> pki;
    private final EventService events;
    private final Session session;
    private final Passwords passwords;

    CampaignDuisCommands(ObjectProvider<CampaignService> campaigns,
            ObjectProvider<org.solrtoolkit.device.MeterService> meters, ObjectProvider<ToolkitConfiguration.Smki> pki,
            EventService events, Session session, Passwords passwords) {
        this.campaigns = campaigns;
        this.meters = meters;
        this.pki = pki;
        this.events = events;
        this.session = session;
        this.passwords = passwords;
    }

    @Command(command = "import-duis", description = "DUIS responses, acknowledgements and alerts the DCC adapter saved,"
            + " into the campaign's outcomes; the same file twice changes nothing")
    String importDuis(@Option(longNames = "file", required = true, arity = org.springframework.shell.command.CommandRegistration
            .OptionArity.ONE_OR_MORE, description = "response files or folders") String[] files,
            @Option(longNames = "skip-invalid", defaultValue = "false", description = "import the valid files when some"
                    + " are refused") boolean skipInvalid,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password (a"
                    + " simulated fleet's device keys)") String passwordFile,
            @Option(longNames = "format", defaultValue = "table", description = "table (text) or json") String format) {
        org.solrtoolkit.event.Event event = events.requireCurrent();
        java.util.function.Function<org.solrtoolkit.pki.Eui64, java.util.List<java.security.PublicKey>> keys =
                DeviceKeys.lookup(pki.getObject().pki(), meters.getObject(), passwords, passwordFile);
        long started = System.nanoTime();
        org.solrtoolkit.migration.DuisImport.Result r = campaigns.getObject().duis().importResponses(event,
                java.util.Arrays.stream(files).map(Path::of).toList(), skipInvalid, keys, session.requireOperator());
        if (Format.parse(format) == Format.JSON) {
            Map<String, Object> m = Rendered.map();
            Map<String, Object> by = Rendered.map();
            r.states().forEach((k, v) -> by.put(k.name(), v));
            m.put("imported", by);
            m.put("already_imported", r.alreadyImported());
            m.put("files", r.files());
            m.put("refused", r.refused());
            m.put("steps", r.steps().stream().map(ShellText::options).toList());
            return Rendered.json(m);
        }
        StringBuilder sb = new StringBuilder("imported:");
        if (r.states().isEmpty()) {
            sb.append(" nothing new");
        }
        r.states().forEach((k, v) -> sb.append(String.format(" %s %,d", k, v)));
        if (r.alreadyImported() > 0) {
            sb.append(String.format("; %,d file(s) imported before, unchanged", r.alreadyImported()));
        }
        sb.append(rate(r.files(), "files", started));
        r.refused().forEach(x -> sb.append("\nrefused: ").append(x));
        r.steps().forEach(x -> sb.append("\nstep ").append(ShellText.options(x)));
        return sb.toString();
    }

    @Command(command = "export-duis", description = "One signed DUIS 6.23 request per meter not yet applied, in"
            + " priority order, and a manifest, for the DCC adapter")
    String exportDuis(@Option(longNames = "out", required = true, description = "folder for the requests") String out,
            @Option(longNames = "limit", defaultValue = "0", description = "requests this export (0: all)") long limit,
            @Option(longNames = "supplier-floor", defaultValue = "0", description = "the SoLR's new Supplier floor"
                    + " (0 to 2^63-1)") String supplierFloor,
            @Option(longNames = "topup-floor", description = "the SoLR's new prepayment top-up floor (0 to 2^63-1)")
            String topUpFloor,
            @Option(longNames = "execute-at", description = "future-dated: when the meters apply it (ISO instant)")
            String executeAt,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile,
            @Option(longNames = "format", defaultValue = "table", description = "table (text) or json") String format) {
        if (limit < 0) {
            throw new UsageException("--limit " + limit + " must be 0 (all) or more");
        }
        DuisExport.Options o = new DuisExport.Options(Path.of(out), limit, floor("--supplier-floor", supplierFloor),
                topUpFloor == null ? OptionalLong.empty() : OptionalLong.of(floor("--topup-floor", topUpFloor)),
                instant(executeAt));
        long started = System.nanoTime();
        DuisExport.Result r = campaigns.getObject().duis().export(events.requireCurrent(), o, passwords.get(passwordFile),
                session.requireOperator());
        if (Format.parse(format) == Format.JSON) {
            Map<String, Object> m = Rendered.map();
            m.put("campaign", r.campaignId());
            m.put("requests", r.requests());
            m.put("manifest", r.manifest().toString());
            r.first().ifPresent(f -> m.put("first", f));
            r.last().ifPresent(l -> m.put("last", l));
            return Rendered.json(m);
        }
        if (r.requests() == 0) {
            return "no meter is waiting for a request: nothing exported";
        }
        return String.format("%,d signed 6.23 request(s) in %s (%s .. %s), listed in %s; their meters are SENT",
                r.requests(), out, r.first().orElse(""), r.last().orElse(""), r.manifest()) + rate(r.requests(),
                        "requests", started);
    }

    /** How long a command over many files took and its rate, for the text output (wall clock, not the event's). */
    static String rate(long count, String what, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return String.format(" (%.1f s, %,.0f %s/s)", seconds, count / Math.max(seconds, 1e-3), what);
    }

    /** A floor as DUIS allows it: 0 to 2^63-1. */
    static long floor(String option, String text) {
        try {
            BigInteger v = new BigInteger(text.trim());
            if (v.signum() < 0 || v.compareTo(MAX_FLOOR) > 0) {
                throw new UsageException(option + " " + text + " is outside 0 to 2^63-1 (9223372036854775807)");
            }
            return v.longValueExact();
        } catch (NumberFormatException e) {
            throw new UsageException(option + " '" + text + "' is not a whole number");
        }
    }

    private static Optional<Instant> instant(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(text.trim()));
        } catch (DateTimeParseException e) {
            throw new UsageException("--execute-at '" + text + "' is not an ISO instant such as 2026-12-01T02:00:00Z");
        }
    }
}
