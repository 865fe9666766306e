package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.solrtoolkit.device.FleetBenchmark;
import org.solrtoolkit.device.FleetGenerator;
import org.solrtoolkit.device.FleetService;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.playbook.PartyRole;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code fleet import|export|generate|stats|benchmark}: the simulated prepayment fleet's inventory. */
@Command(command = "fleet", group = "Fleet")
public class FleetCommands {

    private final ObjectProvider<FleetService> fleet;
    private final ObjectProvider<FleetGenerator> generator;
    private final ObjectProvider<MeterService> meters;
    private final EventService events;
    private final Actors actors;

    private final ToolkitConfiguration.DatabaseHolder db;

    FleetCommands(ObjectProvider<FleetService> fleet, ObjectProvider<FleetGenerator> generator, ObjectProvider<MeterService> meters, EventService events,
            Actors actors, ToolkitConfiguration.DatabaseHolder db) {
        this.db = db;
        this.fleet = fleet;
        this.generator = generator;
        this.meters = meters;
        this.events = events;
        this.actors = actors;
    }

    @Command(command = "generate", description = "Make a realistic fleet whose Supplier cells hold the event's Failing Supplier's certificates")
    String generate(@Option(longNames = "count", required = true, description = "how many meters") long count,
            @Option(longNames = "prepayment-share", defaultValue = "0.3", description = "share on prepayment, 0 to 1")
            double share,
            @Option(longNames = "seed", description = "same seed, same fleet (default: random, printed)") Long seed) {
        Event event = events.requireCurrent();
        String supplier = event.partyOf(PartyRole.FAILING_SUPPLIER).orElseThrow().name();
        long s = seed != null ? seed : new java.security.SecureRandom().nextLong() >>> 1;
        Progress progress = new Progress("fleet generate", count);
        FleetGenerator.Generated g;
        Progress.Heap heap = Progress.Heap.start();
        long t0 = System.nanoTime();
        try {
            g = generator.getObject().generate(count, share, s, supplier, actors.current(), progress::update);
        } finally {
            progress.finish();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return String.format("generated %,d meter(s) supplied by %s, %s to %s: %,d on prepayment; seed %d"
                + " (%.1f s, %,.0f meters/s, peak heap %d MB)", g.count(), supplier, g.first(), g.last(),
                g.prepayment(), g.seed(), seconds, g.count() / seconds, heap.peakMegabytes());
    }

    @Command(command = "import", description = "Import meters from CSV; any bad row: every problem listed, nothing imported")
    String importCsv(@Option(longNames = "file", required = true, description = "CSV inventory") String file,
            @Option(longNames = "skip-invalid", defaultValue = "false", description = "import the valid rows only")
            boolean skipInvalid,
            @Option(longNames = "rejects", description = "where rejected rows and their reasons go") String rejects) {
        db.create(); // an inventory can be checked in before any event: the import makes a database
        FleetService.ImportResult r = fleet.getObject().importCsv(Path.of(file), skipInvalid, rejects == null ? null
                : Path.of(rejects), actors.current());
        db.keep();
        return "imported " + r.imported() + " meter(s) from " + file + (r.rejected() == 0 ? ""
                : "; " + r.rejected() + " row(s) rejected, written with their reasons to " + rejects);
    }

    @Command(command = "export", description = "Write every meter to CSV (all columns; imports back unchanged)")
    String export(@Option(longNames = {"file", "out"}, required = true, description = "CSV file to write, - for stdout")
            String file) {
        String marking = events.current().filter(org.solrtoolkit.event.Event::isRehearsal).map(e -> "REHEARSAL "
                + e.id() + ": simulated fleet of a rehearsal, not a live inventory").orElse(null);
        if (Stdout.is(file)) { // the CSV itself on stdout, for a pipe; the count on stderr
            long n = fleet.getObject().export(Stdout.writer(), Stdout.NAME, actors.current(), marking);
            return Stdout.note(file, "exported " + n + " meter(s) to stdout");
        }
        return "exported " + fleet.getObject().export(Path.of(file), actors.current(), marking) + " meter(s) to " + file
                + (marking == null ? "" : " (marked REHEARSAL on its first line)");
    }

    @Command(command = "benchmark", description = "fleet import of a generated CSV vs Commons CSV parsing it alone")
    String benchmark(@Option(longNames = "rows", defaultValue = "1000000") int rows,
            @Option(longNames = "server", description = "instead, import into a SQLite file and into this new, empty"
                    + " postgresql:// database and compare (held to the campaign's target: within 1.5 times)")
            String server) throws Exception {
        Path scratch = java.nio.file.Files.createTempDirectory("solr-toolkit-fleet-bench");
        try {
            if (server != null) {
                FleetBenchmark.ServerFigures f = new FleetBenchmark().onServer(scratch, rows, server);
                return BenchmarkVerdict.of(String.format("fleet import of %,d rows, same run: SQLite file %.1f s (%,.0f"
                        + " rows/s), PostgreSQL server %.1f s (%,.0f rows/s)%nratio server/file %.2f (target <= 1.5)",
                        f.rows(), f.fileSeconds(), f.rows() / f.fileSeconds(), f.serverSeconds(),
                        f.rows() / f.serverSeconds(), f.ratio()), f.ratio() <= 1.5, String.format("ratio %.2f server"
                        + " to file, target <= 1.5", f.ratio()), System.out);
            }
            FleetBenchmark.Figures f = new FleetBenchmark().run(scratch, rows);
            return BenchmarkVerdict.of(String.format("%d rows (%.1f MB): Commons CSV parse %.2f s, fleet import %.2f s"
                    + " (%.0f rows/s); ratio %.2f (target <= 3.0); peak heap %d MB", f.rows(), f.bytes() / 1e6,
                    f.parseSeconds(), f.importSeconds(), f.rows() / f.importSeconds(), f.ratio(),
                    f.peakHeapBytes() >> 20), f.ratio() <= 3.0, String.format("ratio %.2f to Commons CSV, target"
                    + " <= 3.0", f.ratio()), System.out);
        } finally {
            try (var s = java.nio.file.Files.walk(scratch)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Command(command = "stats", description = "Meters by type, payment mode, supply state, PSR and supplier, and who is off supply, as of now")
    String stats(@Option(longNames = "format", defaultValue = "table", description = "table or json") String format) {
        MeterService.SupplyStats st = meters.getObject().stats();
        Map<String, Map<String, Long>> s = st.counts();
        if (Format.parse(format) == Format.JSON) {
            Map<String, Object> all = Rendered.map();
            all.put("at", st.at().toString());
            all.put("meters", st.meters());
            all.put("prepayment", st.prepayment());
            all.put("off_supply", st.offSupply());
            all.put("off_supply_psr", st.offSupplyPsr());
            all.put("longest_off_supply_hours", st.longestOff().toMinutes() / 60.0);
            all.put("customer_hours_off_supply", st.customerHoursOff());
            all.put("never_disabled", st.neverDisabled());
            all.put("on_emergency_credit", st.onEmergencyCredit());
            all.put("by", s);
            return Rendered.json(all);
        }
        List<Map<String, Object>> rows = s.entrySet().stream().flatMap(e -> e.getValue().entrySet().stream().map(v -> {
            Map<String, Object> r = Rendered.map();
            r.put("by", e.getKey());
            r.put("value", v.getKey());
            r.put("meters", v.getValue());
            return r;
        })).collect(Collectors.toList());
        return Rendered.table(rows, List.of("by", "value", "meters")) + String.format("%nas of %s: %,d meter(s), %,d on"
                + " prepayment; off supply %,d (PSR %,d), longest %.1f h, %.1f customer-hours; never disabled (calendar all day) %,d;"
                + " on emergency credit %,d", st.at(), st.meters(), st.prepayment(), st.offSupply(), st.offSupplyPsr(),
                st.longestOff().toMinutes() / 60.0, st.customerHoursOff(), st.neverDisabled(), st.onEmergencyCredit());
    }
}
