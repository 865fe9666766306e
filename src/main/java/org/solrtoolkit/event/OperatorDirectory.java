package org.solrtoolkit.event;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.store.Connections;
import org.solrtoolkit.store.Database;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Who is who on a server database (issue 18): there a person is the database login they connect
 * as, mapped by an event administrator to a name, a party and a role of the event ({@code operator
 * add}). The mapping also makes the login a member of the group role the database's row-level
 * security policies know: {@code solr_operator} for the parties, {@code solr_reader} for the PMA
 * (reads everything, writes nothing). On a SQLite file there are no logins: {@code --as} names the
 * operator.
 */
public final class OperatorDirectory {

    /** A mapped login. */
    public record Mapping(String login, Operator operator) {
    }

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;

    public OperatorDirectory(Supplier<Database> db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** The database login of this session, on a server database. */
    public Optional<String> login() {
        return Connections.login(db.get().jdbc());
    }

    /** The operator the session's login is in {@code event}, if mapped. */
    public Optional<Operator> of(Event event) {
        return login().flatMap(l -> find(db.get().jdbc(), event.id(), l)).map(Mapping::operator);
    }

    /**
     * The operator of this session on a server database: the mapping of its login in the current
     * event ({@code event} empty: none yet).
     *
     * @throws EventException NO_OPERATOR_MAPPING naming the login and what the administrator runs
     */
    public Operator require(Optional<Event> event) {
        String login = login().orElseThrow();
        Event e = event.orElseThrow(() -> new EventException(EventException.Code.NO_CURRENT_EVENT, "database login '"
                + login + "' has no current event; 'event use ID' chooses one ('event list')"));
        return find(db.get().jdbc(), e.id(), login).map(Mapping::operator).orElseThrow(() -> new EventException(
                EventException.Code.NO_OPERATOR_MAPPING, "database login '" + login + "' is no operator of event "
                        + e.id() + "; an event administrator maps it to a person, party and role with 'operator"
                        + " add'"));
    }

    /** The logins mapped in {@code event}, by login. */
    public List<Mapping> list(Event event) {
        return db.get().jdbc().query("SELECT login, name, party, role FROM operator_login WHERE event_id = :e ORDER BY"
                + " login", Map.of("e", event.id()), (rs, n) -> new Mapping(rs.getString("login"), new Operator(
                        rs.getString("name"), rs.getString("party"), PartyRole.valueOf(rs.getString("role")))));
    }

    /**
     * Maps database login {@code login} to {@code op} in {@code event}, with its audit row, and makes
     * it a member of the group role its role needs. Only an event administrator (the database's
     * owner, or a member of the owner's role) may.
     *
     * @throws EventException SERVER_ONLY on a SQLite file, BAD_INPUT for a login that is no database login,
     *     NOT_ADMINISTRATOR, NOT_A_PARTY for a party or role the event does not have
     */
    public Mapping add(Event event, String login, Operator op, EventService events) {
        Database d = db.get();
        if (!d.isServer()) {
            throw new EventException(EventException.Code.SERVER_ONLY, "operator add maps database logins on a server"
                    + " database; on a SQLite file the operator is who the command line or 'operator login' names");
        }
        if (login == null || !login.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new EventException(EventException.Code.BAD_INPUT, "{login} '" + login + "' is not a plain database"
                    + " login name (lower-case letters, digits, _)");
        }
        NamedParameterJdbcTemplate jdbc = d.jdbc();
        String admin = login().orElseThrow();
        if (!d.isOwner()) {
            throw new EventException(EventException.Code.NOT_ADMINISTRATOR, "database login '" + admin + "' may not"
                    + " map operators: only an event administrator (the database's owner) runs 'operator add'");
        }
        if (jdbc.queryForList("SELECT 1 FROM pg_roles WHERE rolname = :l AND rolcanlogin", Map.of("l", login),
                Integer.class).isEmpty()) {
            throw new EventException(EventException.Code.BAD_INPUT, "{login} '" + login + "' is no database login on"
                    + " this server; create it first (CREATE ROLE " + login + " LOGIN PASSWORD ..., as solr-server demo"
                    + " does), then map it");
        }
        if (op.role() != PartyRole.PMA) { // the PMA reads any event along, party of it or not
            events.requireParty(event, op);
        }
        String group = op.role() == PartyRole.PMA ? "solr_reader" : "solr_operator";
        Instant now = clock.instant();
        d.write(j -> {
            Optional<Mapping> before = find(j, event.id(), login);
            j.update("INSERT INTO operator_login (event_id, login, name, party, role, added_at, added_by) VALUES (:e, :l,"
                    + " :n, :p, :r, :t, :b) ON CONFLICT (event_id, login) DO UPDATE SET name = excluded.name, party ="
                    + " excluded.party, role = excluded.role, added_at = excluded.added_at, added_by = excluded.added_by",
                    Map.of("e", event.id(), "l", login, "n", op.name(), "p", op.party(), "r", op.role().name(), "t",
                            now.toString(), "b", admin));
            // the login name was checked against the plain-identifier pattern above: quoting it is enough
            j.getJdbcTemplate().execute("GRANT " + group + " TO \"" + login + "\"");
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("login", login);
            detail.put("group", group);
            audit.append(j, AuditEntry.of(now, new org.solrtoolkit.audit.Actor(admin, null, null, event.id(),
                    event.isRehearsal()), "operator.add", login, before.map(m -> m.operator().toString()).orElse(null),
                    op.toString(), detail));
            return null;
        });
        return new Mapping(login, op);
    }

    private static Optional<Mapping> find(NamedParameterJdbcTemplate jdbc, String eventId, String login) {
        return jdbc.query("SELECT login, name, party, role FROM operator_login WHERE event_id = :e AND login = :l",
                Map.of("e", eventId, "l", login), (rs, n) -> new Mapping(rs.getString("login"), new Operator(
                        rs.getString("name"), rs.getString("party"), PartyRole.valueOf(rs.getString("role")))))
                .stream().findFirst();
    }
}
