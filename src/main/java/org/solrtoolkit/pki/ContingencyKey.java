package org.solrtoolkit.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The Contingency Key Pair of the SMKI (SEC L10.30(e), domain.md section 3): a key pair the DCC
 * keeps to replace the Root OCA certificate on devices after a Root key is compromised (CS02b mode
 * anyByContingency). Its public key travels, encrypted, inside the Root OCA certificate, in the
 * {@code WrappedApexContingencyKey} extension that GBCS takes from TAMP (RFC 5934,
 * {@code id-pe-wrappedApexContinKey} 1.3.6.1.5.5.7.1.20):
 *
 * <pre>
 * ApexContingencyKey ::= SEQUENCE { wrapAlgorithm AlgorithmIdentifier, wrappedContinPubKey OCTET STRING }
 * </pre>
 *
 * A device keeps that value with its Root cell. The contingency command carries the plaintext
 * symmetric key (the {@code [0]} field of the CS02b's authorising remote party control); the device
 * unwraps the contingency public key with it and checks the command's signature against that key.
 * Once sent, the symmetric key is public: the command therefore replaces the Root, whose new
 * certificate carries a new wrapped contingency key. Here the public key (DER SubjectPublicKeyInfo)
 * is wrapped with AES-256 key wrap with padding (RFC 5649, {@code id-aes256-wrap-pad}); which wrap
 * algorithm the real SMKI uses is not public (INFERENCE), the algorithm identifier says which.
 */
public final class ContingencyKey {

    /** {@code id-pe-wrappedApexContinKey} (RFC 5934). */
    public static final ASN1ObjectIdentifier EXTENSION = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.1.20");
    private static final ASN1ObjectIdentifier WRAP = NISTObjectIdentifiers.id_aes256_wrap_pad;

    /** The keystore alias of the contingency private key for the Root whose SKI is {@code rootSki}. */
    public static String alias(String rootSki) {
        return "contingency-" + rootSki.toLowerCase(java.util.Locale.ROOT);
    }

    /** The keystore alias of the symmetric key that unwraps that Root's contingency public key. */
    public static String unwrapAlias(String rootSki) {
        return "contingency-unwrap-" + rootSki.toLowerCase(java.util.Locale.ROOT);
    }

    private ContingencyKey() {
    }

    /** A new AES-256 key to wrap a contingency public key with. */
    public static SecretKey newWrappingKey() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new SecretKeySpec(k, "AES");
    }

    /** The extension value (DER ApexContingencyKey) carrying {@code contingency}'s public key wrapped with {@code key}. */
    public static byte[] wrappedExtension(KeyPair contingency, SecretKey key) {
        try {
            Cipher c = Cipher.getInstance("AESWrapPad", Gbcs.BC);
            c.init(Cipher.WRAP_MODE, key);
            byte[] wrapped = c.wrap(contingency.getPublic()); // its encoding: the DER SubjectPublicKeyInfo
            return new DERSequence(new ASN1Encodable[] {new AlgorithmIdentifier(WRAP), new DEROctetString(wrapped)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Bouncy Castle wraps with AES-256 key wrap with padding", e);
        }
    }

    /** The extension value in a Root certificate, if it has one. */
    public static Optional<byte[]> extensionOf(X509CertificateHolder root) {
        Extension e = root.getExtension(EXTENSION);
        return e == null ? Optional.empty() : Optional.of(e.getExtnValue().getOctets());
    }

    /**
     * The contingency public key in {@code extension} (DER ApexContingencyKey) unwrapped with
     * {@code plaintextKey}, or empty when the key does not unwrap it (wrong key, unknown algorithm,
     * damaged value): what a device does before it checks a contingency command's signature.
     */
    public static Optional<SubjectPublicKeyInfo> unwrap(byte[] extension, byte[] plaintextKey) {
        try {
            ASN1Sequence s = ASN1Sequence.getInstance(extension);
            AlgorithmIdentifier alg = AlgorithmIdentifier.getInstance(s.getObjectAt(0));
            if (!WRAP.equals(alg.getAlgorithm()) || plaintextKey.length != 32) {
                return Optional.empty();
            }
            byte[] wrapped = ASN1OctetString.getInstance(s.getObjectAt(1)).getOctets();
            Cipher c = Cipher.getInstance("AESWrapPad", Gbcs.BC);
            c.init(Cipher.UNWRAP_MODE, new SecretKeySpec(plaintextKey, "AES"));
            byte[] spki = c.unwrap(wrapped, "EC", Cipher.PUBLIC_KEY).getEncoded();
            return Optional.of(SubjectPublicKeyInfo.getInstance(spki));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
