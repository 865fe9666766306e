package org.solrtoolkit.pki;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Certification path validation from a certificate up to a trust anchor through the given path
 * certificates (GBCS section 12; RFC 5280 section 6, reduced to what SMKI paths need): at each link
 * the issuer name, AKI = issuer SKI, the signature (verified with Bouncy Castle), the issuer's CA
 * flag, keyCertSign and path length, and each certificate's validity at the reference time unless
 * time checks are disapplied. A failure names the link and the check.
 */
public final class PathValidator {

    private static final int MAX_DEPTH = 6;

    /** The verdict: the chain from the certificate to the anchor, and the first failure if any. */
    public record Result(List<X509CertificateHolder> chain, Optional<String> failure) {
        public boolean ok() {
            return failure.isEmpty();
        }
    }

    /**
     * @param at the reference time, or empty to disapply time checks (many real test certificates are expired)
     */
    public Result validate(X509CertificateHolder leaf, List<X509CertificateHolder> path, X509CertificateHolder anchor,
            Optional<Instant> at) {
        List<X509CertificateHolder> chain = new ArrayList<>();
        chain.add(leaf);
        X509CertificateHolder current = leaf;
        while (!issues(anchor, current) && !current.equals(anchor)) {
            if (chain.size() > MAX_DEPTH) {
                return fail(chain, "path is longer than " + MAX_DEPTH + " certificates or loops");
            }
            X509CertificateHolder c = current;
            Optional<X509CertificateHolder> next = path.stream().filter(p -> issues(p, c) && !p.equals(c)).findFirst();
            if (next.isEmpty()) {
                return fail(chain, "unknown issuer: " + label(c) + " was issued by '" + c.getIssuer() + "' (AKI "
                        + CertificateInspector.hex(CertificateInspector.aki(c)) + "), which is neither the anchor nor"
                        + " in --path");
            }
            chain.add(next.get());
            current = next.get();
        }
        if (!current.equals(anchor)) {
            chain.add(anchor);
        }
        for (int i = chain.size() - 1; i >= 1; i--) {
            X509CertificateHolder issuer = chain.get(i);
            X509CertificateHolder subject = chain.get(i - 1);
            String link = "link " + (chain.size() - i) + " (" + label(issuer) + " -> " + label(subject) + "): ";
            Optional<String> bad = checkLink(issuer, subject, casBetween(chain, i));
            if (bad.isPresent()) {
                return fail(chain, link + bad.get());
            }
        }
        if (at.isPresent()) {
            for (X509CertificateHolder c : chain) {
                if (!c.isValidOn(java.util.Date.from(at.get()))) {
                    return fail(chain, label(c) + " is not valid at " + at.get() + " (valid "
                            + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant()
                            + "); use --ignore-time to disapply time checks");
                }
            }
        }
        return new Result(chain, Optional.empty());
    }

    private static Optional<String> checkLink(X509CertificateHolder issuer, X509CertificateHolder subject, int below) {
        if (!issuer.getSubject().equals(subject.getIssuer())) {
            return Optional.of("issuer name '" + subject.getIssuer() + "' differs from the issuer's subject '"
                    + issuer.getSubject() + "'");
        }
        byte[] aki = CertificateInspector.aki(subject);
        byte[] ski = CertificateInspector.ski(issuer);
        if (aki != null && ski != null && !Arrays.equals(aki, ski)) {
            return Optional.of("AKI " + CertificateInspector.hex(aki) + " differs from the issuer's SKI "
                    + CertificateInspector.hex(ski));
        }
        BasicConstraints bc = BasicConstraints.fromExtensions(issuer.getExtensions());
        if (bc == null || !bc.isCA()) {
            return Optional.of("the issuer is not a CA (basicConstraints CA is not set)");
        }
        if (bc.getPathLenConstraint() != null && below > bc.getPathLenConstraint().intValue()) {
            return Optional.of("the issuer's pathLenConstraint " + bc.getPathLenConstraint() + " allows fewer CAs"
                    + " below it");
        }
        KeyUsage ku = KeyUsage.fromExtensions(issuer.getExtensions());
        if (ku != null && !ku.hasUsages(KeyUsage.keyCertSign)) {
            return Optional.of("the issuer's key usage lacks keyCertSign");
        }
        if (!signatureVerifies(subject, issuer)) {
            return Optional.of("signature does not verify with the issuer's public key");
        }
        return Optional.empty();
    }

    /** CA certificates strictly between the leaf and {@code chain.get(issuerIndex)}, for pathLenConstraint. */
    private static int casBetween(List<X509CertificateHolder> chain, int issuerIndex) {
        int n = 0;
        for (int j = 1; j < issuerIndex; j++) {
            BasicConstraints bc = BasicConstraints.fromExtensions(chain.get(j).getExtensions());
            if (bc != null && bc.isCA()) {
                n++;
            }
        }
        return n;
    }

    /** Whether {@code issuer}'s key verifies {@code subject}'s signature (Bouncy Castle verifier). */
    public static boolean signatureVerifies(X509CertificateHolder subject, X509CertificateHolder issuer) {
        try {
            ContentVerifierProvider v = new JcaContentVerifierProviderBuilder().setProvider(Gbcs.BC)
                    .build(issuer.getSubjectPublicKeyInfo());
            return subject.isSignatureValid(v);
        } catch (OperatorCreationException | CertException | RuntimeException e) {
            return false;
        }
    }

    private static boolean issues(X509CertificateHolder issuer, X509CertificateHolder subject) {
        if (!issuer.getSubject().equals(subject.getIssuer())) {
            return false;
        }
        byte[] aki = CertificateInspector.aki(subject);
        byte[] ski = CertificateInspector.ski(issuer);
        return aki == null || ski == null || Arrays.equals(aki, ski);
    }

    static String label(X509CertificateHolder c) {
        return CertificateInspector.label(c);
    }

    private static Result fail(List<X509CertificateHolder> chain, String why) {
        return new Result(chain, Optional.of(why));
    }
}
