package org.solrtoolkit.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.Json;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The append-only, hash-chained audit log. Each row's hash is SHA-256 over the previous row's
 * hash and the row's canonical content (a JSON object with a fixed field order), so a row edited,
 * deleted or inserted outside the toolkit breaks the chain at that row. Appends take the caller's
 * template so that they commit in the same transaction as the state change they record.
 */
public final class AuditLog {

    /** The previous hash of the first row. */
    public static final String GENESIS = "0".repeat(64);

    private static final String COLUMNS = "seq, at, event_id, actor, party, role, action, subject, before, after, "
            + "note, reason, evidence_sha256, detail, prev_hash, hash, login";
    /** The columns written on a SQLite file. */
    private static final String WRITTEN = COLUMNS.substring(0, COLUMNS.lastIndexOf(", login"));

    /**
     * Appends {@code entry} after the current head. Must run inside the caller's write
     * transaction (which SQLite's BEGIN IMMEDIATE serialises), so no other append interleaves.
     */
    public AuditRecord append(NamedParameterJdbcTemplate jdbc, AuditEntry entry) {
        List<Map<String, Object>> head = jdbc.queryForList(
                "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", Map.of());
        long seq = head.isEmpty() ? 1 : ((Number) head.get(0).get("seq")).longValue() + 1;
        String prev = head.isEmpty() ? GENESIS : (String) head.get(0).get("hash");
        String at = entry.at().toString();
        // on a server database the row records the login that wrote it, and its hash covers it (issue 18)
        String login = org.solrtoolkit.store.Connections.login(jdbc).orElse(null);
        String hash = hash(prev, canonical(seq, at, entry, login));
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("seq", seq).addValue("at", at).addValue("event_id", entry.eventId())
                .addValue("actor", entry.actor()).addValue("party", entry.party()).addValue("role", entry.role())
                .addValue("action", entry.action()).addValue("subject", entry.subject())
                .addValue("before", entry.before()).addValue("after", entry.after())
                .addValue("note", entry.note()).addValue("reason", entry.reason())
                .addValue("evidence_sha256", entry.evidenceSha256()).addValue("detail", entry.detail())
                .addValue("prev_hash", prev).addValue("hash", hash).addValue("login", login);
        // a file's rows have no login: the column is left out (as a database from before schema 17 has none)
        jdbc.update("INSERT INTO audit (" + (login == null ? WRITTEN : COLUMNS) + ") VALUES (:seq, :at, :event_id,"
                + " :actor, :party, :role, :action, :subject, :before, :after, :note, :reason, :evidence_sha256, :detail,"
                + " :prev_hash, :hash" + (login == null ? ")" : ", :login)"), p);
        return new AuditRecord(seq, at, entry, prev, hash, login);
    }

    /** Rows of one event (or all rows when {@code eventId} is null), optionally for one subject. */
    public List<AuditRecord> list(NamedParameterJdbcTemplate jdbc, String eventId, String subject) {
        MapSqlParameterSource p = new MapSqlParameterSource().addValue("event_id", eventId).addValue("subject", subject);
        return jdbc.query("SELECT " + COLUMNS + " FROM audit WHERE (CAST(:event_id AS TEXT) IS NULL OR event_id = :event_id)"
                + " AND (CAST(:subject AS TEXT) IS NULL OR subject = :subject) ORDER BY seq", p, (rs, n) -> read(rs));
    }

    /** How many rows of an event have an action matching the SQL LIKE {@code actionPattern}, by role. */
    public Map<String, Long> countByRole(NamedParameterJdbcTemplate jdbc, String eventId, String actionPattern) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT role, count(*) AS n FROM audit WHERE event_id = :e AND action LIKE :a GROUP BY role",
                Map.of("e", eventId, "a", actionPattern), rs -> {
                    m.put(rs.getString("role"), rs.getLong("n"));
                });
        return m;
    }

    /** The first time each subject of an event had one of {@code actions}. */
    public Map<String, Instant> firstTimes(NamedParameterJdbcTemplate jdbc, String eventId, List<String> actions) {
        Map<String, Instant> m = new java.util.LinkedHashMap<>();
        jdbc.query("SELECT subject, min(at) AS at FROM audit WHERE event_id = :e AND action IN (:a) GROUP BY subject",
                Map.of("e", eventId, "a", actions), rs -> {
                    m.put(rs.getString("subject"), Instant.parse(rs.getString("at")));
                });
        return m;
    }

    /** The row with sequence number {@code seq}, if present. */
    public Optional<AuditRecord> find(NamedParameterJdbcTemplate jdbc, long seq) {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit WHERE seq = :seq", Map.of("seq", seq),
                (rs, n) -> read(rs)).stream().findFirst();
    }

    /**
     * Walks the whole chain in order and reports the first row whose sequence, previous hash or
     * content hash does not match.
     */
    public AuditVerification verify(NamedParameterJdbcTemplate jdbc) {
        long[] expectedSeq = {1};
        String[] prev = {GENESIS};
        long[] rows = {0};
        AuditVerification[] broken = {null};
        jdbc.query("SELECT " + COLUMNS + " FROM audit ORDER BY seq", Map.of(), rs -> {
            if (broken[0] != null) {
                return;
            }
            AuditRecord r = read(rs);
            rows[0]++;
            if (r.seq() != expectedSeq[0]) {
                broken[0] = AuditVerification.broken(rows[0], prev[0], r.seq(), r.seq() > expectedSeq[0]
                        ? "row " + expectedSeq[0] + (r.seq() - expectedSeq[0] > 1 ? " to " + (r.seq() - 1) : "")
                                + " missing before row " + r.seq() + " (deleted outside the toolkit)"
                        : "row " + r.seq() + " is out of sequence");
                return;
            }
            if (!r.prevHash().equals(prev[0])) {
                broken[0] = AuditVerification.broken(rows[0], prev[0], r.seq(), "row " + r.seq()
                        + " does not follow row " + (r.seq() - 1) + " (its prev_hash differs: a row was deleted,"
                        + " inserted or rehashed outside the toolkit)");
                return;
            }
            String expected = hash(r.prevHash(), canonical(r.seq(), r.at(), r.entry(), r.login()));
            if (!expected.equals(r.hash())) {
                broken[0] = AuditVerification.broken(rows[0], prev[0], r.seq(), "row " + r.seq()
                        + " was edited outside the toolkit (its content no longer matches its hash)");
                return;
            }
            prev[0] = r.hash();
            expectedSeq[0]++;
        });
        return broken[0] != null ? broken[0] : AuditVerification.ok(rows[0], prev[0]);
    }

    private static AuditRecord read(ResultSet rs) throws SQLException {
        String at = rs.getString("at");
        Instant parsed;
        try {
            parsed = Instant.parse(at);
        } catch (RuntimeException e) {
            parsed = Instant.EPOCH; // an unparseable time was edited in; the hash check names the row
        }
        AuditEntry e = new AuditEntry(parsed, rs.getString("event_id"), nz(rs.getString("actor")),
                rs.getString("party"), rs.getString("role"), nz(rs.getString("action")), rs.getString("subject"),
                rs.getString("before"), rs.getString("after"), rs.getString("note"), rs.getString("reason"),
                rs.getString("evidence_sha256"), rs.getString("detail"));
        return new AuditRecord(rs.getLong("seq"), at, e, nz(rs.getString("prev_hash")), nz(rs.getString("hash")),
                rs.getString("login"));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The canonical content of a row: every field, fixed order, nulls kept, as compact JSON. */
    static String canonical(long seq, String at, AuditEntry e) {
        return canonical(seq, at, e, null);
    }

    /** As {@link #canonical(long, String, AuditEntry)}, with the login that wrote a server row last (when there is one). */
    static String canonical(long seq, String at, AuditEntry e, String login) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("at", at);
        m.put("event_id", e.eventId());
        m.put("actor", e.actor());
        m.put("party", e.party());
        m.put("role", e.role());
        m.put("action", e.action());
        m.put("subject", e.subject());
        m.put("before", e.before());
        m.put("after", e.after());
        m.put("note", e.note());
        m.put("reason", e.reason());
        m.put("evidence_sha256", e.evidenceSha256());
        m.put("detail", e.detail());
        if (login != null) {
            m.put("login", login);
        }
        try {
            return Json.mapper().writeValueAsString(m);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("audit content is plain strings and numbers", ex);
        }
    }

    static String hash(String prevHash, String canonical) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(prevHash.getBytes(StandardCharsets.US_ASCII));
            md.update((byte) '\n');
            md.update(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
        }
    }
}
