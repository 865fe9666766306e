package org.solrtoolkit.device;

import java.util.EnumSet;
import java.util.Set;

/**
 * The modes of GBCS use case CS02b "Update Security Credentials" this simulator implements
 * (domain.md section 3): who authorises (the cell whose key must have signed the command) and
 * which cells that authoriser may replace. The others (root by supplier or WAN provider, ACB, WAN
 * provider, contingency) are not modelled yet.
 */
public enum Cs02bMode {
    SUPPLIER_BY_SUPPLIER(TrustAnchorCell.SUPPLIER_DS, EnumSet.of(TrustAnchorCell.SUPPLIER_DS,
            TrustAnchorCell.SUPPLIER_KA, TrustAnchorCell.SUPPLIER_KA_TOPUP)),
    /** Change of supplier: the DCC as TCoS replaces the three Supplier cells and resets their floors. */
    SUPPLIER_BY_TRANS_COS(TrustAnchorCell.TCOS_DS, EnumSet.of(TrustAnchorCell.SUPPLIER_DS,
            TrustAnchorCell.SUPPLIER_KA, TrustAnchorCell.SUPPLIER_KA_TOPUP)),
    NETWORK_OPERATOR_BY_NETWORK_OPERATOR(TrustAnchorCell.NETWORK_OPERATOR_DS, EnumSet.of(
            TrustAnchorCell.NETWORK_OPERATOR_DS, TrustAnchorCell.NETWORK_OPERATOR_KA)),
    TRANS_COS_BY_TRANS_COS(TrustAnchorCell.TCOS_DS, EnumSet.of(TrustAnchorCell.TCOS_DS)),
    /** SMKI Recovery Procedure (SEC Appendix L) methods 2 and 3: the Recovery key replaces any cell but the Root. */
    ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY(TrustAnchorCell.RECOVERY_DS, EnumSet.complementOf(
            EnumSet.of(TrustAnchorCell.ROOT)));

    private final TrustAnchorCell authoriser;
    private final Set<TrustAnchorCell> replaceable;

    Cs02bMode(TrustAnchorCell authoriser, Set<TrustAnchorCell> replaceable) {
        this.authoriser = authoriser;
        this.replaceable = replaceable;
    }

    /** The cell whose public key must verify the command's signature. */
    public TrustAnchorCell authoriser() {
        return authoriser;
    }

    public boolean mayReplace(TrustAnchorCell cell) {
        return replaceable.contains(cell);
    }
}
