package org.solrtoolkit.device;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.solrtoolkit.pki.ByIdentity;
import org.solrtoolkit.pki.CertificateDer;

/**
 * The parts of commands the direct path decodes once per distinct encoding, and key encodings made
 * once per key object (issue 15: "re-encoding of certificates that do not change"); certificates
 * themselves are parsed and encoded once in {@link CertificateDer}. Bounded.
 */
final class ParsedCertificates {

    private static final int MAX = 10_000;

    private ParsedCertificates() {
    }

    private static final Map<ByIdentity, byte[]> KEY_DER = new ConcurrentHashMap<>();
    private static final Map<CertificateDer.Octets, Object> PARTS = new ConcurrentHashMap<>();

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
        return (T) PARTS.computeIfAbsent(new CertificateDer.Octets(der), k -> decode.apply(der));
    }
}
