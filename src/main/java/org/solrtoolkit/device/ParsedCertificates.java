package org.solrtoolkit.device;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.pki.ByIdentity;

/**
 * Certificates carried in commands, parsed once per distinct DER and kept with that DER (issue 15:
 * "re-encoding of certificates that do not change"). A campaign sends the same three SoLR
 * certificates and the same certification path to every meter; parsing them from each command again
 * and re-encoding them for each check was a third of a meter's time outside the crypto. The key is
 * the bytes themselves, so a different certificate is a different entry, and the meter still checks
 * each one as before. Bounded: past {@value #MAX} entries it starts again.
 */
final class ParsedCertificates {

    private static final int MAX = 10_000;
    private static final Map<Der, X509CertificateHolder> BY_DER = new ConcurrentHashMap<>();
    private static final Map<ByIdentity, byte[]> DER_OF = new ConcurrentHashMap<>();

    private ParsedCertificates() {
    }

    /** The certificate in an element of a command (its encoding read as it stands in the command). */
    static X509CertificateHolder of(ASN1Encodable element) throws IOException {
        byte[] der = element.toASN1Primitive().getEncoded();
        return of(der);
    }

    static X509CertificateHolder of(byte[] der) {
        if (BY_DER.size() > MAX) {
            BY_DER.clear();
            DER_OF.clear();
        }
        return BY_DER.computeIfAbsent(new Der(der), k -> {
            X509CertificateHolder h = new X509CertificateHolder(Certificate.getInstance(der));
            DER_OF.put(new ByIdentity(h), der);
            return h;
        });
    }

    private static final Map<ByIdentity, byte[]> KEY_DER = new ConcurrentHashMap<>();
    private static final Map<Der, Object> PARTS = new ConcurrentHashMap<>();

    /** The encoding of a public key (a cell's or an issuer's), encoded once per key object. */
    static byte[] encoded(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo key) {
        if (KEY_DER.size() > MAX) {
            KEY_DER.clear();
        }
        return KEY_DER.computeIfAbsent(new ByIdentity(key), k -> {
            try {
                return key.getEncoded();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    /**
     * A part of a command decoded once per distinct encoding (the replacements and the certification
     * path are the same bytes in every command of a campaign): {@code decode} runs on the first sight.
     */
    @SuppressWarnings("unchecked")
    static <T> T part(byte[] der, java.util.function.Function<byte[], T> decode) {
        if (PARTS.size() > 64) {
            PARTS.clear();
        }
        return (T) PARTS.computeIfAbsent(new Der(der), k -> decode.apply(der));
    }

    /** The DER of a certificate: as it was read, for one parsed here, else encoded again. */
    static byte[] der(X509CertificateHolder c) {
        byte[] known = DER_OF.get(new ByIdentity(c));
        if (known != null) {
            return known;
        }
        try {
            return c.getEncoded();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Bytes as a key, hashed on their length and their last 32 bytes (a certificate ends with its signature). */
    record Der(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Der d && Arrays.equals(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return tailHash(bytes);
        }
    }

    static int tailHash(byte[] b) {
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
