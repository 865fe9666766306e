package org.solrtoolkit.migration;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.store.Database;

/** The simulated DCC's registration data as people work with it ({@link DccRegistration} is the data). */
public final class DccRegistrations {

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;

    DccRegistrations(Supplier<Database> db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** The DCC's registration data for {@code event}: who is registered for its meter points, from and until when. */
    public List<DccRegistration.Row> registration(Event event) {
        return DccRegistration.rows(db.get().jdbc(), event);
    }

    /**
     * Records that the Failing Supplier's MPIDs move to the SoLR at {@code at} (MP185: agreed with the
     * PMA and the DCC, playbook step P3-06): from then the DCC rejects the Failing Supplier's and its
     * SRP's requests with E19. The SoLR records it; the registration change and its audit row commit
     * together.
     *
     * @throws CampaignException BAD_INPUT for a time before T, or after a transfer already recorded
     */
    public void transferMpids(Event event, org.solrtoolkit.event.Operator op, Instant at, Actor actor) {
        org.solrtoolkit.event.Authorisation.requireActsFor(event, op, org.solrtoolkit.playbook.PartyRole.SOLR,
                "record the MPID transfer", "the SoLR records the MPID transfer it agreed with the PMA and the DCC");
        if (at.isBefore(event.appointedAt())) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "{at} " + at + " is before the appointment ("
                    + event.appointedAt() + "): the MPIDs move to the SoLR at T or later");
        }
        String failing = event.partyOf(org.solrtoolkit.playbook.PartyRole.FAILING_SUPPLIER).map(p -> p.name())
                .orElseThrow();
        registration(event).stream().filter(r -> r.supplier().equalsIgnoreCase(failing) && r.until() != null)
                .findFirst().ifPresent(r -> {
                    throw new CampaignException(CampaignException.Code.BAD_INPUT, failing + "'s MPIDs were already"
                            + " transferred at " + r.until() + "; nothing was changed");
                });
        db.get().write(jdbc -> {
            DccRegistration.transferMpids(jdbc, event, at);
            audit.append(jdbc, AuditEntry.of(clock.instant(), actor, "dcc.transfer-mpids", "event " + event.id(), null,
                    at.toString(), Map.of("from", failing)));
            return null;
        });
    }
}
