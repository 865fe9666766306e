package org.solrtoolkit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;

/**
 * The PostgreSQL server database (issue 18) on a real server: the same schema as the SQLite file
 * from one history, writers serialised so the audit chain never forks, and each way of failing to
 * reach it one clear line with nothing written.
 */
class ServerDatabaseTest {

    @TempDir
    Path dir;

    @Test
    void theServerSchemaHasTheFilesTablesAndColumns() {
        Database file = TestDatabase.SQLITE.open(dir);
        Database server = TestDatabase.POSTGRESQL.open(dir);
        Map<String, TreeSet<String>> sqlite = new TreeMap<>();
        for (String t : file.jdbc().queryForList("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')"
                + " AND name NOT LIKE 'sqlite_%'", Map.of(), String.class)) {
            sqlite.put(t, new TreeSet<>(file.jdbc().queryForList("SELECT name FROM pragma_table_info(:t)", Map.of("t", t),
                    String.class)));
        }
        Map<String, TreeSet<String>> pg = new TreeMap<>();
        server.jdbc().query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema ="
                + " current_schema()", Map.of(), rs -> {
            pg.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2));
        });
        assertThat(pg).isEqualTo(sqlite);
        server.close();
    }

    @Test
    void concurrentWritersNeverForkTheAuditChain() throws Exception {
        String url = TestDatabase.newServerUrl();
        Map<String, String> env = TestDatabase.serverEnv();
        Database.server(url, env).close(); // migrated once
        AuditLog log = new AuditLog();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                Database db = Database.server(url, env); // each its own pool of connections, as separate operators
                for (int i = 0; i < 25; i++) {
                    AuditEntry e = new AuditEntry(Instant.parse("2026-11-20T09:00:00Z").plusSeconds(i), "ev-1",
                            "Writer " + writer, "Acme Energy", "FAILING_SUPPLIER", "step.start", "P1-0" + writer, null,
                            "IN_PROGRESS", null, null, null, null);
                    db.write(j -> log.append(j, e));
                }
                db.close();
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        Database db = Database.server(url, env);
        var v = log.verify(db.jdbc());
        assertThat(v.ok()).as(String.valueOf(v)).isTrue();
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit", Map.of(), Long.class)).isEqualTo(150);
        assertThat(db.jdbc().queryForObject("SELECT count(DISTINCT prev_hash) FROM audit", Map.of(), Long.class))
                .as("no two rows follow the same row").isEqualTo(150);
        db.close();
    }

    @Test
    void anUnreachableServerIsOneLine() {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThatThrownBy(() -> Database.server("postgresql://localhost:" + port + "/solr", TestDatabase.serverEnv()))
                .isInstanceOf(StoreException.class).hasMessageStartingWith("database server localhost:" + port
                        + " cannot be reached (").hasMessageNotContaining("\n")
                .extracting(e -> ((StoreException) e).errorCode()).isEqualTo(StoreException.Code.UNREACHABLE);
    }

    @Test
    void wrongCredentialsAreRefusedAsALogin() {
        String url = TestDatabase.newServerUrl();
        Map<String, String> env = new HashMap<>(TestDatabase.serverEnv());
        env.put("PGPASSWORD", "not-the-password");
        assertThatThrownBy(() -> Database.server(url, env)).isInstanceOf(StoreException.class)
                .hasMessageContaining("refused the login '" + env.get("PGUSER") + "'")
                .hasMessageContaining("check PGUSER and the password in ~/.pgpass").hasMessageNotContaining("not-the")
                .extracting(e -> ((StoreException) e).errorCode()).isEqualTo(StoreException.Code.LOGIN_REFUSED);
    }

    @Test
    void aPasswordInTheUrlIsRefusedAndNeverRepeated() {
        assertThatThrownBy(() -> Database.server("postgresql://alice:s3cret@localhost:5432/solr", Map.of()))
                .isInstanceOf(StoreException.class).hasMessageContaining("carries a password")
                .hasMessageNotContaining("s3cret")
                .extracting(e -> ((StoreException) e).errorCode()).isEqualTo(StoreException.Code.BAD_URL);
        assertThatThrownBy(() -> Database.server("postgresql://localhost:5432/", Map.of()))
                .hasMessageContaining("must be postgresql://host[:port]/database");
    }

    @Test
    void aServerDatabaseAtANewerSchemaIsRefusedWithNothingWritten() {
        String url = TestDatabase.newServerUrl();
        Map<String, String> env = TestDatabase.serverEnv();
        Database db = Database.server(url, env);
        db.jdbc().update("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                + " installed_by, execution_time, success) VALUES (999, '99', 'from the future', 'SQL', 'V99__future.sql',"
                + " 'solr_admin', 1, true)", Map.of());
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(() -> Database.server(url, env)).isInstanceOf(StoreException.class)
                .hasMessageContaining("was written by a newer solr-toolkit (schema version 99")
                .extracting(e -> ((StoreException) e).errorCode()).isEqualTo(StoreException.Code.NEWER_SCHEMA);
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
        db.close();
    }
}
