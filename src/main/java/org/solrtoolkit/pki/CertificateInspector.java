package org.solrtoolkit.pki;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
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
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Reads what an SMKI certificate says (domain.md section 2; GBCS section 12), classifying it from
 * its content only: CA flag and self-signature for roots and issuing CAs, an empty subject with a
 * hardwareModuleName for devices, a role OU or uniqueIdentifier for organisations.
 */
public final class CertificateInspector {

    private static final String[] KU_NAMES = {"digitalSignature", "nonRepudiation", "keyEncipherment",
        "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};
    private static final int[] KU_BITS = {KeyUsage.digitalSignature, KeyUsage.nonRepudiation, KeyUsage.keyEncipherment,
        KeyUsage.dataEncipherment, KeyUsage.keyAgreement, KeyUsage.keyCertSign, KeyUsage.cRLSign,
        KeyUsage.encipherOnly, KeyUsage.decipherOnly};

    public CertificateInfo inspect(X509CertificateHolder c) {
        try {
            return inspect(c, c.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("a parsed certificate encodes", e);
        }
    }

    /** As {@link #inspect(X509CertificateHolder)}, with the DER encoding already at hand (bulk issuance). */
    CertificateInfo inspect(X509CertificateHolder c, byte[] der) {
        Optional<String> ou = ou(c);
        List<String> usages = keyUsages(c);
        Optional<KeyUsageType> usage = usages.size() != 1 ? Optional.empty()
                : usages.get(0).equals("digitalSignature") ? Optional.of(KeyUsageType.DS)
                : usages.get(0).equals("keyAgreement") ? Optional.of(KeyUsageType.KA) : Optional.empty();
        CertificateKind kind = kind(c);
        Optional<Eui64> eui = kind == CertificateKind.DEVICE ? hardwareSerial(c).flatMap(CertificateInspector::eui)
                : uniqueIdentifier(c).flatMap(b -> b.getPadBits() == 0 ? eui(b.getOctets()) : Optional.empty());
        return new CertificateInfo(kind, ou, ou.flatMap(RemotePartyRole::fromCode), usages, usage, eui,
                c.getSubject().toString(), c.getIssuer().toString(), serial(c), c.getNotBefore().toInstant(),
                c.getNotAfter().toInstant(), hex(ski(c)), hex(aki(c)), policies(c),
                describeKey(c.getSubjectPublicKeyInfo()), algorithmName(c.getSignatureAlgorithm().getAlgorithm()),
                fingerprint(der));
    }

    static CertificateKind kind(X509CertificateHolder c) {
        BasicConstraints bc = BasicConstraints.fromExtensions(c.getExtensions());
        if (bc != null && bc.isCA()) {
            return isSelfIssued(c) ? CertificateKind.ROOT : CertificateKind.ISSUING_CA;
        }
        boolean organisationNames = ou(c).isPresent() || uniqueIdentifierValue(c).isPresent();
        if (hardwareSerial(c).isPresent() && !organisationNames) {
            return CertificateKind.DEVICE;
        }
        if (organisationNames) {
            return ou(c).filter(CertificateKind.XML_SIGNING_OUS::contains).isPresent() ? CertificateKind.XML_SIGNING
                    : CertificateKind.ORGANISATION;
        }
        return c.getSubject().getRDNs().length == 0 ? CertificateKind.DEVICE : CertificateKind.UNKNOWN;
    }

    static boolean isSelfIssued(X509CertificateHolder c) {
        byte[] ski = ski(c);
        byte[] aki = aki(c);
        return c.getSubject().equals(c.getIssuer())
                && (aki == null || ski == null || java.util.Arrays.equals(aki, ski));
    }

    /** The subject's OU value (first one), by attribute type. */
    static Optional<String> ou(X509CertificateHolder c) {
        return firstValue(c, BCStyle.OU).map(v -> v instanceof ASN1String s ? s.getString() : v.toString());
    }

    static Optional<ASN1Encodable> uniqueIdentifierValue(X509CertificateHolder c) {
        return firstValue(c, Gbcs.UNIQUE_IDENTIFIER);
    }

    static Optional<ASN1BitString> uniqueIdentifier(X509CertificateHolder c) {
        return uniqueIdentifierValue(c).filter(v -> v instanceof ASN1BitString).map(v -> (ASN1BitString) v);
    }

    private static Optional<ASN1Encodable> firstValue(X509CertificateHolder c, ASN1ObjectIdentifier type) {
        for (RDN rdn : c.getSubject().getRDNs()) {
            for (AttributeTypeAndValue tv : rdn.getTypesAndValues()) {
                if (tv.getType().equals(type)) {
                    return Optional.of(tv.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /** The hwSerialNum of the SAN's hardwareModuleName otherName, if there is exactly such a name. */
    static Optional<byte[]> hardwareSerial(X509CertificateHolder c) {
        Extension ext = c.getExtension(Extension.subjectAlternativeName);
        if (ext == null) {
            return Optional.empty();
        }
        try {
            for (GeneralName n : GeneralNames.getInstance(ext.getParsedValue()).getNames()) {
                if (n.getTagNo() == GeneralName.otherName) {
                    OtherName on = OtherName.getInstance(n.getName());
                    if (Gbcs.HARDWARE_MODULE_NAME.equals(on.getTypeID())) {
                        ASN1Sequence hw = ASN1Sequence.getInstance(on.getValue());
                        return Optional.of(ASN1OctetString.getInstance(hw.getObjectAt(1)).getOctets());
                    }
                }
            }
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static List<String> keyUsages(X509CertificateHolder c) {
        KeyUsage ku = KeyUsage.fromExtensions(c.getExtensions());
        List<String> names = new ArrayList<>();
        if (ku != null) {
            for (int i = 0; i < KU_BITS.length; i++) {
                if (ku.hasUsages(KU_BITS[i])) {
                    names.add(KU_NAMES[i]);
                }
            }
        }
        return names;
    }

    static List<String> policies(X509CertificateHolder c) {
        Extension ext = c.getExtension(Extension.certificatePolicies);
        List<String> oids = new ArrayList<>();
        if (ext != null) {
            for (PolicyInformation p : CertificatePolicies.getInstance(ext.getParsedValue()).getPolicyInformation()) {
                oids.add(p.getPolicyIdentifier().getId());
            }
        }
        return oids;
    }

    static byte[] ski(X509CertificateHolder c) {
        SubjectKeyIdentifier ski = SubjectKeyIdentifier.fromExtensions(c.getExtensions());
        return ski == null ? null : ski.getKeyIdentifier();
    }

    static byte[] aki(X509CertificateHolder c) {
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.fromExtensions(c.getExtensions());
        return aki == null ? null : aki.getKeyIdentifierOctets();
    }

    static String serial(X509CertificateHolder c) {
        return serialHex(c.getSerialNumber());
    }

    /** A serial number as upper-case hex with an even number of digits (16 octets: 32 digits). */
    static String serialHex(java.math.BigInteger serial) {
        String hex = serial.toString(16).toUpperCase(java.util.Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    static String describeKey(SubjectPublicKeyInfo spki) {
        ASN1ObjectIdentifier alg = spki.getAlgorithm().getAlgorithm();
        if (Gbcs.EC_PUBLIC_KEY.equals(alg)) {
            ASN1Encodable params = spki.getAlgorithm().getParameters();
            String curve = Gbcs.P256.equals(params) ? "P-256"
                    : params instanceof ASN1ObjectIdentifier oid ? curveName(oid) : "explicit curve parameters";
            byte[] point = spki.getPublicKeyData().getOctets();
            String form = point.length > 0 && point[0] == 0x04 ? "uncompressed" : "compressed";
            return "EC " + curve + " " + form;
        }
        return alg.equals(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption) ? "RSA" : alg.getId();
    }

    private static String curveName(ASN1ObjectIdentifier oid) {
        String n = org.bouncycastle.asn1.x9.ECNamedCurveTable.getName(oid);
        return n == null ? oid.getId() : n;
    }

    static String algorithmName(ASN1ObjectIdentifier oid) {
        if (oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA256)) {
            return "ecdsa-with-SHA256";
        }
        if (oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA384)) {
            return "ecdsa-with-SHA384";
        }
        if (oid.equals(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.sha256WithRSAEncryption)) {
            return "sha256WithRSAEncryption";
        }
        return oid.getId();
    }

    static String fingerprint(byte[] der) {
        return HEX.formatHex(Crypto.sha256(der));
    }

    private static Optional<Eui64> eui(byte[] b) {
        return b != null && b.length == 8 ? Optional.of(Eui64.of(b)) : Optional.empty();
    }

    /**
     * A short name for messages: the subject of a CA, "Acme Energy 02 DS 00-DB-..." for an
     * organisation, "device 00-DB-... KA" for a device.
     */
    public static String label(X509CertificateHolder c) {
        CertificateKind kind = kind(c);
        List<String> ku = keyUsages(c);
        String usage = ku.equals(List.of("digitalSignature")) ? "DS" : ku.equals(List.of("keyAgreement")) ? "KA"
                : String.join("+", ku);
        if (kind == CertificateKind.DEVICE) {
            return "device " + hardwareSerial(c).filter(b -> b.length == 8).map(b -> Eui64.of(b).toString())
                    .orElse(serial(c)) + " " + usage;
        }
        if (kind == CertificateKind.ORGANISATION || kind == CertificateKind.XML_SIGNING) {
            Optional<String> cn = firstValue(c, BCStyle.CN).map(v -> v instanceof ASN1String s ? s.getString() : "");
            Optional<Eui64> eui = uniqueIdentifier(c).filter(b -> b.getOctets().length == 8)
                    .map(b -> Eui64.of(b.getOctets()));
            return (cn.map(n -> n + " ").orElse("") + ou(c).orElse("??") + " " + usage + " "
                    + eui.map(Eui64::toString).orElse("")).strip();
        }
        return c.getSubject().toString();
    }

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    static String hex(byte[] b) {
        return b == null ? "" : HEX.formatHex(b);
    }
}
