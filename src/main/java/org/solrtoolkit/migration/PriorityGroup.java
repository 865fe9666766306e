package org.solrtoolkit.migration;

import org.solrtoolkit.device.PrepaymentState;
import org.solrtoolkit.device.StoredMeter;

/**
 * The order meters are migrated in (domain.md section 6 of the SoLR process: prepayment customers
 * are the ones who lose supply): prepayment customers on the Priority Services Register or with low,
 * emergency or no credit first, then other prepayment, then credit customers on the PSR, then the rest.
 */
public enum PriorityGroup {
    PREPAYMENT_PRIORITY(1, "prepayment: PSR, low or emergency credit, or off supply"),
    PREPAYMENT(2, "prepayment: others"),
    CREDIT_PSR(3, "credit: PSR"),
    CREDIT(4, "credit: others");

    private final int rank;
    private final String label;

    PriorityGroup(int rank, String label) {
        this.rank = rank;
        this.label = label;
    }

    public int rank() {
        return rank;
    }

    public String label() {
        return label;
    }

    public static PriorityGroup of(StoredMeter m) {
        PrepaymentState p = m.prepayment();
        if (p.mode() == PrepaymentState.PaymentMode.PREPAYMENT) {
            return m.psr() || p.lowCredit() || p.off()
                    ? PREPAYMENT_PRIORITY : PREPAYMENT;
        }
        return m.psr() ? CREDIT_PSR : CREDIT;
    }

    public static PriorityGroup ofRank(int rank) {
        return values()[rank - 1];
    }

    /** A prepayment customer who could lose supply now: can be disabled and low, on emergency credit or off. */
    public static boolean atRisk(StoredMeter m) {
        PrepaymentState p = m.prepayment();
        return p.atRisk() && (p.lowCredit() || p.off());
    }
}
