package org.solrtoolkit.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.playbook.Deadline;
import org.solrtoolkit.playbook.PartyRole;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** SQL for an event's steps, their states and evidence. */
final class StepRepository {

    private static final String SELECT = "SELECT s.step_id, s.role, s.phase_id, s.title, s.description, s.depends_on,"
            + " s.due, s.deadline_note, s.evidence_expected, s.source, st.status, st.version, st.updated_at,"
            + " st.updated_by, st.last_audit_seq FROM event_step s JOIN step_state st"
            + " ON st.event_id = s.event_id AND st.step_id = s.step_id WHERE s.event_id = :e";

    List<StepView> list(NamedParameterJdbcTemplate jdbc, Event event, Instant now) {
        return jdbc.query(SELECT + " ORDER BY s.ordinal", Map.of("e", event.id()), (rs, n) -> map(rs, event, now));
    }

    Optional<StepView> find(NamedParameterJdbcTemplate jdbc, Event event, String stepId, Instant now) {
        // step ids are matched as users type them: p1-01 is P1-01 (issue 14)
        return jdbc.query(SELECT + " AND lower(s.step_id) = lower(:s)", Map.of("e", event.id(), "s", stepId.trim()),
                (rs, n) -> map(rs, event, now)).stream().findFirst();
    }

    /** Moves the step to {@code to} if it is still at {@code expectedVersion}; false if it changed. */
    boolean update(NamedParameterJdbcTemplate jdbc, String eventId, String stepId, long expectedVersion,
            StepStatus to, Instant at, String by, long auditSeq) {
        return jdbc.update("UPDATE step_state SET status = :to, version = version + 1, updated_at = :at,"
                + " updated_by = :by, last_audit_seq = :seq WHERE event_id = :e AND step_id = :s AND version = :v",
                new MapSqlParameterSource().addValue("to", to.name()).addValue("at", at.toString())
                        .addValue("by", by).addValue("seq", auditSeq).addValue("e", eventId)
                        .addValue("s", stepId).addValue("v", expectedVersion)) == 1;
    }

    void insertEvidence(NamedParameterJdbcTemplate jdbc, String eventId, Evidence e) {
        jdbc.update("INSERT INTO evidence (event_id, step_id, path, sha256, size, added_at, added_by, audit_seq)"
                + " VALUES (:e, :s, :p, :h, :n, :at, :by, :seq)", new MapSqlParameterSource()
                .addValue("e", eventId).addValue("s", e.stepId()).addValue("p", e.path()).addValue("h", e.sha256())
                .addValue("n", e.size()).addValue("at", e.addedAt().toString()).addValue("by", e.addedBy())
                .addValue("seq", e.auditSeq()));
    }

    List<Evidence> evidence(NamedParameterJdbcTemplate jdbc, String eventId, String stepId) {
        return jdbc.query("SELECT step_id, path, sha256, size, added_at, added_by, audit_seq FROM evidence"
                + " WHERE event_id = :e AND step_id = :s ORDER BY id", Map.of("e", eventId, "s", stepId),
                (rs, n) -> new Evidence(rs.getString("step_id"), rs.getString("path"), rs.getString("sha256"),
                        rs.getLong("size"), Instant.parse(rs.getString("added_at")), rs.getString("added_by"),
                        rs.getLong("audit_seq")));
    }

    /** Each step's status, version and the audit row that last set it, for the integrity check. */
    List<Map<String, Object>> states(NamedParameterJdbcTemplate jdbc) {
        return jdbc.queryForList("SELECT event_id, step_id, status, version, last_audit_seq FROM step_state"
                + " ORDER BY event_id, step_id", Map.of());
    }

    private static StepView map(ResultSet rs, Event event, Instant now) throws SQLException {
        Deadline due = Deadline.parse(rs.getString("due"));
        Optional<Instant> dueAt = due.dueAt(event.appointedAt());
        StepStatus status = StepStatus.valueOf(rs.getString("status"));
        String deps = rs.getString("depends_on");
        String updatedAt = rs.getString("updated_at");
        Object seq = rs.getObject("last_audit_seq");
        return new StepView(rs.getString("step_id"), PartyRole.valueOf(rs.getString("role")),
                rs.getString("phase_id"), rs.getString("title"), rs.getString("description"),
                deps.isBlank() ? List.of() : Arrays.asList(deps.trim().split(" ")), due.text(),
                rs.getString("deadline_note"), rs.getString("evidence_expected"), rs.getString("source"), status,
                rs.getLong("version"), updatedAt == null ? null : Instant.parse(updatedAt), rs.getString("updated_by"),
                seq == null ? null : ((Number) seq).longValue(), dueAt, dueAt.isPresent() && now.isAfter(dueAt.get()) && !status.isClosed());
    }
}
