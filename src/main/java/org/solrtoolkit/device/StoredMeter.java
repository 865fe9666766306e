package org.solrtoolkit.device;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.RemotePartyRole;

/**
 * A meter as the database holds it: inventory, prepayment state as of {@code settledAt}, what it
 * uses per simulated hour, the cell set its trust anchor cells point to (null until the SMKI has the
 * certificates its supplier, network operator and the DCC need), the floors and the UTRNs it last
 * accepted. Consumption is drawn in whole simulated hours when the meter is next settled.
 */
public record StoredMeter(
        Eui64 id,
        DeviceType type,
        Mpxn mpxn,
        boolean psr,
        String supplier,
        PrepaymentState prepayment,
        long consumptionPerHour,
        Instant settledAt,
        Long cellSetId,
        Map<RemotePartyRole, Long> floors,
        long prepaymentFloor,
        List<String> recentUtrns,
        int reactionMinutes) {

    /** {@link #reactionMinutes} of a customer who does not press the button while the simulation runs (away). */
    public static final int AWAY = -1;

    /** The roles whose floors are stored (the authorisers of the CS02b modes and of Supplier commands). */
    public static final List<RemotePartyRole> FLOOR_ROLES = List.of(RemotePartyRole.SUPPLIER,
            RemotePartyRole.NETWORK_OPERATOR, RemotePartyRole.TRANSITIONAL_COS, RemotePartyRole.RECOVERY,
            RemotePartyRole.ROOT);

    public StoredMeter {
        floors = floors.isEmpty() ? Map.of() : Map.copyOf(floors);
        recentUtrns = List.copyOf(recentUtrns);
    }

    /** The floor of {@code role}, zero if never set. */
    public long floor(RemotePartyRole role) {
        return floors.getOrDefault(role, 0L);
    }

    /** Whether the meter's cells are known. */
    public boolean commissioned() {
        return cellSetId != null;
    }

    /** The meter with consumption drawn for every whole simulated hour from {@code settledAt} to {@code now}. */
    public StoredMeter settled(Instant now) {
        return settled(now, null);
    }

    /**
     * As {@link #settled(Instant)}, telling {@code events} (may be null) each instant the supply was
     * disabled or re-armed by the customer's own emergency credit.
     */
    public StoredMeter settled(Instant now, java.util.function.BiConsumer<PrepaymentState.SupplyEvent, Instant> events) {
        long hours = Duration.between(settledAt, now).toHours();
        if (hours <= 0) {
            return this;
        }
        return new StoredMeter(id, type, mpxn, psr, supplier, prepayment.drawHours(settledAt, hours,
                consumptionPerHour, reaction(), events), consumptionPerHour, settledAt.plus(Duration.ofHours(hours)), cellSetId,
                floors, prepaymentFloor, recentUtrns, reactionMinutes);
    }

    /** How long after the supply is armed the customer presses the button; null while away. */
    public Duration reaction() {
        return reactionMinutes < 0 ? null : Duration.ofMinutes(reactionMinutes);
    }

    /** The state machine over {@code cells}, to process a command or a UTRN. */
    public SimulatedMeter toMeter(Map<TrustAnchorCell, CellContent> cells, KeyPair keyAgreement) {
        return SimulatedMeter.restore(id, type, keyAgreement, cells, floors, prepaymentFloor, prepayment, recentUtrns);
    }

    /** This meter after {@code m} processed something: its floors, prepayment state and UTRN log. */
    public StoredMeter after(SimulatedMeter m) {
        Map<RemotePartyRole, Long> f = new EnumMap<>(RemotePartyRole.class);
        f.putAll(m.floors());
        return new StoredMeter(id, type, mpxn, psr, supplier, m.prepayment(), consumptionPerHour, settledAt, cellSetId,
                f, m.prepaymentFloor(), m.recentUtrns(), reactionMinutes);
    }

    /** This meter pointing at another cell set, whose Supplier cells hold {@code newSupplier}'s certificates. */
    public StoredMeter withCells(long newCellSetId, String newSupplier) {
        return new StoredMeter(id, type, mpxn, psr, newSupplier, prepayment, consumptionPerHour, settledAt,
                newCellSetId, floors, prepaymentFloor, recentUtrns, reactionMinutes);
    }
}
