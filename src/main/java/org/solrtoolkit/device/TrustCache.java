package org.solrtoolkit.device;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.solrtoolkit.pki.CertificateInfo;

/**
 * Answers that depend only on bytes, computed once and shared by the meters of a campaign
 * (design.md, simulation rules), and by the simulated DCC of a run: what a certificate is (its
 * inspection) and whether a certificate is signed by a given key. The key is the bytes themselves,
 * so a different certificate or key is a different question; a meter still checks its own
 * command's signature every time. Bounded: past {@value #MAX} entries it starts again, so memory
 * stays flat.
 */
public final class TrustCache {

    private static final int MAX = 10_000;
    private final Map<Key, CertificateInfo> inspections = new ConcurrentHashMap<>();
    private final Map<Key, Boolean> signatures = new ConcurrentHashMap<>();
    private final Map<Key, java.security.PublicKey> keys = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong verifications = new java.util.concurrent.atomic.AtomicLong();

    /** How many signatures were actually verified (the questions not answered from the cache). */
    public long verifications() {
        return verifications.get();
    }

    /**
     * The key in a cell as one Bouncy Castle key object per key: its precomputed multiples (which Bouncy
     * Castle keeps on the key's point) then serve every verification, as a meter's own cell would.
     */
    java.security.PublicKey publicKey(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo spki) {
        if (keys.size() > MAX) {
            keys.clear();
        }
        return keys.computeIfAbsent(new Key(ParsedCertificates.encoded(spki), null), k -> SimulatedMeter.publicKey(spki));
    }

    /**
     * What {@code certificate} is, inspected once per certificate: for the simulated DCC's check of
     * a requester's XML-signing certificate, the same for every request of a run.
     */
    public CertificateInfo inspection(org.bouncycastle.cert.X509CertificateHolder certificate) {
        return inspection(org.solrtoolkit.pki.CertificateDer.der(certificate),
                () -> new org.solrtoolkit.pki.CertificateInspector().inspect(certificate));
    }

    CertificateInfo inspection(byte[] der, Supplier<CertificateInfo> inspect) {
        if (inspections.size() > MAX) {
            inspections.clear();
        }
        return inspections.computeIfAbsent(new Key(der, null), k -> inspect.get());
    }

    boolean signedBy(byte[] der, byte[] key, Supplier<Boolean> verify) {
        if (signatures.size() > MAX) {
            signatures.clear();
        }
        return signatures.computeIfAbsent(new Key(der, key), k -> {
            verifications.incrementAndGet();
            return verify.get();
        });
    }

    private record Key(byte[] a, byte[] b) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(a, k.a) && Arrays.equals(b, k.b);
        }

        @Override
        public int hashCode() { // the tails: a certificate ends with its signature, a key with its point
            return 31 * org.solrtoolkit.pki.CertificateDer.tailHash(a) + org.solrtoolkit.pki.CertificateDer.tailHash(b);
        }
    }
}
