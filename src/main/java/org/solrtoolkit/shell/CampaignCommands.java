package org.solrtoolkit.shell;

import org.solrtoolkit.migration.CampaignOptions;
import org.solrtoolkit.migration.CampaignRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.migration.CampaignBenchmark;
import org.solrtoolkit.migration.CampaignException;
import org.solrtoolkit.migration.CampaignService;
import org.solrtoolkit.migration.ItemState;
import org.solrtoolkit.migration.PriorityGroup;
import org.solrtoolkit.playbook.PlaybookLoader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.CommandAvailability;
import org.springframework.shell.command.annotation.Option;

/** {@code campaign plan|run|status|failures}: the SoLR's certificates into every meter's Supplier cells. */
@Command(command = "campaign", group = "Campaign")
public class CampaignCommands {

    private final ObjectProvider<CampaignService> campaigns;
    private final EventService events;
    private final Session session;
    private final Passwords passwords;
    private final Actors actors;
    private final PlaybookLoader loader;

    CampaignCommands(ObjectProvider<CampaignService> campaigns, EventService events, Session session, Passwords passwords,
            Actors actors, PlaybookLoader loader) {
        this.loader = loader;
        this.campaigns = campaigns;
        this.events = events;
        this.session = session;
        this.passwords = passwords;
        this.actors = actors;
    }

    @Command(command = "plan", description = "Which meters, in which order: counts per priority group and customers at risk now")
    String plan() {
        events.requireCurrent();
        CampaignService.Plan p = campaigns.getObject().plan();
        List<Map<String, Object>> rows = new ArrayList<>();
        p.groups().forEach((g, n) -> {
            Map<String, Object> r = Rendered.map();
            r.put("order", g.rank());
            r.put("group", g.label());
            r.put("meters", n);
            rows.add(r);
        });
        return Rendered.table(rows, List.of("order", "group", "meters")) + String.format("%n%,d meter(s), %,d on"
                + " prepayment; %,d prepayment customer(s) at risk now (low, emergency or no credit, can be disabled)",
                p.total(), p.prepayment(), p.atRiskNow());
    }

    @Command(command = "run", description = "Run or resume the change-of-supplier campaign (supplierByTransCoS, signed by the DCC as TCoS)")
    @CommandAvailability(provider = "campaignAvailability")
    String run(@Option(longNames = "threads", defaultValue = "2", description = "crypto threads") int threads,
            @Option(longNames = "batch", defaultValue = "1000", description = "meters per transaction") int batch,
            @Option(longNames = "max-attempts", defaultValue = "3", description = "tries per unreachable meter")
            int maxAttempts,
            @Option(longNames = "limit", defaultValue = "0", description = "meters this run (0: all)") long limit,
            @Option(longNames = "retry", defaultValue = "false", description = "send again to meters left UNREACHABLE,"
                    + " PARTIAL or FAILED by earlier runs") boolean retry,
            @Option(longNames = "mode", defaultValue = "change-of-supplier", description = "change-of-supplier,"
                    + " recovery (the Recovery key, --with PARTY) or contingency (the Contingency key: the SMKI's new"
                    + " Root OCA into every meter's Root cell)") String mode,
            @Option(longNames = "with", description = "recovery: the affected party whose new certificates are placed")
            String with,
            @Option(longNames = "wire", defaultValue = "false", description = "each meter over the wire formats: the"
                    + " SoLR's signed DUIS 6.23 request, the simulated DCC's TCoS-signed and MACed GBCS command, the"
                    + " meter's signed response in a signed DUIS response") boolean wire,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile,
            @Option(longNames = "format", defaultValue = "table", description = "table (text) or json") String format) {
        boolean json = Format.parse(format) == Format.JSON;
        CampaignRoute route = route(mode);
        // a rehearsal's change of supplier always goes over the wire formats: trainees see what a DCC reports
        boolean onTheWire = wire || (events.requireCurrent().isRehearsal() && route == CampaignRoute.CHANGE_OF_SUPPLIER);
        CampaignOptions options = new CampaignOptions(threads, batch, maxAttempts, limit, retry).wire(onTheWire);
        if (wire && route != CampaignRoute.CHANGE_OF_SUPPLIER) {
            throw new UsageException("--wire is the change of supplier's path (DUIS 6.23); a recovery or the contingency"
                    + " route is the DCC's own command, run it without --wire");
        }
        if (route == CampaignRoute.RECOVERY && (with == null || with.isBlank())) {
            throw new UsageException("--mode recovery needs --with PARTY: the affected party whose new certificates go"
                    + " into its meters' cells");
        }
        CampaignService.Summary s = runWithProgress(events.requireCurrent(), route, with, options, passwordFile,
                session.requireOperator());
        return json ? summaryJson(s) : summary(s);
    }

    /** The run's summary as one JSON document, for scripts (the same figures as the text). */
    private static String summaryJson(CampaignService.Summary s) {
        Map<String, Object> m = Rendered.map();
        m.put("campaign", s.campaignId());
        m.put("processed", s.processed());
        Map<String, Object> thisRun = Rendered.map();
        Map<String, Object> overall = Rendered.map();
        for (ItemState st : shown(s.overall())) {
            thisRun.put(st.name(), s.thisRun().getOrDefault(st, 0L));
            overall.put(st.name(), s.overall().getOrDefault(st, 0L));
        }
        m.put("this_run", thisRun);
        m.put("overall", overall);
        m.put("total", s.total());
        m.put("signs", s.signs());
        m.put("verifies", s.verifies());
        m.put("seconds", Math.round(s.seconds() * 10) / 10.0);
        m.put("complete", s.complete());
        m.put("steps", s.steps().stream().map(ShellText::options).toList());
        return Rendered.json(m);
    }

    private static CampaignRoute route(String mode) {
        return switch (mode == null ? "" : mode.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "change-of-supplier", "cos" -> CampaignRoute.CHANGE_OF_SUPPLIER;
            case "recovery" -> CampaignRoute.RECOVERY;
            case "contingency" -> CampaignRoute.CONTINGENCY;
            default -> throw new UsageException("--mode '" + mode + "' is not change-of-supplier, recovery or"
                    + " contingency");
        };
    }

    private CampaignService.Summary runWithProgress(Event event, CampaignRoute route, String target,
            CampaignOptions options, String passwordFile, Operator op) {
        Progress[] bar = {null};
        CampaignService.Summary s;
        try {
            s = campaigns.getObject().run(event, route, target, options, passwords.get(passwordFile), op, (done, toDo) -> {
                if (bar[0] == null) {
                    bar[0] = new Progress("campaign", toDo);
                }
                bar[0].update(done);
            });
        } finally {
            if (bar[0] != null) {
                bar[0].finish();
            }
        }
        return s;
    }

    private static String summary(CampaignService.Summary s) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ItemState st : shown(s.overall())) {
            Map<String, Object> r = Rendered.map();
            r.put("state", st.name());
            r.put("this_run", s.thisRun().getOrDefault(st, 0L));
            r.put("overall", s.overall().getOrDefault(st, 0L));
            rows.add(r);
        }
        return Rendered.table(rows, List.of("state", "this_run", "overall")) + String.format("%ncampaign %d: %,d meter"
                + "(s) this run in %.1f s (%,.0f/s), %,d commands signed, %,d signatures verified; %s",
                s.campaignId(), s.processed(), s.seconds(), s.rate(), s.signs(), s.verifies(), s.complete()
                        ? "COMPLETE: every meter applied or with a recorded exception (campaign failures lists them)"
                        : "not complete: run it again to continue") + s.steps().stream().map(x -> "\nstep " + ShellText.options(x))
                .collect(java.util.stream.Collectors.joining());
    }

    @Command(command = "benchmark", description = "The campaign on a generated fleet vs openssl speed -multi THREADS ecdsap256 on this machine")
    String benchmark(@Option(longNames = "meters", defaultValue = "1000000") long meters,
            @Option(longNames = "threads", defaultValue = "2") int threads,
            @Option(longNames = "batch", defaultValue = "1000") int batch,
            @Option(longNames = "playbook", defaultValue = "playbooks/solr-standard.yaml") String playbook,
            @Option(longNames = "wire", defaultValue = "false", description = "the full path over DUIS and GBCS (XML"
                    + " signatures, TCoS signature, ACB MAC, meter checks, signed response, importer checks), against"
                    + " openssl speed ecdsap256 and ecdhp256") boolean wire,
            @Option(longNames = "server", description = "also run it on this new, empty postgresql:// database and"
                    + " compare (target: within 1.5 times the SQLite file's wall time)") String server)
            throws Exception {
        java.nio.file.Path scratch = java.nio.file.Files.createTempDirectory("solr-toolkit-campaign-bench");
        try {
            if (server != null) {
                java.nio.file.Files.createDirectories(scratch.resolve("file"));
                java.nio.file.Files.createDirectories(scratch.resolve("server"));
                CampaignBenchmark.Figures file = new CampaignBenchmark().run(scratch.resolve("file"), loader.load(
                        PlaybookDir.file(playbook)), meters, threads, batch, wire);
                CampaignBenchmark.Figures onServer = new CampaignBenchmark().run(scratch.resolve("server"), loader.load(
                        PlaybookDir.file(playbook)), meters, threads, batch, wire, server);
                double ratio = onServer.campaignSeconds() / file.campaignSeconds();
                return BenchmarkVerdict.of(String.format("campaign of %,d meters on %d thread(s), same run: SQLite file"
                        + " %.1f s (%,.0f meters/s; fleet generated in %.1f s), PostgreSQL server %.1f s (%,.0f meters/s;"
                        + " fleet generated in %.1f s)%nratio server/file %.2f (target <= 1.5)", meters, threads,
                        file.campaignSeconds(), file.metersPerSecond(), file.generateSeconds(), onServer.campaignSeconds(),
                        onServer.metersPerSecond(), onServer.generateSeconds(), ratio), ratio <= 1.5, String.format(
                        "ratio %.2f server to file, target <= 1.5", ratio), System.out);
            }
            CampaignBenchmark.Figures f = new CampaignBenchmark().run(scratch, loader.load(PlaybookDir.file(
                    playbook)), meters, threads, batch, wire);
            String ops = wire ? String.format("%,d ECDSA signs (%,d of them XML signatures), %,d verifies, %,d key"
                    + " agreements", f.signs(), f.xmlSignatures() / 2, f.verifies(), f.keyAgreements())
                    : String.format("%,d signs and %,d verifies", f.signs(), f.verifies());
            String floor = wire ? String.format("floor: openssl speed -multi %d ecdsap256: %,.0f signs/s, %,.0f"
                    + " verifies/s; ecdhp256: %,.0f/s: %.1f s for the same operations", f.threads(),
                    f.opensslSignsPerSecond(), f.opensslVerifiesPerSecond(), f.opensslKeyAgreementsPerSecond(),
                    f.opensslSeconds()) : String.format("floor: openssl speed -multi %d ecdsap256: %,.0f signs/s, %,.0f"
                    + " verifies/s: %.1f s for the same signs and verifies", f.threads(), f.opensslSignsPerSecond(),
                    f.opensslVerifiesPerSecond(), f.opensslSeconds());
            // the direct path times every sign and verify; the wire path's are inside the XML and GBCS libraries
            String share = wire ? "" : String.format("; %.0f%% of the threads' time outside signing and verifying",
                    100 * f.shareOutsideCrypto());
            return BenchmarkVerdict.of(String.format("campaign%s: %,d meters in %.1f s (%,.0f meters/s) on %d"
                    + " thread(s), %s with %s, peak heap %d MB (fleet generated in %.1f s)%s%n%s%nratio %.2f (target"
                    + " <= 2.0)", wire ? " over the wire" : "", f.meters(), f.campaignSeconds(), f.metersPerSecond(),
                    f.threads(), ops, f.provider(), f.peakHeapBytes() >> 20, f.generateSeconds(), share, floor,
                    f.ratio()),
                    f.ratio() <= 2.0, String.format("ratio %.2f to openssl, target <= 2.0", f.ratio()), System.out);
        } finally {
            try (var walk = java.nio.file.Files.walk(scratch)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Command(command = "status", description = "Outcomes so far, overall and per priority group")
    String status(@Option(longNames = "format", defaultValue = "table", description = "table or json") String format,
            @Option(longNames = "mode", defaultValue = "change-of-supplier", description = "change-of-supplier,"
                    + " recovery or contingency") String mode) {
        Event event = events.requireCurrent();
        CampaignService.Status s = campaigns.getObject().status(event, route(mode)).orElseThrow(() -> new CampaignException(
                CampaignException.Code.NO_CAMPAIGN, "event " + event.id() + " has no campaign yet: 'campaign plan'"
                        + " shows what it would do, 'campaign run' starts it"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (PriorityGroup g : PriorityGroup.values()) {
            Map<ItemState, Long> m = s.byGroup().getOrDefault(g, Map.of());
            Map<String, Object> r = Rendered.map();
            r.put("group", g.label());
            for (ItemState st : shown(s.states())) {
                r.put(st.name().toLowerCase(), m.getOrDefault(st, 0L));
            }
            rows.add(r);
        }
        if (Format.parse(format) == Format.JSON) {
            Map<String, Object> all = Rendered.map();
            all.put("campaign", s.campaignId());
            all.put("new_supplier", s.newSupplier());
            all.put("total", s.total());
            all.put("states", s.states());
            all.put("groups", rows);
            return Rendered.json(all);
        }
        long applied = s.states().getOrDefault(ItemState.APPLIED, 0L);
        List<String> columns = new ArrayList<>(List.of("group"));
        shown(s.states()).forEach(st -> columns.add(st.name().toLowerCase()));
        return Rendered.table(rows, columns)
                + String.format("%ncampaign %d to %s: %,d of %,d meter(s) applied (%.1f%%), %,d pending%s", s.campaignId(),
                        s.newSupplier(), applied, s.total(), 100.0 * applied / Math.max(1, s.total()),
                        s.states().getOrDefault(ItemState.PENDING, 0L), (s.states().getOrDefault(ItemState.SENT, 0L) > 0
                                ? String.format(", %,d sent to the DCC and not answered yet",
                                        s.states().get(ItemState.SENT)) : "")
                                + (s.states().getOrDefault(ItemState.ACKNOWLEDGED, 0L) > 0
                                ? String.format(", %,d accepted and awaiting their outcome (future-dated or I99)",
                                        s.states().get(ItemState.ACKNOWLEDGED)) : ""));
    }

    @Command(command = "failures", description = "Meters not applied, with their state, attempts, status code and reason")
    String failures(@Option(longNames = "format", defaultValue = "table", description = "table, json or csv")
            String format, @Option(longNames = "mode", defaultValue = "change-of-supplier", description =
                    "change-of-supplier, recovery or contingency") String mode,
            @Option(longNames = "trainer", defaultValue = "false", description = "rehearsal trainer: what each"
                    + " simulated meter itself said (trainees see only what the DCC reports)") boolean trainer) {
        Event event = events.requireCurrent();
        TrainerView.allowed(trainer, event);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CampaignService.Failure f : campaigns.getObject().failures(event, route(mode))) {
            Map<String, Object> r = Rendered.map();
            r.put("device_id", f.deviceId());
            r.put("group", f.group().rank());
            r.put("state", f.state().name());
            r.put("attempts", f.attempts());
            r.put("status_code", f.statusCode() == null ? "" : f.statusCode());
            r.put("reason", f.detail() == null ? "" : f.detail());
            if (trainer) {
                r.put("meter_said", f.trainerDetail() == null ? "" : f.trainerDetail());
            }
            rows.add(r);
        }
        List<String> columns = new ArrayList<>(List.of("device_id", "group", "state", "attempts", "status_code",
                "reason"));
        if (trainer) {
            columns.add("meter_said");
        }
        return Rendered.rows(Format.parse(format), rows, columns);
    }

    /**
     * The states a table shows: the simulated campaign's always, the live event's (SENT,
     * ACKNOWLEDGED, REJECTED: DUIS) once the campaign has a meter in one of them.
     */
    static List<ItemState> shown(Map<ItemState, Long> states) {
        return java.util.Arrays.stream(ItemState.values()).filter(st -> st.ordinal() <= ItemState.UNREACHABLE.ordinal()
                || states.getOrDefault(st, 0L) > 0).toList();
    }
}
