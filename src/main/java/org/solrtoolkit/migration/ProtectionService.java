package org.solrtoolkit.migration;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Supplier;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.device.FleetSamples;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.event.Authorisation;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.store.Database;

/**
 * Protecting prepayment customers before the change of supplier (domain.md sections 1 and 7):
 * commands signed with the Failing Supplier's Supplier DS key, which only the Failing Supplier or
 * the SRP acting for it may send (MP134A keeps that key usable). A run over the whole fleet of a
 * live event samples the fleet afterwards for the report's chart.
 */
public final class ProtectionService {

    private final Supplier<Database> db;
    private final MeterService meters;
    private final Clock clock;
    private final FleetSamples samples = new FleetSamples(new MeterStore());

    public ProtectionService(Supplier<Database> db, MeterService meters, Clock clock) {
        this.db = db;
        this.meters = meters;
        this.clock = clock;
    }

    /** What a safe-mode run did, and whose key signed it. */
    public record SafeMode(String signer, MeterService.SafeModeResult result) {
    }

    /**
     * Safe mode on (or off) for one meter or every prepayment meter.
     *
     * @throws org.solrtoolkit.event.EventException NOT_A_PARTY or WRONG_ROLE for an operator who does
     *     not act for the Failing Supplier
     */
    public SafeMode safeMode(Event event, Operator op, Optional<Eui64> id, boolean on, char[] password, Actor actor) {
        String failing = event.partyOf(PartyRole.FAILING_SUPPLIER).orElseThrow(() -> new CampaignException(
                CampaignException.Code.BAD_INPUT, "event " + event.id() + " has no Failing Supplier")).name();
        authorise(event, op);
        MeterService.SafeModeResult r = meters.safeMode(id, on, failing, password, actor);
        if (id.isEmpty() && !event.isRehearsal()) {
            event.partyOf(PartyRole.SOLR).ifPresent(solr -> db.get().write(jdbc -> {
                samples.record(jdbc, event.id(), clock.instant().truncatedTo(ChronoUnit.MILLIS), solr.name());
                return null;
            }));
        }
        return new SafeMode(failing, r);
    }

    /** Why {@code op} may not set safe mode in {@code event}, if so. */
    public Optional<String> refusal(Event event, Operator op) {
        return Authorisation.refusal(() -> authorise(event, op));
    }

    private static void authorise(Event event, Operator op) {
        Authorisation.requireActsFor(event, op, PartyRole.FAILING_SUPPLIER, "sign with " + event.partyOf(
                PartyRole.FAILING_SUPPLIER).map(p -> p.name()).orElse("the Failing Supplier") + "'s key",
                "safe mode is set by the Failing Supplier or the SRP acting for it");
    }
}
