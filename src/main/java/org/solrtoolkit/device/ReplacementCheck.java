package org.solrtoolkit.device;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.solrtoolkit.pki.CertificateInfo;
import org.solrtoolkit.pki.CertificateInspector;
import org.solrtoolkit.pki.CertificateKind;
import org.solrtoolkit.pki.Gbcs;

/**
 * A meter's checks of one replacement certificate of a CS02b that passed the command-level checks
 * (domain.md section 3; GBCS sections 12 and 13): the target cell exists (else status 25), the
 * certificate's kind, role and key usage fit the cell (else 5), it chains through the command's
 * path certificates to the key in the Root cell (else 10), and it and its issuer are valid at the
 * meter's time unless time checks are disapplied (else 5). Each check is logged with its
 * {@link MeterCheck} code. Reads the meter's cells; changes nothing.
 */
final class ReplacementCheck {

    private final DeviceType type;
    private final Map<TrustAnchorCell, CellContent> cells;
    /** Shared answers that depend only on bytes; may be null. */
    private final TrustCache trust;

    ReplacementCheck(DeviceType type, Map<TrustAnchorCell, CellContent> cells, TrustCache trust) {
        this.type = type;
        this.cells = new java.util.EnumMap<>(cells); // a new Root replaces the anchor of the command's next checks
        this.trust = trust;
    }

    /**
     * Every replacement of {@code cmd}: a new Root first, so that the command's other certificates
     * chain to it (Cs02bMode); the outcomes in the command's order.
     */
    List<Cs02bResponse.CellOutcome> checkAll(Cs02bCommand cmd, Instant now, List<Cs02bResponse.Check> checks) {
        Map<Cs02bCommand.Replacement, Cs02bResponse.CellOutcome> by = new IdentityHashMap<>();
        for (Cs02bCommand.Replacement r : cmd.replacements().stream().sorted(java.util.Comparator.comparing(
                (Cs02bCommand.Replacement x) -> x.cell() != TrustAnchorCell.ROOT)).toList()) {
            Cs02bResponse.CellOutcome o = check(r, cmd, now, checks);
            by.put(r, o);
            if (o.status() == CellStatus.SUCCESS && r.cell() == TrustAnchorCell.ROOT) {
                cells.put(TrustAnchorCell.ROOT, o.replacing());
            }
        }
        return cmd.replacements().stream().map(by::get).toList();
    }

    Cs02bResponse.CellOutcome check(Cs02bCommand.Replacement r, Cs02bCommand cmd, Instant now,
            List<Cs02bResponse.Check> checks) {
        TrustAnchorCell cell = r.cell();
        CellContent existing = cells.get(cell);
        byte[] der = trust == null ? null : der(r.certificate());
        CertificateInfo info = trust == null ? new CertificateInspector().inspect(r.certificate())
                : trust.inspection(der, () -> new CertificateInspector().inspect(r.certificate()));
        CellContent offered = CellContent.of(r.certificate(), info);
        if (existing == null) {
            SimulatedMeter.check(checks, MeterCheck.CELL_PRESENT, cell + " present", false, () -> "this " + type + " has no such cell");
            return new Cs02bResponse.CellOutcome(cell, CellStatus.TRUST_ANCHOR_NOT_FOUND, null, offered,
                    "this " + type + " has no " + cell + " cell");
        }
        boolean kindOk = cell == TrustAnchorCell.ROOT ? info.kind() == CertificateKind.ROOT
                : info.kind() == CertificateKind.ORGANISATION;
        boolean roleOk = info.role().map(role -> role == cell.role()).orElse(false);
        boolean usageOk = cell.usage() == null || info.keyUsage().map(u -> u == cell.usage()).orElse(false);
        if (!SimulatedMeter.check(checks, MeterCheck.CELL_ROLE_AND_USAGE, cell + " role and key usage", kindOk && roleOk && usageOk, () -> "certificate is "
                + info.kind() + " role " + info.roleCode().orElse("none") + " " + String.join("+", info.keyUsages()))) {
            return new Cs02bResponse.CellOutcome(cell, CellStatus.BAD_CERTIFICATE, existing, offered, "certificate is "
                    + info.kind() + " role " + info.roleCode().orElse("none") + " " + String.join("+", info.keyUsages())
                    + ", the cell needs " + cell.role().code() + (cell.usage() == null ? "" : " " + cell.usage()));
        }
        if (cell == TrustAnchorCell.ROOT) {
            return root(r, cmd, now, checks, existing, offered, info);
        }
        Optional<X509CertificateHolder> issuer = chainToRoot(r.certificate(), der, cmd.certificationPath());
        if (!SimulatedMeter.check(checks, MeterCheck.CELL_CHAINS_TO_ROOT, cell + " chains to the Root cell", issuer.isPresent(),
                () -> CertificateInspector.label(r.certificate()) + " issued by " + r.certificate().getIssuer())) {
            return new Cs02bResponse.CellOutcome(cell, CellStatus.NO_TRUST_ANCHOR, existing, offered,
                    "certificate does not chain through the path certificates to the Root cell");
        }
        if (!cmd.disapplyTimeChecks()) {
            X509CertificateHolder ca = issuer.get();
            CertificateInfo caInfo = trust == null ? new CertificateInspector().inspect(ca)
                    : trust.inspection(pathDer(ca), () -> new CertificateInspector().inspect(ca));
            boolean valid = validAt(info, now) && validAt(caInfo, now);
            if (!SimulatedMeter.check(checks, MeterCheck.CELL_VALIDITY, cell + " validity", valid, () -> "time checks applied")) {
                return new Cs02bResponse.CellOutcome(cell, CellStatus.BAD_CERTIFICATE, existing, offered,
                        "certificate or its issuer is not valid at " + now);
            }
        }
        return new Cs02bResponse.CellOutcome(cell, CellStatus.SUCCESS, existing, offered, "");
    }

    /**
     * A new Root certificate (rootBySupplier, anyByContingency): a Root is its own anchor, so it must
     * verify with its own key (self-signed) and, unless time checks are disapplied, be valid now
     * (else status 5). INFERENCE: GBCS gives the Root no further issuer to chain to.
     */
    private Cs02bResponse.CellOutcome root(Cs02bCommand.Replacement r, Cs02bCommand cmd, Instant now,
            List<Cs02bResponse.Check> checks, CellContent existing, CellContent offered, CertificateInfo info) {
        boolean self = verifiesCertificate(r.certificate(), r.certificate().getSubjectPublicKeyInfo());
        if (!SimulatedMeter.check(checks, MeterCheck.CELL_CHAINS_TO_ROOT, "ROOT self-signed", self,
                () -> CertificateInspector.label(r.certificate()) + " does not verify with its own key")) {
            return new Cs02bResponse.CellOutcome(TrustAnchorCell.ROOT, CellStatus.BAD_CERTIFICATE, existing, offered,
                    "the new Root certificate is not self-signed");
        }
        if (!cmd.disapplyTimeChecks() && !SimulatedMeter.check(checks, MeterCheck.CELL_VALIDITY, "ROOT validity",
                validAt(info, now), () -> "time checks applied")) {
            return new Cs02bResponse.CellOutcome(TrustAnchorCell.ROOT, CellStatus.BAD_CERTIFICATE, existing, offered,
                    "the new Root certificate is not valid at " + now);
        }
        return new Cs02bResponse.CellOutcome(TrustAnchorCell.ROOT, CellStatus.SUCCESS, existing, offered, "");
    }

    /** The path certificate that issued {@code c} and is itself signed by the Root cell's key, if any. */
    private static boolean validAt(CertificateInfo info, Instant at) {
        return !at.isBefore(info.notBefore()) && !at.isAfter(info.notAfter());
    }

    /** The path certificates' encodings, made once per command (the same for each replacement). */
    private final Map<X509CertificateHolder, byte[]> pathDers = new IdentityHashMap<>();

    private byte[] pathDer(X509CertificateHolder p) {
        return pathDers.computeIfAbsent(p, ReplacementCheck::der);
    }

    private Optional<X509CertificateHolder> chainToRoot(X509CertificateHolder c, byte[] der,
            List<X509CertificateHolder> path) {
        CellContent root = cells.get(TrustAnchorCell.ROOT);
        for (X509CertificateHolder p : path) {
            if (p.getSubject().equals(c.getIssuer()) && signedBy(c, der, p.getSubjectPublicKeyInfo())
                    && signedBy(p, trust == null ? null : pathDer(p), root.publicKey())) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private boolean signedBy(X509CertificateHolder c, byte[] der, SubjectPublicKeyInfo key) {
        if (trust != null) {
            try {
                return trust.signedBy(der, ParsedCertificates.encoded(key), () -> verifiesCertificate(c, key));
            } catch (java.io.UncheckedIOException e) {
                return false;
            }
        }
        return verifiesCertificate(c, key);
    }

    private static byte[] der(X509CertificateHolder c) {
        return org.solrtoolkit.pki.CertificateDer.der(c);
    }

    private static boolean verifiesCertificate(X509CertificateHolder c, SubjectPublicKeyInfo key) {
        long t0 = System.nanoTime();
        try {
            // Bouncy Castle's own verifier: chain checks are cached per certificate and Root key (TrustCache),
            // so they are not the hot path; the timing still counts them as crypto
            return c.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Gbcs.BC).build(key));
        } catch (Exception e) {
            return false;
        } finally {
            CryptoTime.add(t0);
        }
    }
}
