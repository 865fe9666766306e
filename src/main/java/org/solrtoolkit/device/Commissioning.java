package org.solrtoolkit.device;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.SmkiPartyKind;

/**
 * What a newly installed meter's trust anchor cells hold (domain.md section 3), from the SMKI of
 * this database: the Root OCA in the Root cell; its supplier's DS, KA and KA (prepaymentTopUp)
 * certificates in the Supplier cells; the DCC's Recovery, ACB and TCoS certificates; and the network
 * operator's DS and KA: for an electricity meter the distribution network's, for a gas meter the gas
 * transporter's (domain.md section 3). The simulation's SMKI has one network operator party, which
 * stands for both: the first the SMKI holds.
 */
public final class Commissioning {

    private final PkiService pki;

    public Commissioning(PkiService pki) {
        this.pki = pki;
    }

    /**
     * The certificates for each cell of a {@code type} supplied by {@code supplier}, or why there are
     * none (no SMKI, a supplier or a DCC the SMKI does not hold).
     */
    public Result certificates(DeviceType type, String supplier) {
        if (!pki.initialised()) {
            return Result.missing("this database has no SMKI (run 'pki init')");
        }
        Optional<PartySpec> sup = pki.parties().stream().filter(p -> p.kind() == SmkiPartyKind.SUPPLIER
                && p.name().equalsIgnoreCase(supplier)).findFirst();
        if (sup.isEmpty()) {
            return Result.missing("the SMKI holds no supplier '" + supplier + "'");
        }
        Optional<PartySpec> dcc = first(SmkiPartyKind.DCC);
        if (dcc.isEmpty()) {
            return Result.missing("the SMKI holds no DCC party");
        }
        Map<TrustAnchorCell, X509CertificateHolder> c = new EnumMap<>(TrustAnchorCell.class);
        c.put(TrustAnchorCell.ROOT, pki.rootCertificate());
        put(c, TrustAnchorCell.RECOVERY_DS, dcc.get(), "recovery-ds");
        put(c, TrustAnchorCell.SUPPLIER_DS, sup.get(), "supplier-ds");
        put(c, TrustAnchorCell.SUPPLIER_KA, sup.get(), "supplier-ka");
        put(c, TrustAnchorCell.SUPPLIER_KA_TOPUP, sup.get(), "supplier-ka-topup");
        put(c, TrustAnchorCell.ACB_KA, dcc.get(), "acb-ka");
        put(c, TrustAnchorCell.TCOS_DS, dcc.get(), "tcos-ds");
        Optional<PartySpec> no = first(SmkiPartyKind.NETWORK_OPERATOR);
        if (no.isEmpty()) {
            return Result.missing("the SMKI holds no network operator (distribution network or gas transporter) for"
                    + " the meters' Network Operator cells");
        }
        put(c, TrustAnchorCell.NETWORK_OPERATOR_DS, no.get(), "network-operator-ds");
        put(c, TrustAnchorCell.NETWORK_OPERATOR_KA, no.get(), "network-operator-ka");
        if (c.containsValue(null)) {
            return Result.missing("the SMKI lacks a certificate for a cell of " + type);
        }
        return new Result(c, null);
    }

    /** What the cells of a {@code type} supplied by {@code supplier} hold, as a meter keeps them. */
    public Optional<Map<TrustAnchorCell, CellContent>> cells(DeviceType type, String supplier) {
        Result r = certificates(type, supplier);
        return r.certificates() == null ? Optional.empty() : Optional.of(r.contents());
    }

    private Optional<PartySpec> first(SmkiPartyKind kind) {
        return pki.parties().stream().filter(p -> p.kind() == kind).findFirst();
    }

    private void put(Map<TrustAnchorCell, X509CertificateHolder> c, TrustAnchorCell cell, PartySpec party,
            String alias) {
        c.put(cell, pki.certificate(party.name(), alias).orElse(null));
    }

    /** The certificates by cell, or (when null) the reason there are none. */
    public record Result(Map<TrustAnchorCell, X509CertificateHolder> certificates, String missing) {
        static Result missing(String why) {
            return new Result(null, why);
        }

        /** What the cells hold with these certificates, as a meter keeps them. */
        Map<TrustAnchorCell, CellContent> contents() {
            Map<TrustAnchorCell, CellContent> cells = new EnumMap<>(TrustAnchorCell.class);
            certificates.forEach((cell, cert) -> cells.put(cell, CellContent.of(cert)));
            return cells;
        }
    }
}
