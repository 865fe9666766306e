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

    /** Every way a path can fail, each a stable code with the RFC 5280 / GBCS rule it checks. */
    public enum Check {
        /** More than {@value PathValidator#MAX_DEPTH} certificates, or a loop. */
        PATH_LENGTH,
        /** A certificate's issuer is neither the anchor nor one of the path certificates. */
        UNKNOWN_ISSUER,
        /** RFC 5280 6.1.3 (a)(4): the issuer name chains. */
        ISSUER_NAME,
        /** GBCS section 12: the AKI equals the issuer's SKI. */
        KEY_IDENTIFIER,
        /** RFC 5280 6.1.4 (k): the issuer is a CA. */
        ISSUER_IS_CA,
        /** RFC 5280 6.1.4 (m): pathLenConstraint. */
        PATH_LEN_CONSTRAINT,
        /** RFC 5280 6.1.4 (n): keyCertSign. */
        KEY_CERT_SIGN,
        /** RFC 5280 6.1.3 (a)(1): the signature verifies with the issuer's key. */
        SIGNATURE,
        /** RFC 5280 6.1.3 (a)(2): valid at the reference time (unless time checks are disapplied). */
        VALIDITY
    }

    /** The first check a path failed, and what it found. */
    public record Failure(Check check, String detail) {
        @Override
        public String toString() {
            return detail;
        }
    }

    /** The verdict: the chain from the certificate to the anchor, and the first failure if any. */
    public record Result(List<X509CertificateHolder> chain, Optional<Failure> failure) {
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
                return fail(chain, Check.PATH_LENGTH, "path is longer than " + MAX_DEPTH + " certificates or loops");
            }
            X509CertificateHolder c = current;
            Optional<X509CertificateHolder> next = path.stream().filter(p -> issues(p, c) && !p.equals(c)).findFirst();
            if (next.isEmpty()) {
                return fail(chain, Check.UNKNOWN_ISSUER, "unknown issuer: " + label(c) + " was issued by '"
                        + c.getIssuer() + "' (AKI " + CertificateInspector.hex(CertificateInspector.aki(c))
                        + "), which is neither the anchor nor a path certificate");
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
            Optional<Failure> bad = checkLink(issuer, subject, casBetween(chain, i));
            if (bad.isPresent()) {
                return fail(chain, bad.get().check(), link + bad.get().detail());
            }
        }
        if (at.isPresent()) {
            for (X509CertificateHolder c : chain) {
                if (!c.isValidOn(java.util.Date.from(at.get()))) {
                    return fail(chain, Check.VALIDITY, label(c) + " is not valid at " + at.get() + " (valid "
                            + c.getNotBefore().toInstant() + " to " + c.getNotAfter().toInstant() + ")");
                }
            }
        }
        return new Result(chain, Optional.empty());
    }

    private static Optional<Failure> checkLink(X509CertificateHolder issuer, X509CertificateHolder subject, int below) {
        if (!issuer.getSubject().equals(subject.getIssuer())) {
            return failure(Check.ISSUER_NAME, "issuer name '" + subject.getIssuer() + "' differs from the issuer's subject '"
                    + issuer.getSubject() + "'");
        }
        byte[] aki = CertificateInspector.aki(subject);
        byte[] ski = CertificateInspector.ski(issuer);
        if (aki != null && ski != null && !Arrays.equals(aki, ski)) {
            return failure(Check.KEY_IDENTIFIER, "AKI " + CertificateInspector.hex(aki) + " differs from the issuer's SKI "
                    + CertificateInspector.hex(ski));
        }
        BasicConstraints bc = BasicConstraints.fromExtensions(issuer.getExtensions());
        if (bc == null || !bc.isCA()) {
            return failure(Check.ISSUER_IS_CA, "the issuer is not a CA (basicConstraints CA is not set)");
        }
        if (bc.getPathLenConstraint() != null && below > bc.getPathLenConstraint().intValue()) {
            return failure(Check.PATH_LEN_CONSTRAINT, "the issuer's pathLenConstraint " + bc.getPathLenConstraint() + " allows fewer CAs"
                    + " below it");
        }
        KeyUsage ku = KeyUsage.fromExtensions(issuer.getExtensions());
        if (ku != null && !ku.hasUsages(KeyUsage.keyCertSign)) {
            return failure(Check.KEY_CERT_SIGN, "the issuer's key usage lacks keyCertSign");
        }
        if (!signatureVerifies(subject, issuer)) {
            return failure(Check.SIGNATURE, "signature does not verify with the issuer's public key");
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

    private static Result fail(List<X509CertificateHolder> chain, Check check, String why) {
        return new Result(chain, Optional.of(new Failure(check, why)));
    }

    private static Optional<Failure> failure(Check check, String why) {
        return Optional.of(new Failure(check, why));
    }
}
