package org.solrtoolkit.wire;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.bouncycastle.cert.X509CertificateHolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A DUIS SRV 6.23 Update Security Credentials (CoS) request (domain.md section 6): the SoLR asks the
 * DCC to place its certificates in a meter's Supplier cells. {@code sr:Request} with the header
 * (RequestID, CommandVariant 1, ServiceReference and variant 6.23) and the body
 * {@code UpdateSecurityCredentialsCoS} in the schema's order: optional ExecutionDateTime,
 * SupplierFloorSeqNumber, optional SupplierPrepaymentTopUpFloorSeqNumber,
 * SupplierReplacementCertificates (DigitalSigningCertificate, optional KeyAgreementCertificate and
 * KeyAgreementTopUpCertificate, base64 DER), CertificationPathCertificates (1 to 3),
 * ApplyTimeBasedCPVChecks, ImportMPxN. It is signed with the SoLR's XML-signing key
 * ({@link DuisSignature}).
 */
public record CoSRequest(RequestId requestId, Optional<Instant> executionDateTime, long supplierFloor,
        OptionalLong prepaymentTopUpFloor, X509CertificateHolder digitalSigning,
        Optional<X509CertificateHolder> keyAgreement, Optional<X509CertificateHolder> keyAgreementTopUp,
        List<X509CertificateHolder> certificationPath, boolean applyTimeBasedCpvChecks, String importMpxn) {

    public static final String SERVICE_REFERENCE = "6.23";
    private static final BigInteger MAX_FLOOR = BigInteger.valueOf(Long.MAX_VALUE);

    public CoSRequest {
        certificationPath = List.copyOf(certificationPath);
        if (certificationPath.isEmpty() || certificationPath.size() > 3) {
            throw new DuisException(DuisException.Code.MALFORMED, "a 6.23 request carries 1 to 3 certification path"
                    + " certificates, not " + certificationPath.size());
        }
    }

    /** The request as signed DUIS XML. */
    public byte[] signed(PrivateKey xmlSigningKey, X509CertificateHolder xmlSigningCertificate) {
        Document doc = DuisXml.newDocument();
        Element root = DuisXml.root(doc, "Request");
        Element header = DuisXml.add(root, "Header", null);
        DuisXml.add(header, "RequestID", requestId.toString());
        DuisXml.add(header, "CommandVariant", "1");
        DuisXml.add(header, "ServiceReference", SERVICE_REFERENCE);
        DuisXml.add(header, "ServiceReferenceVariant", SERVICE_REFERENCE);
        Element body = DuisXml.add(DuisXml.add(root, "Body", null), "UpdateSecurityCredentialsCoS", null);
        executionDateTime.ifPresent(t -> DuisXml.add(body, "ExecutionDateTime", t.toString()));
        DuisXml.add(body, "SupplierFloorSeqNumber", Long.toString(supplierFloor));
        prepaymentTopUpFloor.ifPresent(f -> DuisXml.add(body, "SupplierPrepaymentTopUpFloorSeqNumber", Long.toString(f)));
        Element replacements = DuisXml.add(body, "SupplierReplacementCertificates", null);
        DuisXml.add(replacements, "DigitalSigningCertificate", base64(digitalSigning));
        keyAgreement.ifPresent(c -> DuisXml.add(replacements, "KeyAgreementCertificate", base64(c)));
        keyAgreementTopUp.ifPresent(c -> DuisXml.add(replacements, "KeyAgreementTopUpCertificate", base64(c)));
        Element path = DuisXml.add(body, "CertificationPathCertificates", null);
        certificationPath.forEach(c -> DuisXml.add(path, "Certificate", base64(c)));
        DuisXml.add(body, "ApplyTimeBasedCPVChecks", Boolean.toString(applyTimeBasedCpvChecks));
        DuisXml.add(body, "ImportMPxN", importMpxn);
        DuisSignature.sign(doc, xmlSigningKey, xmlSigningCertificate);
        return DuisXml.serialise(doc);
    }

    /** A request read from a file, and who signed it. */
    public record Signed(CoSRequest request, DuisSignature.Signer signer) {
    }

    /** Reads and checks a signed 6.23 request; the signer's certificate comes from {@code certificates}. */
    public static Signed read(byte[] xml, String file,
            Function<DuisSignature.Signer, Optional<X509CertificateHolder>> certificates) {
        Document doc = DuisXml.parse(xml, file);
        CoSRequest request = of(doc, file);
        return new Signed(request, DuisSignature.verify(doc, certificates, file));
    }

    /** What a 6.23 request file says, its signature not checked (to answer one whose signature fails). */
    public static CoSRequest unchecked(byte[] xml, String file) {
        return of(DuisXml.parse(xml, file), file);
    }

    /** What a 6.23 request says, signature not checked (for {@code duis show}). */
    public static CoSRequest of(Document doc, String file) {
        Element root = DuisXml.root(doc, "Request", file);
        Element header = DuisXml.required(root, "Header", file);
        String srv = DuisXml.text(header, "ServiceReferenceVariant", file);
        if (!SERVICE_REFERENCE.equals(srv)) {
            throw new DuisException(DuisException.Code.MALFORMED, file + " is a " + srv + " request, not 6.23");
        }
        RequestId id = RequestId.parse(DuisXml.text(header, "RequestID", file));
        Element body = DuisXml.required(DuisXml.required(root, "Body", file), "UpdateSecurityCredentialsCoS", file);
        Optional<Instant> at = DuisXml.optionalText(body, "ExecutionDateTime").map(t -> instant(t, file));
        long floor = floor(DuisXml.text(body, "SupplierFloorSeqNumber", file), "SupplierFloorSeqNumber", file);
        OptionalLong topUp = DuisXml.optionalText(body, "SupplierPrepaymentTopUpFloorSeqNumber")
                .map(t -> OptionalLong.of(floor(t, "SupplierPrepaymentTopUpFloorSeqNumber", file)))
                .orElse(OptionalLong.empty());
        Element reps = DuisXml.required(body, "SupplierReplacementCertificates", file);
        X509CertificateHolder ds = certificate(DuisXml.text(reps, "DigitalSigningCertificate", file),
                "DigitalSigningCertificate", file);
        Optional<X509CertificateHolder> ka = DuisXml.optionalText(reps, "KeyAgreementCertificate")
                .map(t -> certificate(t, "KeyAgreementCertificate", file));
        Optional<X509CertificateHolder> kaTopUp = DuisXml.optionalText(reps, "KeyAgreementTopUpCertificate")
                .map(t -> certificate(t, "KeyAgreementTopUpCertificate", file));
        List<X509CertificateHolder> path = new ArrayList<>();
        for (Element c : DuisXml.children(DuisXml.required(body, "CertificationPathCertificates", file))) {
            path.add(certificate(c.getTextContent().trim(), "CertificationPathCertificates", file));
        }
        String apply = DuisXml.text(body, "ApplyTimeBasedCPVChecks", file);
        if (!apply.equals("true") && !apply.equals("false")) {
            throw new DuisException(DuisException.Code.MALFORMED, file + ": ApplyTimeBasedCPVChecks '" + apply
                    + "' is not true or false");
        }
        return new CoSRequest(id, at, floor, topUp, ds, ka, kaTopUp, path, apply.equals("true"),
                DuisXml.text(body, "ImportMPxN", file));
    }

    /** A floor as DUIS has it: 0 to 2^63-1. */
    static long floor(String text, String element, String file) {
        try {
            BigInteger v = new BigInteger(text);
            if (v.signum() < 0 || v.compareTo(MAX_FLOOR) > 0) {
                throw new DuisException(DuisException.Code.MALFORMED, file + ": " + element + " " + text
                        + " is outside 0 to 2^63-1 (9223372036854775807)");
            }
            return v.longValueExact();
        } catch (NumberFormatException e) {
            throw new DuisException(DuisException.Code.MALFORMED, file + ": " + element + " '" + text
                    + "' is not a whole number");
        }
    }

    private static Instant instant(String text, String file) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new DuisException(DuisException.Code.MALFORMED, file + ": ExecutionDateTime '" + text
                    + "' is not a UTC date-time such as 2026-12-01T02:00:00Z");
        }
    }

    static String base64(X509CertificateHolder c) {
        return Base64.getEncoder().encodeToString(org.solrtoolkit.pki.CertificateDer.der(c));
    }

    /**
     * A certificate a request carries: parsed once per distinct certificate ({@link
     * org.solrtoolkit.pki.CertificateDer}), as every request of a campaign carries the same few.
     */
    static X509CertificateHolder certificate(String base64, String element, String file) {
        try {
            return org.solrtoolkit.pki.CertificateDer.parse(Base64.getMimeDecoder().decode(base64));
        } catch (IllegalArgumentException e) {
            throw new DuisException(DuisException.Code.MALFORMED, file + ": " + element
                    + " is not a base64 DER X.509 certificate");
        }
    }
}
