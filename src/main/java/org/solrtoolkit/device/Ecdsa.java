package org.solrtoolkit.device;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import org.solrtoolkit.pki.Crypto;

/**
 * ECDSA P-256 with SHA-256 for commands and their checks, by the provider {@link Crypto} chooses, with one
 * {@link Signature} and one DRBG per thread: the JDK's default random source serialises every
 * thread on one lock, and looking the algorithm up for each of a million commands costs time.
 */
final class Ecdsa {

    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            return new SecureRandom();
        }
    });
    private static final ThreadLocal<Signature> SIGNATURE = ThreadLocal.withInitial(() -> {
        try {
            return Signature.getInstance("SHA256withECDSA", Crypto.ecdsa());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(Crypto.ecdsa().getName() + " provides SHA256withECDSA", e);
        }
    });

    private Ecdsa() {
    }

    /** The DER-encoded signature of {@code body} with {@code key}. */
    static byte[] sign(PrivateKey key, byte[] body) {
        long t0 = System.nanoTime();
        try {
            Signature s = SIGNATURE.get();
            s.initSign(Crypto.signingKey(key), RANDOM.get());
            s.update(body);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new DeviceException(DeviceException.Code.BAD_KEY, "cannot sign the command: " + e.getMessage(), e);
        } finally {
            CryptoTime.add(t0);
        }
    }

    /** Whether {@code signature} over {@code body} verifies with {@code key}; false for any malformed input. */
    static boolean verify(PublicKey key, byte[] body, byte[] signature) {
        long t0 = System.nanoTime();
        try {
            Signature s = SIGNATURE.get();
            s.initVerify(Crypto.verifyingKey(key));
            s.update(body);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        } finally {
            CryptoTime.add(t0);
        }
    }
}
