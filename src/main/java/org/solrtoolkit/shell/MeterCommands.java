package org.solrtoolkit.shell;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.device.Cs02bCommand;
import org.solrtoolkit.device.Cs02bMode;
import org.solrtoolkit.device.Cs02bResponse;
import org.solrtoolkit.device.DeviceException;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.device.PrepaymentState;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.device.TopUpResult;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.pki.CertificateFiles;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.migration.ProtectionService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.CommandAvailability;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code meter show|topup|protect|safe-mode|update-credentials}: one simulated meter, or the prepayment fleet. */
@Command(command = "meter", group = "Fleet")
public class MeterCommands {

    private final ObjectProvider<MeterService> meters;
    private final EventService events;
    private final Session session;
    private final Passwords passwords;
    private final Actors actors;
    private final ObjectProvider<ProtectionService> protection;
    private final ObjectProvider<org.solrtoolkit.migration.ProtectiveDuis> protectiveDuis;

    MeterCommands(ObjectProvider<MeterService> meters, EventService events, Session session, Passwords passwords, Actors actors,
            ObjectProvider<ProtectionService> protection,
            ObjectProvider<org.solrtoolkit.migration.ProtectiveDuis> protectiveDuis) {
        this.protection = protection;
        this.protectiveDuis = protectiveDuis;
        this.meters = meters;
        this.events = events;
        this.session = session;
        this.passwords = passwords;
        this.actors = actors;
    }

    @Command(command = "show", description = "A meter as of now: cells (role, usage, EUI, SKI), floors, credit, supply")
    String show(@Option(longNames = "id", required = true, description = "EUI-64") @OptionValues(provider = "meterIds")
            String id,
            @Option(longNames = "format", defaultValue = "table", description = "table or json") String format) {
        MeterService.MeterView v = meters.getObject().show(Eui64.parse(id));
        StoredMeter m = v.meter();
        PrepaymentState p = m.prepayment();
        Map<String, Object> f = Rendered.map();
        f.put("device", m.id().toString());
        f.put("type", m.type().name());
        f.put("mpxn", m.mpxn().value());
        f.put("payment_mode", p.mode().name());
        f.put("credit_balance", gbp(p.balance()));
        f.put("emergency_credit", p.onEmergencyCredit() ? "in use (limit " + gbp(p.emergencyCreditLimit()) + ")"
                : "limit " + gbp(p.emergencyCreditLimit()));
        f.put("low_credit", p.lowCredit());
        f.put("debt", gbp(p.debt()) + " (" + p.debtRecoveryPerTopUpPercent() + "% of each top-up)");
        f.put("supply", p.supply() + " since " + p.supplySince());
        f.put("emergency_credit_activated", p.emergencyCreditActive());
        f.put("non_disablement_calendar", p.calendar().toString());
        f.put("off_supply_total", String.format("%.2f h", p.offTotalMillis(v.at()) / 3_600_000.0));
        f.put("customer_presses_after", m.reactionMinutes() < 0 ? "away" : m.reactionMinutes() + " min");
        f.put("psr", m.psr());
        f.put("uses_per_hour", gbp(m.consumptionPerHour()));
        f.put("supplier", m.supplier());
        f.put("floors", String.join(", ", StoredMeter.FLOOR_ROLES.stream().map(r -> r.name() + " "
                + Long.toUnsignedString(m.floor(r))).toList()) + ", PREPAYMENT " + Long.toUnsignedString(
                        m.prepaymentFloor()));
        f.put("as_of", v.at().toString());
        List<Map<String, Object>> cells = new ArrayList<>();
        for (MeterService.CellView c : v.cells()) {
            Map<String, Object> r = Rendered.map();
            r.put("cell", c.cell().name());
            r.put("role", c.cell().role().name());
            r.put("usage", c.cell().usage() == null ? "-" : c.cell().usage().name() + " " + c.cell().cellUsage());
            r.put("eui", c.eui().map(Eui64::toString).orElse("-"));
            r.put("ski", c.ski());
            r.put("holder", c.holder().orElse("?"));
            cells.add(r);
        }
        if (Format.parse(format) == Format.JSON) {
            f.put("cells", cells);
            return Rendered.json(f);
        }
        return Rendered.record(f) + "\n" + (cells.isEmpty() ? "no trust anchor cells (the SMKI does not hold its supplier)"
                : Rendered.table(cells, List.of("cell", "role", "usage", "eui", "ski", "holder")));
    }

    @Command(command = "topup", description = "Make a UTRN with a supplier's prepayment key and offer it to the meter")
    String topup(@Option(longNames = "id", required = true, description = "EUI-64") @OptionValues(provider = "meterIds")
            String id,
            @Option(longNames = "amount", required = true, description = "GBP, e.g. 20 or 7.50") String amount,
            @Option(longNames = "from", required = true, description = "supplier party whose key makes the UTRN")
            String from,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile) {
        long pence;
        try {
            pence = new BigDecimal(amount.trim().replace("£", "")).movePointRight(2).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw new UsageException("--amount '" + amount + "' is not an amount in pounds (e.g. 20 or 7.50)");
        }
        MeterService.TopUp t = meters.getObject().topUp(Eui64.parse(id), from, pence, passwords.get(passwordFile), actors.current());
        if (t.result() != TopUpResult.ACCEPTED) {
            throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "meter " + t.meter() + " refused UTRN "
                    + t.utrn().grouped() + " from " + t.party() + ": " + t.result().text());
        }
        return "UTRN " + t.utrn().grouped() + " from " + t.party() + " accepted by " + t.meter() + ": balance "
                + gbp(t.after().balance()) + ", supply " + t.after().supply();
    }

    @Command(command = "safe-mode", description = "Failing Supplier / SRP: shortcut for 2.1 (non-disablement calendar"
            + " 00:00-24:00) then 2.5 (activate emergency credit) on one meter or every prepayment meter")
    @CommandAvailability(provider = "safeModeAvailability")
    String safeMode(@Option(longNames = "id", description = "EUI-64 (or --all-prepayment)")
            @OptionValues(provider = "meterIds") String id,
            @Option(longNames = "all-prepayment", defaultValue = "false", description = "every prepayment meter")
            boolean all,
            @Option(longNames = "off", defaultValue = "false", description = "2.1 with an empty calendar instead") boolean off,
            @Option(longNames = "trainer", defaultValue = "false", description = "rehearsal trainer: the meters' own reasons")
            boolean trainer,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile) {
        List<ProtectionService.Step> steps = off ? List.of(ProtectionService.Step.calendar(""))
                : ProtectionService.safeModeShortcut();
        return protect(id, all, steps, trainer, passwordFile);
    }

    @Command(command = "protect", description = "Failing Supplier / SRP / SoLR: a critical request (2.1, 2.5, 1.6, 1.5,"
            + " 2.3, 7.1) over DUIS and GBCS to one meter or every prepayment meter, signed with your supplier's keys")
    @CommandAvailability(provider = "safeModeAvailability")
    String protect(@Option(longNames = "id", description = "EUI-64 (or --all-prepayment)")
            @OptionValues(provider = "meterIds") String id,
            @Option(longNames = "all-prepayment", defaultValue = "false", description = "every prepayment meter")
            boolean all,
            @Option(longNames = "request", required = true, description = "2.1 prepay-config, 2.5 emergency-credit,"
                    + " 1.6 payment-mode, 1.5 balance, 2.3 debt, 7.1 enable-supply") String request,
            @Option(longNames = "calendar", description = "2.1: non-disablement periods HH:MM-HH:MM (UTC) and"
                    + " YYYY-MM-DD joined by ';'") String calendar,
            @Option(longNames = "ec-limit", description = "2.1: emergency credit limit, GBP") String ecLimit,
            @Option(longNames = "ec-threshold", description = "2.1: emergency credit threshold, GBP") String ecThreshold,
            @Option(longNames = "low-credit", description = "2.1: low credit threshold, GBP") String lowCredit,
            @Option(longNames = "max-balance", description = "2.1: maximum meter balance, GBP") String maxBalance,
            @Option(longNames = "debt-recovery-cap", description = "2.1: debt recovery rate cap, percent") String cap,
            @Option(longNames = "mode", description = "1.6: credit or prepayment") String mode,
            @Option(longNames = "adjust", description = "1.5: balance adjustment, GBP (may be negative)") String adjust,
            @Option(longNames = "debt", description = "2.3: debt, GBP") String debt,
            @Option(longNames = "debt-recovery", description = "2.3: debt recovery, percent of each top-up")
            String recovery,
            @Option(longNames = "trainer", defaultValue = "false", description = "rehearsal trainer: the meters' own reasons")
            boolean trainer,
            @Option(longNames = "export-duis", description = "live event: write the signed DUIS requests into this folder"
                    + " for the DCC adapter instead of sending them") String exportDuis,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile) {
        ProtectionService.Step step = ProtectRequest.parse(request, calendar, ecLimit, ecThreshold, lowCredit, maxBalance,
                cap, mode, adjust, debt, recovery);
        if (exportDuis != null) {
            org.solrtoolkit.migration.ProtectiveDuis.Exported e = protectiveDuis.getObject().export(events.requireCurrent(),
                    session.requireOperator(), TrainerView.target(id, all), step, Path.of(exportDuis),
                    passwords.get(passwordFile), actors.current());
            return String.format("exported %,d signed %s request(s) to %s (manifest %s); next: the DCC's pre-commands,"
                    + " then 'meter sign-pre-commands'", e.requests(), step.service().srv(), exportDuis, e.manifest());
        }
        return protect(id, all, List.of(step), trainer, passwordFile);
    }

    private String protect(String id, boolean all, List<ProtectionService.Step> steps, boolean trainer,
            String passwordFile) {
        Optional<Eui64> target = TrainerView.target(id, all);
        org.solrtoolkit.event.Event event = events.requireCurrent();
        TrainerView.allowed(trainer, event);
        ProtectionService.Result r = protection.getObject().protect(event, session.requireOperator(), target, steps,
                passwords.get(passwordFile), actors.current());
        if (id != null) {
            return "meter " + Eui64.parse(id) + " (signed by " + r.signer() + "):\n  " + String.join("\n  ", r.single());
        }
        StringBuilder sb = new StringBuilder(String.format("%s to %,d prepayment meter(s), signed by %s",
                String.join(" then ", steps.stream().map(s -> s.service().srv()).toList()), r.meters(), r.signer()));
        r.seen().forEach((what, n) -> sb.append(String.format("%n  %,d: %s (e.g. %s)", n, what, r.example().get(what))));
        if (trainer && !r.trainer().isEmpty()) {
            sb.append("\ntrainer view (the simulated meters' own reasons; trainees see only the DCC's codes above):");
            r.trainer().forEach((why, n) -> sb.append(String.format("%n  %,d: %s", n, why)));
        }
        return sb.toString();
    }

    @Command(command = "update-credentials", description = "Send a signed CS02b (Update Security Credentials) to a meter")
    String updateCredentials(
            @Option(longNames = "id", required = true, description = "EUI-64") @OptionValues(provider = "meterIds")
            String id,
            @Option(longNames = "mode", required = true, description = "supplierBySupplier, supplierByTransCoS,"
                    + " networkOperatorByNetworkOperator, transCoSByTransCoS, anyExceptAbnormalRootByRecovery,"
                    + " rootBySupplier, anyByContingency")
            String mode,
            @Option(longNames = "with", description = "party whose certificates replace the cells the mode allows")
            String with,
            @Option(longNames = "cell", description = "CELL=FILE: a PEM certificate for one cell, repeatable") String cell,
            @Option(longNames = "signer", description = "party whose key signs (default: the authorising cell's)")
            String signer,
            @Option(longNames = "signer-key", description = "keystore alias of the signing key") String signerKey,
            @Option(longNames = "counter", description = "originator counter (default: above the floor)") String counter,
            @Option(longNames = "disapply-time-checks", defaultValue = "false") boolean disapply,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile,
            @Option(longNames = "format", defaultValue = "table", description = "table or json") String format,
            CommandContext ctx) {
        Cs02bMode m = mode(mode);
        List<Cs02bCommand.Replacement> reps = new ArrayList<>();
        if (with != null) {
            reps.addAll(meters.getObject().replacementsFrom(with, m));
        }
        for (String spec : RepeatedOption.values(ctx, "cell")) {
            int eq = spec.indexOf('=');
            if (eq < 1) {
                throw new UsageException("--cell '" + spec + "' must be CELL=FILE, e.g. SUPPLIER_DS=new-ds.pem");
            }
            TrustAnchorCell c = cell(spec.substring(0, eq));
            reps.removeIf(r -> r.cell() == c);
            reps.add(new Cs02bCommand.Replacement(c, CertificateFiles.read(Path.of(spec.substring(eq + 1))).get(0)));
        }
        if (reps.isEmpty()) {
            throw new UsageException("nothing to replace: give --with PARTY and/or --cell CELL=FILE");
        }
        Optional<Long> ctr = Optional.empty();
        if (counter != null) {
            try {
                ctr = Optional.of(Long.parseUnsignedLong(counter.trim()));
            } catch (NumberFormatException e) {
                throw new UsageException("--counter '" + counter + "' is not an unsigned 64-bit number");
            }
        }
        Cs02bResponse r = meters.getObject().updateCredentials(Eui64.parse(id), new MeterService.CredentialsRequest(m,
                Optional.ofNullable(signer), Optional.ofNullable(signerKey), ctr, reps, disapply),
                passwords.get(passwordFile), actors.current());
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Cs02bResponse.CellOutcome o : r.outcomes()) {
            Map<String, Object> row = Rendered.map();
            row.put("cell", o.cell().name());
            row.put("status", o.status().code() + " " + o.status());
            row.put("existing", o.existing() == null ? "-" : o.existing().toString());
            row.put("replacing", o.replacing().toString());
            row.put("reason", o.reason());
            rows.add(row);
        }
        if (Format.parse(format) == Format.JSON) {
            Map<String, Object> all = Rendered.map();
            all.put("device", Eui64.parse(id).toString());
            all.put("mode", m.name());
            all.put("outcomes", rows);
            all.put("checks", r.checks());
            return Rendered.json(all);
        }
        return "meter " + Eui64.parse(id) + " accepted the CS02b (" + m + "):\n"
                + Rendered.table(rows, List.of("cell", "status", "existing", "replacing", "reason"))
                + "\nchecks: " + String.join("; ", r.checks().stream().map(c -> c.name() + " " + (c.passed() ? "pass"
                : "FAIL")).toList());
    }

    private static Cs02bMode mode(String text) {
        String t = text.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
        return Arrays.stream(Cs02bMode.values()).filter(v -> v.name().replace("_", "").equals(t)).findFirst()
                .orElseThrow(() -> new UsageException("--mode '" + text + "' is not a CS02b mode the meters implement ("
                        + "supplierBySupplier, supplierByTransCoS, networkOperatorByNetworkOperator,"
                        + " transCoSByTransCoS, anyExceptAbnormalRootByRecovery, rootBySupplier, anyByContingency)"));
    }

    private static TrustAnchorCell cell(String text) {
        String t = text.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
        return Arrays.stream(TrustAnchorCell.values()).filter(v -> v.name().replace("_", "").equals(t)).findFirst()
                .orElseThrow(() -> new UsageException("--cell '" + text + "' is not a trust anchor cell ("
                        + String.join(", ", Arrays.stream(TrustAnchorCell.values()).map(Enum::name).toList()) + ")"));
    }

    private static String gbp(long pence) {
        return (pence < 0 ? "-£" : "£") + BigDecimal.valueOf(Math.abs(pence), 2).toPlainString();
    }
}
