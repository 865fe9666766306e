package org.solrtoolkit.pki;

import java.util.HexFormat;

/**
 * An EUI-64 entity or device identifier: 8 octets (domain.md section 5). Accepts
 * {@code 00-DB-12-34-56-78-90-A0} and {@code 00DB1234567890A0} (any case, also with colons) and
 * always prints the hyphenated upper-case form.
 */
public record Eui64(long value) implements Comparable<Eui64> {

    /**
     * @throws PkiException BAD_EUI saying what is accepted
     */
    public static Eui64 parse(String text) {
        String t = text == null ? "" : text.trim();
        long v = 0;
        int digits = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '-' || c == ':') {
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || ++digits > 16) {
                digits = -1;
                break;
            }
            v = (v << 4) | d;
        }
        if (digits != 16) {
            throw new PkiException(PkiException.Code.BAD_EUI, "EUI-64 '" + t + "' must be 8 octets (16 hex digits),"
                    + " e.g. 00-DB-12-34-56-78-90-A0 or 00DB1234567890A0");
        }
        return new Eui64(v);
    }

    /** @throws PkiException BAD_EUI unless {@code bytes} has exactly 8 octets */
    public static Eui64 of(byte[] bytes) {
        if (bytes == null || bytes.length != 8) {
            throw new PkiException(PkiException.Code.BAD_EUI, "EUI-64 must be 8 octets, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        long v = 0;
        for (byte b : bytes) {
            v = (v << 8) | (b & 0xFF);
        }
        return new Eui64(v);
    }

    public byte[] toBytes() {
        byte[] b = new byte[8];
        for (int i = 7, v = 0; i >= 0; i--, v++) {
            b[i] = (byte) (value >>> (8 * v));
        }
        return b;
    }

    /** {@code 00DB1234567890A0} */
    public String compact() {
        return HexFormat.of().withUpperCase().formatHex(toBytes());
    }

    private static final HexFormat TEXT = HexFormat.ofDelimiter("-").withUpperCase();

    @Override
    public String toString() {
        return TEXT.formatHex(toBytes());
    }

    @Override
    public int compareTo(Eui64 o) {
        return Long.compareUnsigned(value, o.value);
    }
}
