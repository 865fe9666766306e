package org.solrtoolkit.wire;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;

/**
 * The parameters of a critical prepayment command (domain.md section 7), carried as the payload of a
 * GBCS General Signing message whose message code names the use case ({@link CriticalService}).
 * Real devices carry these as DLMS COSEM (ESME) or ZigBee (GSME) attribute sets and method calls;
 * this simulation carries them in its own documented ASN.1 instead, inside the real framing, so the
 * header, signature, MAC, counters and message codes are GBCS while the payload is not:
 *
 * <pre>
 * PrepaymentCommand ::= SEQUENCE {
 *   emergencyCreditLimit      [0] INTEGER OPTIONAL,  -- pence                      (2.1)
 *   emergencyCreditThreshold  [1] INTEGER OPTIONAL,  -- pence                      (2.1)
 *   lowCreditThreshold        [2] INTEGER OPTIONAL,  -- pence                      (2.1)
 *   debtRecoveryRateCap       [3] INTEGER OPTIONAL,  -- percent of a top-up        (2.1)
 *   maxMeterBalance           [4] INTEGER OPTIONAL,  -- pence                      (2.1)
 *   nonDisablementCalendar    [5] UTF8String OPTIONAL, -- HH:MM-HH:MM;YYYY-MM-DD    (2.1)
 *   paymentModeCredit         [6] INTEGER OPTIONAL,  -- 1 credit, 0 prepayment     (1.6)
 *   balanceAdjustment         [7] INTEGER OPTIONAL,  -- pence, either sign         (1.5)
 *   debt                      [8] INTEGER OPTIONAL,  -- pence                      (2.3)
 *   debtRecoveryPercent       [9] INTEGER OPTIONAL } -- percent                    (2.3)
 * </pre>
 * 2.5 and 7.1 carry an empty SEQUENCE.
 */
public record PrepaymentCommand(OptionalLong emergencyCreditLimit, OptionalLong emergencyCreditThreshold,
        OptionalLong lowCreditThreshold, OptionalLong debtRecoveryRateCap, OptionalLong maxMeterBalance,
        Optional<String> nonDisablementCalendar, Optional<Boolean> paymentModeCredit, OptionalLong balanceAdjustment,
        OptionalLong debt, OptionalLong debtRecoveryPercent) {

    /** A command without parameters (2.5, 7.1). */
    public static final PrepaymentCommand NONE = new PrepaymentCommand(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    /** 2.1 with only a non-disablement calendar. */
    public static PrepaymentCommand calendar(String periods) {
        return new PrepaymentCommand(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.of(periods), Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty());
    }

    /** 1.6 to credit mode ({@code true}) or to prepayment. */
    public static PrepaymentCommand paymentMode(boolean credit) {
        return new PrepaymentCommand(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.of(credit), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty());
    }

    /** 2.1 with only an emergency credit limit, pence. */
    public static PrepaymentCommand emergencyCreditLimit(long pence) {
        return new PrepaymentCommand(OptionalLong.of(pence), OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), Optional.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty());
    }

    /** The parameters given, e.g. {@code nonDisablementCalendar=00:00-24:00}; {@code none} for 2.5 and 7.1. */
    public String describe() {
        java.util.List<String> p = new java.util.ArrayList<>();
        emergencyCreditLimit.ifPresent(v -> p.add("emergencyCreditLimit=" + v + "p"));
        emergencyCreditThreshold.ifPresent(v -> p.add("emergencyCreditThreshold=" + v + "p"));
        lowCreditThreshold.ifPresent(v -> p.add("lowCreditThreshold=" + v + "p"));
        debtRecoveryRateCap.ifPresent(v -> p.add("debtRecoveryRateCap=" + v + "%"));
        maxMeterBalance.ifPresent(v -> p.add("maxMeterBalance=" + v + "p"));
        nonDisablementCalendar.ifPresent(v -> p.add("nonDisablementCalendar=" + v));
        paymentModeCredit.ifPresent(v -> p.add("paymentMode=" + (v ? "credit" : "prepayment")));
        balanceAdjustment.ifPresent(v -> p.add("balanceAdjustment=" + v + "p"));
        debt.ifPresent(v -> p.add("debt=" + v + "p"));
        debtRecoveryPercent.ifPresent(v -> p.add("debtRecoveryPercent=" + v + "%"));
        return p.isEmpty() ? "none" : String.join(", ", p);
    }

    public byte[] encode() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        put(v, 0, emergencyCreditLimit);
        put(v, 1, emergencyCreditThreshold);
        put(v, 2, lowCreditThreshold);
        put(v, 3, debtRecoveryRateCap);
        put(v, 4, maxMeterBalance);
        nonDisablementCalendar.ifPresent(c -> v.add(new DERTaggedObject(false, 5, new DERUTF8String(c))));
        paymentModeCredit.ifPresent(c -> v.add(new DERTaggedObject(false, 6, new ASN1Integer(c ? 1 : 0))));
        put(v, 7, balanceAdjustment);
        put(v, 8, debt);
        put(v, 9, debtRecoveryPercent);
        try {
            return new DERSequence(v).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(ASN1EncodableVector v, int tag, OptionalLong value) {
        value.ifPresent(x -> v.add(new DERTaggedObject(false, tag, new ASN1Integer(x))));
    }

    /** Reads the payload; anything else is a {@link GbcsException}. */
    public static PrepaymentCommand decode(byte[] payload) {
        ASN1Sequence s = Asn1.sequence(Asn1.parse(payload, "prepayment command"), "prepayment command");
        OptionalLong[] n = new OptionalLong[10];
        java.util.Arrays.fill(n, OptionalLong.empty());
        Optional<String> calendar = Optional.empty();
        List<Integer> seen = new ArrayList<>();
        for (var e : s) {
            if (!(e instanceof ASN1TaggedObject t) || t.getTagNo() > 9 || seen.contains(t.getTagNo())) {
                throw GbcsException.malformed("prepayment command: unexpected element " + e);
            }
            seen.add(t.getTagNo());
            if (t.getTagNo() == 5) {
                calendar = Optional.of(DERUTF8String.getInstance(t, false).getString());
            } else {
                try {
                    n[t.getTagNo()] = OptionalLong.of(ASN1Integer.getInstance(t, false).longValueExact());
                } catch (IllegalArgumentException | ArithmeticException x) {
                    throw GbcsException.malformed("prepayment command: [" + t.getTagNo() + "] is not a 64-bit INTEGER");
                }
            }
        }
        return new PrepaymentCommand(n[0], n[1], n[2], n[3], n[4], calendar,
                n[6].isPresent() ? Optional.of(n[6].getAsLong() == 1) : Optional.empty(), n[7], n[8], n[9]);
    }
}
