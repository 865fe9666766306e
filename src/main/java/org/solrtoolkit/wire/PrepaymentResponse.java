package org.solrtoolkit.wire;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * A meter's answer to a critical prepayment command, the payload of its signed GBCS response (CRA
 * 2, the command's counter and message code). Like {@link PrepaymentCommand} this simulation's own
 * ASN.1 in place of the DLMS / ZigBee result, with the result codes DLMS uses (0 success, 250
 * other-reason: GBCS ECS09 says an EC activation that does not take is reported so):
 *
 * <pre>
 * PrepaymentResponse ::= SEQUENCE { executed BOOLEAN, result INTEGER, balance INTEGER,
 *                                   supply INTEGER -- 0 enabled, 1 disabled, 2 armed -- }
 * </pre>
 */
public record PrepaymentResponse(boolean executed, int result, long balance, int supply) {

    public static final int SUCCESS = 0;
    public static final int OTHER_REASON = 250;

    public byte[] encode() {
        try {
            return new DERSequence(new ASN1Encodable[] {ASN1Boolean.getInstance(executed), new ASN1Integer(result),
                new ASN1Integer(balance), new ASN1Integer(supply)}).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrepaymentResponse decode(byte[] payload) {
        ASN1Sequence s = Asn1.sequence(Asn1.parse(payload, "prepayment response"), "prepayment response");
        if (s.size() != 4 || !(s.getObjectAt(0) instanceof ASN1Boolean b)) {
            throw GbcsException.malformed("prepayment response: expected executed, result, balance, supply");
        }
        try {
            return new PrepaymentResponse(b.isTrue(), ASN1Integer.getInstance(s.getObjectAt(1)).intValueExact(),
                    ASN1Integer.getInstance(s.getObjectAt(2)).longValueExact(),
                    ASN1Integer.getInstance(s.getObjectAt(3)).intValueExact());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw GbcsException.malformed("prepayment response: " + e.getMessage());
        }
    }
}
