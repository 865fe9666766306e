package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.solrtoolkit.device.FleetBenchmark;
import org.solrtoolkit.device.FleetService;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code fleet import|export|stats}: the simulated prepayment fleet's inventory. */
@Command(command = "fleet", group = "Fleet")
class FleetCommands {

    private final FleetService fleet;
    private final Actors actors;

    FleetCommands(FleetService fleet, Actors actors) {
        this.fleet = fleet;
        this.actors = actors;
    }

    @Command(command = "import", description = "Import meters from CSV; any bad row: every problem listed, nothing imported")
    String importCsv(@Option(longNames = "file", required = true, description = "CSV inventory") String file,
            @Option(longNames = "skip-invalid", defaultValue = "false", description = "import the valid rows only")
            boolean skipInvalid,
            @Option(longNames = "rejects", description = "where rejected rows and their reasons go") String rejects) {
        FleetService.ImportResult r = fleet.importCsv(Path.of(file), skipInvalid, rejects == null ? null
                : Path.of(rejects), actors.current());
        return "imported " + r.imported() + " meter(s) from " + file + (r.rejected() == 0 ? ""
                : "; " + r.rejected() + " row(s) rejected, written with their reasons to " + rejects);
    }

    @Command(command = "export", description = "Write every meter to CSV (all columns; imports back unchanged)")
    String export(@Option(longNames = "file", required = true, description = "CSV file to write") String file) {
        return "exported " + fleet.export(Path.of(file), actors.current()) + " meter(s) to " + file;
    }

    @Command(command = "benchmark", description = "fleet import of a generated CSV vs Commons CSV parsing it alone")
    String benchmark(@Option(longNames = "rows", defaultValue = "1000000") int rows) throws Exception {
        Path scratch = java.nio.file.Files.createTempDirectory("solr-toolkit-fleet-bench");
        try {
            FleetBenchmark.Figures f = new FleetBenchmark().run(scratch, rows);
            return String.format("%d rows (%.1f MB): Commons CSV parse %.2f s, fleet import %.2f s (%.0f rows/s);"
                    + " ratio %.2f (target <= 3.0); peak heap %d MB", f.rows(), f.bytes() / 1e6, f.parseSeconds(),
                    f.importSeconds(), f.rows() / f.importSeconds(), f.ratio(), f.peakHeapBytes() >> 20);
        } finally {
            try (var s = java.nio.file.Files.walk(scratch)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Command(command = "stats", description = "Meters by type, payment mode, supply state, PSR and supplier")
    String stats(@Option(longNames = "format", defaultValue = "table", description = "table or json") String format) {
        Map<String, Map<String, Long>> s = fleet.stats();
        if (Format.parse(format) == Format.JSON) {
            return Rendered.json(s);
        }
        List<Map<String, Object>> rows = s.entrySet().stream().flatMap(e -> e.getValue().entrySet().stream().map(v -> {
            Map<String, Object> r = Rendered.map();
            r.put("by", e.getKey());
            r.put("value", v.getKey());
            r.put("meters", v.getValue());
            return r;
        })).collect(Collectors.toList());
        return Rendered.table(rows, List.of("by", "value", "meters"));
    }
}
