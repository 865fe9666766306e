package org.solrtoolkit.device;

import java.util.EnumSet;
import java.util.Set;
import org.solrtoolkit.pki.RemotePartyRole;

/**
 * The modes of GBCS use case CS02b "Update Security Credentials" this simulator implements, with
 * the rules a meter applies to each (domain.md section 3; GBCS section 13 and the CS02b ASN.1 as the
 * DCC's gbcs-parser reads it; the RTDS 6.23 vector for supplierByTransCoS):
 *
 * <table>
 * <caption>Per mode: who signs, whose floor the counter must pass, which cells and floors it may touch</caption>
 * <tr><th>mode (GBCS INTEGER)</th><th>authorising cell (signature)</th><th>counter above the floor of</th>
 *     <th>cells it may replace</th><th>floors it may set ([4], [5], [6])</th><th>source</th></tr>
 * <tr><td>rootBySupplier (0)</td><td>Supplier DS</td><td>Supplier</td><td>Root</td><td>Root</td>
 *     <td>GBCS 13 (mode name); which floor: INFERENCE</td></tr>
 * <tr><td>supplierBySupplier (2)</td><td>Supplier DS</td><td>Supplier</td><td>the three Supplier cells</td>
 *     <td>Supplier, prepayment top-up</td><td>GBCS 13; domain.md 3</td></tr>
 * <tr><td>networkOperatorByNetworkOperator (3)</td><td>Network Operator DS</td><td>Network Operator</td>
 *     <td>Network Operator DS and KA</td><td>Network Operator</td><td>GBCS 13</td></tr>
 * <tr><td>transCoSByTransCoS (6)</td><td>TCoS DS</td><td>TCoS</td><td>TCoS DS</td><td>TCoS</td><td>GBCS 13</td></tr>
 * <tr><td>supplierByTransCoS (7)</td><td>TCoS DS</td><td>TCoS</td><td>the three Supplier cells</td>
 *     <td>Supplier and prepayment top-up, reset to the command's values</td><td>DUIS 6.23; RTDS 6.23 vector
 *     (domain.md 6)</td></tr>
 * <tr><td>anyExceptAbnormalRootByRecovery (8)</td><td>Recovery DS</td><td>Recovery</td><td>every cell but
 *     the Root</td><td>the roles of those cells</td><td>SEC Appendix L methods 2 and 3 (domain.md 3); Root
 *     excluded: the abnormal Root replacement is the contingency route's</td></tr>
 * <tr><td>anyByContingency (9)</td><td>Root cell's wrapped contingency key, unwrapped with the command's
 *     plaintext symmetric key</td><td>Root</td><td>every cell, the Root first</td><td>the roles of those
 *     cells</td><td>SEC L10.30(e); RFC 5934 WrappedApexContingencyKey; GBCS CS02b plaintextSymmetricKey [0];
 *     which floor: INFERENCE</td></tr>
 * </table>
 *
 * A command's own authoriser floor always moves to its counter. A floor the mode may not set
 * (e.g. a Network Operator command that would reset the Supplier's floor and so re-open the
 * Supplier's old commands to replay) refuses the whole command (INFERENCE from the anti-replay rule:
 * only the party whose cells are replaced starts new counters). A replaced Root is checked as a
 * self-signed Root certificate; the other replacements of the same command chain to it (INFERENCE).
 * rootByWanProvider, accessControlBrokerByACB and wanProviderByWanProvider concern cells our meters
 * do not model (the comms hub's WAN Provider cell; ACB replacement) and are refused as unsupported.
 * New modes are appended: the ordinals are the toolkit's own command encoding ({@link Cs02bCommand}).
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
            EnumSet.of(TrustAnchorCell.ROOT))),
    /** A Root rollover by the device's supplier. */
    ROOT_BY_SUPPLIER(TrustAnchorCell.SUPPLIER_DS, EnumSet.of(TrustAnchorCell.ROOT)),
    /**
     * The contingency route (SEC L10.30(e)): signed with the Contingency private key, whose public key
     * the device unwraps from its Root cell with the command's plaintext symmetric key; any cell.
     */
    ANY_BY_CONTINGENCY(TrustAnchorCell.ROOT, EnumSet.allOf(TrustAnchorCell.class));

    private final TrustAnchorCell authoriser;
    private final Set<TrustAnchorCell> replaceable;

    Cs02bMode(TrustAnchorCell authoriser, Set<TrustAnchorCell> replaceable) {
        this.authoriser = authoriser;
        this.replaceable = replaceable;
    }

    /** The cell whose key (for the contingency mode: the key it wraps) must verify the command's signature. */
    public TrustAnchorCell authoriser() {
        return authoriser;
    }

    /** The role whose floor the command's counter must be above, and which it then moves to the counter. */
    public RemotePartyRole floorRole() {
        return authoriser.role();
    }

    public boolean mayReplace(TrustAnchorCell cell) {
        return replaceable.contains(cell);
    }

    /** Whether a command in this mode may set the floor of {@code role} (only the roles whose cells it replaces). */
    public boolean maySetFloorOf(RemotePartyRole role) {
        return replaceable.stream().anyMatch(c -> c.role() == role);
    }
}
