package org.solrtoolkit.wire;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.solrtoolkit.pki.Crypto;
import org.solrtoolkit.pki.Eui64;

/**
 * The GBCS key derivation (GBCS section 4; domain.md section 6): ECDH on P-256 between one party's
 * key-agreement private key and the other's key-agreement public key gives Z; the AES-128 key is
 * the first 16 octets of SHA-256(00000001 || Z || OtherInfo), where OtherInfo is the algorithm id
 * {@code 60 85 74 06 08 03 00}, the originator's system title, the transaction id (length {@code 09},
 * the CRA flag, the 8-octet originator counter) and the recipient's system title: 33 octets. Either
 * side derives the same key (the ACB from its private key and the device's public key, the device
 * from its private key and the ACB's). ECDH runs on the provider {@link Crypto} chooses.
 */
public final class GbcsKdf {

    private static final byte[] ALGORITHM_ID = {0x60, (byte) 0x85, 0x74, 0x06, 0x08, 0x03, 0x00};

    private GbcsKdf() {
    }

    /** The AES-128 key for the message with this CRA flag, counter, originator and recipient. */
    public static SecretKey derive(PrivateKey ownKeyAgreement, PublicKey otherKeyAgreement, Cra cra, long counter,
            Eui64 originator, Eui64 recipient) {
        try {
            KeyAgreement ecdh = KeyAgreement.getInstance("ECDH", Crypto.ecdsa());
            ecdh.init(Crypto.signingKey(ownKeyAgreement));
            ecdh.doPhase(Crypto.verifyingKey(otherKeyAgreement), true);
            byte[] z = ecdh.generateSecret();
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(new byte[] {0, 0, 0, 1});
            sha256.update(z);
            sha256.update(otherInfo(cra, counter, originator, recipient));
            byte[] key = java.util.Arrays.copyOf(sha256.digest(), 16);
            return new SecretKeySpec(key, "AES");
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new GbcsException(GbcsException.Code.BAD_VALUE, "GBCS key agreement failed: " + e.getMessage(), e);
        }
    }

    static byte[] otherInfo(Cra cra, long counter, Eui64 originator, Eui64 recipient) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(33);
        out.writeBytes(ALGORITHM_ID);
        out.writeBytes(originator.toBytes());
        out.write(9);
        out.write(cra.value());
        GbcsReader.writeU64(out, counter);
        out.writeBytes(recipient.toBytes());
        return out.toByteArray();
    }
}
