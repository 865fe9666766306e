package org.solrtoolkit.wire;

import java.security.PrivateKey;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.bouncycastle.cert.X509CertificateHolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A critical DUIS request to protect a prepayment customer (domain.md sections 6 and 7), in its two
 * steps, both signed with the user's XML-signing key ({@link DuisSignature}):
 * <ol>
 *   <li>{@code sr:Request} with CommandVariant 4 (critical: the DCC returns the GBCS pre-command),
 *       the service reference (2.1, 2.5, 1.6, 1.5, 2.3 or 7.1) and the service's body element with
 *       its parameters ({@link #signed});</li>
 *   <li>{@code sr:Request} with the same RequestID, CommandVariant 5 and {@code Body/SignedPreCommand/
 *       GBCSPayload}: the pre-command signed with the user's Supplier DS key ({@link #signedPreCommand};
 *       the shape the DCC's own tooling sends).</li>
 * </ol>
 * Element names inside the service bodies are this simulation's (DUIS's own schema names differ in
 * detail); the header, the variants and the signature are DUIS's.
 */
public record CriticalRequest(RequestId requestId, CriticalService service, PrepaymentCommand parameters) {

    /** CommandVariant of a critical request: transform it and return the pre-command to the user (DUIS). */
    public static final String CRITICAL_VARIANT = "4";
    /** CommandVariant of the signed pre-command sent back. */
    public static final String SIGNED_PRE_COMMAND_VARIANT = "5";

    public byte[] signed(PrivateKey xmlSigningKey, X509CertificateHolder xmlSigningCertificate) {
        Document doc = DuisXml.newDocument();
        Element root = DuisXml.root(doc, "Request");
        header(root, requestId, service);
        Element body = DuisXml.add(DuisXml.add(root, "Body", null), service.element(), null);
        PrepaymentCommand p = parameters;
        opt(body, "EmergencyCreditLimit", p.emergencyCreditLimit());
        opt(body, "EmergencyCreditThreshold", p.emergencyCreditThreshold());
        opt(body, "LowCreditThreshold", p.lowCreditThreshold());
        opt(body, "DebtRecoveryRateCap", p.debtRecoveryRateCap());
        opt(body, "MaxMeterBalance", p.maxMeterBalance());
        p.nonDisablementCalendar().ifPresent(c -> DuisXml.add(body, "NonDisablementCalendar", c));
        p.paymentModeCredit().ifPresent(c -> DuisXml.add(body, "PaymentMode", c ? "Credit" : "Prepayment"));
        if (p.balanceAdjustment().isPresent()) {
            DuisXml.add(body, "Adjustment", Long.toString(p.balanceAdjustment().getAsLong()));
        }
        opt(body, "Debt", p.debt());
        opt(body, "DebtRecoveryPercent", p.debtRecoveryPercent());
        DuisSignature.sign(doc, xmlSigningKey, xmlSigningCertificate);
        return DuisXml.serialise(doc);
    }

    private static void header(Element root, RequestId id, CriticalService service) {
        header(root, id, service, CRITICAL_VARIANT);
    }

    private static void header(Element root, RequestId id, CriticalService service, String variant) {
        Element header = DuisXml.add(root, "Header", null);
        DuisXml.add(header, "RequestID", id.toString());
        DuisXml.add(header, "CommandVariant", variant);
        DuisXml.add(header, "ServiceReference", service.srv());
        DuisXml.add(header, "ServiceReferenceVariant", service.srv());
    }

    private static void opt(Element body, String name, OptionalLong v) {
        v.ifPresent(x -> DuisXml.add(body, name, Long.toString(x)));
    }

    /** The second step: the pre-command signed with the Supplier DS key, in a signed DUIS envelope. */
    public static byte[] signedPreCommand(RequestId id, CriticalService service, byte[] signedGbcs,
            PrivateKey xmlSigningKey, X509CertificateHolder xmlSigningCertificate) {
        Document doc = DuisXml.newDocument();
        Element root = DuisXml.root(doc, "Request");
        header(root, id, service, SIGNED_PRE_COMMAND_VARIANT);
        DuisXml.add(DuisXml.add(DuisXml.add(root, "Body", null), "SignedPreCommand", null), "GBCSPayload",
                Base64.getEncoder().encodeToString(signedGbcs));
        DuisSignature.sign(doc, xmlSigningKey, xmlSigningCertificate);
        return DuisXml.serialise(doc);
    }

    /** A checked request and who signed it. */
    public record Signed(CriticalRequest request, DuisSignature.Signer signer) {
    }

    /** A checked signed pre-command: its RequestID, service, the signed GBCS and who signed the XML. */
    public record PreCommandSigned(RequestId requestId, CriticalService service, byte[] gbcs, DuisSignature.Signer signer) {
    }

    /** Reads and checks a critical request (step 1). */
    public static Signed read(byte[] xml, String file,
            Function<DuisSignature.Signer, Optional<X509CertificateHolder>> certificates) {
        Document doc = DuisXml.parse(xml, file);
        return new Signed(of(doc, file), DuisSignature.verify(doc, certificates, file));
    }

    /** Reads and checks a signed pre-command (step 2). */
    public static PreCommandSigned readPreCommand(byte[] xml, String file,
            Function<DuisSignature.Signer, Optional<X509CertificateHolder>> certificates) {
        Document doc = DuisXml.parse(xml, file);
        PreCommandSigned p = preCommand(doc, file, null);
        return new PreCommandSigned(p.requestId(), p.service(), p.gbcs(), DuisSignature.verify(doc, certificates, file));
    }

    /** What a signed pre-command says, its XML signature not checked ({@code signer} is then null). */
    public static PreCommandSigned preCommand(Document doc, String file, DuisSignature.Signer signer) {
        Element root = DuisXml.root(doc, "Request", file);
        Element header = DuisXml.required(root, "Header", file);
        RequestId id = RequestId.parse(DuisXml.text(header, "RequestID", file));
        CriticalService service = service(header, file);
        String b64 = DuisXml.text(DuisXml.required(DuisXml.required(root, "Body", file), "SignedPreCommand", file),
                "GBCSPayload", file);
        byte[] gbcs;
        try {
            gbcs = Base64.getMimeDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new DuisException(DuisException.Code.MALFORMED, file + ": GBCSPayload is not base64");
        }
        return new PreCommandSigned(id, service, gbcs, signer);
    }

    private static CriticalService service(Element header, String file) {
        String srv = DuisXml.text(header, "ServiceReferenceVariant", file);
        return CriticalService.ofSrv(srv).orElseThrow(() -> new DuisException(DuisException.Code.MALFORMED, file
                + " is a " + srv + " request, not a protective critical request (2.1, 2.5, 1.6, 1.5, 2.3, 7.1)"));
    }

    /** What a DUIS request file is, by its root and CommandVariant (to dispatch a folder of requests). */
    public enum Kind { CHANGE_OF_SUPPLIER, CRITICAL, SIGNED_PRE_COMMAND }

    /** The kind of request in {@code xml}; anything but a DUIS request is a {@link DuisException}. */
    public static Kind kind(byte[] xml, String file) {
        Document doc = DuisXml.parse(xml, file);
        Element root = DuisXml.root(doc, "Request", file);
        String variant = DuisXml.optionalText(DuisXml.required(root, "Header", file), "CommandVariant").orElse("");
        if (SIGNED_PRE_COMMAND_VARIANT.equals(variant) && DuisXml.child(root, "Body").flatMap(b -> DuisXml.child(b,
                "SignedPreCommand")).isPresent()) {
            return Kind.SIGNED_PRE_COMMAND;
        }
        return CRITICAL_VARIANT.equals(variant) ? Kind.CRITICAL : Kind.CHANGE_OF_SUPPLIER;
    }

    /** The RequestID of a signed pre-command file, its signature not checked. */
    public static RequestId preCommandId(byte[] xml, String file) {
        Element root = DuisXml.root(DuisXml.parse(xml, file), "Request", file);
        return RequestId.parse(DuisXml.text(DuisXml.required(root, "Header", file), "RequestID", file));
    }

    /** What a critical request file says, its signature not checked (to answer one whose signature fails). */
    public static CriticalRequest unchecked(byte[] xml, String file) {
        return of(DuisXml.parse(xml, file), file);
    }

    /** What a critical request says, signature not checked. */
    public static CriticalRequest of(Document doc, String file) {
        Element root = DuisXml.root(doc, "Request", file);
        Element header = DuisXml.required(root, "Header", file);
        RequestId id = RequestId.parse(DuisXml.text(header, "RequestID", file));
        CriticalService service = service(header, file);
        if (!CRITICAL_VARIANT.equals(DuisXml.text(header, "CommandVariant", file))) {
            throw new DuisException(DuisException.Code.MALFORMED, file + ": a " + service.srv()
                    + " request is critical, CommandVariant " + CRITICAL_VARIANT);
        }
        Element body = DuisXml.required(DuisXml.required(root, "Body", file), service.element(), file);
        Optional<String> mode = DuisXml.optionalText(body, "PaymentMode");
        if (mode.isPresent() && !mode.get().equals("Credit") && !mode.get().equals("Prepayment")) {
            throw new DuisException(DuisException.Code.MALFORMED, file + ": PaymentMode '" + mode.get()
                    + "' is not Credit or Prepayment");
        }
        return new CriticalRequest(id, service, new PrepaymentCommand(num(body, "EmergencyCreditLimit", file),
                num(body, "EmergencyCreditThreshold", file), num(body, "LowCreditThreshold", file),
                num(body, "DebtRecoveryRateCap", file), num(body, "MaxMeterBalance", file),
                DuisXml.optionalText(body, "NonDisablementCalendar"), mode.map("Credit"::equals),
                signedNum(body, "Adjustment", file), num(body, "Debt", file), num(body, "DebtRecoveryPercent", file)));
    }

    private static OptionalLong num(Element body, String name, String file) {
        return DuisXml.optionalText(body, name).map(t -> OptionalLong.of(CoSRequest.floor(t, name, file)))
                .orElse(OptionalLong.empty());
    }

    private static OptionalLong signedNum(Element body, String name, String file) {
        Optional<String> t = DuisXml.optionalText(body, name);
        if (t.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(t.get()));
        } catch (NumberFormatException e) {
            throw new DuisException(DuisException.Code.MALFORMED, file + ": " + name + " '" + t.get()
                    + "' is not a whole number of pence");
        }
    }
}
