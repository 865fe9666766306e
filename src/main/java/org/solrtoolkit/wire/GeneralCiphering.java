package org.solrtoolkit.wire;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import org.solrtoolkit.pki.Eui64;

/**
 * The General Ciphering wrapper of a MACed GBCS message (domain.md section 6): {@code DD} and six
 * empty header fields, the length of what follows, the security header (security control
 * {@code 11}: suite 1, authentication only; invocation counter 0), the General Signing APDU, and a
 * 12-octet AES-GCM tag. The tag is GMAC with the key from {@link GbcsKdf}, the IV the originator's
 * system title and four zero octets, and the additional data the security control octet and the
 * APDU (the DLMS construction SC || AK || APDU with no AK; the same shape as the {@code 31}
 * additional data GBCS uses for encrypted content). Recovery commands carry no MAC and are sent as
 * the bare APDU.
 */
public record GeneralCiphering(byte[] apdu, byte[] mac) {

    static final int TAG = 0xDD;
    static final int SECURITY_CONTROL = 0x11;
    static final int MAC_LENGTH = 12;

    /** Wraps {@code apdu} with the MAC under {@code key}; {@code originator} is the APDU's originator. */
    public static GeneralCiphering wrap(byte[] apdu, SecretKey key, Eui64 originator) {
        return new GeneralCiphering(apdu, mac(apdu, key, originator));
    }

    /** Whether the MAC verifies under {@code key} (constant-time comparison). */
    public boolean macVerifies(SecretKey key, Eui64 originator) {
        return MessageDigest.isEqual(mac, mac(apdu, key, originator));
    }

    public byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(apdu.length + 32);
        out.write(TAG);
        out.writeBytes(new byte[6]);
        GbcsReader.writeLength(out, 5 + apdu.length + MAC_LENGTH);
        out.write(SECURITY_CONTROL);
        out.writeBytes(new byte[4]);
        out.writeBytes(apdu);
        out.writeBytes(mac);
        return out.toByteArray();
    }

    /** Reads a General Ciphering message that fills {@code bytes} exactly. */
    public static GeneralCiphering decode(byte[] bytes) {
        GbcsReader r = new GbcsReader(bytes);
        r.expect(TAG, "General Ciphering tag");
        for (int i = 0; i < 6; i++) {
            r.expect(0, "General Ciphering header field " + (i + 1));
        }
        int length = r.length("ciphered service");
        if (length != r.remaining()) {
            throw GbcsException.malformed("ciphered service length " + length + " but " + r.remaining()
                    + " octets follow");
        }
        if (length < 5 + MAC_LENGTH) {
            throw GbcsException.malformed("ciphered service of " + length + " octets is too short");
        }
        int sc = r.u8("security control");
        if (sc != SECURITY_CONTROL) {
            throw GbcsException.malformed(String.format("security control 0x%02X is not 0x11 (authenticated,"
                    + " not encrypted)", sc));
        }
        r.take(4, "invocation counter");
        byte[] apdu = r.take(length - 5 - MAC_LENGTH, "General Signing APDU");
        return new GeneralCiphering(apdu, r.take(MAC_LENGTH, "MAC"));
    }

    static byte[] mac(byte[] apdu, SecretKey key, Eui64 originator) {
        try {
            byte[] iv = java.util.Arrays.copyOf(originator.toBytes(), 12);
            Cipher gcm = org.solrtoolkit.pki.Crypto.aesGcm();
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(MAC_LENGTH * 8, iv));
            gcm.updateAAD(new byte[] {(byte) SECURITY_CONTROL});
            gcm.updateAAD(apdu);
            return gcm.doFinal();
        } catch (GeneralSecurityException e) {
            throw new GbcsException(GbcsException.Code.BAD_VALUE, "AES-GCM is not available: " + e.getMessage(), e);
        }
    }
}
