package org.solrtoolkit.wire;

import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;

/**
 * Reading GBCS ASN.1 with Bouncy Castle: BER lengths (non-minimal forms accepted as devices send
 * them), and every wrong type or value a {@link GbcsException} that names the field.
 */
final class Asn1 {

    private Asn1() {
    }

    /** The one ASN.1 value that fills {@code bytes}. */
    static ASN1Primitive parse(byte[] bytes, String field) {
        return parse(bytes, field, false);
    }

    /**
     * As {@link #parse(byte[], String)}; {@code lazily}: each constructed value is read when first
     * looked into, and one never looked into (a certificate handed on as its octets) is never parsed
     * here. A malformed inner value then fails where it is read, as an {@link IllegalStateException}
     * the caller turns into {@link GbcsException} ({@link #malformedAt}).
     */
    static ASN1Primitive parse(byte[] bytes, String field, boolean lazily) {
        try (ASN1InputStream in = new ASN1InputStream(bytes, lazily)) {
            ASN1Primitive p = in.readObject();
            if (p == null) {
                throw GbcsException.malformed(field + " is empty");
            }
            if (in.available() > 0 || in.readObject() != null) {
                throw GbcsException.malformed(field + " has octets after its value");
            }
            return p;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw GbcsException.malformed(field + " is not valid ASN.1 (" + e.getMessage() + ")");
        }
    }

    /** A value read lazily that turned out malformed, as one line naming {@code field}. */
    static GbcsException malformedAt(String field, RuntimeException e) {
        return GbcsException.malformed(field + " is not valid ASN.1 (" + e.getMessage() + ")");
    }

    /** The octets of a value as it stands in what was read (a value read lazily and not looked into: copied as is). */
    static byte[] encoding(ASN1Encodable o, String field) {
        try {
            return o.toASN1Primitive().getEncoded();
        } catch (IOException e) {
            throw GbcsException.malformed(field + " cannot be encoded (" + e.getMessage() + ")");
        }
    }

    /** A DER SEQUENCE of {@code elements}, each already DER: the octets copied, not read and encoded again. */
    static byte[] sequence(java.util.List<byte[]> elements) {
        int n = 0;
        for (byte[] e : elements) {
            n += e.length;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(n + 4);
        out.write(org.bouncycastle.asn1.BERTags.CONSTRUCTED | org.bouncycastle.asn1.BERTags.SEQUENCE);
        GbcsReader.writeLength(out, n); // DER's definite length: minimal, one to four octets
        for (byte[] e : elements) {
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    static ASN1Sequence sequence(ASN1Encodable o, String field) {
        if (o instanceof ASN1Sequence s) {
            return s;
        }
        throw GbcsException.malformed(field + " is not a SEQUENCE");
    }

    static long integer(ASN1Encodable o, String field) {
        BigInteger v;
        if (o instanceof ASN1Integer i) {
            v = i.getValue();
        } else if (o instanceof ASN1Enumerated e) {
            v = e.getValue();
        } else {
            throw GbcsException.malformed(field + " is not an INTEGER");
        }
        if (v.signum() < 0 || v.bitLength() > 63) {
            throw GbcsException.malformed(field + " " + v + " is not 0 to 2^63-1");
        }
        return v.longValueExact();
    }

    static byte[] octets(ASN1Encodable o, String field) {
        if (o instanceof ASN1OctetString s) {
            return s.getOctets();
        }
        throw GbcsException.malformed(field + " is not an OCTET STRING");
    }

    /** A context-specific tagged value, or null when {@code o} is not tagged {@code [tag]}. */
    static ASN1TaggedObject tagged(ASN1Encodable o, int tag) {
        return o instanceof ASN1TaggedObject t && t.getTagClass() == org.bouncycastle.asn1.BERTags.CONTEXT_SPECIFIC
                && t.getTagNo() == tag ? t : null;
    }

    /** A seq number as GBCS writes it: an INTEGER 0 to 2^63-1. */
    static ASN1Integer seqNumber(long n, String field) {
        if (n < 0) {
            throw new GbcsException(GbcsException.Code.BAD_VALUE, field + " " + Long.toUnsignedString(n)
                    + " is above 2^63-1");
        }
        return new ASN1Integer(n);
    }
}
