package org.solrtoolkit.event;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.playbook.Phase;
import org.solrtoolkit.playbook.Playbook;
import org.solrtoolkit.playbook.StepDefinition;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** SQL for events, their parties and frozen playbooks, and the current-event setting. */
final class EventRepository {

    private static final String CURRENT_EVENT = "current_event";

    void insert(NamedParameterJdbcTemplate jdbc, Event e, Playbook playbook) {
        jdbc.update("INSERT INTO event (id, name, mode, appointed_at, playbook_id, playbook_version, playbook_title,"
                + " playbook_sha256, playbook_source, created_at, created_by) VALUES (:id, :name, :mode, :t, :pid,"
                + " :pversion, :ptitle, :psha, :psource, :created_at, :created_by)", new MapSqlParameterSource()
                .addValue("id", e.id()).addValue("name", e.name()).addValue("mode", e.mode().name())
                .addValue("t", e.appointedAt().toString()).addValue("pid", playbook.id())
                .addValue("pversion", playbook.version()).addValue("ptitle", playbook.title())
                .addValue("psha", playbook.sha256()).addValue("psource", playbook.sourceText())
                .addValue("created_at", e.createdAt().toString()).addValue("created_by", e.createdBy()));
        int position = 0;
        for (Party p : e.parties()) {
            jdbc.update("INSERT INTO party (event_id, name, role, acts_for, ordinal) VALUES (:e, :n, :r, :a, :o)",
                    new MapSqlParameterSource().addValue("e", e.id()).addValue("n", p.name())
                            .addValue("r", p.role().name()).addValue("a", p.actsFor()).addValue("o", ++position));
        }
        int ordinal = 0;
        for (Phase ph : playbook.phases()) {
            jdbc.update("INSERT INTO event_phase (event_id, phase_id, title, ordinal) VALUES (:e, :p, :t, :o)",
                    Map.of("e", e.id(), "p", ph.id(), "t", ph.title(), "o", ordinal++));
        }
        ordinal = 0;
        for (StepDefinition s : playbook.steps()) {
            jdbc.update("INSERT INTO event_step (event_id, step_id, ordinal, role, phase_id, title, description,"
                    + " depends_on, due, deadline_note, evidence_expected, source, automation) VALUES (:e, :s, :o, :r,"
                    + " :p, :t, :d, :deps, :due, :note, :ev, :src, :auto)", new MapSqlParameterSource()
                    .addValue("e", e.id()).addValue("s", s.id()).addValue("o", ordinal++)
                    .addValue("r", s.role().name()).addValue("p", s.phase()).addValue("t", s.title())
                    .addValue("d", s.description()).addValue("deps", String.join(" ", s.dependsOn()))
                    .addValue("due", s.due().text()).addValue("note", s.deadlineNote())
                    .addValue("ev", s.evidence()).addValue("src", s.source()).addValue("auto", s.automation()));
            jdbc.update("INSERT INTO step_state (event_id, step_id, status, version) VALUES (:e, :s, 'NOT_STARTED', 0)",
                    Map.of("e", e.id(), "s", s.id()));
        }
    }

    boolean exists(NamedParameterJdbcTemplate jdbc, String id) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM event WHERE id = :id", Map.of("id", id), Integer.class);
        return n != null && n > 0;
    }

    Optional<Event> find(NamedParameterJdbcTemplate jdbc, String id) {
        List<Event> found = query(jdbc, "WHERE id = :id", Map.of("id", id));
        return found.stream().findFirst();
    }

    List<Event> list(NamedParameterJdbcTemplate jdbc) {
        return query(jdbc, "", Map.of());
    }

    private List<Event> query(NamedParameterJdbcTemplate jdbc, String where, Map<String, ?> params) {
        Map<String, List<Party>> parties = new LinkedHashMap<>();
        jdbc.query("SELECT event_id, name, role, acts_for FROM party ORDER BY event_id, ordinal", Map.of(), rs -> {
            parties.computeIfAbsent(rs.getString("event_id"), k -> new ArrayList<>()).add(new Party(
                    rs.getString("name"), PartyRole.valueOf(rs.getString("role")), rs.getString("acts_for")));
        });
        return jdbc.query("SELECT id, name, mode, appointed_at, playbook_id, playbook_version, playbook_title,"
                + " playbook_sha256, created_at, created_by FROM event " + where + " ORDER BY created_at, id",
                params, (rs, n) -> map(rs, parties.getOrDefault(rs.getString("id"), List.of())));
    }

    private static Event map(ResultSet rs, List<Party> parties) throws SQLException {
        return new Event(rs.getString("id"), rs.getString("name"), EventMode.valueOf(rs.getString("mode")),
                Instant.parse(rs.getString("appointed_at")), rs.getString("playbook_id"),
                rs.getString("playbook_version"), rs.getString("playbook_title"), rs.getString("playbook_sha256"),
                Instant.parse(rs.getString("created_at")), rs.getString("created_by"), parties);
    }

    /** The first event created in {@code mode}, if any. */
    Optional<String> firstOfMode(NamedParameterJdbcTemplate jdbc, EventMode mode) {
        return jdbc.queryForList("SELECT id FROM event WHERE mode = :m ORDER BY created_at LIMIT 1",
                Map.of("m", mode.name()), String.class).stream().findFirst();
    }

    /**
     * The current event: on a server database each login's own ({@code event use}), else the one the
     * administrator last created; on a file the file's.
     */
    Optional<String> currentEventId(NamedParameterJdbcTemplate jdbc) {
        Optional<String> login = org.solrtoolkit.store.Connections.login(jdbc);
        if (login.isPresent()) {
            Optional<String> own = setting(jdbc, CURRENT_EVENT + "@" + login.get());
            if (own.isPresent()) {
                return own;
            }
        }
        return setting(jdbc, CURRENT_EVENT);
    }

    private static Optional<String> setting(NamedParameterJdbcTemplate jdbc, String key) {
        return jdbc.queryForList("SELECT value FROM setting WHERE key = :k", Map.of("k", key), String.class).stream()
                .findFirst();
    }

    /** Makes {@code id} the current event: of this login on a server database, of the file otherwise. */
    void setCurrentEventId(NamedParameterJdbcTemplate jdbc, String id) {
        String key = org.solrtoolkit.store.Connections.login(jdbc).map(l -> CURRENT_EVENT + "@" + l).orElse(CURRENT_EVENT);
        put(jdbc, key, id);
    }

    /** A new event becomes everyone's current event (on a server: the event administrator creates it). */
    void setCreatedEventId(NamedParameterJdbcTemplate jdbc, String id) {
        put(jdbc, CURRENT_EVENT, id);
        setCurrentEventId(jdbc, id);
    }

    private static void put(NamedParameterJdbcTemplate jdbc, String key, String value) {
        jdbc.update("INSERT INTO setting (key, value) VALUES (:k, :v) ON CONFLICT (key) DO UPDATE SET value = :v",
                Map.of("k", key, "v", value));
    }
}
