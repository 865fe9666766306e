package org.solrtoolkit.migration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.device.Mpxn;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.playbook.PartyRole;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The simulated DCC's registration data for an event (table {@code dcc_registration}; domain.md
 * sections 6 and 7, MP185): which supplier is registered for the event's meter points, from when and
 * until when. The DCC accepts a request only from a user id of the supplier registered for the
 * device's MPxN at that moment. Until anything is recorded, an event has two windows: the Failing
 * Supplier from the beginning until its MPIDs are transferred (open), and the SoLR from the
 * appointment time T (its 6.23 requests are accepted from then). Transferring the MPIDs
 * ({@link #transferMpids}) closes the Failing Supplier's window: its (and its SRP's) protective
 * requests are then rejected with the DCC's E19. A row for one MPxN wins over the fleet-wide ones.
 */
public final class DccRegistration {

    /** One registration: a supplier (its entity and user ids) for one MPxN or all (null), from, until (null: open). */
    public record Window(String supplier, Eui64 entity, Eui64 electricityUser, Eui64 gasUser, String mpxn, Instant from,
            Instant until) {
        boolean covers(Instant at) {
            return !at.isBefore(from) && (until == null || at.isBefore(until));
        }
    }

    private final List<Window> windows;

    private DccRegistration(List<Window> windows) {
        this.windows = List.copyOf(windows);
    }

    public List<Window> windows() {
        return windows;
    }

    /** The registration of {@code event} as recorded (or its two default windows). */
    public static DccRegistration of(NamedParameterJdbcTemplate jdbc, PkiService pki, Event event) {
        List<Window> out = new ArrayList<>();
        for (Row r : rows(jdbc, event)) {
            Eui64 entity = entity(pki, event, r.supplier());
            out.add(new Window(r.supplier(), entity, DuisUsers.userId(pki, r.supplier(), Mpxn.Fuel.ELECTRICITY, entity),
                    DuisUsers.userId(pki, r.supplier(), Mpxn.Fuel.GAS, entity), r.mpxn(), r.from(), r.until()));
        }
        return new DccRegistration(out);
    }

    /** A registration window as stored. */
    public record Row(String supplier, String mpxn, Instant from, Instant until) {
    }

    /** The rows of {@code event}, or its two defaults when none is stored. */
    public static List<Row> rows(NamedParameterJdbcTemplate jdbc, Event event) {
        List<Row> rows = jdbc.query("SELECT supplier, mpxn, from_at, until_at FROM dcc_registration WHERE event_id = :e"
                + " ORDER BY id", Map.of("e", event.id()), (rs, n) -> {
                    long until = rs.getLong("until_at");
                    Instant u = rs.wasNull() ? null : Instant.ofEpochMilli(until);
                    return new Row(rs.getString("supplier"), rs.getString("mpxn"), Instant.ofEpochMilli(rs.getLong(
                            "from_at")), u);
                });
        if (!rows.isEmpty()) {
            return rows;
        }
        List<Row> defaults = new ArrayList<>();
        event.partyOf(PartyRole.FAILING_SUPPLIER).ifPresent(p -> defaults.add(new Row(p.name(), null, Instant.EPOCH, null)));
        event.partyOf(PartyRole.SOLR).ifPresent(p -> defaults.add(new Row(p.name(), null, event.appointedAt(), null)));
        return defaults;
    }

    /**
     * The Failing Supplier's MPIDs move to the SoLR at {@code at}: its window closes (MP185). Within
     * the caller's transaction; the defaults are written first if nothing was stored.
     */
    public static void transferMpids(NamedParameterJdbcTemplate jdbc, Event event, Instant at) {
        List<Row> rows = rows(jdbc, event);
        String failing = event.partyOf(PartyRole.FAILING_SUPPLIER).map(p -> p.name()).orElse("");
        jdbc.update("DELETE FROM dcc_registration WHERE event_id = :e", Map.of("e", event.id()));
        for (Row r : rows) {
            Instant until = r.supplier().equalsIgnoreCase(failing) && (r.until() == null || r.until().isAfter(at)) ? at
                    : r.until();
            jdbc.update("INSERT INTO dcc_registration (event_id, mpxn, supplier, from_at, until_at) VALUES (:e, :m, :s,"
                    + " :f, :u)", new MapSqlParameterSource("e", event.id()).addValue("m", r.mpxn()).addValue("s",
                            r.supplier()).addValue("f", r.from().toEpochMilli()).addValue("u", until == null ? null
                                    : until.toEpochMilli()));
        }
    }

    /**
     * If {@code user} is a user id (for {@code mpxn}'s fuel: an MPRN is gas) of the supplier registered
     * for {@code mpxn} at {@code at}, that supplier's entity identifier.
     */
    public Optional<Eui64> registeredEntity(Eui64 user, String mpxn, Instant at) {
        boolean gas = mpxn.length() != 13;
        boolean specific = windows.stream().anyMatch(w -> mpxn.equals(w.mpxn()));
        for (Window w : windows) {
            boolean applies = specific ? mpxn.equals(w.mpxn()) : w.mpxn() == null;
            if (applies && w.covers(at) && user.equals(gas ? w.gasUser() : w.electricityUser())) {
                return Optional.of(w.entity());
            }
        }
        return Optional.empty();
    }

    private static Eui64 entity(PkiService pki, Event event, String party) {
        return pki.parties().stream().filter(p -> p.name().equalsIgnoreCase(party)).map(org.solrtoolkit.pki.PartySpec::eui)
                .findFirst().orElseGet(() -> org.solrtoolkit.pki.PartySpec.derived(party,
                        org.solrtoolkit.pki.SmkiPartyKind.SUPPLIER).eui());
    }
}
