package org.solrtoolkit.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import java.time.Instant;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Constants and small computations of the GBCS certificate profile (domain.md section 2; GBCS
 * section 12), and the one Bouncy Castle provider instance the toolkit uses by name.
 */
public final class Gbcs {

    /** Registered once; code names it where it matters, so the JDK's slow EC code is not picked by accident. */
    public static final Provider BC;

    static {
        Provider existing = Security.getProvider(BouncyCastleProvider.PROVIDER_NAME);
        if (existing == null) {
            existing = new BouncyCastleProvider();
            Security.addProvider(existing);
        }
        BC = existing;
    }

    /** ecdsa-with-SHA256, the only signature algorithm of the profile. */
    public static final ASN1ObjectIdentifier ECDSA_WITH_SHA256 = X9ObjectIdentifiers.ecdsa_with_SHA256;
    /** id-ecPublicKey. */
    public static final ASN1ObjectIdentifier EC_PUBLIC_KEY = X9ObjectIdentifiers.id_ecPublicKey;
    /** NIST P-256 (prime256v1 / secp256r1). */
    public static final ASN1ObjectIdentifier P256 = SECObjectIdentifiers.secp256r1;
    /** uniqueIdentifier (2.5.4.45): the organisation's EUI-64 as a BIT STRING. */
    public static final ASN1ObjectIdentifier UNIQUE_IDENTIFIER = new ASN1ObjectIdentifier("2.5.4.45");
    /** id-on-hardwareModuleName (RFC 4108), the device certificate's SAN otherName. */
    public static final ASN1ObjectIdentifier HARDWARE_MODULE_NAME = new ASN1ObjectIdentifier("1.3.6.1.5.5.7.8.4");
    /** hwType of a GB smart metering device in hardwareModuleName. */
    public static final ASN1ObjectIdentifier HW_TYPE = new ASN1ObjectIdentifier("1.2.826.0.1.8641679.1.2.2.1");
    /** A device certificate never expires: notAfter is the GeneralizedTime 99991231235959Z. */
    public static final Instant DEVICE_NOT_AFTER = Instant.parse("9999-12-31T23:59:59Z");
    /** Serial numbers are 16 octets. */
    public static final int SERIAL_OCTETS = 16;
    /** SKI and AKI key identifiers are 8 octets. */
    public static final int KEY_ID_OCTETS = 8;

    private Gbcs() {
    }

    /**
     * The 8-octet key identifier of RFC 5280 section 4.2.1.2 method (2): the four bits 0100
     * followed by the least significant 60 bits of the SHA-1 hash of the subjectPublicKey BIT
     * STRING's bits.
     */
    public static byte[] keyIdentifier(SubjectPublicKeyInfo spki) {
        return keyIdentifier(spki.getPublicKeyData().getBytes());
    }

    private static final ThreadLocal<MessageDigest> SHA1 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every Java platform", e);
        }
    });

    /** The same from the key's subjectPublicKey bits (the uncompressed point). */
    public static byte[] keyIdentifier(byte[] publicKey) {
        byte[] sha1 = SHA1.get().digest(publicKey);
        byte[] id = Arrays.copyOfRange(sha1, sha1.length - KEY_ID_OCTETS, sha1.length);
        id[0] = (byte) (0x40 | (id[0] & 0x0F));
        return id;
    }

    /**
     * The EC public key a certificate carries (Bouncy Castle), to check a signature by it.
     *
     * @throws PkiException BAD_KEY when the certificate holds no EC key
     */
    public static java.security.PublicKey publicKey(org.bouncycastle.cert.X509CertificateHolder c) {
        try {
            return java.security.KeyFactory.getInstance("EC", BC).generatePublic(
                    new java.security.spec.X509EncodedKeySpec(c.getSubjectPublicKeyInfo().getEncoded()));
        } catch (java.security.GeneralSecurityException | java.io.IOException e) {
            throw new PkiException(PkiException.Code.BAD_KEY, "certificate " + c.getSubject() + " serial "
                    + c.getSerialNumber().toString(16) + " holds no EC public key: " + e.getMessage(), e);
        }
    }
}
