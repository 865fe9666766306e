package org.solrtoolkit.device;

import java.util.Arrays;
import java.util.List;
import org.solrtoolkit.pki.CellUsage;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.RemotePartyRole;

/**
 * The trust anchor cells of a meter (domain.md section 3; GBCS section 13), identified by role,
 * key usage and cell usage. An ESME and a GSME hold the same cells; a GSME's Network Operator cells
 * belong to the gas transporter (domain.md section 3: gas transporters are eligible for the network
 * operator's service requests on a GSME; an earlier version of this simulator gave GSMEs none).
 */
public enum TrustAnchorCell {
    ROOT(RemotePartyRole.ROOT, null, CellUsage.MANAGEMENT),
    RECOVERY_DS(RemotePartyRole.RECOVERY, KeyUsageType.DS, CellUsage.MANAGEMENT),
    SUPPLIER_DS(RemotePartyRole.SUPPLIER, KeyUsageType.DS, CellUsage.MANAGEMENT),
    SUPPLIER_KA(RemotePartyRole.SUPPLIER, KeyUsageType.KA, CellUsage.MANAGEMENT),
    SUPPLIER_KA_TOPUP(RemotePartyRole.SUPPLIER, KeyUsageType.KA, CellUsage.PREPAYMENT_TOP_UP),
    NETWORK_OPERATOR_DS(RemotePartyRole.NETWORK_OPERATOR, KeyUsageType.DS, CellUsage.MANAGEMENT),
    NETWORK_OPERATOR_KA(RemotePartyRole.NETWORK_OPERATOR, KeyUsageType.KA, CellUsage.MANAGEMENT),
    ACB_KA(RemotePartyRole.ACCESS_CONTROL_BROKER, KeyUsageType.KA, CellUsage.MANAGEMENT),
    TCOS_DS(RemotePartyRole.TRANSITIONAL_COS, KeyUsageType.DS, CellUsage.MANAGEMENT);

    private final RemotePartyRole role;
    private final KeyUsageType usage;
    private final CellUsage cellUsage;

    TrustAnchorCell(RemotePartyRole role, KeyUsageType usage, CellUsage cellUsage) {
        this.role = role;
        this.usage = usage;
        this.cellUsage = cellUsage;
    }

    public RemotePartyRole role() {
        return role;
    }

    /** The key usage a certificate needs to go in this cell; null for the Root cell (a CA). */
    public KeyUsageType usage() {
        return usage;
    }

    public CellUsage cellUsage() {
        return cellUsage;
    }

    /** The cells a device of {@code type} has: every cell, on both fuels. */
    public static List<TrustAnchorCell> of(DeviceType type) {
        return Arrays.asList(values());
    }
}
