package org.solrtoolkit.rehearsal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The faults a trainer can inject into a rehearsal, each at a simulated time (domain.md sections 1
 * and 3). The parameters each type takes are listed with it; {@code until} ends a fault that has a
 * window.
 */
public enum FaultType {
    /** A share of the fleet does not answer on the WAN for a window: commands come back unreachable. */
    METERS_OFFLINE("meters-offline", Set.of("share"), true, true, new MetersOffline()),
    /** Some meters hold a different Root in their Root cell: nothing signed under our Root chains there. */
    ROOT_CELL_DIFFERS("root-cell-differs", Set.of("meters"), false, false, new RootCellDiffers()),
    /**
     * The DCC places a SoLR Supplier KA certificate from an issuer the meters do not know: the
     * conformance case of domain.md section 3 (DS success, KA status 10, KA prepayment success).
     */
    UNKNOWN_KA_ISSUER("unknown-ka-issuer", Set.of(), false, true, new UnknownKaIssuer()),
    /** The Failing Supplier's MPIDs move to the SoLR early: the DCC rejects requests on its behalf (MP185). */
    MPIDS_TRANSFERRED_EARLY("mpids-transferred-early", Set.of(), false, false, new MpidsTransferredEarly()),
    /** The PMA revokes the Failing Supplier's certificates early: its protective requests fail authentication at the DCC (MP134A). */
    EARLY_REVOCATION("early-revocation", Set.of(), false, false, new EarlyRevocation()),
    /** A party's private key is compromised: its certificate is revoked and the SMKI Recovery Procedure applies. */
    COMPROMISED_KEY("compromised-key", Set.of("party", "key"), false, false, new CompromisedKey()),
    /** A share of prepayment customers is away: an armed supply stays off (nobody presses the button). */
    CUSTOMERS_AWAY("customers-away", Set.of("share"), false, false, new CustomersAway()),
    /**
     * Not a fault: the scenario sends a real protective request (2.1 calendar, 2.5, 1.6) to every
     * prepayment meter at this time, acting for a supplier.
     */
    PROTECT("protect", Set.of("request", "calendar", "by"), false, false, new ScheduledProtection());

    private final String id;
    private final Set<String> params;
    private final boolean needsUntil;
    private final boolean mayEnd;

    private final FaultEffect effect;

    FaultType(String id, Set<String> params, boolean needsUntil, boolean mayEnd, FaultEffect effect) {
        this.effect = effect;
        this.id = id;
        this.params = params;
        this.needsUntil = needsUntil;
        this.mayEnd = mayEnd;
    }

    /** What the fault does when it strikes (one class per type). */
    FaultEffect effect() {
        return effect;
    }

    public String id() {
        return id;
    }

    /** The parameter fields this type takes besides type, at and until. */
    public Set<String> params() {
        return params;
    }

    public boolean needsUntil() {
        return needsUntil;
    }

    /** Whether the fault can have an end ({@code until}). */
    public boolean mayEnd() {
        return mayEnd;
    }

    public static Optional<FaultType> find(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.id.equals(t)).findFirst();
    }

    public static String ids() {
        return Arrays.stream(values()).map(FaultType::id).collect(Collectors.joining(", "));
    }
}
