package org.solrtoolkit.rehearsal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.Json;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.playbook.PartyRole;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * SQL for the rehearsal tables (schema 6): the rehearsal with its simulated clock, its trainees,
 * its scheduled faults and the customers who lost supply. Times are epoch milliseconds.
 */
final class RehearsalRepository {


    /** A fault as scheduled and, once it struck, what it did. */
    record FaultRow(int ordinal, FaultType type, Instant startsAt, Optional<Instant> endsAt, String state,
            Map<String, String> params, JsonNode detail) {
    }

    void insert(NamedParameterJdbcTemplate jdbc, String eventId, Scenario s, Instant t) {
        jdbc.update("INSERT INTO rehearsal (event_id, scenario_id, scenario_file, scenario_sha256, scenario_source, seed,"
                + " clock_at, started_at) VALUES (:e, :id, :f, :sha, :src, :seed, :t, :t)",
                new MapSqlParameterSource("e", eventId).addValue("id", s.id()).addValue("f", s.file())
                        .addValue("sha", s.sha256()).addValue("src", s.source()).addValue("seed", s.seed())
                        .addValue("t", t.toEpochMilli()));
        int position = 0;
        for (Scenario.Trainee tr : s.trainees()) {
            jdbc.update("INSERT INTO rehearsal_trainee (event_id, name, party, role, ordinal) VALUES (:e, :n, :p, :r,"
                    + " :o)", Map.of("e", eventId, "n", tr.name(), "p", tr.party(), "r", tr.role().name(), "o", ++position));
        }
        for (Scenario.Fault f : s.faults()) {
            jdbc.update("INSERT INTO rehearsal_fault (event_id, ordinal, type, starts_at, ends_at, params, state)"
                    + " VALUES (:e, :o, :t, :s, :u, :p, 'PENDING')", new MapSqlParameterSource("e", eventId)
                            .addValue("o", f.ordinal()).addValue("t", f.type().id())
                            .addValue("s", t.plus(f.at()).toEpochMilli())
                            .addValue("u", f.until().map(u -> t.plus(u).toEpochMilli()).orElse(null))
                            .addValue("p", json(f.params())));
        }
    }

    Optional<RehearsalService.Rehearsal> find(NamedParameterJdbcTemplate jdbc, String eventId) {
        return jdbc.query("SELECT * FROM rehearsal WHERE event_id = :e", Map.of("e", eventId), (rs, i) ->
                new RehearsalService.Rehearsal(rs.getString("event_id"), rs.getString("scenario_id"),
                        rs.getString("scenario_file"), rs.getLong("seed"), Instant.ofEpochMilli(rs.getLong("clock_at")),
                        Instant.ofEpochMilli(rs.getLong("started_at")), millis(rs.getObject("ended_at")),
                        millis(rs.getObject("protected_at")), rs.getDouble("customer_hours"),
                        rs.getDouble("customer_hours_gas"))).stream().findFirst();
    }

    Optional<String> runningId(NamedParameterJdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT event_id FROM rehearsal WHERE ended_at IS NULL", Map.of(), String.class)
                .stream().findFirst();
    }

    Optional<String> lastStartedId(NamedParameterJdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT event_id FROM rehearsal ORDER BY started_at DESC, event_id DESC LIMIT 1",
                Map.of(), String.class).stream().findFirst();
    }

    /** The simulated time of rehearsal {@code eventId}, if that event is one. */
    Optional<Instant> clockAt(NamedParameterJdbcTemplate jdbc, String eventId) {
        return jdbc.queryForList("SELECT clock_at FROM rehearsal WHERE event_id = :e", Map.of("e", eventId), Long.class)
                .stream().findFirst().map(Instant::ofEpochMilli);
    }

    Optional<Long> seed(NamedParameterJdbcTemplate jdbc, String eventId) {
        return jdbc.queryForList("SELECT seed FROM rehearsal WHERE event_id = :e", Map.of("e", eventId), Long.class)
                .stream().findFirst();
    }

    void setClock(NamedParameterJdbcTemplate jdbc, String eventId, Instant at) {
        jdbc.update("UPDATE rehearsal SET clock_at = :t WHERE event_id = :e", Map.of("t", at.toEpochMilli(), "e",
                eventId));
    }

    void addCustomerHours(NamedParameterJdbcTemplate jdbc, String eventId, double hours, double gas) {
        jdbc.update("UPDATE rehearsal SET customer_hours = customer_hours + :h, customer_hours_gas = customer_hours_gas"
                + " + :g WHERE event_id = :e", Map.of("h", hours, "g", gas, "e", eventId));
    }

    void setProtectedAt(NamedParameterJdbcTemplate jdbc, String eventId, Instant at) {
        jdbc.update("UPDATE rehearsal SET protected_at = :t WHERE event_id = :e", Map.of("t", at.toEpochMilli(), "e",
                eventId));
    }

    void end(NamedParameterJdbcTemplate jdbc, String eventId) {
        jdbc.update("UPDATE rehearsal SET ended_at = clock_at WHERE event_id = :e", Map.of("e", eventId));
    }

    List<Scenario.Trainee> trainees(NamedParameterJdbcTemplate jdbc, String eventId) {
        return jdbc.query("SELECT name, party, role FROM rehearsal_trainee WHERE event_id = :e ORDER BY ordinal",
                Map.of("e", eventId), (rs, i) -> new Scenario.Trainee(rs.getString("name"), rs.getString("party"),
                        PartyRole.valueOf(rs.getString("role"))));
    }

    /** The faults in {@code states} (PENDING, ACTIVE, OVER), by time and ordinal. */
    List<FaultRow> faults(NamedParameterJdbcTemplate jdbc, String eventId, List<String> states) {
        return jdbc.query("SELECT ordinal, type, starts_at, ends_at, state, params, detail FROM rehearsal_fault"
                + " WHERE event_id = :e AND state IN (:s) ORDER BY starts_at, ordinal", Map.of("e", eventId, "s",
                        states), (rs, i) -> new FaultRow(rs.getInt("ordinal"), FaultType.find(rs.getString("type"))
                                .orElseThrow(), Instant.ofEpochMilli(rs.getLong("starts_at")),
                                millis(rs.getObject("ends_at")), rs.getString("state"), params(rs.getString("params")),
                                tree(rs.getString("detail"))));
    }

    void setFault(NamedParameterJdbcTemplate jdbc, String eventId, int ordinal, String state, Map<String, Object> detail) {
        if (detail == null) {
            jdbc.update("UPDATE rehearsal_fault SET state = :s WHERE event_id = :e AND ordinal = :o",
                    Map.of("s", state, "e", eventId, "o", ordinal));
        } else {
            jdbc.update("UPDATE rehearsal_fault SET state = :s, detail = :d WHERE event_id = :e AND ordinal = :o",
                    Map.of("s", state, "d", json(detail), "e", eventId, "o", ordinal));
        }
    }

    /** Records that these meters went off supply (event, device, off_at millis, psr 0/1). */
    void insertLosses(NamedParameterJdbcTemplate jdbc, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.getJdbcTemplate().batchUpdate("INSERT INTO rehearsal_loss (event_id, device_id, off_at, psr)"
                    + " VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", rows);
            rows.clear();
        }
    }

    /** Customers who lost supply during the rehearsal (PSR ones only if asked). */
    long losses(NamedParameterJdbcTemplate jdbc, String eventId, boolean psrOnly) {
        Long n = jdbc.queryForObject("SELECT count(DISTINCT device_id) FROM rehearsal_loss WHERE event_id = :e"
                + (psrOnly ? " AND psr = 1" : ""), Map.of("e", eventId), Long.class);
        return n == null ? 0 : n;
    }

    /** A loss: which meter, when, whether the customer is on the PSR. */
    record Loss(Eui64 device, Instant at, boolean psr) {
    }

    List<Loss> firstLosses(NamedParameterJdbcTemplate jdbc, String eventId, int n) {
        return jdbc.query("SELECT device_id, off_at, psr FROM rehearsal_loss WHERE event_id = :e ORDER BY off_at,"
                + " device_id LIMIT :n", Map.of("e", eventId, "n", n), (rs, i) -> new Loss(new Eui64(rs.getLong(1)),
                        Instant.ofEpochMilli(rs.getLong(2)), rs.getInt(3) == 1));
    }

    static Optional<Instant> millis(Object o) {
        return o == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(((Number) o).longValue()));
    }

    private static Map<String, String> params(String json) {
        Map<String, String> m = new LinkedHashMap<>();
        tree(json).fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asText()));
        return m;
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json == null ? "{}" : json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rehearsal_fault holds JSON written by the toolkit", e);
        }
    }

    static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
