package org.solrtoolkit.wire;

import java.security.PrivateKey;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.cert.X509CertificateHolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What comes back to the SoLR from the DCC (domain.md section 6), an {@code sr:Response} signed by
 * the DCC's XML-signing key: the header (RequestID, ResponseID, ResponseCode, ResponseDateTime) and
 * one of three bodies: a {@code ResponseMessage} (ServiceReference, ServiceReferenceVariant and, for
 * {@code I0}, the device's GBCS response in {@code GBCSPayload}; {@code I99} is an acknowledgement,
 * {@code E...} a rejection by the DCC), a {@code DeviceAlertMessage} (AlertCode and GBCSPayload: the
 * 8F66 / 8F67 outcome of a future-dated command) or a {@code DCCAlertMessage} (DCCAlertCode: the DCC
 * could not deliver the command).
 */
public record DuisResponse(Kind kind, RequestId requestId, Optional<String> responseId, String responseCode,
        Instant at, Optional<String> serviceReferenceVariant, Optional<byte[]> gbcsPayload, Optional<String> alertCode) {

    /** The GBCS version a pre-command says it is written in (the RTDS vectors' GBCS 4.x). */
    static final String GBCS_VERSION = "4.0";

    /** Which body the response has. */
    public enum Kind { RESPONSE, DEVICE_ALERT, DCC_ALERT, PRE_COMMAND }

    /** A response to a request: the device's GBCS response ({@code I0}), an acknowledgement or a rejection. */
    public static DuisResponse response(RequestId request, String code, Instant at, String serviceReferenceVariant,
            byte[] gbcs) {
        return new DuisResponse(Kind.RESPONSE, request, Optional.of(responseIdFor(request)), code, at,
                Optional.of(serviceReferenceVariant), Optional.ofNullable(gbcs), Optional.empty());
    }

    /**
     * The DCC's answer to a critical request (CommandVariant 4): the GBCS pre-command for the user to
     * sign, in {@code PreCommand/GBCSPayload}.
     */
    public static DuisResponse preCommand(RequestId request, Instant at, String serviceReferenceVariant, byte[] gbcs) {
        return new DuisResponse(Kind.PRE_COMMAND, request, Optional.of(responseIdFor(request)), "I0", at,
                Optional.of(serviceReferenceVariant), Optional.of(gbcs), Optional.empty());
    }

    /** A device alert carrying its GBCS alert (8F66 / 8F67 for a future-dated CS02b). */
    public static DuisResponse deviceAlert(RequestId request, String alertCode, Instant at, byte[] gbcs) {
        return new DuisResponse(Kind.DEVICE_ALERT, request, Optional.empty(), "I0", at, Optional.empty(),
                Optional.of(gbcs), Optional.of(alertCode));
    }

    /** A DCC alert: the command did not reach the device, or the device did not answer. */
    public static DuisResponse dccAlert(RequestId request, String dccAlertCode, Instant at) {
        return new DuisResponse(Kind.DCC_ALERT, request, Optional.empty(), "I0", at, Optional.empty(), Optional.empty(),
                Optional.of(dccAlertCode));
    }

    /** The ResponseID of a response to {@code request}: the device, the user and the same counter. */
    static String responseIdFor(RequestId request) {
        return request.target() + ":" + request.originator() + ":" + Long.toUnsignedString(request.counter());
    }

    /** The response as signed DUIS XML. */
    public byte[] signed(PrivateKey dccXmlSigningKey, X509CertificateHolder dccXmlSigningCertificate) {
        Document doc = DuisXml.newDocument();
        Element root = DuisXml.root(doc, "Response");
        Element header = DuisXml.add(root, "Header", null);
        DuisXml.add(header, "RequestID", requestId.toString());
        responseId.ifPresent(id -> DuisXml.add(header, "ResponseID", id));
        DuisXml.add(header, "ResponseCode", responseCode);
        DuisXml.add(header, "ResponseDateTime", at.toString());
        Element body = DuisXml.add(root, "Body", null);
        switch (kind) {
            case RESPONSE -> {
                Element m = DuisXml.add(body, "ResponseMessage", null);
                String srv = serviceReferenceVariant.orElseThrow();
                DuisXml.add(m, "ServiceReference", srv.replaceFirst("^(\\d+\\.\\d+).*$", "$1"));
                DuisXml.add(m, "ServiceReferenceVariant", srv);
                gbcsPayload.ifPresent(g -> DuisXml.add(m, "GBCSPayload", Base64.getEncoder().encodeToString(g)));
            }
            case DEVICE_ALERT -> {
                Element m = DuisXml.add(body, "DeviceAlertMessage", null);
                DuisXml.add(m, "AlertCode", alertCode.orElseThrow());
                DuisXml.add(m, "GBCSPayload", Base64.getEncoder().encodeToString(gbcsPayload.orElseThrow()));
            }
            case PRE_COMMAND -> {
                Element m = DuisXml.add(body, "ResponseMessage", null);
                String srv = serviceReferenceVariant.orElseThrow();
                DuisXml.add(m, "ServiceReference", srv.replaceFirst("^(\\d+\\.\\d+).*$", "$1"));
                DuisXml.add(m, "ServiceReferenceVariant", srv);
                Element pre = DuisXml.add(m, "PreCommand", null);
                DuisXml.add(pre, "GBCSPayload", Base64.getEncoder().encodeToString(gbcsPayload.orElseThrow()));
                DuisXml.add(pre, "GBCSVersion", GBCS_VERSION);
            }
            case DCC_ALERT -> {
                Element m = DuisXml.add(body, "DCCAlertMessage", null);
                DuisXml.add(m, "DCCAlertCode", alertCode.orElseThrow());
                DuisXml.add(m, "DCCAlert", null);
            }
        }
        DuisSignature.sign(doc, dccXmlSigningKey, dccXmlSigningCertificate);
        return DuisXml.serialise(doc);
    }

    /** A response read from a file, and who signed it. */
    public record Signed(DuisResponse response, DuisSignature.Signer signer) {
    }

    /** Reads and checks a signed DUIS response or alert; the signer's certificate comes from {@code certificates}. */
    public static Signed read(byte[] xml, String file,
            Function<DuisSignature.Signer, Optional<X509CertificateHolder>> certificates) {
        Document doc = DuisXml.parse(xml, file);
        DuisResponse response = of(doc, file);
        return new Signed(response, DuisSignature.verify(doc, certificates, file));
    }

    /** What a response says, signature not checked (for {@code duis show}). */
    public static DuisResponse of(Document doc, String file) {
        Element root = DuisXml.root(doc, "Response", file);
        Element header = DuisXml.required(root, "Header", file);
        RequestId id = RequestId.parse(DuisXml.text(header, "RequestID", file));
        Optional<String> responseId = DuisXml.optionalText(header, "ResponseID");
        String code = DuisXml.text(header, "ResponseCode", file);
        if (!code.matches("[IEW]\\d{1,4}")) {
            throw new DuisException(DuisException.Code.MALFORMED, file + ": ResponseCode '" + code
                    + "' is not a DUIS response code such as I0, I99 or E65");
        }
        String when = DuisXml.text(header, "ResponseDateTime", file);
        Instant at;
        try {
            at = Instant.parse(when);
        } catch (DateTimeParseException e) {
            throw new DuisException(DuisException.Code.MALFORMED, file + ": ResponseDateTime '" + when
                    + "' is not a UTC date-time");
        }
        Element body = DuisXml.required(root, "Body", file);
        Optional<Element> message = DuisXml.child(body, "ResponseMessage");
        Optional<Element> pre = message.flatMap(m -> DuisXml.child(m, "PreCommand"));
        if (pre.isPresent()) {
            return new DuisResponse(Kind.PRE_COMMAND, id, responseId, code, at,
                    Optional.of(DuisXml.text(message.get(), "ServiceReferenceVariant", file)),
                    Optional.of(base64(DuisXml.text(pre.get(), "GBCSPayload", file), file)), Optional.empty());
        }
        if (message.isPresent()) {
            return new DuisResponse(Kind.RESPONSE, id, responseId, code, at,
                    Optional.of(DuisXml.text(message.get(), "ServiceReferenceVariant", file)),
                    DuisXml.optionalText(message.get(), "GBCSPayload").map(t -> base64(t, file)), Optional.empty());
        }
        Optional<Element> device = DuisXml.child(body, "DeviceAlertMessage");
        if (device.isPresent()) {
            return new DuisResponse(Kind.DEVICE_ALERT, id, responseId, code, at, Optional.empty(),
                    Optional.of(base64(DuisXml.text(device.get(), "GBCSPayload", file), file)),
                    Optional.of(DuisXml.text(device.get(), "AlertCode", file)));
        }
        Optional<Element> dcc = DuisXml.child(body, "DCCAlertMessage");
        if (dcc.isPresent()) {
            return new DuisResponse(Kind.DCC_ALERT, id, responseId, code, at, Optional.empty(), Optional.empty(),
                    Optional.of(DuisXml.text(dcc.get(), "DCCAlertCode", file)));
        }
        throw new DuisException(DuisException.Code.MALFORMED, file + ": the Body has no ResponseMessage,"
                + " DeviceAlertMessage or DCCAlertMessage");
    }

    private static byte[] base64(String text, String file) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new DuisException(DuisException.Code.MALFORMED, file + ": GBCSPayload is not base64");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DuisResponse r && kind == r.kind && requestId.equals(r.requestId)
                && responseId.equals(r.responseId) && responseCode.equals(r.responseCode) && at.equals(r.at)
                && serviceReferenceVariant.equals(r.serviceReferenceVariant) && alertCode.equals(r.alertCode)
                && java.util.Arrays.equals(gbcsPayload.orElse(null), r.gbcsPayload.orElse(null));
    }

    @Override
    public int hashCode() {
        return requestId.hashCode() * 31 + responseCode.hashCode();
    }
}
