package org.solrtoolkit.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes SMKI certificates in the GBCS profile (domain.md section 2; GBCS section 12): P-256 keys
 * with uncompressed points, ecdsa-with-SHA256, critical keyUsage and certificatePolicies, 8-octet
 * SKI/AKI by RFC 5280 method (2), 16-octet serials; organisation subjects with the role as OU and
 * the EUI-64 as uniqueIdentifier; device certificates with an empty subject, a critical SAN
 * hardwareModuleName and notAfter 99991231235959Z. Thread-safe: bulk issuance runs it on several
 * threads.
 */
public final class CertificateIssuer {

    /** Organisation certificates are valid for 10 years. */
    public static final Duration ORGANISATION_VALIDITY = Duration.ofDays(3653);

    private final Clock clock;
    /** One DRBG per thread: the JDK's default NativePRNG serialises every thread on one lock. */
    private final ThreadLocal<SecureRandom> random = ThreadLocal.withInitial(CertificateIssuer::drbg);
    private final ThreadLocal<KeyPairGenerator> generator = ThreadLocal.withInitial(() -> p256Generator(random.get()));
    /** Signers are reusable one certificate after another; built once per thread and key. */
    private final ThreadLocal<java.util.Map<PrivateKey, ContentSigner>> signers =
            ThreadLocal.withInitial(java.util.IdentityHashMap::new);

    public CertificateIssuer(Clock clock) {
        this.clock = clock;
    }

    /** A fresh NIST P-256 key pair (Bouncy Castle). */
    public KeyPair newKeyPair() {
        return generator.get().generateKeyPair();
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            return new SecureRandom();
        }
    }

    private static KeyPairGenerator p256Generator(SecureRandom random) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Gbcs.BC);
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle provides P-256", e);
        }
    }

    /** The self-signed Root OCA: subject OU=00, CN=name; CA, keyCertSign and cRLSign. */
    public X509CertificateHolder root(String name, KeyPair keys, ASN1ObjectIdentifier policy, Duration validity) {
        return root(name, keys, policy, validity, null);
    }

    /**
     * The self-signed Root OCA carrying, when {@code contingency} is given, the wrapped contingency
     * public key ({@link ContingencyKey}, non-critical as in RFC 5934).
     */
    public X509CertificateHolder root(String name, KeyPair keys, ASN1ObjectIdentifier policy, Duration validity,
            byte[] contingency) {
        X500Name subject = caName(RemotePartyRole.ROOT, name);
        Instant now = now();
        X509v3CertificateBuilder b = builder(subject, subject, keys.getPublic(), now, now.plus(validity));
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            caExtensions(b, policy);
            b.addExtension(Extension.subjectKeyIdentifier, false, ski(keys.getPublic()));
            if (contingency != null) {
                b.addExtension(ContingencyKey.EXTENSION, false, contingency);
            }
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return sign(b, keys.getPrivate());
    }

    /**
     * A self-signed certificate that only carries a key in a keystore (as {@code keytool -genkeypair}
     * makes one): PKCS#12 keeps a private key with a certificate. Not an SMKI certificate: no role,
     * no policy, never placed in a cell.
     */
    public X509CertificateHolder holder(String name, KeyPair keys, Duration validity) {
        X500Name subject = new X500Name(new org.bouncycastle.asn1.x500.RDN[] {new org.bouncycastle.asn1.x500.RDN(
                org.bouncycastle.asn1.x500.style.BCStyle.CN, new org.bouncycastle.asn1.DERUTF8String(name))});
        Instant now = now();
        X509v3CertificateBuilder b = builder(subject, subject, keys.getPublic(), now, now.plus(validity));
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return sign(b, keys.getPrivate());
    }

    /** An Issuing CA (OCA or DCA): subject OU=07, CN=name; CA with path length 0. */
    public X509CertificateHolder issuingCa(String name, PublicKey key, X509CertificateHolder issuer, PrivateKey issuerKey,
            ASN1ObjectIdentifier policy, Duration validity) {
        Instant now = now();
        X509v3CertificateBuilder b = builder(issuer.getSubject(), caName(RemotePartyRole.ISSUING_AUTHORITY, name), key,
                now, min(now.plus(validity), issuer.getNotAfter().toInstant()));
        try {
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            caExtensions(b, policy);
            keyIds(b, key, issuer);
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return sign(b, issuerKey);
    }

    /**
     * An Organisation Certificate: subject [CN=commonName,] OU=role code, uniqueIdentifier=EUI-64;
     * exactly one key usage; valid 10 years; no SAN.
     */
    public X509CertificateHolder organisation(String commonName, RemotePartyRole role, Eui64 eui, KeyUsageType usage,
            PublicKey key, X509CertificateHolder issuer, PrivateKey issuerKey, ASN1ObjectIdentifier policy) {
        return organisation(commonName, role.code(), eui, usage, key, issuer, issuerKey, policy);
    }

    /**
     * The same with the OU given as a code: a Remote Party Role's, or {@code 87} / {@code 89} for a DUIS
     * XML-signing certificate ({@link SmkiPartyKind.XmlSigningKey}).
     */
    public X509CertificateHolder organisation(String commonName, String ou, Eui64 eui, KeyUsageType usage,
            PublicKey key, X509CertificateHolder issuer, PrivateKey issuerKey, ASN1ObjectIdentifier policy) {
        X500NameBuilder n = new X500NameBuilder(BCStyle.INSTANCE);
        if (commonName != null && !commonName.isBlank()) {
            n.addRDN(BCStyle.CN, new DERUTF8String(commonName));
        }
        n.addRDN(BCStyle.OU, new DERUTF8String(ou));
        n.addRDN(Gbcs.UNIQUE_IDENTIFIER, new DERBitString(eui.toBytes()));
        Instant now = now();
        X509v3CertificateBuilder b = builder(issuer.getSubject(), n.build(), key, now,
                min(now.plus(ORGANISATION_VALIDITY), issuer.getNotAfter().toInstant()));
        try {
            endEntityExtensions(b, usage, policy);
            keyIds(b, key, issuer);
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return sign(b, issuerKey);
    }

    /**
     * A Device Certificate: empty subject, critical SAN otherName hardwareModuleName (hwType, the
     * device's EUI-64 as hwSerialNum), notAfter 99991231235959Z, exactly one key usage and policy.
     */
    public X509CertificateHolder device(Eui64 eui, KeyUsageType usage, PublicKey key, X509CertificateHolder issuer,
            PrivateKey issuerKey, ASN1ObjectIdentifier policy) {
        Instant now = now();
        X509v3CertificateBuilder b = builder(issuer.getSubject(), new X500Name(new org.bouncycastle.asn1.x500.RDN[0]),
                key, now, Gbcs.DEVICE_NOT_AFTER);
        try {
            endEntityExtensions(b, usage, policy);
            DERSequence hwName = new DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {Gbcs.HW_TYPE,
                    new DEROctetString(eui.toBytes())});
            GeneralName san = new GeneralName(GeneralName.otherName, new OtherName(Gbcs.HARDWARE_MODULE_NAME, hwName));
            b.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(san));
            keyIds(b, key, issuer);
        } catch (CertIOException e) {
            throw new IllegalStateException(e);
        }
        return sign(b, issuerKey);
    }

    private static X500Name caName(RemotePartyRole role, String name) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.OU, new DERUTF8String(role.code()))
                .addRDN(BCStyle.CN, new DERUTF8String(name))
                .build();
    }

    private static void caExtensions(X509v3CertificateBuilder b, ASN1ObjectIdentifier policy) throws CertIOException {
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        b.addExtension(Extension.certificatePolicies, true, new CertificatePolicies(new PolicyInformation(policy)));
    }

    private static void endEntityExtensions(X509v3CertificateBuilder b, KeyUsageType usage, ASN1ObjectIdentifier policy)
            throws CertIOException {
        b.addExtension(Extension.keyUsage, true,
                new KeyUsage(usage == KeyUsageType.DS ? KeyUsage.digitalSignature : KeyUsage.keyAgreement));
        b.addExtension(Extension.certificatePolicies, true, new CertificatePolicies(new PolicyInformation(policy)));
    }

    private static void keyIds(X509v3CertificateBuilder b, PublicKey key, X509CertificateHolder issuer)
            throws CertIOException {
        b.addExtension(Extension.subjectKeyIdentifier, false, ski(key));
        b.addExtension(Extension.authorityKeyIdentifier, false,
                new AuthorityKeyIdentifier(Gbcs.keyIdentifier(issuer.getSubjectPublicKeyInfo())));
    }

    private static SubjectKeyIdentifier ski(PublicKey key) {
        return new SubjectKeyIdentifier(Gbcs.keyIdentifier(SubjectPublicKeyInfo.getInstance(key.getEncoded())));
    }

    private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Instant from, Instant to) {
        return new X509v3CertificateBuilder(issuer, serial(), new Time(Date.from(from)), new Time(Date.from(to)),
                subject, publicKeyInfo(key));
    }

    /** The key as a SubjectPublicKeyInfo; only P-256 is accepted. */
    static SubjectPublicKeyInfo publicKeyInfo(PublicKey key) {
        return publicKeyInfo(SubjectPublicKeyInfo.getInstance(key.getEncoded()), key.getAlgorithm());
    }

    /** The same for a key as its encoding. */
    static SubjectPublicKeyInfo publicKeyInfo(SubjectPublicKeyInfo spki, String algorithm) {
        if (!Gbcs.EC_PUBLIC_KEY.equals(spki.getAlgorithm().getAlgorithm())
                || !Gbcs.P256.equals(spki.getAlgorithm().getParameters())) {
            throw new PkiException(PkiException.Code.BAD_KEY, "key is " + algorithm + " "
                    + spki.getAlgorithm().getParameters() + ": the GBCS profile needs a NIST P-256 (secp256r1) EC key");
        }
        return spki;
    }

    /** 16 octets, positive, first octet non-zero, so the DER INTEGER is exactly 16 octets long. */
    private BigInteger serial() {
        byte[] b = new byte[Gbcs.SERIAL_OCTETS];
        SecureRandom r = random.get();
        do {
            r.nextBytes(b);
            b[0] &= 0x7F;
        } while (b[0] == 0);
        return new BigInteger(1, b);
    }

    private X509CertificateHolder sign(X509v3CertificateBuilder b, PrivateKey key) {
        ContentSigner signer = signers.get().computeIfAbsent(key, k -> {
            try {
                return new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Crypto.ecdsa())
                        .setSecureRandom(random.get()).build(signingKey(k));
            } catch (OperatorCreationException e) {
                throw new PkiException(PkiException.Code.BAD_KEY, "cannot sign with a " + k.getAlgorithm()
                        + " key: " + e.getMessage(), e);
            }
        });
        return b.build(signer);
    }

    /**
     * {@code key} as the ECDSA provider's own key ({@link Crypto}): certificates and CRLs are signed
     * natively where the native provider loads.
     */
    static PrivateKey signingKey(PrivateKey key) {
        return Crypto.ecdsa() == Gbcs.BC ? asBouncyCastleKey(key) : Crypto.signingKey(key);
    }

    /** A key read from a PKCS#12 file is the JDK's; converted once, Bouncy Castle signs with it directly. */
    private static PrivateKey asBouncyCastleKey(PrivateKey key) {
        if (key instanceof org.bouncycastle.jce.interfaces.ECPrivateKey) {
            return key;
        }
        try {
            return java.security.KeyFactory.getInstance(key.getAlgorithm(), Gbcs.BC)
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new PkiException(PkiException.Code.BAD_KEY, "cannot use a " + key.getAlgorithm() + " key: "
                    + e.getMessage(), e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

}
