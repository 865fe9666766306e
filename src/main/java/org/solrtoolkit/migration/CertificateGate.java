package org.solrtoolkit.migration;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.device.Cs02bCommand;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.pki.CertificateRecord;
import org.solrtoolkit.pki.LintFinding;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PathValidator;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.ProfileLinter;
import org.solrtoolkit.pki.SmkiPartyKind;

/**
 * The check before any meter is commanded (domain.md sections 1 and 3): the three Supplier
 * certificates a campaign places must exist, pass the GBCS profile lint, not be revoked, and chain
 * through the Issuing OCA to the Root the meters hold; and the DCC key that signs the commands
 * must open. A refusal here writes nothing.
 */
final class CertificateGate {

    static final List<String> ALIASES = List.of("supplier-ds", "supplier-ka", "supplier-ka-topup");
    static final List<TrustAnchorCell> CELLS = List.of(TrustAnchorCell.SUPPLIER_DS, TrustAnchorCell.SUPPLIER_KA,
            TrustAnchorCell.SUPPLIER_KA_TOPUP);

    private final PkiService pki;

    CertificateGate(PkiService pki) {
        this.pki = pki;
    }

    /** The certificates {@code party} places in its meters' Supplier cells, checked at {@code now}. */
    List<Cs02bCommand.Replacement> replacements(String party, CampaignRoute route, Instant now) {
        String whose = route == CampaignRoute.CHANGE_OF_SUPPLIER ? "the SoLR's" : party + "'s";
        X509CertificateHolder root = pki.rootCertificate();
        X509CertificateHolder oca = pki.issuingOcaCertificate();
        List<Cs02bCommand.Replacement> reps = new ArrayList<>();
        for (int i = 0; i < ALIASES.size(); i++) {
            String alias = ALIASES.get(i);
            X509CertificateHolder c = pki.certificate(party, alias).orElseThrow(() -> new CampaignException(
                    CampaignException.Code.NO_SOLR_CERTIFICATES, route.whose + " '" + party + "' has no " + alias
                            + " certificate in this database's SMKI; run 'pki init' with the event current"));
            List<LintFinding> errors = new ProfileLinter().lint(party + " " + alias, 0, c).stream()
                    .filter(LintFinding::isError).toList();
            if (!errors.isEmpty()) {
                throw new CampaignException(CampaignException.Code.BAD_CERTIFICATES, whose + " " + alias
                        + " certificate fails the GBCS profile: " + errors.get(0) + "; replace it before the campaign");
            }
            pki.record(party, alias).filter(r -> r.status() == CertificateRecord.Status.REVOKED).ifPresent(r -> {
                throw new CampaignException(CampaignException.Code.BAD_CERTIFICATES, whose + " " + alias
                        + " certificate " + r.serial() + " was revoked at " + r.revokedAt().map(Instant::toString)
                                .orElse("?") + " (" + r.revocationReason().orElse("") + "); it needs a new certificate"
                        + " (pki renew) before a campaign places it on meters (SMKI Recovery Procedure, domain.md"
                        + " section 3)");
            });
            PathValidator.Result chain = new PathValidator().validate(c, List.of(oca), root, Optional.of(now));
            if (!chain.ok()) {
                throw new CampaignException(CampaignException.Code.BAD_CERTIFICATES, whose + " " + alias
                        + " certificate does not chain to the Root in the meters' cells: " + chain.failure().get());
            }
            reps.add(new Cs02bCommand.Replacement(CELLS.get(i), c));
        }
        return reps;
    }

    /**
     * The contingency route's replacement: the SMKI's current Root OCA for the meters' Root cells. It
     * needs a Root made after the one the meters hold ({@code pki renew-root}).
     */
    List<Cs02bCommand.Replacement> newRoot() {
        List<X509CertificateHolder> roots = pki.rootCertificates();
        if (roots.size() < 2) {
            throw new CampaignException(CampaignException.Code.BAD_CERTIFICATES, "the SMKI has only the Root OCA the"
                    + " meters already hold: the contingency route places a new one; run 'pki renew-root' first (the"
                    + " DCC, on the PMA's decision)");
        }
        return List.of(new Cs02bCommand.Replacement(TrustAnchorCell.ROOT, roots.get(0)));
    }

    /** The Root the meters hold before the contingency route: the one before the SMKI's current Root. */
    X509CertificateHolder previousRoot() {
        return pki.rootCertificates().get(1);
    }

    /** The DCC's Contingency key for {@code root} and the symmetric key a meter unwraps its public key with. */
    PkiService.Contingency contingency(X509CertificateHolder root, char[] password) {
        return pki.contingency(new org.solrtoolkit.pki.CertificateInspector().inspect(root).ski(), password);
    }

    /** The DCC's private key that signs the route's commands (TCoS or Recovery). */
    PrivateKey signer(CampaignRoute route, char[] password) {
        PartySpec dcc = pki.parties().stream().filter(p -> p.kind() == SmkiPartyKind.DCC).findFirst()
                .orElseThrow(() -> new CampaignException(CampaignException.Code.NO_SOLR_CERTIFICATES,
                        "the SMKI holds no DCC party to act as TCoS; run 'pki init' with the event current"));
        return pki.partyKey(dcc.name(), route.signerAlias, password).key();
    }

    X509CertificateHolder issuingOca() {
        return pki.issuingOcaCertificate();
    }
}
