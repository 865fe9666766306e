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
            new OrgKey("supplier-ka-topup", RemotePartyRole.SUPPLIER, KeyUsageType.KA, CellUsage.PREPAYMENT_TOP_UP)),
            new XmlSigningKey("xml-sign", "87")),
    NETWORK_OPERATOR(List.of(
            new OrgKey("network-operator-ds", RemotePartyRole.NETWORK_OPERATOR, KeyUsageType.DS, CellUsage.MANAGEMENT),
            new OrgKey("network-operator-ka", RemotePartyRole.NETWORK_OPERATOR, KeyUsageType.KA, CellUsage.MANAGEMENT)),
            new XmlSigningKey("xml-sign", "87")),
    DCC(List.of(
            new OrgKey("acb-ka", RemotePartyRole.ACCESS_CONTROL_BROKER, KeyUsageType.KA, CellUsage.MANAGEMENT),
            new OrgKey("tcos-ds", RemotePartyRole.TRANSITIONAL_COS, KeyUsageType.DS, CellUsage.MANAGEMENT),
            new OrgKey("recovery-ds", RemotePartyRole.RECOVERY, KeyUsageType.DS, CellUsage.MANAGEMENT),
            new OrgKey("wan-provider-ds", RemotePartyRole.WAN_PROVIDER, KeyUsageType.DS, CellUsage.MANAGEMENT)),
            new XmlSigningKey("dsp-xml-sign", "89"));

    /** One Organisation Certificate a party gets: the keystore alias, role, key usage and cell usage. */
    public record OrgKey(String alias, RemotePartyRole role, KeyUsageType usage, CellUsage cellUsage) {
    }

    /**
     * The party's DUIS XML-signing certificate (domain.md section 6): an organisation certificate with
     * the OU {@code 87} (a DCC User's) or {@code 89} (the DCC's) and digitalSignature; it signs DUIS
     * messages and is never placed in a trust anchor cell (lint classifies it, the meter refuses it).
     */
    public record XmlSigningKey(String alias, String ou) {
    }

    private final List<OrgKey> keys;
    private final XmlSigningKey xmlSigning;

    SmkiPartyKind(List<OrgKey> keys, XmlSigningKey xmlSigning) {
        this.keys = keys;
        this.xmlSigning = xmlSigning;
    }

    public XmlSigningKey xmlSigning() {
        return xmlSigning;
    }

    public List<OrgKey> keys() {
        return keys;
    }

    public static Optional<SmkiPartyKind> find(String text) {
        String t = text == null ? "" : text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(k -> k.name().equals(t)).findFirst();
    }
}
