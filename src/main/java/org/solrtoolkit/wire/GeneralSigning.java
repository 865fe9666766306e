package org.solrtoolkit.wire;

import java.io.ByteArrayOutputStream;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Optional;
import org.solrtoolkit.pki.Eui64;

/**
 * A GBCS General Signing APDU (domain.md section 6): tag {@code DF}, the transaction id (length 9:
 * CRA flag and the 8-octet originator counter), originator and recipient system titles (length 8
 * and an EUI-64 each), an optional DLMS date-time ({@code 00} absent, {@code 0C} and 12 octets),
 * the other information (length, the 2-octet message code, any supplementary octets), the content
 * (length and the payload), then the signature (length {@code 40} and raw r||s, or {@code 00} for
 * a pre-command). The signature is ECDSA P-256 / SHA-256 over every octet after {@code DF} through
 * the payload ({@link #signedPart()}).
 *
 * @param dateTime 12 octets of DLMS date-time, or null when absent
 * @param supplementary other information after the message code (empty for the messages made here)
 * @param signature 64 octets r||s, or null when unsigned
 */
public record GeneralSigning(Cra cra, long counter, Eui64 originator, Eui64 recipient, byte[] dateTime,
        int messageCode, byte[] supplementary, byte[] payload, byte[] signature) {

    static final int TAG = 0xDF;

    public GeneralSigning {
        if (dateTime != null && dateTime.length != 12) {
            throw new IllegalArgumentException("a DLMS date-time is 12 octets");
        }
        if (signature != null && signature.length != RawSignature.LENGTH) {
            throw new IllegalArgumentException("a GBCS signature is 64 octets r||s");
        }
        supplementary = supplementary == null ? new byte[0] : supplementary;
    }

    /** An unsigned message (a pre-command, or one about to be signed). */
    public static GeneralSigning unsigned(Cra cra, long counter, Eui64 originator, Eui64 recipient, Instant at,
            int messageCode, byte[] payload) {
        return new GeneralSigning(cra, counter, originator, recipient, at == null ? null : dlmsDateTime(at),
                messageCode, new byte[0], payload, null);
    }

    /** The octets the signature covers: everything after the {@code DF} tag through the payload. */
    public byte[] signedPart() {
        byte[] all = encode(false);
        return Arrays.copyOfRange(all, 1, all.length - 1);
    }

    /** This message signed with the originator's DS key. */
    public GeneralSigning sign(PrivateKey originatorKey) {
        return new GeneralSigning(cra, counter, originator, recipient, dateTime, messageCode, supplementary, payload,
                RawSignature.sign(originatorKey, signedPart()));
    }

    /** Whether the signature is there and verifies with the originator's DS public key. */
    public boolean verifies(PublicKey originatorKey) {
        return signature != null && RawSignature.verify(originatorKey, signedPart(), signature);
    }

    /** The APDU's octets. */
    public byte[] encode() {
        return encode(true);
    }

    private byte[] encode(boolean withSignature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 128);
        out.write(TAG);
        out.write(9);
        out.write(cra.value());
        GbcsReader.writeU64(out, counter);
        out.write(8);
        out.writeBytes(originator.toBytes());
        out.write(8);
        out.writeBytes(recipient.toBytes());
        if (dateTime == null) {
            out.write(0);
        } else {
            out.write(0x0C);
            out.writeBytes(dateTime);
        }
        GbcsReader.writeLength(out, 2 + supplementary.length);
        out.write(messageCode >>> 8);
        out.write(messageCode);
        out.writeBytes(supplementary);
        GbcsReader.writeLength(out, payload.length);
        out.writeBytes(payload);
        if (withSignature && signature != null) {
            out.write(RawSignature.LENGTH);
            out.writeBytes(signature);
        } else {
            out.write(0);
        }
        return out.toByteArray();
    }

    /** Reads a General Signing APDU that fills {@code bytes} exactly. */
    public static GeneralSigning decode(byte[] bytes) {
        GbcsReader r = new GbcsReader(bytes);
        GeneralSigning g = read(r);
        if (!r.atEnd()) {
            throw GbcsException.malformed(r.remaining() + " octets after the signature");
        }
        return g;
    }

    static GeneralSigning read(GbcsReader r) {
        r.expect(TAG, "General Signing tag");
        r.expect(9, "transaction id length");
        Cra cra = Cra.of(r.u8("CRA flag"));
        long counter = r.u64("originator counter");
        r.expect(8, "originator system title length");
        Eui64 originator = Eui64.of(r.take(8, "originator system title"));
        r.expect(8, "recipient system title length");
        Eui64 recipient = Eui64.of(r.take(8, "recipient system title"));
        int dt = r.u8("date-time");
        byte[] dateTime = null;
        if (dt == 0x0C) {
            dateTime = r.take(12, "date-time");
        } else if (dt != 0) {
            throw GbcsException.malformed(String.format("date-time length 0x%02X is not 00 or 0C", dt));
        }
        int otherLength = r.length("other information");
        if (otherLength < 2) {
            throw GbcsException.malformed("other information of " + otherLength + " octets has no message code");
        }
        int messageCode = r.u16("message code");
        byte[] supplementary = r.take(otherLength - 2, "other information");
        byte[] payload = r.take(r.length("content"), "content");
        int signatureLength = r.length("signature");
        byte[] signature = null;
        if (signatureLength == RawSignature.LENGTH) {
            signature = r.take(RawSignature.LENGTH, "signature");
        } else if (signatureLength != 0) {
            throw GbcsException.malformed("signature length " + signatureLength + " is not 0 or 64");
        }
        return new GeneralSigning(cra, counter, originator, recipient, dateTime, messageCode, supplementary, payload,
                signature);
    }

    /** The DLMS date-time of {@code at} in UTC (deviation 0, clock status 0, no hundredths). */
    static byte[] dlmsDateTime(Instant at) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        return new byte[] {(byte) (t.getYear() >>> 8), (byte) t.getYear(), (byte) t.getMonthValue(),
            (byte) t.getDayOfMonth(), (byte) t.getDayOfWeek().getValue(), (byte) t.getHour(), (byte) t.getMinute(),
            (byte) t.getSecond(), 0, 0, 0, 0};
    }

    /** The date-time as an instant, when it is there and fully specified (deviation in minutes, 0x8000 unspecified). */
    public Optional<Instant> instant() {
        if (dateTime == null) {
            return Optional.empty();
        }
        int year = ((dateTime[0] & 0xFF) << 8) | (dateTime[1] & 0xFF);
        int deviation = (short) (((dateTime[9] & 0xFF) << 8) | (dateTime[10] & 0xFF));
        if (year == 0xFFFF || (dateTime[2] & 0xFF) > 12 || (dateTime[3] & 0xFF) > 31 || (dateTime[5] & 0xFF) > 23
                || (dateTime[6] & 0xFF) > 59 || (dateTime[7] & 0xFF) > 59) {
            return Optional.empty();
        }
        try {
            java.time.LocalDateTime local = java.time.LocalDateTime.of(year, dateTime[2], dateTime[3], dateTime[5],
                    dateTime[6], dateTime[7]);
            // the deviation taken as the minutes local time is ahead of UTC; 0 and unspecified are UTC
            int minutes = deviation == (short) 0x8000 ? 0 : deviation;
            return Optional.of(local.toInstant(ZoneOffset.ofTotalSeconds(minutes * 60)));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneralSigning g && cra == g.cra && counter == g.counter && messageCode == g.messageCode
                && originator.equals(g.originator) && recipient.equals(g.recipient)
                && Arrays.equals(dateTime, g.dateTime) && Arrays.equals(supplementary, g.supplementary)
                && Arrays.equals(payload, g.payload) && Arrays.equals(signature, g.signature);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload) * 31 + Long.hashCode(counter);
    }

    @Override
    public String toString() {
        return "GeneralSigning[" + cra + " " + Long.toUnsignedString(counter) + " " + originator + " -> " + recipient
                + String.format(" 0x%04X", messageCode) + ", " + payload.length + " octets"
                + (signature == null ? ", unsigned]" : ", signed]");
    }
}
