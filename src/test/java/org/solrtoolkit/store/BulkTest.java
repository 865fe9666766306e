package org.solrtoolkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bulk paths on both databases (issue 18): {@link BulkInsert} (multi-row INSERTs on a file,
 * COPY on the server) and {@link BulkUpdate} write exactly the values given, whatever characters
 * they hold, in the caller's transaction.
 */
class BulkTest {

    record Row(String key, String value) {
    }

    private static final BulkInsert<Row> INSERT = new BulkInsert<>("bulk_test", List.of(
            new BulkInsert.Column<>("key", Row::key), new BulkInsert.Column<>("value", Row::value)));
    private static final BulkUpdate<Row> UPDATE = new BulkUpdate<>("bulk_test",
            List.of(new BulkUpdate.Column<>("value", "text", Row::value)),
            List.of(new BulkUpdate.Column<>("key", "text", Row::key)));

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void everyValueArrivesAsGivenInWholeStatementsAndTheRest(TestDatabase kind) {
        List<Row> rows = new ArrayList<>();
        String awkward = "tab\there, new\nline, cr\r, back\\slash \\N, quote ' \" and é€";
        for (int i = 0; i < BulkInsert.ROWS_PER_STATEMENT * 2 + 7; i++) {
            rows.add(new Row("k" + i, i == 3 ? null : i % 2 == 0 ? awkward + i : "plain " + i));
        }
        try (Database db = open(kind)) {
            db.write(j -> {
                INSERT.run(j, rows);
                return null;
            });
            assertThat(read(db)).isEqualTo(rows.stream().sorted(java.util.Comparator.comparing(Row::key)).toList());

            List<Row> changed = rows.stream().map(r -> new Row(r.key(), r.value() == null ? "now set" : null)).toList();
            db.write(j -> {
                UPDATE.run(j, changed);
                return null;
            });
            assertThat(read(db)).isEqualTo(changed.stream().sorted(java.util.Comparator.comparing(Row::key)).toList());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailingBatchLeavesNothingOfItsTransaction(TestDatabase kind) {
        try (Database db = open(kind)) {
            List<Row> twice = List.of(new Row("a", "1"), new Row("b", "2"), new Row("a", "3"));
            assertThatThrownBy(() -> db.write(j -> {
                INSERT.run(j, List.of(new Row("before", "x")));
                INSERT.run(j, twice);
                return null;
            })).isInstanceOf(RuntimeException.class);
            assertThat(read(db)).isEmpty();
        }
    }

    /** A new database with a table of a key and a text that may be null, in both dialects. */
    private Database open(TestDatabase kind) {
        Database db = kind.open(dir);
        db.write(j -> j.update("CREATE TABLE bulk_test (key TEXT PRIMARY KEY, value TEXT)", Map.of()));
        return db;
    }

    private static List<Row> read(Database db) {
        return db.jdbc().query("SELECT key, value FROM bulk_test", Map.of(), (rs, i) -> new Row(rs.getString(1),
                rs.getString(2))).stream().sorted(java.util.Comparator.comparing(Row::key)).toList();
    }
}
