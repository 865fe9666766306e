package org.solrtoolkit.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
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
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v1CertificateBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.jcajce.provider.asymmetric.ec.BCECPublicKey;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small SMKI made in memory with a pinned clock, and a builder that makes certificates that
 * break exactly one profile rule, for lint and validation tests.
 */
final class TestPki {

    static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final ASN1ObjectIdentifier ORG_POLICY = new ASN1ObjectIdentifier("1.2.826.0.1.8641679.1.2.1.3");
    static final ASN1ObjectIdentifier DEVICE_POLICY = new ASN1ObjectIdentifier("1.2.826.0.1.8641679.1.2.1.4");
    static final Eui64 ACME = Eui64.parse("00-DB-A0-00-00-00-00-01");
    static final Eui64 METER = Eui64.parse("00-DB-12-34-56-78-90-A0");

    final CertificateIssuer issuer = new CertificateIssuer(CLOCK);
    final KeyPair rootKeys = issuer.newKeyPair();
    final KeyPair ocaKeys = issuer.newKeyPair();
    final KeyPair dcaKeys = issuer.newKeyPair();
    final X509CertificateHolder root = issuer.root("Test Root OCA", rootKeys, SmkiEnvironment.ANY_POLICY,
            Duration.ofDays(3650 * 3));
    final X509CertificateHolder oca = issuer.issuingCa("Test Issuing OCA", ocaKeys.getPublic(), root,
            rootKeys.getPrivate(), SmkiEnvironment.ANY_POLICY, Duration.ofDays(3650 * 2));
    final X509CertificateHolder dca = issuer.issuingCa("Test Issuing DCA", dcaKeys.getPublic(), root,
            rootKeys.getPrivate(), SmkiEnvironment.ANY_POLICY, Duration.ofDays(3650 * 2));

    X509CertificateHolder supplierDs() {
        return issuer.organisation("Acme Energy", RemotePartyRole.SUPPLIER, ACME, KeyUsageType.DS,
                issuer.newKeyPair().getPublic(), oca, ocaKeys.getPrivate(), ORG_POLICY);
    }

    X509CertificateHolder deviceKa() {
        return issuer.device(METER, KeyUsageType.KA, issuer.newKeyPair().getPublic(), dca, dcaKeys.getPrivate(),
                DEVICE_POLICY);
    }

    /** A certificate built field by field; defaults make a valid Organisation Certificate from the OCA. */
    final class Spec {
        X500Name subject = org("02", ACME.toBytes());
        X500Name issuerName = oca.getSubject();
        SubjectPublicKeyInfo key;
        PrivateKey signer = ocaKeys.getPrivate();
        byte[] issuerKeyId = Gbcs.keyIdentifier(oca.getSubjectPublicKeyInfo());
        String algorithm = "SHA256withECDSA";
        BigInteger serial = new BigInteger("7" + "1".repeat(31), 16);
        Instant notBefore = NOW;
        Instant notAfter = NOW.plus(CertificateIssuer.ORGANISATION_VALIDITY);
        boolean v1;
        Integer keyUsage = KeyUsage.digitalSignature;
        boolean keyUsageCritical = true;
        List<ASN1ObjectIdentifier> policies = new ArrayList<>(List.of(ORG_POLICY));
        boolean policiesCritical = true;
        byte[] ski;
        boolean omitSki;
        boolean omitAki;
        boolean akiCritical;
        BasicConstraints basicConstraints;
        GeneralNames san;
        boolean sanCritical = true;

        Spec() {
            this.key = SubjectPublicKeyInfo.getInstance(issuer.newKeyPair().getPublic().getEncoded());
        }

        Spec device() {
            subject = new X500Name(new RDN[0]);
            issuerName = dca.getSubject();
            signer = dcaKeys.getPrivate();
            issuerKeyId = Gbcs.keyIdentifier(dca.getSubjectPublicKeyInfo());
            notAfter = Gbcs.DEVICE_NOT_AFTER;
            policies = new ArrayList<>(List.of(DEVICE_POLICY));
            san = hardwareModuleName(Gbcs.HW_TYPE, METER.toBytes());
            keyUsage = KeyUsage.keyAgreement;
            return this;
        }

        Spec issuingCa(String ou) {
            subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, new DERUTF8String(ou))
                    .addRDN(BCStyle.CN, new DERUTF8String("Odd Issuing CA")).build();
            issuerName = root.getSubject();
            signer = rootKeys.getPrivate();
            issuerKeyId = Gbcs.keyIdentifier(root.getSubjectPublicKeyInfo());
            basicConstraints = new BasicConstraints(0);
            keyUsage = KeyUsage.keyCertSign | KeyUsage.cRLSign;
            policies = new ArrayList<>(List.of(SmkiEnvironment.ANY_POLICY));
            return this;
        }

        Spec key(String curve) throws Exception {
            KeyPairGenerator g = KeyPairGenerator.getInstance(curve.equals("RSA") ? "RSA" : "EC", Gbcs.BC);
            if (curve.equals("RSA")) {
                g.initialize(2048);
            } else {
                g.initialize(new ECGenParameterSpec(curve));
            }
            key = SubjectPublicKeyInfo.getInstance(g.generateKeyPair().getPublic().getEncoded());
            return this;
        }

        Spec compressedKey() {
            BCECPublicKey pub = (BCECPublicKey) issuer.newKeyPair().getPublic();
            key = new SubjectPublicKeyInfo(new AlgorithmIdentifier(Gbcs.EC_PUBLIC_KEY, Gbcs.P256),
                    pub.getQ().getEncoded(true));
            return this;
        }

        X509CertificateHolder build() throws Exception {
            Date from = Date.from(notBefore);
            Date to = Date.from(notAfter);
            var contentSigner = new JcaContentSignerBuilder(algorithm).setProvider(Gbcs.BC).build(signer);
            if (v1) {
                return new X509v1CertificateBuilder(issuerName, serial, from, to, subject, key).build(contentSigner);
            }
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuerName, serial, new Time(from), new Time(to),
                    subject, key);
            if (basicConstraints != null) {
                b.addExtension(Extension.basicConstraints, true, basicConstraints);
            }
            if (keyUsage != null) {
                b.addExtension(Extension.keyUsage, keyUsageCritical, new KeyUsage(keyUsage));
            }
            if (!policies.isEmpty()) {
                b.addExtension(Extension.certificatePolicies, policiesCritical, new CertificatePolicies(
                        policies.stream().map(PolicyInformation::new).toArray(PolicyInformation[]::new)));
            }
            if (!omitSki) {
                b.addExtension(Extension.subjectKeyIdentifier, false,
                        new SubjectKeyIdentifier(ski != null ? ski : Gbcs.keyIdentifier(key)));
            }
            if (!omitAki) {
                b.addExtension(Extension.authorityKeyIdentifier, akiCritical, new AuthorityKeyIdentifier(issuerKeyId));
            }
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, sanCritical, san);
            }
            return b.build(contentSigner);
        }
    }

    Spec spec() {
        return new Spec();
    }

    static X500Name org(String ou, byte[] eui) {
        X500NameBuilder n = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, new DERUTF8String("Acme Energy"));
        if (ou != null) {
            n.addRDN(BCStyle.OU, new DERUTF8String(ou));
        }
        if (eui != null) {
            n.addRDN(Gbcs.UNIQUE_IDENTIFIER, new DERBitString(eui));
        }
        return n.build();
    }

    static GeneralNames hardwareModuleName(ASN1ObjectIdentifier hwType, byte[] serial) {
        DERSequence hw = new DERSequence(new ASN1Encodable[] {hwType, new DEROctetString(serial)});
        return new GeneralNames(new GeneralName(GeneralName.otherName, new OtherName(Gbcs.HARDWARE_MODULE_NAME, hw)));
    }
}
