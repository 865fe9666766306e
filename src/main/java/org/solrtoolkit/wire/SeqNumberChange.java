package org.solrtoolkit.wire;

import java.util.OptionalLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.solrtoolkit.pki.RemotePartyRole;

/**
 * A RemotePartySeqNumberChange: a party's new floor and, optionally, its prepayment top-up floor
 * ({@code SEQUENCE { remotePartyRole INTEGER, floorSeqNumber INTEGER, specialistFloorSeqNumber
 * SEQUENCE OF SEQUENCE { seqNumberUsage INTEGER { prepaymentTopUp(0) }, seqNumber INTEGER }
 * OPTIONAL }}). A 6.23 command carries the Supplier's (domain.md section 6).
 */
public record SeqNumberChange(RemotePartyRole role, long floor, OptionalLong prepaymentFloor) {

    ASN1Sequence asn1() {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(new ASN1Integer(CellIdentifier.roleValue(role)));
        v.add(Asn1.seqNumber(floor, "floor"));
        if (prepaymentFloor.isPresent()) {
            v.add(specialist(prepaymentFloor.getAsLong()));
        }
        return new DERSequence(v);
    }

    /** The SEQUENCE OF SpecialistSeqNumber with the one prepayment top-up floor. */
    static DERSequence specialist(long prepaymentFloor) {
        return new DERSequence(new DERSequence(new ASN1Encodable[] {new ASN1Integer(0),
            Asn1.seqNumber(prepaymentFloor, "prepayment top-up floor")}));
    }

    /** The prepayment top-up floor in a SEQUENCE OF SpecialistSeqNumber (the only usage GBCS defines). */
    static OptionalLong prepayment(ASN1Sequence specialists, String field) {
        OptionalLong found = OptionalLong.empty();
        for (ASN1Encodable e : specialists) {
            ASN1Sequence s = Asn1.sequence(e, field);
            if (s.size() != 2) {
                throw GbcsException.malformed(field + " entry has " + s.size() + " elements, expected 2");
            }
            long usage = Asn1.integer(s.getObjectAt(0), field + " usage");
            if (usage != 0) {
                throw GbcsException.malformed(field + " usage " + usage + " is not 0 (prepaymentTopUp)");
            }
            found = OptionalLong.of(Asn1.integer(s.getObjectAt(1), field + " seq number"));
        }
        return found;
    }

    static SeqNumberChange of(ASN1Encodable o, String field) {
        ASN1Sequence s = Asn1.sequence(o, field);
        if (s.size() < 2 || s.size() > 3) {
            throw GbcsException.malformed(field + " has " + s.size() + " elements, expected 2 or 3");
        }
        RemotePartyRole role = CellIdentifier.role(Asn1.integer(s.getObjectAt(0), field + " role"), field);
        long floor = Asn1.integer(s.getObjectAt(1), field + " floor");
        OptionalLong prepayment = s.size() == 3
                ? prepayment(Asn1.sequence(s.getObjectAt(2), field + " specialist floors"), field + " specialist floor")
                : OptionalLong.empty();
        return new SeqNumberChange(role, floor, prepayment);
    }
}
