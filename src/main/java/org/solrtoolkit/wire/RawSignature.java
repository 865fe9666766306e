package org.solrtoolkit.wire;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.util.BigIntegers;
import org.solrtoolkit.pki.Crypto;

/**
 * GBCS signatures: ECDSA P-256 with SHA-256, written as the raw 64 octets r||s (each 32 octets,
 * big-endian), not as the DER SEQUENCE the JCA makes (domain.md section 6). Signing and verifying
 * run on the provider {@link Crypto} chooses.
 */
public final class RawSignature {

    /** r and s, 32 octets each. */
    public static final int LENGTH = 64;

    private RawSignature() {
    }

    /** Signs {@code data}; the signature as r||s. */
    public static byte[] sign(PrivateKey key, byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA", Crypto.ecdsa());
            s.initSign(Crypto.signingKey(key), Crypto.random());
            s.update(data);
            return fromDer(s.sign());
        } catch (GeneralSecurityException e) {
            throw new GbcsException(GbcsException.Code.BAD_VALUE, "cannot sign with a " + key.getAlgorithm() + " key: "
                    + e.getMessage(), e);
        }
    }

    /** Whether the r||s {@code signature} over {@code data} verifies with {@code key}. */
    public static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        if (signature == null || signature.length != LENGTH) {
            return false;
        }
        try {
            Signature v = Signature.getInstance("SHA256withECDSA", Crypto.ecdsa());
            v.initVerify(Crypto.verifyingKey(key));
            v.update(data);
            return v.verify(toDer(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The JCA's DER ECDSA-Sig-Value as r||s. */
    public static byte[] fromDer(byte[] der) {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        byte[] out = new byte[LENGTH];
        BigInteger r = ASN1Integer.getInstance(seq.getObjectAt(0)).getPositiveValue();
        BigInteger s = ASN1Integer.getInstance(seq.getObjectAt(1)).getPositiveValue();
        System.arraycopy(BigIntegers.asUnsignedByteArray(32, r), 0, out, 0, 32);
        System.arraycopy(BigIntegers.asUnsignedByteArray(32, s), 0, out, 32, 32);
        return out;
    }

    /** r||s as the DER ECDSA-Sig-Value the JCA verifies. */
    public static byte[] toDer(byte[] raw) {
        try {
            BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(raw, 0, 32));
            BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(raw, 32, 64));
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
