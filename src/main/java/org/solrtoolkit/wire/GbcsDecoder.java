package org.solrtoolkit.wire;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.pki.Eui64;

/**
 * What a GBCS message says, for {@code gbcs decode} and {@code duis show}: the framing, the grouping
 * header, the CS02b payload decoded (command, response, alert; other message codes as octets) and
 * the verdict on the signature where the originator's DS certificate is known. A MAC can only be
 * checked with a key-agreement private key of the ACB or the device, which an engineer's database
 * does not hold: it is reported as present and not checked.
 */
public final class GbcsDecoder {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    /** The decoded message and whether a signature that could be checked failed. */
    public record Decoded(Map<String, Object> fields, boolean signatureFailed) {
    }

    private final Function<Eui64, List<X509CertificateHolder>> signingCertificates;

    /** @param signingCertificates the DS certificates known for an originator (a party may hold several roles') */
    public GbcsDecoder(Function<Eui64, List<X509CertificateHolder>> signingCertificates) {
        this.signingCertificates = signingCertificates;
    }

    public Decoded decode(byte[] message) {
        if (message.length == 0) {
            throw GbcsException.malformed("the message is empty");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        byte[] apdu;
        int tag = message[0] & 0xFF;
        if (tag == GeneralCiphering.TAG) {
            GeneralCiphering c = GeneralCiphering.decode(message);
            out.put("framing", "General Ciphering (MACed) around General Signing");
            out.put("mac", HEX.formatHex(c.mac()) + " (not checked: needs the ACB's or the device's key-agreement"
                    + " private key)");
            apdu = c.apdu();
        } else if (tag == GeneralSigning.TAG) {
            out.put("framing", "General Signing (no MAC)");
            apdu = message;
        } else {
            throw GbcsException.malformed(String.format("it starts with 0x%02X, not DD (General Ciphering) or DF"
                    + " (General Signing)", tag));
        }
        GeneralSigning g = GeneralSigning.decode(apdu);
        out.put("cra", g.cra().name().toLowerCase(java.util.Locale.ROOT));
        out.put("originator_counter", Long.toUnsignedString(g.counter()));
        out.put("originator", g.originator().toString());
        out.put("recipient", g.recipient().toString());
        out.put("date_time", g.dateTime() == null ? "absent"
                : g.instant().map(Object::toString).orElse(HEX.formatHex(g.dateTime())));
        out.put("message_code", String.format("0x%04X %s", g.messageCode(), name(g.messageCode())));
        boolean failed = false;
        if (g.signature() == null) {
            out.put("signature", "absent (a pre-command, or unsigned)");
        } else {
            List<X509CertificateHolder> certs = signingCertificates.apply(g.originator());
            Optional<X509CertificateHolder> verifying = certs.stream().filter(c -> g.verifies(org.solrtoolkit.pki.Gbcs.publicKey(c)))
                    .findFirst();
            if (certs.isEmpty()) {
                out.put("signature", "not checked: no DS certificate of " + g.originator() + " is known here");
            } else if (verifying.isPresent()) {
                out.put("signature", "verifies with the DS certificate " + describe(verifying.get()));
            } else {
                failed = true;
                out.put("signature", "DOES NOT VERIFY with any of the " + certs.size() + " DS certificate(s) of "
                        + g.originator() + " known here");
            }
        }
        out.put("payload", payload(g));
        return new Decoded(out, failed);
    }

    private static String name(int code) {
        if (code == UpdateSecurityCredentialsResponse.ALERT_MESSAGE_CODE) {
            return "CS02b alert (future-dated outcome)";
        }
        return ReplacementMode.ofMessageCode(code).map(m -> "CS02b Update Security Credentials, " + mode(m))
                .orElse("(not decoded here)");
    }

    private static String mode(ReplacementMode m) {
        return m.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Object payload(GeneralSigning g) {
        Optional<ReplacementMode> cs02b = ReplacementMode.ofMessageCode(g.messageCode());
        if (cs02b.isPresent() && g.cra() == Cra.COMMAND) {
            return command(UpdateSecurityCredentials.decode(g.payload()));
        }
        if (cs02b.isPresent() && g.cra() == Cra.RESPONSE) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("command_accepted", true);
            UpdateSecurityCredentialsResponse.decode(g.payload()).ifPresentOrElse(o -> m.put("execution_outcome",
                    outcome(o)), () -> m.put("execution_outcome", "none yet (future-dated: an 8F66 or 8F67 alert follows)"));
            return m;
        }
        if (g.messageCode() == UpdateSecurityCredentialsResponse.ALERT_MESSAGE_CODE) {
            UpdateSecurityCredentialsResponse.Alert a = UpdateSecurityCredentialsResponse.Alert.decode(g.payload());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("alert_code", String.format("%04X", a.alertCode()));
            m.put("executed", a.executed().toString());
            m.put("execution_outcome", outcome(a.outcome()));
            return m;
        }
        return HEX.formatHex(g.payload());
    }

    private static Map<String, Object> command(UpdateSecurityCredentials c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", mode(c.mode()));
        m.put("time_based_checks", c.disapplyTimeChecks() ? "disapplied" : "applied");
        c.authorisingCell().ifPresent(cell -> m.put("authorising_cell", cell.toString()));
        m.put("authorising_seq_number", c.authorisingSeqNumber());
        c.newFloor().ifPresent(f -> m.put("new_floor", f));
        c.newPrepaymentFloor().ifPresent(f -> m.put("new_prepayment_floor", f));
        List<Object> changes = new ArrayList<>();
        c.otherChanges().forEach(s -> changes.add(change(s)));
        if (!changes.isEmpty()) {
            m.put("other_seq_number_changes", changes);
        }
        List<Object> reps = new ArrayList<>();
        for (UpdateSecurityCredentials.Replacement r : c.replacements()) {
            Map<String, Object> rep = new LinkedHashMap<>();
            rep.put("cell", r.target().toString());
            rep.put("certificate", describe(r.certificate()));
            reps.add(rep);
        }
        m.put("replacements", reps);
        m.put("certification_path", c.certificationPath().stream().map(GbcsDecoder::describe).toList());
        c.executionDateTime().ifPresent(t -> m.put("execution_date_time", t.toString()));
        return m;
    }

    private static Map<String, Object> change(SeqNumberChange s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", s.role().title());
        m.put("floor", s.floor());
        s.prepaymentFloor().ifPresent(f -> m.put("prepayment_floor", f));
        return m;
    }

    private static Map<String, Object> outcome(ExecutionOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("authorising_seq_number", o.authorisingSeqNumber());
        m.put("mode", mode(o.mode()));
        m.put("seq_number_changes", o.seqNumberChanges().stream().map(GbcsDecoder::change).toList());
        List<Object> cells = new ArrayList<>();
        for (ReplacementOutcome r : o.outcomes()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("cell", r.cell().toString());
            c.put("status", r.statusCode() + " " + status(r.statusCode()));
            c.put("existing", HEX.formatHex(r.existingSubjectUniqueId()) + " SKI " + HEX.formatHex(r.existingSki()));
            c.put("replacing", HEX.formatHex(r.replacingSubjectUniqueId()) + " SKI " + HEX.formatHex(r.replacingSki()));
            cells.add(c);
        }
        m.put("cells", cells);
        return m;
    }

    /** The GBCS name of a CS02b status code (domain.md section 3). */
    public static String status(int code) {
        return switch (code) {
            case 0 -> "success";
            case 5 -> "badCertificate";
            case 10 -> "noTrustAnchor";
            case 17 -> "insufficientMemory";
            case 25 -> "trustAnchorNotFound";
            case 30 -> "resourcesBusy";
            case 127 -> "other";
            default -> "(not a GBCS status code)";
        };
    }

    private static String describe(X509CertificateHolder c) {
        return (c.getSubject().getRDNs().length == 0 ? "(a Device Certificate)" : c.getSubject().toString()) + " serial " + c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    }
}
