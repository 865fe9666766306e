package org.solrtoolkit.wire;

import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.solrtoolkit.pki.CellUsage;
import org.solrtoolkit.pki.RemotePartyRole;

/**
 * A TrustAnchorCellIdentifier (domain.md section 3): {@code SEQUENCE { remotePartyRole INTEGER,
 * keyUsage KeyUsage, cellUsage INTEGER { management(0), prePaymentTopUp(1) } DEFAULT management }}.
 * Encoded in DER (the default left out); decoding accepts an explicit management, as devices send it.
 */
public record CellIdentifier(RemotePartyRole role, CellKeyUsage keyUsage, CellUsage cellUsage) {

    ASN1Sequence asn1() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(roleValue(role)));
        v.add(keyUsage.asn1());
        if (cellUsage == CellUsage.PREPAYMENT_TOP_UP) {
            v.add(new ASN1Integer(1));
        }
        return new DERSequence(v);
    }

    static CellIdentifier of(ASN1Encodable o, String field) {
        ASN1Sequence s = Asn1.sequence(o, field);
        if (s.size() < 2 || s.size() > 3) {
            throw GbcsException.malformed(field + " has " + s.size() + " elements, expected 2 or 3");
        }
        RemotePartyRole role = role(Asn1.integer(s.getObjectAt(0), field + " role"), field);
        CellKeyUsage usage;
        try {
            usage = CellKeyUsage.of(ASN1BitString.getInstance(s.getObjectAt(1)));
        } catch (IllegalArgumentException e) {
            throw GbcsException.malformed(field + " key usage is not a BIT STRING");
        }
        CellUsage cellUsage = CellUsage.MANAGEMENT;
        if (s.size() == 3) {
            long u = Asn1.integer(s.getObjectAt(2), field + " cell usage");
            if (u != 0 && u != 1) {
                throw GbcsException.malformed(field + " cell usage " + u + " is not 0 (management) or 1 (prepaymentTopUp)");
            }
            cellUsage = u == 1 ? CellUsage.PREPAYMENT_TOP_UP : CellUsage.MANAGEMENT;
        }
        return new CellIdentifier(role, usage, cellUsage);
    }

    /** The INTEGER of a Remote Party Role: its OU code read as hex (Root 0 ... Load Controller 8, Other 127). */
    static int roleValue(RemotePartyRole role) {
        return role.gbcsValue();
    }

    static RemotePartyRole role(long value, String field) {
        try {
            return RemotePartyRole.ofGbcs(value);
        } catch (IllegalArgumentException e) {
            throw GbcsException.malformed(field + " " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return role.title() + " " + keyUsage + (cellUsage == CellUsage.PREPAYMENT_TOP_UP ? " (prepayment top-up)" : "");
    }
}
