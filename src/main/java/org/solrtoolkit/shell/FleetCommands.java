package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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
