package org.solrtoolkit.wire;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.cert.X509CertificateHolder;
import org.w3c.dom.Document;

/**
 * What a DUIS file says, for {@code duis show}: a 6.23 request or a response or alert, its header
 * and body, the verdict on its XML signature where the signer's certificate is known here, and
 * the GBCS message it carries decoded ({@link GbcsDecoder}).
 */
public final class DuisInspector {

    /** The fields, and whether a signature that could be checked failed. */
    public record Shown(Map<String, Object> fields, boolean signatureFailed) {
    }

    private final Function<BigInteger, Optional<X509CertificateHolder>> bySerial;
    private final GbcsDecoder gbcs;

    public DuisInspector(Function<BigInteger, Optional<X509CertificateHolder>> bySerial, GbcsDecoder gbcs) {
        this.bySerial = bySerial;
        this.gbcs = gbcs;
    }

    public Shown show(byte[] xml, String file) {
        Document doc = DuisXml.parse(xml, file);
        String root = doc.getDocumentElement() == null ? "" : doc.getDocumentElement().getLocalName();
        Map<String, Object> out = new LinkedHashMap<>();
        boolean failed = false;
        CriticalRequest.Kind kind = "Request".equals(root) ? CriticalRequest.kind(xml, file) : null;
        if (kind == CriticalRequest.Kind.CRITICAL) {
            CriticalRequest r = CriticalRequest.of(doc, file);
            out.put("message", "DUIS critical request (CommandVariant 4), SRV " + r.service().srv() + " "
                    + r.service().element() + ": the DCC returns the pre-command to sign");
            out.put("request_id", r.requestId().toString());
            out.put("parameters", r.parameters().describe());
        } else if (kind == CriticalRequest.Kind.SIGNED_PRE_COMMAND) {
            CriticalRequest.PreCommandSigned r = CriticalRequest.preCommand(doc, file, null);
            out.put("message", "DUIS signed pre-command (CommandVariant 5), SRV " + r.service().srv());
            out.put("request_id", r.requestId().toString());
            GbcsDecoder.Decoded d = gbcs.decode(r.gbcs());
            out.put("gbcs", d.fields());
            failed = d.signatureFailed();
        } else if ("Request".equals(root)) {
            CoSRequest r = CoSRequest.of(doc, file);
            out.put("message", "DUIS request, SRV 6.23 Update Security Credentials (CoS)");
            out.put("request_id", r.requestId().toString());
            r.executionDateTime().ifPresent(t -> out.put("execution_date_time", t.toString()));
            out.put("supplier_floor", r.supplierFloor());
            r.prepaymentTopUpFloor().ifPresent(f -> out.put("prepayment_top_up_floor", f));
            out.put("digital_signing_certificate", describe(r.digitalSigning()));
            r.keyAgreement().ifPresent(c -> out.put("key_agreement_certificate", describe(c)));
            r.keyAgreementTopUp().ifPresent(c -> out.put("key_agreement_top_up_certificate", describe(c)));
            out.put("certification_path", r.certificationPath().stream().map(DuisInspector::describe).toList());
            out.put("apply_time_based_cpv_checks", r.applyTimeBasedCpvChecks());
            out.put("import_mpxn", r.importMpxn());
        } else {
            DuisResponse r = DuisResponse.of(doc, file);
            out.put("message", switch (r.kind()) {
                case RESPONSE -> "DUIS response " + r.responseCode() + " to " + r.serviceReferenceVariant().orElse("?");
                case DEVICE_ALERT -> "DUIS device alert " + r.alertCode().orElse("?");
                case DCC_ALERT -> "DUIS DCC alert " + r.alertCode().orElse("?");
                case PRE_COMMAND -> "DUIS pre-command for " + r.serviceReferenceVariant().orElse("?")
                        + " (to be signed with the user's Supplier DS key)";
            });
            out.put("request_id", r.requestId().toString());
            r.responseId().ifPresent(id -> out.put("response_id", id));
            out.put("response_code", r.responseCode());
            out.put("response_date_time", r.at().toString());
            if (r.gbcsPayload().isPresent()) {
                GbcsDecoder.Decoded d = gbcs.decode(r.gbcsPayload().get());
                out.put("gbcs", d.fields());
                failed = d.signatureFailed();
            }
        }
        try {
            DuisSignature.Signer s = DuisSignature.verify(doc, signer -> bySerial.apply(signer.serial())
                    .filter(signer::names), file);
            out.put("xml_signature", "verifies (" + s + ")");
        } catch (DuisException e) {
            if (e.errorCode() == DuisException.Code.UNKNOWN_SIGNER) {
                out.put("xml_signature", "not checked: " + e.getMessage());
            } else {
                out.put("xml_signature", "DOES NOT VERIFY: " + e.getMessage());
                failed = true;
            }
        }
        return new Shown(out, failed);
    }

    private static String describe(X509CertificateHolder c) {
        return c.getSubject() + " serial " + c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
