package org.solrtoolkit.wire;

import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;

/**
 * One cell's outcome in a CS02b response (domain.md section 3): the cell, a status code (0 success,
 * 5 badCertificate, 10 noTrustAnchor, 17 insufficientMemory, 25 trustAnchorNotFound, 30
 * resourcesBusy, 127 other, an ENUMERATED), the existing and the replacing subject unique id and
 * SKI. On a failed cell the replacing values equal the existing ones.
 */
public record ReplacementOutcome(CellIdentifier cell, int statusCode, byte[] existingSubjectUniqueId,
        byte[] existingSki, byte[] replacingSubjectUniqueId, byte[] replacingSki) {

    /** Status code 0. */
    public boolean succeeded() {
        return statusCode == 0;
    }

    ASN1Sequence asn1() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(cell.asn1());
        v.add(new ASN1Enumerated(statusCode));
        v.add(new DEROctetString(existingSubjectUniqueId));
        v.add(new DEROctetString(existingSki));
        v.add(new DEROctetString(replacingSubjectUniqueId));
        v.add(new DEROctetString(replacingSki));
        return new DERSequence(v);
    }

    static ReplacementOutcome of(ASN1Encodable o, String field) {
        ASN1Sequence s = Asn1.sequence(o, field);
        if (s.size() != 6) {
            throw GbcsException.malformed(field + " has " + s.size() + " elements, expected 6");
        }
        return new ReplacementOutcome(CellIdentifier.of(s.getObjectAt(0), field + " cell"),
                (int) Math.min(Integer.MAX_VALUE, Asn1.integer(s.getObjectAt(1), field + " status code")),
                Asn1.octets(s.getObjectAt(2), field + " existing subject unique id"),
                Asn1.octets(s.getObjectAt(3), field + " existing SKI"),
                Asn1.octets(s.getObjectAt(4), field + " replacing subject unique id"),
                Asn1.octets(s.getObjectAt(5), field + " replacing SKI"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplacementOutcome r && cell.equals(r.cell) && statusCode == r.statusCode
                && Arrays.equals(existingSubjectUniqueId, r.existingSubjectUniqueId)
                && Arrays.equals(existingSki, r.existingSki)
                && Arrays.equals(replacingSubjectUniqueId, r.replacingSubjectUniqueId)
                && Arrays.equals(replacingSki, r.replacingSki);
    }

    @Override
    public int hashCode() {
        return cell.hashCode() * 31 + statusCode;
    }

    @Override
    public String toString() {
        java.util.HexFormat hex = java.util.HexFormat.of().withUpperCase();
        return cell + ": status " + statusCode + ", " + hex.formatHex(existingSki) + " -> " + hex.formatHex(replacingSki);
    }
}
