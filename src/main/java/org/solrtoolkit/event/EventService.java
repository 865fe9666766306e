package org.solrtoolkit.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.solrtoolkit.Json;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.playbook.Playbook;
import org.solrtoolkit.store.Database;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Opens, lists and selects events. Creating an event freezes a copy of its playbook (steps, id,
 * version, SHA-256 and text) and records it in the audit log in the same transaction.
 */
public final class EventService {

    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    private final EventRepository events = new EventRepository();

    /**
     * @param db the database, opened on first use (commands that need none never open it)
     */
    public EventService(Supplier<Database> db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates an event from {@code playbook} and makes it the current event.
     *
     * @param by the operator creating it, if one is identified
     * @throws EventException BAD_INPUT if a party is missing or an SRP acts for an unknown party
     */
    public Event create(NewEvent req, Playbook playbook, Optional<Operator> by) {
        if (!req.rehearsal()) {
            rehearsalIn(db.get().jdbc()).ifPresent(r -> {
                throw new EventException(EventException.Code.BAD_INPUT, "this database holds rehearsal " + r
                        + "; a live event never shares a database with a rehearsal: create it with {db} FILE");
            });
        }
        return create(req, playbook, by, clock.instant());
    }

    private Optional<String> rehearsalIn(NamedParameterJdbcTemplate jdbc) {
        return events.firstOfMode(jdbc, EventMode.REHEARSAL);
    }

    /** A live event of this database, if it holds one (a rehearsal never shares a database with one). */
    public Optional<String> anyLive() {
        return events.firstOfMode(db.get().jdbc(), EventMode.LIVE);
    }

    /**
     * Creates an event as of {@code at} (a rehearsal is created at its simulated start).
     *
     * @see #create(NewEvent, Playbook, Optional)
     */
    public Event create(NewEvent req, Playbook playbook, Optional<Operator> by, Instant at) {
        List<Party> parties = parties(req, playbook);
        if (req.name() == null || req.name().isBlank()) {
            throw new EventException(EventException.Code.BAD_INPUT, "{name} must not be empty");
        }
        Instant now = at.truncatedTo(ChronoUnit.MILLIS);
        String actor = by.map(Operator::toString).orElse(unidentified());
        return db.get().write(jdbc -> {
            String id = newId(jdbc, req);
            Event e = new Event(id, req.name().trim(), req.rehearsal() ? EventMode.REHEARSAL : EventMode.LIVE,
                    req.appointedAt(), playbook.id(), playbook.version(), playbook.title(), playbook.sha256(), now,
                    actor, parties);
            events.insert(jdbc, e, playbook);
            events.setCreatedEventId(jdbc, id);
            audit.append(jdbc, new AuditEntry(now, id, by.map(Operator::name).orElse(actor),
                    by.map(Operator::party).orElse(null), by.map(o -> o.role().name()).orElse(null), "event.create",
                    id, null, e.mode().name(), null, null, null, json(summary(e, playbook))));
            return e;
        });
    }

    private static List<Party> parties(NewEvent req, Playbook playbook) {
        boolean solrPlaybook = playbook.roles().contains(PartyRole.FAILING_SUPPLIER)
                || playbook.roles().contains(PartyRole.SOLR);
        List<Party> parties = solrPlaybook ? solrParties(req, playbook) : new ArrayList<>();
        if (!solrPlaybook && (!blank(req.failingSupplier()) || !blank(req.solr()) || !req.srps().isEmpty())) {
            throw new EventException(EventException.Code.BAD_INPUT, "playbook " + playbook.id() + " has no Failing"
                    + " Supplier or SoLR: give its parties with {party} NAME:ROLE (roles " + playbook.roles() + ")");
        }
        for (Party p : req.others()) {
            if (!playbook.roles().contains(p.role()) || p.role() == PartyRole.FAILING_SUPPLIER
                    || p.role() == PartyRole.SOLR || p.role() == PartyRole.SRP) {
                throw new EventException(EventException.Code.BAD_INPUT, "{party} '" + p.name() + ":" + p.role()
                        + "': playbook " + playbook.id() + " takes {party} for " + playbook.roles().stream()
                                .filter(r -> r != PartyRole.FAILING_SUPPLIER && r != PartyRole.SOLR && r != PartyRole.SRP)
                                .toList() + (solrPlaybook ? "; the Failing Supplier, SoLR and SRPs have their own options"
                                        : ""));
            }
            if (parties.stream().anyMatch(q -> q.role() == p.role() && q.name().equalsIgnoreCase(p.name()))) {
                throw new EventException(EventException.Code.BAD_INPUT, "{party} '" + p.name() + ":" + p.role()
                        + "' is given twice");
            }
            parties.add(p);
        }
        if (!solrPlaybook) {
            for (PartyRole r : playbook.roles()) {
                if (parties.stream().noneMatch(p -> p.role() == r)) {
                    throw new EventException(EventException.Code.BAD_INPUT, "playbook " + playbook.id() + " has steps"
                            + " for " + r + ": give its party with {party} NAME:" + r);
                }
            }
        }
        return parties;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static List<Party> solrParties(NewEvent req, Playbook playbook) {
        String fs = req.failingSupplier() == null ? "" : req.failingSupplier().trim();
        String solr = req.solr() == null ? "" : req.solr().trim();
        if (fs.isEmpty() || solr.isEmpty()) {
            throw new EventException(EventException.Code.BAD_INPUT,
                    "an event needs {failing-supplier} and {solr} party names");
        }
        if (fs.equalsIgnoreCase(solr)) {
            throw new EventException(EventException.Code.BAD_INPUT, "{failing-supplier} and {solr} are both '" + fs
                    + "': the SoLR is a different supplier");
        }
        List<Party> parties = new ArrayList<>();
        parties.add(new Party(fs, PartyRole.FAILING_SUPPLIER, null));
        parties.add(new Party(solr, PartyRole.SOLR, null));
        for (NewEvent.Srp srp : req.srps()) {
            String actsFor = srp.actsFor().equalsIgnoreCase(fs) ? fs : srp.actsFor().equalsIgnoreCase(solr) ? solr : null;
            if (actsFor == null) {
                throw new EventException(EventException.Code.BAD_INPUT, "{srp} '" + srp.name() + ":" + srp.actsFor()
                        + "': an SRP acts for the failing supplier ('" + fs + "') or the SoLR ('" + solr + "')");
            }
            if (srp.name().isBlank()) {
                throw new EventException(EventException.Code.BAD_INPUT, "{srp} needs a name before ':'");
            }
            if (parties.stream().anyMatch(p -> p.role() == PartyRole.SRP && p.name().equalsIgnoreCase(srp.name()))) {
                throw new EventException(EventException.Code.BAD_INPUT, "{srp} '" + srp.name() + "' is given twice");
            }
            parties.add(new Party(srp.name(), PartyRole.SRP, actsFor));
        }
        if (!playbook.roles().contains(PartyRole.SRP) && !req.srps().isEmpty()) {
            throw new EventException(EventException.Code.BAD_INPUT, "playbook " + playbook.id()
                    + " has no SRP role; drop {srp} or choose a playbook with SRP steps");
        }
        return parties;
    }

    private String newId(NamedParameterJdbcTemplate jdbc, NewEvent req) {
        String first = !blank(req.failingSupplier()) ? req.failingSupplier()
                : req.others().isEmpty() ? "" : req.others().get(0).name();
        String slug = first.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
        if (slug.length() > 20) {
            slug = slug.substring(0, 20).replaceAll("-$", "");
        }
        String base = "ev-" + ID_DATE.format(req.appointedAt()) + (slug.isEmpty() ? "" : "-" + slug);
        String id = base;
        for (int n = 2; events.exists(jdbc, id); n++) {
            id = base + "-" + n;
        }
        return id;
    }

    private static Map<String, Object> summary(Event e, Playbook p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", e.name());
        m.put("mode", e.mode().name());
        m.put("appointed_at", e.appointedAt().toString());
        m.put("playbook", Map.of("id", p.id(), "version", p.version(), "sha256", p.sha256(), "steps", p.steps().size()));
        m.put("parties", e.parties().stream().map(Party::toString).toList());
        return m;
    }

    static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("audit detail is plain data", ex);
        }
    }

    static String unidentified() {
        return "unidentified (os user " + System.getProperty("user.name", "?") + ")";
    }

    /**
     * The operator's party in {@code event}.
     *
     * @throws EventException NOT_A_PARTY if no party of that name has that role in the event
     */
    public Party requireParty(Event event, Operator op) {
        return Authorisation.requireParty(event, op);
    }

    public List<Event> list() {
        return events.list(db.get().jdbc());
    }

    /** @throws EventException UNKNOWN_EVENT naming the id and how to list events */
    public Event get(String id) {
        return events.find(db.get().jdbc(), id).orElseThrow(() -> new EventException(EventException.Code.UNKNOWN_EVENT,
                "unknown event '" + id + "'; see 'event list'"));
    }

    /** Makes {@code id} the current event of this database. */
    public Event use(String id) {
        Event e = get(id);
        db.get().write(jdbc -> {
            events.setCurrentEventId(jdbc, e.id());
            return null;
        });
        return e;
    }

    public Optional<Event> current() {
        return events.currentEventId(db.get().jdbc()).flatMap(id -> events.find(db.get().jdbc(), id));
    }

    /** @throws EventException NO_CURRENT_EVENT saying how to create or choose one */
    public Event requireCurrent() {
        return current().orElseThrow(() -> new EventException(EventException.Code.NO_CURRENT_EVENT,
                "no current event; create one with 'event create ...' or choose one with 'event use ID'"));
    }

    /** The event {@code id}, or the current one when {@code id} is null or blank. */
    public Event getOrCurrent(String id) {
        return id == null || id.isBlank() ? requireCurrent() : get(id);
    }
}
