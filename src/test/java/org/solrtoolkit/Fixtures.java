package org.solrtoolkit;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.solrtoolkit.playbook.Playbook;
import org.solrtoolkit.playbook.PlaybookLoader;
import org.solrtoolkit.store.Database;

/** Shared test material: the standard playbook, a settable clock, and a dump of what a database holds. */
public final class Fixtures {

    public static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

    private Fixtures() {
    }

    public static Playbook standardPlaybook() {
        return new PlaybookLoader().load(Path.of("playbooks/solr-standard.yaml"));
    }

    /**
     * Every row of every table, in order: two equal snapshots mean nothing was written. Reads
     * through SQL, so it sees committed WAL content too.
     */
    public static String snapshot(Database db) {
        StringBuilder sb = new StringBuilder();
        List<String> tables = db.jdbc().queryForList(db.isServer()
                ? "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
                : "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", Map.of(), String.class);
        for (String t : tables) {
            sb.append(t);
            List<String> rows = new java.util.ArrayList<>();
            for (Map<String, Object> row : db.jdbc().queryForList("SELECT * FROM \"" + t + "\"", Map.of())) {
                row.replaceAll((k, v) -> v instanceof byte[] b ? java.util.HexFormat.of().formatHex(b) : v);
                rows.add(row.toString());
            }
            java.util.Collections.sort(rows); // the same rows in any physical order
            rows.forEach(sb::append);
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * What someone with the sqlite3 CLI (or psql, as the database's owner) can do to the audit log:
     * drop its guard triggers and run {@code sql} on it.
     */
    public static void tamperAudit(Database db, String sql) {
        String on = db.isServer() ? " ON audit" : "";
        db.write(j -> {
            j.update("DROP TRIGGER IF EXISTS audit_no_update" + on, Map.of());
            j.update("DROP TRIGGER IF EXISTS audit_no_delete" + on, Map.of());
            return j.update(sql, Map.of());
        });
    }

    /** A clock the test moves by hand. */
    public static final class MutableClock extends Clock {
        private Instant now;

        public MutableClock(Instant start) {
            this.now = start;
        }

        public void advance(Duration d) {
            now = now.plus(d);
        }

        public void set(Instant t) {
            now = t;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
