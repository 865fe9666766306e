package org.solrtoolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each table has one owning package (style.md habit 16): SQL naming a table appears only in the
 * package that owns it; every other feature goes through that package's public methods. The map
 * below is the rule; a table the migrations create but the map does not name fails the test too.
 */
class TableOwnershipTest {

    static final Map<String, String> OWNER = Map.ofEntries(
            Map.entry("setting", "event"), Map.entry("event", "event"), Map.entry("party", "event"),
            Map.entry("event_phase", "event"), Map.entry("event_step", "event"), Map.entry("step_state", "event"),
            Map.entry("evidence", "event"), Map.entry("operator_login", "event"),
            Map.entry("audit", "audit"),
            Map.entry("smki", "pki"), Map.entry("pki_party", "pki"), Map.entry("certificate", "pki"),
            Map.entry("meter", "device"), Map.entry("meter_eui", "device"), Map.entry("cell_set", "device"),
            Map.entry("cell_set_cell", "device"), Map.entry("topup", "device"), Map.entry("fleet_sample", "device"),
            Map.entry("campaign", "migration"), Map.entry("campaign_item", "migration"),
            Map.entry("duis_counter", "migration"), Map.entry("duis_request", "migration"),
            Map.entry("duis_response", "migration"), Map.entry("dcc_request", "migration"),
            Map.entry("meter_deferred", "device"), Map.entry("meter_alert", "device"),
            Map.entry("dcc_registration", "migration"), Map.entry("protect_request", "migration"),
            Map.entry("dcc_precommand", "migration"),
            Map.entry("rehearsal", "rehearsal"), Map.entry("rehearsal_trainee", "rehearsal"),
            Map.entry("rehearsal_fault", "rehearsal"), Map.entry("rehearsal_loss", "rehearsal"));

    private static final Pattern TABLE = Pattern.compile("\\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\\s+(\\w+)");

    @Test
    void sqlNamesATableOnlyInsideItsOwningPackage() throws IOException {
        List<String> trespass = new ArrayList<>();
        for (MainSources.Source f : MainSources.all()) {
            for (String table : tablesIn(f.literals())) {
                String owner = OWNER.get(table);
                if (owner != null && !owner.equals(f.feature())) {
                    trespass.add(f.file() + " names table " + table + " (owned by " + owner + ")");
                }
            }
        }
        assertThat(trespass).as("SQL outside the owning package").isEmpty();
    }

    @Test
    void everyTableTheMigrationsKeepHasAnOwner() throws IOException {
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration/sqlite"))) {
            for (Path f : files.sorted().toList()) {
                String sql = Files.readString(f);
                Matcher m = Pattern.compile("CREATE (?:TABLE|VIEW) (\\w+)").matcher(sql);
                while (m.find()) {
                    created.add(m.group(1));
                }
                Matcher d = Pattern.compile("DROP TABLE (\\w+)").matcher(sql);
                while (d.find()) {
                    created.remove(d.group(1));
                }
                Matcher r = Pattern.compile("ALTER TABLE (\\w+) RENAME TO (\\w+)").matcher(sql);
                while (r.find()) { // a table rebuilt under a new name and renamed back (SQLite cannot alter a CHECK)
                    created.remove(r.group(1));
                    created.add(r.group(2));
                }
            }
        }
        assertThat(OWNER.keySet()).containsExactlyInAnyOrderElementsOf(created);
    }

    @Test
    void theScanFindsTablesInConcatenatedSql() {
        assertThat(tablesIn("x(\"SELECT a FROM\" + \" meter m JOIN cell_set s\")")).containsExactly("cell_set", "meter");
    }

    static Set<String> tablesIn(String source) {
        return tablesIn(MainSources.literals(source));
    }

    /** Tables named after FROM, INTO, UPDATE, JOIN or TABLE in a file's string literals, read as one text. */
    static Set<String> tablesIn(List<String> literals) {
        Matcher t = TABLE.matcher(String.join("", literals));
        Set<String> tables = new TreeSet<>();
        while (t.find()) {
            tables.add(t.group(1));
        }
        return tables.stream().filter(OWNER::containsKey).collect(Collectors.toCollection(TreeSet::new));
    }
}
