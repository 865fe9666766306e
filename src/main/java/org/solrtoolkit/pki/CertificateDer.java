package org.solrtoolkit.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Certificates and the octets they travel in (issues 15 and 16): parsed once per distinct DER and
 * kept with that DER, and a certificate made elsewhere encoded once per certificate object. A
 * campaign carries the same few certificates (the SoLR's three, their certification path) in every
 * DUIS request, GBCS command and meter check; parsing them from each message again and re-encoding
 * them for each check and each message cost more than a signature. The key of a parse is the bytes
 * themselves, so a different certificate is a different entry and every check still runs on what
 * the message carries. Bounded: past {@value #MAX} entries a map starts again. The arrays returned
 * are shared: read them, never change them.
 */
public final class CertificateDer {

    private static final int MAX = 10_000;
    private static final Map<Octets, X509CertificateHolder> BY_DER = new ConcurrentHashMap<>();
    private static final Map<ByIdentity, byte[]> DER_OF = new ConcurrentHashMap<>();

    private CertificateDer() {
    }

    /**
     * The certificate {@code der} encodes.
     *
     * @throws IllegalArgumentException if {@code der} is not one X.509 certificate
     */
    public static X509CertificateHolder parse(byte[] der) {
        X509CertificateHolder known = BY_DER.get(new Octets(der));
        if (known != null) {
            return known;
        }
        X509CertificateHolder parsed;
        try {
            parsed = new X509CertificateHolder(Certificate.getInstance(der));
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
        bounded();
        byte[] copy = der.clone();
        DER_OF.put(new ByIdentity(parsed), copy);
        BY_DER.put(new Octets(copy), parsed);
        return parsed;
    }

    /** The DER of {@code c}: the octets it was parsed from here, else its encoding, made once per object. */
    public static byte[] der(X509CertificateHolder c) {
        byte[] known = DER_OF.get(new ByIdentity(c));
        if (known != null) {
            return known;
        }
        try {
            byte[] der = c.getEncoded();
            bounded();
            DER_OF.put(new ByIdentity(c), der);
            return der;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void bounded() {
        if (BY_DER.size() > MAX || DER_OF.size() > MAX) {
            BY_DER.clear();
            DER_OF.clear();
        }
    }

    /** Octets as a key, hashed on their length and their last 32 octets (a certificate ends with its signature). */
    public record Octets(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Octets d && Arrays.equals(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return tailHash(bytes);
        }

        @Override
        public String toString() {
            return bytes.length + " octets";
        }
    }

    /** A hash of {@code b}'s length and last 32 octets; 0 for null. */
    public static int tailHash(byte[] b) {
        if (b == null) {
            return 0;
        }
        int h = b.length;
        for (int i = Math.max(0, b.length - 32); i < b.length; i++) {
            h = 31 * h + b[i];
        }
        return h;
    }
}
