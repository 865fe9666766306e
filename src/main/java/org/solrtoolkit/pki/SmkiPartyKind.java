package org.solrtoolkit.pki;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The kinds of party that hold Organisation Certificates in the simulated SMKI, and the
 * certificates each gets from {@code pki init} (domain.md sections 2 and 3). A Shared Resource
 * Provider holds no certificates of its own: it uses those of the supplier it acts for.
 */
public enum SmkiPartyKind {
    SUPPLIER(List.of(
            new OrgKey("supplier-ds", RemotePartyRole.SUPPLIER, KeyUsageType.DS, CellUsage.MANAGEMENT),
            new OrgKey("supplier-ka", RemotePartyRole.SUPPLIER, KeyUsageType.KA, CellUsage.MANAGEMENT),
            new OrgKey("supplier-ka-topup", RemotePartyRole.SUPPLIER, KeyUsageType.KA, CellUsage.PREPAYMENT_TOP_UP))),
    NETWORK_OPERATOR(List.of(
            new OrgKey("network-operator-ds", RemotePartyRole.NETWORK_OPERATOR, KeyUsageType.DS, CellUsage.MANAGEMENT),
            new OrgKey("network-operator-ka", RemotePartyRole.NETWORK_OPERATOR, KeyUsageType.KA, CellUsage.MANAGEMENT))),
    DCC(List.of(
            new OrgKey("acb-ka", RemotePartyRole.ACCESS_CONTROL_BROKER, KeyUsageType.KA, CellUsage.MANAGEMENT),
            new OrgKey("tcos-ds", RemotePartyRole.TRANSITIONAL_COS, KeyUsageType.DS, CellUsage.MANAGEMENT),
            new OrgKey("recovery-ds", RemotePartyRole.RECOVERY, KeyUsageType.DS, CellUsage.MANAGEMENT),
            new OrgKey("wan-provider-ds", RemotePartyRole.WAN_PROVIDER, KeyUsageType.DS, CellUsage.MANAGEMENT)));

    /** One Organisation Certificate a party gets: the keystore alias, role, key usage and cell usage. */
    public record OrgKey(String alias, RemotePartyRole role, KeyUsageType usage, CellUsage cellUsage) {
    }

    private final List<OrgKey> keys;

    SmkiPartyKind(List<OrgKey> keys) {
        this.keys = keys;
    }

    public List<OrgKey> keys() {
        return keys;
    }

    public static Optional<SmkiPartyKind> find(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(k -> k.name().equals(t)).findFirst();
    }
}
