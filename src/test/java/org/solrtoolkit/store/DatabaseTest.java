package org.solrtoolkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;

class DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void createsSchemaOnFirstOpenAndReopens() {
        Path file = dir.resolve("t.db");
        Database.open(file).write(j -> j.update("INSERT INTO setting (key, value) VALUES ('k', 'v')", Map.of()));
        Database again = Database.open(file);
        assertThat(again.jdbc().queryForObject("SELECT value FROM setting WHERE key = 'k'", Map.of(), String.class))
                .isEqualTo("v");
        assertThat(again.jdbc().queryForObject("PRAGMA journal_mode", Map.of(), String.class)).isEqualTo("wal");
    }

    @Test
    void theQuickCurrentSchemaCheckKnowsTheNewestMigration() throws Exception {
        int newest;
        try (var files = Files.list(Path.of("src/main/resources/db/migration/sqlite"))) {
            newest = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElseThrow();
        }
        assertThat(Database.SCHEMA_VERSION).as("Database.SCHEMA_VERSION").isEqualTo(newest);
        // one history in two dialects: the same versions and names in both folders
        assertThat(migrations("postgresql")).as("postgresql").isEqualTo(migrations("sqlite"));
        Path file = dir.resolve("t.db");
        Database.open(file);
        assertThat(Database.open(file).jdbc().queryForObject("SELECT max(CAST(version AS INTEGER)) FROM"
                + " flyway_schema_history", Map.of(), Integer.class)).isEqualTo(newest);
    }

    @Test
    void refusesMissingDirectoryWithoutCreatingIt() {
        Path file = dir.resolve("nope/t.db");
        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessage("database " + file + ": directory " + dir.resolve("nope") + " does not exist;"
                        + " create it or choose another db")
                .extracting(e -> ((StoreException) e).errorCode()).isEqualTo(StoreException.Code.DIRECTORY_MISSING);
        assertThat(dir.resolve("nope")).doesNotExist();
    }

    @Test
    void refusesAFileThatIsNotSqliteAndLeavesItAlone() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "these are my notes, not a database\n");
        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessage("database " + file + " is not a SQLite database; check db / SOLR_TOOLKIT_DB");
        assertThat(Files.readString(file)).isEqualTo("these are my notes, not a database\n");
    }

    @Test
    void refusesADatabaseFromANewerSchemaVersionWithoutChangingIt() {
        Path file = dir.resolve("newer.db");
        Database db = Database.open(file);
        db.write(j -> j.update("INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                + " script, checksum, installed_by, execution_time, success) VALUES (99, '99', 'from the future',"
                + " 'SQL', 'V99__future.sql', 0, 'x', 0, 1)", Map.of()));
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(() -> Database.open(file))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("was written by a newer solr-toolkit (schema version 99, this version knows up to ")
                .hasMessageEndingWith("); open it with that version or newer")
                .extracting(e -> ((StoreException) e).errorCode()).isEqualTo(StoreException.Code.NEWER_SCHEMA);
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
    }

    @Test
    void readOnlyFileOpensForReadingAndRefusesWrites() throws Exception {
        Path file = dir.resolve("archive.db");
        Database.open(file).write(j -> j.update("INSERT INTO setting (key, value) VALUES ('k', 'v')", Map.of()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        Database ro = Database.open(file);
        assertThat(ro.isReadOnly()).isTrue();
        assertThat(ro.jdbc().queryForObject("SELECT value FROM setting", Map.of(), String.class)).isEqualTo("v");
        String before = Fixtures.snapshot(ro);
        assertThatThrownBy(() -> ro.write(j -> j.update("UPDATE setting SET value = 'w'", Map.of())))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("is read-only (no write permission)")
                .extracting(e -> ((StoreException) e).errorCode()).isEqualTo(StoreException.Code.READ_ONLY);
        // asked before the work (an import that reads a million files first): the same line
        assertThatThrownBy(ro::requireWritable).hasMessageContaining("is read-only (no write permission)");
        assertThat(Fixtures.snapshot(ro)).isEqualTo(before);
    }

    @Test
    void aWriteThatFailsLeavesNothingBehind() {
        Database db = Database.open(dir.resolve("t.db"));
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(() -> db.write(j -> {
            j.update("INSERT INTO setting (key, value) VALUES ('a', '1')", Map.of());
            throw new IllegalStateException("disk full");
        })).hasMessage("disk full");
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
    }

    @Test
    void pinnedWorkReadsAndWritesOnOneConnectionAndAFailedWriteInItStillRollsBack() {
        Database db = Database.open(dir.resolve("t.db"));
        java.util.Set<Long> connections = new java.util.HashSet<>();
        String got = db.pinned(() -> {
            for (int i = 0; i < 3; i++) { // a temp table lives on one connection: every statement sees it
                db.jdbc().getJdbcTemplate().execute("CREATE TEMP TABLE IF NOT EXISTS seen (n INTEGER)");
                db.jdbc().update("INSERT INTO seen VALUES (1)", Map.of());
                connections.add(db.jdbc().queryForObject("SELECT count(*) FROM seen", Map.of(), Long.class));
            }
            db.write(j -> j.update("INSERT INTO setting (key, value) VALUES ('kept', '1')", Map.of()));
            assertThatThrownBy(() -> db.write(j -> {
                j.update("INSERT INTO setting (key, value) VALUES ('lost', '1')", Map.of());
                throw new IllegalStateException("disk full");
            })).hasMessage("disk full");
            return db.jdbc().queryForObject("SELECT group_concat(key) FROM setting WHERE key IN ('kept', 'lost')",
                    Map.of(), String.class);
        });
        assertThat(connections).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(got).isEqualTo("kept");
        // released afterwards: a new statement has a connection of its own, without the temp table
        assertThatThrownBy(() -> db.jdbc().queryForObject("SELECT count(*) FROM seen", Map.of(), Long.class))
                .hasMessageContaining("no such table");
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM setting WHERE key = 'kept'", Map.of(), Long.class))
                .isEqualTo(1);
    }

    private static java.util.List<String> migrations(String dialect) throws java.io.IOException {
        try (var files = Files.list(Path.of("src/main/resources/db/migration", dialect))) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
