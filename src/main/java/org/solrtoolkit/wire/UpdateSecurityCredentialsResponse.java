package org.solrtoolkit.wire;

import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;

/**
 * A device's answers to a CS02b command (domain.md section 6). The response payload is
 * {@code SEQUENCE { commandAccepted NULL, executionOutcome ExecutionOutcome OPTIONAL }}: an
 * immediate command is answered with its outcome, a future-dated one with the acceptance only.
 * The outcome of a future-dated command comes later in an alert, message code {@code 0x00CB}:
 * {@code SEQUENCE { alertCode INTEGER (0x8F66 success, 0x8F67 failure), executionDateTime
 * GeneralizedTime, executionOutcome ExecutionOutcome }}.
 */
public final class UpdateSecurityCredentialsResponse {

    /** The message code of the CS02b alert. */
    public static final int ALERT_MESSAGE_CODE = 0x00CB;
    /** A future-dated CS02b was executed (every cell, or part: the outcomes say which). */
    public static final int ALERT_FUTURE_DATED_SUCCESS = 0x8F66;
    /** A future-dated CS02b failed. */
    public static final int ALERT_FUTURE_DATED_FAILURE = 0x8F67;

    private UpdateSecurityCredentialsResponse() {
    }

    /** The response payload: accepted, with the outcome when the command ran at once. */
    public static byte[] encode(Optional<ExecutionOutcome> outcome) {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(DERNull.INSTANCE);
        outcome.ifPresent(o -> v.add(o.asn1()));
        return der(new DERSequence(v));
    }

    /** The outcome in a response payload, empty for an acceptance of a future-dated command. */
    public static Optional<ExecutionOutcome> decode(byte[] payload) {
        ASN1Sequence s = Asn1.sequence(Asn1.parse(payload, "Update Security Credentials response"),
                "Update Security Credentials response");
        if (s.size() < 1 || s.size() > 2 || !(s.getObjectAt(0) instanceof ASN1Null)) {
            throw GbcsException.malformed("Update Security Credentials response is not { commandAccepted NULL,"
                    + " executionOutcome OPTIONAL }");
        }
        return s.size() == 2 ? Optional.of(ExecutionOutcome.of(s.getObjectAt(1), "execution outcome")) : Optional.empty();
    }

    /** A CS02b alert: its code, when the command ran, and the outcome. */
    public record Alert(int alertCode, Instant executed, ExecutionOutcome outcome) {

        public byte[] encode() {
            return der(new DERSequence(new ASN1Encodable[] {new ASN1Integer(alertCode),
                new DERGeneralizedTime(Date.from(executed)), outcome.asn1()}));
        }

        public static Alert decode(byte[] payload) {
            ASN1Sequence s = Asn1.sequence(Asn1.parse(payload, "Update Security Credentials alert"),
                    "Update Security Credentials alert");
            if (s.size() != 3) {
                throw GbcsException.malformed("Update Security Credentials alert has " + s.size()
                        + " elements, expected 3");
            }
            long code = Asn1.integer(s.getObjectAt(0), "alert code");
            if (code != ALERT_FUTURE_DATED_SUCCESS && code != ALERT_FUTURE_DATED_FAILURE) {
                throw GbcsException.malformed(String.format("alert code 0x%04X is not 8F66 or 8F67", code));
            }
            return new Alert((int) code, UpdateSecurityCredentials.generalizedTime(s.getObjectAt(1), "execution date-time"),
                    ExecutionOutcome.of(s.getObjectAt(2), "execution outcome"));
        }
    }

    private static byte[] der(DERSequence s) {
        try {
            return s.getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
