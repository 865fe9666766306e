package org.solrtoolkit.wire;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERGeneralizedTime;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.pki.CertificateDer;

/**
 * The CS02b Update Security Credentials command payload exactly as GBCS ASN.1 has it (domain.md
 * sections 3 and 6):
 *
 * <pre>
 * UpdateSecurityCredentials ::= SEQUENCE {
 *   authorisingRemotePartyControl SEQUENCE {
 *     credentialsReplacementMode INTEGER,
 *     plaintextSymmetricKey [0] IMPLICIT OCTET STRING OPTIONAL,          -- anyByContingency only
 *     applyTimeBasedCPVChecks [1] IMPLICIT INTEGER { apply(0), disapply(1) } OPTIONAL,
 *     authorisingRemotePartyTACellIdentifier [2] IMPLICIT TrustAnchorCellIdentifier OPTIONAL,
 *     authorisingRemotePartySeqNumber INTEGER,
 *     newRemotePartyFloorSeqNumber [4] IMPLICIT INTEGER OPTIONAL,
 *     newRemotePartySpecialistFloorSeqNumber [5] IMPLICIT SEQUENCE OF SpecialistSeqNumber OPTIONAL,
 *     otherRemotePartySeqNumberChanges [6] IMPLICIT SEQUENCE OF RemotePartySeqNumberChange OPTIONAL },
 *   replacements SEQUENCE OF SEQUENCE { replacementCertificate Certificate, targetTrustAnchorCell TrustAnchorCellIdentifier },
 *   certificationPathCertificates SEQUENCE OF Certificate,
 *   executionDateTime GeneralizedTime OPTIONAL }
 * </pre>
 *
 * For SRV 6.23 the DCC, as TCoS, uses mode supplierByTransCoS, the TCoS DS cell, its own counter,
 * and in {@code [6]} the Supplier floor and prepayment top-up floor the SoLR chose.
 */
public record UpdateSecurityCredentials(ReplacementMode mode, boolean disapplyTimeChecks,
        Optional<CellIdentifier> authorisingCell, long authorisingSeqNumber, OptionalLong newFloor,
        OptionalLong newPrepaymentFloor, List<SeqNumberChange> otherChanges, List<Replacement> replacements,
        List<X509CertificateHolder> certificationPath, Optional<Instant> executionDateTime,
        Optional<byte[]> plaintextSymmetricKey) {

    /** A command without a plaintext symmetric key (every mode but anyByContingency). */
    public UpdateSecurityCredentials(ReplacementMode mode, boolean disapplyTimeChecks,
            Optional<CellIdentifier> authorisingCell, long authorisingSeqNumber, OptionalLong newFloor,
            OptionalLong newPrepaymentFloor, List<SeqNumberChange> otherChanges, List<Replacement> replacements,
            List<X509CertificateHolder> certificationPath, Optional<Instant> executionDateTime) {
        this(mode, disapplyTimeChecks, authorisingCell, authorisingSeqNumber, newFloor, newPrepaymentFloor, otherChanges,
                replacements, certificationPath, executionDateTime, Optional.empty());
    }

    /** One certificate and the cell it goes into. */
    public record Replacement(X509CertificateHolder certificate, CellIdentifier target) {
    }

    public UpdateSecurityCredentials {
        otherChanges = List.copyOf(otherChanges);
        replacements = List.copyOf(replacements);
        certificationPath = List.copyOf(certificationPath);
    }

    /**
     * The payload's DER. The certificates are written as the octets they were read from or encoded
     * once ({@link CertificateDer}): a campaign's commands carry the same few, and encoding them again
     * per command cost more than the rest of the payload.
     */
    public byte[] encode() {
        ASN1EncodableVector control = new ASN1EncodableVector();
        control.add(new ASN1Integer(mode.value()));
        plaintextSymmetricKey.ifPresent(k -> control.add(new DERTaggedObject(false, 0,
                new org.bouncycastle.asn1.DEROctetString(k))));
        if (disapplyTimeChecks) {
            control.add(new DERTaggedObject(false, 1, new ASN1Integer(1)));
        }
        authorisingCell.ifPresent(c -> control.add(new DERTaggedObject(false, 2, c.asn1())));
        control.add(Asn1.seqNumber(authorisingSeqNumber, "authorising seq number"));
        newFloor.ifPresent(f -> control.add(new DERTaggedObject(false, 4, Asn1.seqNumber(f, "new floor"))));
        newPrepaymentFloor.ifPresent(f -> control.add(new DERTaggedObject(false, 5, SeqNumberChange.specialist(f))));
        if (!otherChanges.isEmpty()) {
            ASN1EncodableVector changes = new ASN1EncodableVector();
            otherChanges.forEach(c -> changes.add(c.asn1()));
            control.add(new DERTaggedObject(false, 6, new DERSequence(changes)));
        }
        try {
            List<byte[]> reps = new ArrayList<>(replacements.size());
            for (Replacement r : replacements) {
                reps.add(Asn1.sequence(List.of(CertificateDer.der(r.certificate()),
                        r.target().asn1().toASN1Primitive().getEncoded(ASN1Encoding.DER))));
            }
            List<byte[]> path = new ArrayList<>(certificationPath.size());
            certificationPath.forEach(c -> path.add(CertificateDer.der(c)));
            List<byte[]> all = new ArrayList<>(4);
            all.add(new DERSequence(control).getEncoded(ASN1Encoding.DER));
            all.add(Asn1.sequence(reps));
            all.add(Asn1.sequence(path));
            if (executionDateTime.isPresent()) {
                all.add(new DERGeneralizedTime(Date.from(executionDateTime.get())).getEncoded(ASN1Encoding.DER));
            }
            return Asn1.sequence(all);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the payload of a CS02b command. */
    public static UpdateSecurityCredentials decode(byte[] payload) {
        try {
            return decode(Asn1.sequence(Asn1.parse(payload, "Update Security Credentials command", true),
                    "Update Security Credentials command"));
        } catch (IllegalStateException | IllegalArgumentException e) { // a malformed value met where it is read
            throw Asn1.malformedAt("Update Security Credentials command", e);
        }
    }

    /**
     * Reads the payload, parsed lazily: the certificates are taken as the octets they stand in and
     * parsed once per distinct certificate ({@link CertificateDer}), not once per command.
     */
    private static UpdateSecurityCredentials decode(ASN1Sequence s) {
        if (s.size() < 3 || s.size() > 4) {
            throw GbcsException.malformed("Update Security Credentials command has " + s.size()
                    + " elements, expected 3 or 4");
        }
        ASN1Sequence control = Asn1.sequence(s.getObjectAt(0), "authorising remote party control");
        int i = 0;
        ReplacementMode mode = ReplacementMode.of((int) Asn1.integer(control.getObjectAt(i++), "replacement mode"));
        boolean disapply = false;
        Optional<CellIdentifier> cell = Optional.empty();
        Optional<byte[]> plaintextKey = Optional.empty();
        ASN1TaggedObject t;
        if (i < control.size() && (t = Asn1.tagged(control.getObjectAt(i), 0)) != null) {
            plaintextKey = Optional.of(org.bouncycastle.asn1.ASN1OctetString.getInstance(t, false).getOctets());
            i++;
        }
        if (i < control.size() && (t = Asn1.tagged(control.getObjectAt(i), 1)) != null) {
            long v = Asn1.integer(ASN1Integer.getInstance(t, false), "apply time-based CPV checks");
            disapply = v == 1;
            i++;
        }
        if (i < control.size() && (t = Asn1.tagged(control.getObjectAt(i), 2)) != null) {
            cell = Optional.of(CellIdentifier.of(ASN1Sequence.getInstance(t, false), "authorising cell"));
            i++;
        }
        if (i >= control.size()) {
            throw GbcsException.malformed("authorising remote party control has no seq number");
        }
        long seq = Asn1.integer(control.getObjectAt(i++), "authorising seq number");
        OptionalLong floor = OptionalLong.empty();
        OptionalLong prepayment = OptionalLong.empty();
        List<SeqNumberChange> changes = new ArrayList<>();
        for (; i < control.size(); i++) {
            ASN1Encodable e = control.getObjectAt(i);
            if ((t = Asn1.tagged(e, 4)) != null) {
                floor = OptionalLong.of(Asn1.integer(ASN1Integer.getInstance(t, false), "new floor"));
            } else if ((t = Asn1.tagged(e, 5)) != null) {
                prepayment = SeqNumberChange.prepayment(ASN1Sequence.getInstance(t, false), "new specialist floor");
            } else if ((t = Asn1.tagged(e, 6)) != null) {
                for (ASN1Encodable c : ASN1Sequence.getInstance(t, false)) {
                    changes.add(SeqNumberChange.of(c, "other seq number change"));
                }
            } else {
                throw GbcsException.malformed("authorising remote party control has an unexpected element " + e);
            }
        }
        List<Replacement> reps = new ArrayList<>();
        for (ASN1Encodable e : Asn1.sequence(s.getObjectAt(1), "replacements")) {
            ASN1Sequence r = Asn1.sequence(e, "replacement");
            if (r.size() != 2) {
                throw GbcsException.malformed("a replacement has " + r.size() + " elements, expected 2");
            }
            reps.add(new Replacement(certificate(r.getObjectAt(0), "replacement certificate"),
                    CellIdentifier.of(r.getObjectAt(1), "target cell")));
        }
        List<X509CertificateHolder> path = new ArrayList<>();
        for (ASN1Encodable e : Asn1.sequence(s.getObjectAt(2), "certification path")) {
            path.add(certificate(e, "certification path certificate"));
        }
        Optional<Instant> when = Optional.empty();
        if (s.size() == 4) {
            when = Optional.of(generalizedTime(s.getObjectAt(3), "execution date-time"));
        }
        return new UpdateSecurityCredentials(mode, disapply, cell, seq, floor, prepayment, changes, reps, path, when,
                plaintextKey);
    }

    static X509CertificateHolder certificate(ASN1Encodable o, String field) {
        try {
            return CertificateDer.parse(Asn1.encoding(o, field));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw GbcsException.malformed(field + " is not an X.509 certificate");
        }
    }

    static Instant generalizedTime(ASN1Encodable o, String field) {
        if (!(o instanceof ASN1GeneralizedTime g)) {
            throw GbcsException.malformed(field + " is not a GeneralizedTime");
        }
        try {
            return g.getDate().toInstant();
        } catch (java.text.ParseException e) {
            throw GbcsException.malformed(field + " '" + g.getTimeString() + "' is not a time");
        }
    }
}
