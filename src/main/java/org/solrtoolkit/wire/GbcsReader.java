package org.solrtoolkit.wire;

import java.util.Arrays;

/**
 * A cursor over GBCS bytes: fixed fields, lengths as the framing writes them (one octet below
 * 0x80, else 0x81 / 0x82 / 0x83 and that many octets, non-minimal forms accepted as devices send
 * them) and sub-ranges. Reading past the end is a {@link GbcsException} naming the field.
 */
final class GbcsReader {

    private final byte[] bytes;
    private int at;
    private final int end;

    GbcsReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private GbcsReader(byte[] bytes, int from, int end) {
        this.bytes = bytes;
        this.at = from;
        this.end = end;
    }

    int position() {
        return at;
    }

    boolean atEnd() {
        return at >= end;
    }

    int remaining() {
        return end - at;
    }

    int peek(String field) {
        need(1, field);
        return bytes[at] & 0xFF;
    }

    int u8(String field) {
        need(1, field);
        return bytes[at++] & 0xFF;
    }

    int u16(String field) {
        need(2, field);
        int v = ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
        at += 2;
        return v;
    }

    long u64(String field) {
        need(8, field);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[at + i] & 0xFF);
        }
        at += 8;
        return v;
    }

    byte[] take(int n, String field) {
        need(n, field);
        byte[] b = Arrays.copyOfRange(bytes, at, at + n);
        at += n;
        return b;
    }

    /** A length as the GBCS framing encodes it. */
    int length(String field) {
        int first = u8(field + " length");
        if (first < 0x80) {
            return first;
        }
        int octets = first & 0x7F;
        if (octets < 1 || octets > 3) {
            throw GbcsException.malformed(field + " length uses " + octets + " octets (1 to 3 allowed)");
        }
        int n = 0;
        for (int i = 0; i < octets; i++) {
            n = (n << 8) | u8(field + " length");
        }
        return n;
    }

    void expect(int value, String field) {
        int got = u8(field);
        if (got != value) {
            throw GbcsException.malformed(String.format("%s is 0x%02X, expected 0x%02X", field, got, value));
        }
    }

    private void need(int n, String field) {
        if (n < 0 || at + n > end) {
            throw GbcsException.malformed(field + " is cut short (needs " + n + " octets at offset " + at
                    + ", " + Math.max(0, end - at) + " left)");
        }
    }

    /** Writes a GBCS length: one octet below 0x80, else 0x81 or 0x82 and the length. */
    static void writeLength(java.io.ByteArrayOutputStream out, int n) {
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >>> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
        }
    }

    static void writeU64(java.io.ByteArrayOutputStream out, long v) {
        for (int i = 7; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }
}
