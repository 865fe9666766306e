package org.solrtoolkit.pki;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.OtherName;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The GBCS certificate profile, one rule per constant (domain.md section 2; GBCS section 12.2,
 * Appendix A/B of the SEC for policies). Each rule has a stable code, a severity, the section it
 * implements, the kinds of certificate it applies to, and a check that returns what is wrong, or
 * nothing.
 */
public enum ProfileRule implements CertificateCheck {

    VERSION("GBCS-VERSION", "GBCS 12.2: X.509 v3", all(),
            c -> c.getVersionNumber() == 3 ? none() : fail("version is v" + c.getVersionNumber() + ", not v3")),

    SIGNATURE_ALGORITHM("GBCS-SIG-ALG", "GBCS 12.2: signature is ecdsa-with-SHA256", all(),
            c -> Gbcs.ECDSA_WITH_SHA256.equals(c.getSignatureAlgorithm().getAlgorithm()) ? none()
                    : fail("signature algorithm is " + CertificateInspector.algorithmName(
                            c.getSignatureAlgorithm().getAlgorithm()) + ", not ecdsa-with-SHA256")),

    KEY_CURVE("GBCS-KEY-CURVE", "GBCS 12.2: public key on NIST P-256", all(), c -> {
        var alg = c.getSubjectPublicKeyInfo().getAlgorithm();
        return Gbcs.EC_PUBLIC_KEY.equals(alg.getAlgorithm()) && Gbcs.P256.equals(alg.getParameters()) ? none()
                : fail("public key is " + CertificateInspector.describeKey(c.getSubjectPublicKeyInfo())
                        + ", not EC P-256");
    }),

    KEY_UNCOMPRESSED("GBCS-KEY-POINT", "GBCS 12.2: public key as an uncompressed point", all(), c -> {
        var alg = c.getSubjectPublicKeyInfo().getAlgorithm();
        if (!Gbcs.EC_PUBLIC_KEY.equals(alg.getAlgorithm()) || !Gbcs.P256.equals(alg.getParameters())) {
            return none(); // GBCS-KEY-CURVE reports it
        }
        byte[] p = c.getSubjectPublicKeyInfo().getPublicKeyData().getOctets();
        return p.length == 65 && p[0] == 0x04 ? none()
                : fail("public key point is " + p.length + " octets starting 0x"
                        + String.format("%02X", p.length > 0 ? p[0] : 0) + ", not the 65-octet uncompressed form");
    }),

    SERIAL("GBCS-SERIAL", "GBCS 12.2: serial number of 16 octets", all(), c -> {
        int len = new ASN1Integer(c.getSerialNumber()).getValue().toByteArray().length;
        return len == Gbcs.SERIAL_OCTETS && c.getSerialNumber().signum() > 0 ? none()
                : fail("serial number is " + len + " octets, not 16");
    }),

    KEY_USAGE_CRITICAL("GBCS-KU-CRITICAL", "GBCS 12.2: keyUsage present and critical", all(), c -> {
        Extension e = c.getExtension(Extension.keyUsage);
        return e == null ? fail("keyUsage is missing") : e.isCritical() ? none() : fail("keyUsage is not critical");
    }),

    KEY_USAGE_SINGLE("GBCS-KU-SINGLE", "GBCS 12.2: an end entity has exactly one of digitalSignature, keyAgreement",
            EnumSet.of(CertificateKind.ORGANISATION, CertificateKind.XML_SIGNING, CertificateKind.DEVICE), c -> {
                List<String> ku = CertificateInspector.keyUsages(c);
                return ku.equals(List.of("digitalSignature")) || ku.equals(List.of("keyAgreement")) ? none()
                        : fail("key usage is " + (ku.isEmpty() ? "empty" : String.join(", ", ku))
                                + "; exactly one of digitalSignature or keyAgreement is allowed");
            }),

    KEY_USAGE_CA("GBCS-KU-CA", "GBCS 12.2: a CA signs certificates and CRLs (keyCertSign, cRLSign)",
            EnumSet.of(CertificateKind.ROOT, CertificateKind.ISSUING_CA), c -> {
                KeyUsage ku = KeyUsage.fromExtensions(c.getExtensions());
                return ku != null && ku.hasUsages(KeyUsage.keyCertSign | KeyUsage.cRLSign) ? none()
                        : fail("CA key usage lacks keyCertSign or cRLSign");
            }),

    BASIC_CONSTRAINTS("GBCS-CA-BASIC", "GBCS 12.2: CA basicConstraints critical; an Issuing CA has pathLen 0",
            EnumSet.of(CertificateKind.ROOT, CertificateKind.ISSUING_CA), c -> {
                Extension e = c.getExtension(Extension.basicConstraints);
                if (e == null || !e.isCritical()) {
                    return fail("basicConstraints is " + (e == null ? "missing" : "not critical"));
                }
                BasicConstraints bc = BasicConstraints.getInstance(e.getParsedValue());
                boolean issuing = CertificateInspector.kind(c) == CertificateKind.ISSUING_CA;
                return !issuing || (bc.getPathLenConstraint() != null && bc.getPathLenConstraint().intValue() == 0)
                        ? none() : fail("Issuing CA pathLenConstraint is " + bc.getPathLenConstraint() + ", not 0");
            }),

    CA_ROLE("GBCS-CA-OU", "GBCS 12.2: Root OCA subject OU=00, Issuing CA OU=07",
            EnumSet.of(CertificateKind.ROOT, CertificateKind.ISSUING_CA), c -> {
                String want = CertificateInspector.kind(c) == CertificateKind.ROOT ? "00" : "07";
                Optional<String> ou = CertificateInspector.ou(c);
                return ou.map(want::equals).orElse(false) ? none()
                        : fail("subject OU is " + ou.map(o -> "'" + o + "'").orElse("missing") + ", expected " + want);
            }),

    POLICIES("GBCS-POLICY", "SEC Appendix A/B: certificatePolicies critical with at least one policy", all(), c -> {
        Extension e = c.getExtension(Extension.certificatePolicies);
        if (e == null) {
            return fail("certificatePolicies is missing");
        }
        if (!e.isCritical()) {
            return fail("certificatePolicies is not critical");
        }
        return CertificateInspector.policies(c).isEmpty() ? fail("certificatePolicies holds no policy") : none();
    }),

    DEVICE_POLICY("GBCS-DEVICE-POLICY", "SEC Appendix B: a Device Certificate carries a single policy OID",
            EnumSet.of(CertificateKind.DEVICE), c -> {
                int n = CertificateInspector.policies(c).size();
                return n == 1 || c.getExtension(Extension.certificatePolicies) == null ? none()
                        : fail(n + " policy OIDs, expected exactly one");
            }),

    SKI("GBCS-SKI", "GBCS 12.2: subjectKeyIdentifier non-critical, 8 octets", all(), c -> {
        Extension e = c.getExtension(Extension.subjectKeyIdentifier);
        if (e == null) {
            return fail("subjectKeyIdentifier is missing");
        }
        if (e.isCritical()) {
            return fail("subjectKeyIdentifier is critical");
        }
        int len = CertificateInspector.ski(c).length;
        return len == Gbcs.KEY_ID_OCTETS ? none() : fail("subjectKeyIdentifier is " + len + " octets, not 8");
    }),

    SKI_METHOD("GBCS-SKI-METHOD", "RFC 5280 4.2.1.2 method (2) as GBCS 12.2 requires", all(), c -> {
        byte[] ski = CertificateInspector.ski(c);
        if (ski == null || ski.length != Gbcs.KEY_ID_OCTETS) {
            return none(); // GBCS-SKI reports it
        }
        byte[] want = Gbcs.keyIdentifier(c.getSubjectPublicKeyInfo());
        return Arrays.equals(ski, want) ? none() : fail("subjectKeyIdentifier " + CertificateInspector.hex(ski)
                + " is not method (2) of the key (" + CertificateInspector.hex(want) + ")");
    }),

    AKI("GBCS-AKI", "GBCS 12.2: authorityKeyIdentifier non-critical, keyIdentifier form, 8 octets (absent only on"
            + " the self-signed root)", all(), c -> {
        Extension e = c.getExtension(Extension.authorityKeyIdentifier);
        if (e == null) {
            return CertificateInspector.kind(c) == CertificateKind.ROOT ? none()
                    : fail("authorityKeyIdentifier is missing");
        }
        if (e.isCritical()) {
            return fail("authorityKeyIdentifier is critical");
        }
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(e.getParsedValue());
        if (aki.getKeyIdentifierOctets() == null || aki.getAuthorityCertIssuer() != null
                || aki.getAuthorityCertSerialNumber() != null) {
            return fail("authorityKeyIdentifier is not in keyIdentifier-only form");
        }
        int len = aki.getKeyIdentifierOctets().length;
        return len == Gbcs.KEY_ID_OCTETS ? none() : fail("authorityKeyIdentifier is " + len + " octets, not 8");
    }),

    ORG_ROLE_FORMAT("GBCS-ORG-OU", "GBCS 12.2: organisation subject OU is the Remote Party Role as two hex digits"
            + " (UTF8String)", EnumSet.of(CertificateKind.ORGANISATION), c -> {
                Optional<ASN1Encodable> raw = ouValue(c);
                if (raw.isEmpty()) {
                    return fail("subject has no OU (the Remote Party Role)");
                }
                String ou = CertificateInspector.ou(c).orElse("");
                if (!ou.matches("[0-9A-Fa-f]{2}")) {
                    return fail("subject OU '" + ou + "' is not two hex digits");
                }
                return raw.get() instanceof DERUTF8String ? none()
                        : fail("subject OU '" + ou + "' is not a UTF8String");
            }),

    ORG_ROLE_KNOWN("GBCS-ORG-ROLE", "GBCS 12.2: OU is a GBCS Remote Party Role (00-08, 7F); others never go in a"
            + " trust anchor cell", EnumSet.of(CertificateKind.ORGANISATION), c -> {
                String ou = CertificateInspector.ou(c).orElse("");
                return !ou.matches("[0-9A-Fa-f]{2}") || RemotePartyRole.fromCode(ou).isPresent() ? none()
                        : fail("subject OU '" + ou + "' is not a GBCS Remote Party Role (00-08, 7F): such a"
                                + " certificate must never be placed in a trust anchor cell");
            }),

    ORG_UNIQUE_ID("GBCS-ORG-UID", "GBCS 12.2: uniqueIdentifier is a BIT STRING of the 8-octet EUI-64",
            EnumSet.of(CertificateKind.ORGANISATION, CertificateKind.XML_SIGNING), c -> {
                Optional<ASN1Encodable> v = CertificateInspector.uniqueIdentifierValue(c);
                if (v.isEmpty()) {
                    return fail("subject has no uniqueIdentifier (2.5.4.45) carrying the EUI-64");
                }
                if (!(v.get() instanceof ASN1BitString bits)) {
                    return fail("uniqueIdentifier is a " + v.get().getClass().getSimpleName().replace("DER", "")
                            + ", not a BIT STRING");
                }
                if (bits.getPadBits() != 0 || bits.getOctets().length != 8) {
                    return fail("uniqueIdentifier is " + bits.getOctets().length + " octets"
                            + (bits.getPadBits() != 0 ? " with " + bits.getPadBits() + " unused bits" : "")
                            + ", not an 8-octet EUI-64");
                }
                return none();
            }),

    ORG_NO_SAN("GBCS-ORG-NO-SAN", "GBCS 12.2: an Organisation Certificate has no subjectAltName",
            EnumSet.of(CertificateKind.ORGANISATION, CertificateKind.XML_SIGNING), c -> c.getExtension(Extension.subjectAlternativeName) == null
                    ? none() : fail("has a subjectAltName")),

    ORG_VALIDITY("GBCS-ORG-VALIDITY", "SEC Appendix A: Organisation Certificates are valid for 10 years",
            EnumSet.of(CertificateKind.ORGANISATION, CertificateKind.XML_SIGNING), Severity.WARNING, c -> {
                long days = Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()).toDays();
                return Math.abs(days - 3652) <= 2 ? none() : fail("validity is " + days + " days, not 10 years");
            }),

    XML_SIGNING_DS("GBCS-XML-DS", "DUIS: an XML-signing certificate signs DUIS messages (digitalSignature), never"
            + " a trust anchor cell", EnumSet.of(CertificateKind.XML_SIGNING), c -> {
                KeyUsage ku = KeyUsage.fromExtensions(c.getExtensions());
                return ku != null && ku.hasUsages(KeyUsage.digitalSignature) ? none()
                        : fail("an XML-signing certificate (OU " + CertificateInspector.ou(c).orElse("") + ") without"
                                + " digitalSignature cannot sign DUIS");
            }),

    DEVICE_SUBJECT("GBCS-DEVICE-SUBJECT", "GBCS 12.2: a Device Certificate has an empty subject",
            EnumSet.of(CertificateKind.DEVICE), c -> c.getSubject().getRDNs().length == 0 ? none()
                    : fail("subject is '" + c.getSubject() + "', not empty")),

    DEVICE_SAN("GBCS-DEVICE-SAN", "GBCS 12.2: critical subjectAltName with one otherName hardwareModuleName"
            + " (hwType 1.2.826.0.1.8641679.1.2.2.1, hwSerialNum = 8-octet EUI-64)", EnumSet.of(CertificateKind.DEVICE),
            ProfileRule::deviceSan),

    DEVICE_NOT_AFTER("GBCS-DEVICE-NOTAFTER", "GBCS 12.2: Device Certificate notAfter is GeneralizedTime"
            + " 99991231235959Z", EnumSet.of(CertificateKind.DEVICE), c -> {
                Time t = c.toASN1Structure().getEndDate();
                boolean generalized = t.toASN1Primitive() instanceof ASN1GeneralizedTime;
                return generalized && c.getNotAfter().toInstant().equals(Gbcs.DEVICE_NOT_AFTER) ? none()
                        : fail("notAfter is " + c.getNotAfter().toInstant() + (generalized ? "" : " (UTCTime)")
                                + ", not GeneralizedTime 99991231235959Z");
            }),

    CLASSIFIED("GBCS-KIND", "GBCS 12.2: a certificate is a Root, Issuing CA, Organisation or Device Certificate",
            EnumSet.of(CertificateKind.UNKNOWN), c -> fail("cannot tell what this certificate is: no CA flag, no"
                    + " role OU or uniqueIdentifier, no device hardwareModuleName"));

    private final String code;
    private final String section;
    private final Set<CertificateKind> kinds;
    private final Severity severity;
    private final Function<X509CertificateHolder, Optional<String>> check;

    ProfileRule(String code, String section, Set<CertificateKind> kinds,
            Function<X509CertificateHolder, Optional<String>> check) {
        this(code, section, kinds, Severity.ERROR, check);
    }

    ProfileRule(String code, String section, Set<CertificateKind> kinds, Severity severity,
            Function<X509CertificateHolder, Optional<String>> check) {
        this.code = code;
        this.section = section;
        this.kinds = kinds;
        this.severity = severity;
        this.check = check;
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public String section() {
        return section;
    }

    @Override
    public Severity severity() {
        return severity;
    }

    @Override
    public boolean appliesTo(CertificateKind kind) {
        return kinds.contains(kind);
    }

    @Override
    public Optional<String> check(X509CertificateHolder certificate) {
        return check.apply(certificate);
    }

    private static Set<CertificateKind> all() {
        return EnumSet.of(CertificateKind.ROOT, CertificateKind.ISSUING_CA, CertificateKind.ORGANISATION,
                CertificateKind.XML_SIGNING, CertificateKind.DEVICE);
    }

    private static Optional<String> none() {
        return Optional.empty();
    }

    private static Optional<String> fail(String message) {
        return Optional.of(message);
    }

    private static Optional<ASN1Encodable> ouValue(X509CertificateHolder c) {
        for (var rdn : c.getSubject().getRDNs()) {
            for (var tv : rdn.getTypesAndValues()) {
                if (tv.getType().equals(org.bouncycastle.asn1.x500.style.BCStyle.OU)) {
                    return Optional.of(tv.getValue());
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> deviceSan(X509CertificateHolder c) {
        Extension e = c.getExtension(Extension.subjectAlternativeName);
        if (e == null) {
            return fail("subjectAltName is missing");
        }
        if (!e.isCritical()) {
            return fail("subjectAltName is not critical");
        }
        GeneralName[] names;
        try {
            names = GeneralNames.getInstance(e.getParsedValue()).getNames();
        } catch (RuntimeException ex) {
            return fail("subjectAltName does not parse");
        }
        if (names.length != 1 || names[0].getTagNo() != GeneralName.otherName) {
            return fail("subjectAltName holds " + names.length + " name(s); expected one otherName");
        }
        try {
            OtherName on = OtherName.getInstance(names[0].getName());
            if (!Gbcs.HARDWARE_MODULE_NAME.equals(on.getTypeID())) {
                return fail("otherName is " + on.getTypeID() + ", not hardwareModuleName (1.3.6.1.5.5.7.8.4)");
            }
            ASN1Sequence hw = ASN1Sequence.getInstance(on.getValue());
            ASN1ObjectIdentifier type = ASN1ObjectIdentifier.getInstance(hw.getObjectAt(0));
            byte[] serial = ASN1OctetString.getInstance(hw.getObjectAt(1)).getOctets();
            if (!Gbcs.HW_TYPE.equals(type)) {
                return fail("hwType is " + type + ", not " + Gbcs.HW_TYPE);
            }
            return serial.length == 8 ? none() : fail("hwSerialNum is " + serial.length + " octets, not an 8-octet EUI-64");
        } catch (RuntimeException ex) {
            return fail("hardwareModuleName is malformed (" + ex.getMessage() + ")");
        }
    }
}
