package org.solrtoolkit.migration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.solrtoolkit.store.Database;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The files checked so far and not yet written, in a temporary table of the pinned connection
 * (SQLite's temporary database, PostgreSQL's session schema): nothing of it is in the event's
 * database until the import's one write transaction copies it there, and it is gone when the
 * import ends, whether it wrote or not. Memory stays flat however many files a folder holds: an
 * import of a million responses held 1.4 KB per file in the heap before.
 */
final class StagedResponses {

    /**
     * One checked file, as the import stages it: the item it settles, its new state, the code and
     * detail to record, and the response's own record (RequestID, kind, code, file name), without
     * the response itself.
     */
    record Checked(String sha256, String requestId, String kind, String code, String file, long campaignId,
            long deviceId, ItemState state, Integer statusCode, String detail) {
    }

    /** Rows staged, or written, per statement batch. */
    static final int BATCH = 500;

    private final Database db;
    private final String table;
    private final List<Checked> pending = new ArrayList<>();
    private long seq;

    StagedResponses(Database db) {
        this.db = db;
        this.table = (db.dialect() == Database.Dialect.POSTGRESQL ? "pg_temp" : "temp") + ".duis_import_stage";
        NamedParameterJdbcTemplate jdbc = db.jdbc();
        jdbc.getJdbcTemplate().execute("DROP TABLE IF EXISTS " + table); // a connection's earlier import that died
        jdbc.getJdbcTemplate().execute("CREATE TEMP TABLE duis_import_stage (seq BIGINT PRIMARY KEY, sha256 TEXT"
                + " NOT NULL UNIQUE, request_id TEXT NOT NULL, kind TEXT NOT NULL, code TEXT NOT NULL, file TEXT"
                + " NOT NULL, campaign_id BIGINT NOT NULL, device_id BIGINT NOT NULL, state TEXT NOT NULL,"
                + " status_code INTEGER, detail TEXT)");
    }

    /** Whether a file of this SHA-256 is among those checked by this import already (a copy given twice). */
    boolean holds(String sha256) {
        if (pending.stream().anyMatch(c -> c.sha256().equals(sha256))) {
            return true;
        }
        return db.jdbc().queryForObject("SELECT count(*) FROM " + table + " WHERE sha256 = :s", Map.of("s", sha256),
                Integer.class) > 0;
    }

    void add(Checked c) {
        pending.add(c);
        if (pending.size() == BATCH) {
            flush();
        }
    }

    long size() {
        return seq + pending.size();
    }

    void flush() {
        if (pending.isEmpty()) {
            return;
        }
        MapSqlParameterSource[] rows = new MapSqlParameterSource[pending.size()];
        for (int i = 0; i < rows.length; i++) {
            Checked c = pending.get(i);
            rows[i] = new MapSqlParameterSource("seq", seq++).addValue("sha", c.sha256())
                    .addValue("r", c.requestId()).addValue("k", c.kind()).addValue("code", c.code())
                    .addValue("f", c.file()).addValue("c", c.campaignId()).addValue("dev", c.deviceId())
                    .addValue("s", c.state().name()).addValue("sc", c.statusCode()).addValue("d", c.detail());
        }
        db.jdbc().batchUpdate("INSERT INTO " + table + " (seq, sha256, request_id, kind, code, file, campaign_id,"
                + " device_id, state, status_code, detail) VALUES (:seq, :sha, :r, :k, :code, :f, :c, :dev, :s,"
                + " :sc, :d)", rows);
        pending.clear();
    }

    /** The staged files in the order they were checked, a page from position {@code from}. */
    List<Checked> page(NamedParameterJdbcTemplate jdbc, long from) {
        return jdbc.query("SELECT sha256, request_id, kind, code, file, campaign_id, device_id, state, status_code,"
                + " detail FROM " + table + " WHERE seq >= :a ORDER BY seq LIMIT " + BATCH, Map.of("a", from),
                (rs, n) -> new Checked(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getLong(7), ItemState.valueOf(rs.getString(8)),
                        rs.getObject(9) == null ? null : rs.getInt(9), rs.getString(10)));
    }

    void drop() {
        pending.clear();
        try {
            db.jdbc().getJdbcTemplate().execute("DROP TABLE IF EXISTS " + table);
        } catch (DataAccessException e) {
            // the connection is gone (a server that went away): its temporary table went with it
        }
    }
}
