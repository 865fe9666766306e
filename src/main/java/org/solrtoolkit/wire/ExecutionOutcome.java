package org.solrtoolkit.wire;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * What a device did with a CS02b command (domain.md section 6): {@code SEQUENCE {
 * authorisingRemotePartySeqNumber INTEGER, credentialsReplacementMode INTEGER,
 * remotePartySeqNumberChanges SEQUENCE OF RemotePartySeqNumberChange, replacementOutcomes SEQUENCE
 * OF ReplacementOutcome }}: the command's seq number and mode echoed, the floors now in force and
 * one outcome per cell.
 */
public record ExecutionOutcome(long authorisingSeqNumber, ReplacementMode mode, List<SeqNumberChange> seqNumberChanges,
        List<ReplacementOutcome> outcomes) {

    public ExecutionOutcome {
        seqNumberChanges = List.copyOf(seqNumberChanges);
        outcomes = List.copyOf(outcomes);
    }

    /** Every cell succeeded. */
    public boolean allSucceeded() {
        return !outcomes.isEmpty() && outcomes.stream().allMatch(ReplacementOutcome::succeeded);
    }

    ASN1Sequence asn1() {
        ASN1EncodableVector changes = new ASN1EncodableVector();
        seqNumberChanges.forEach(c -> changes.add(c.asn1()));
        ASN1EncodableVector cells = new ASN1EncodableVector();
        outcomes.forEach(o -> cells.add(o.asn1()));
        return new DERSequence(new ASN1Encodable[] {Asn1.seqNumber(authorisingSeqNumber, "authorising seq number"),
            new ASN1Integer(mode.value()), new DERSequence(changes), new DERSequence(cells)});
    }

    static ExecutionOutcome of(ASN1Encodable o, String field) {
        ASN1Sequence s = Asn1.sequence(o, field);
        if (s.size() != 4) {
            throw GbcsException.malformed(field + " has " + s.size() + " elements, expected 4");
        }
        List<SeqNumberChange> changes = new ArrayList<>();
        for (ASN1Encodable e : Asn1.sequence(s.getObjectAt(2), field + " seq number changes")) {
            changes.add(SeqNumberChange.of(e, "seq number change"));
        }
        List<ReplacementOutcome> outcomes = new ArrayList<>();
        for (ASN1Encodable e : Asn1.sequence(s.getObjectAt(3), field + " replacement outcomes")) {
            outcomes.add(ReplacementOutcome.of(e, "replacement outcome"));
        }
        return new ExecutionOutcome(Asn1.integer(s.getObjectAt(0), field + " authorising seq number"),
                ReplacementMode.of((int) Asn1.integer(s.getObjectAt(1), field + " mode")), changes, outcomes);
    }
}
