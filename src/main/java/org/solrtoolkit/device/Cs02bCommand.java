package org.solrtoolkit.device;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.pki.Eui64;

/**
 * A CS02b "Update Security Credentials" command (domain.md section 3; GBCS section 13): the mode,
 * the authorising cell, the authoriser's originator counter, the target device, the replacement
 * certificates with their target cells, the certification path, optional new floors and the flag
 * that disapplies time checks. Our encoding (documented, not GBCS's GBT framing) is DER:
 *
 * <pre>
 * Cs02b ::= SEQUENCE {
 *   mode INTEGER, authorisingCell INTEGER, originatorCounter INTEGER, targetDevice OCTET STRING (8),
 *   replacements SEQUENCE OF SEQUENCE { targetCell INTEGER, certificate Certificate },
 *   certificationPath SEQUENCE OF Certificate,
 *   supplierFloor [0] INTEGER OPTIONAL, prepaymentFloor [1] INTEGER OPTIONAL,
 *   contingencyKey [2] OCTET STRING OPTIONAL,   -- GBCS plaintextSymmetricKey (mode anyByContingency)
 *   otherFloors [3] SEQUENCE OF SEQUENCE { role INTEGER (GBCS code), floor INTEGER } OPTIONAL,
 *   disapplyTimeChecks BOOLEAN }
 * SignedCs02b ::= SEQUENCE { command OCTET STRING (the DER above), signature OCTET STRING (ECDSA P-256 / SHA-256) }
 * </pre>
 *
 * Enumerated values are the ordinals of {@link Cs02bMode} and {@link TrustAnchorCell}.
 */
public record Cs02bCommand(
        Cs02bMode mode,
        TrustAnchorCell authorisingCell,
        long originatorCounter,
        Eui64 targetDevice,
        List<Replacement> replacements,
        List<X509CertificateHolder> certificationPath,
        Optional<Long> supplierFloor,
        Optional<Long> prepaymentFloor,
        boolean disapplyTimeChecks,
        java.util.Map<org.solrtoolkit.pki.RemotePartyRole, Long> otherFloors,
        Optional<byte[]> contingencyKey) {

    /** A command that sets no floor but the Supplier's and carries no contingency key (every mode but two). */
    public Cs02bCommand(Cs02bMode mode, TrustAnchorCell authorisingCell, long originatorCounter, Eui64 targetDevice,
            List<Replacement> replacements, List<X509CertificateHolder> certificationPath, Optional<Long> supplierFloor,
            Optional<Long> prepaymentFloor, boolean disapplyTimeChecks) {
        this(mode, authorisingCell, originatorCounter, targetDevice, replacements, certificationPath, supplierFloor,
                prepaymentFloor, disapplyTimeChecks, java.util.Map.of(), Optional.empty());
    }

    /** One certificate for one cell. */
    public record Replacement(TrustAnchorCell cell, X509CertificateHolder certificate) {
    }

    public Cs02bCommand {
        replacements = List.copyOf(replacements);
        certificationPath = List.copyOf(certificationPath);
        otherFloors = java.util.Map.copyOf(otherFloors);
    }

    /** The DER encoding that is signed. */
    public byte[] encode() {
        try {
            java.io.ByteArrayOutputStream content = new java.io.ByteArrayOutputStream(4_096);
            content.write(new ASN1Integer(mode.ordinal()).getEncoded());
            content.write(new ASN1Integer(authorisingCell.ordinal()).getEncoded());
            content.write(unsigned(originatorCounter).getEncoded());
            content.write(new DEROctetString(targetDevice.toBytes()).getEncoded());
            content.write(certificates());
            if (supplierFloor.isPresent()) {
                content.write(new DERTaggedObject(false, 0, unsigned(supplierFloor.get())).getEncoded());
            }
            if (prepaymentFloor.isPresent()) {
                content.write(new DERTaggedObject(false, 1, unsigned(prepaymentFloor.get())).getEncoded());
            }
            if (contingencyKey.isPresent()) {
                content.write(new DERTaggedObject(false, 2, new DEROctetString(contingencyKey.get())).getEncoded());
            }
            if (!otherFloors.isEmpty()) {
                ASN1EncodableVector floors = new ASN1EncodableVector();
                otherFloors.entrySet().stream().sorted(java.util.Map.Entry.comparingByKey()).forEach(f -> floors.add(
                        new DERSequence(new ASN1Encodable[] {new ASN1Integer(f.getKey().gbcsValue()),
                            unsigned(f.getValue())})));
                content.write(new DERTaggedObject(false, 3, new DERSequence(floors)).getEncoded());
            }
            content.write(ASN1Boolean.getInstance(disapplyTimeChecks).getEncoded());
            byte[] c = content.toByteArray();
            java.io.ByteArrayOutputStream der = new java.io.ByteArrayOutputStream(c.length + 6);
            der.write(0x30);
            if (c.length < 0x80) {
                der.write(c.length);
            } else {
                int octets = (32 - Integer.numberOfLeadingZeros(c.length) + 7) / 8;
                der.write(0x80 | octets);
                for (int i = octets - 1; i >= 0; i--) {
                    der.write(c.length >>> (8 * i));
                }
            }
            der.write(c);
            return der.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The encoded replacements and certification path. A campaign sends the same certificates to a
     * million meters, so the encoding is kept for the same (identical) lists; only a few are kept.
     */
    private byte[] certificates() throws IOException {
        CertificatesKey key = new CertificatesKey(replacements, certificationPath);
        byte[] cached = ENCODED_CERTIFICATES.get(key);
        if (cached != null) {
            return cached;
        }
        ASN1EncodableVector reps = new ASN1EncodableVector();
        for (Replacement r : replacements) {
            reps.add(new DERSequence(new ASN1Encodable[] {new ASN1Integer(r.cell().ordinal()),
                r.certificate().toASN1Structure()}));
        }
        ASN1EncodableVector path = new ASN1EncodableVector();
        certificationPath.forEach(c -> path.add(c.toASN1Structure()));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(new DERSequence(reps).getEncoded());
        out.write(new DERSequence(path).getEncoded());
        byte[] encoded = out.toByteArray();
        if (ENCODED_CERTIFICATES.size() > 16) {
            ENCODED_CERTIFICATES.clear();
        }
        ENCODED_CERTIFICATES.put(key, encoded);
        return encoded;
    }

    private static final java.util.Map<CertificatesKey, byte[]> ENCODED_CERTIFICATES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The two lists by identity (they are immutable, so the same lists always encode the same). */
    private record CertificatesKey(List<Replacement> replacements, List<X509CertificateHolder> path) {
        @Override
        public boolean equals(Object o) {
            return o instanceof CertificatesKey k && k.replacements == replacements && k.path == path;
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(replacements) + System.identityHashCode(path);
        }
    }

    /** Signs the encoding with the authoriser's DS key (Bouncy Castle ECDSA P-256 with SHA-256). */
    public Signed sign(PrivateKey authoriserKey) {
        byte[] body = encode();
        return new Signed(body, Ecdsa.sign(authoriserKey, body));
    }

    /** The command as sent: its encoding and the signature over it. */
    public record Signed(byte[] body, byte[] signature) {

        public byte[] encode() {
            try {
                return new DERSequence(new ASN1Encodable[] {new DEROctetString(body), new DEROctetString(signature)})
                        .getEncoded();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** @throws DeviceException BAD_INPUT if the bytes are not a signed CS02b */
        public static Signed decode(byte[] bytes) {
            try {
                ASN1Sequence s = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(bytes));
                return new Signed(ASN1OctetString.getInstance(s.getObjectAt(0)).getOctets(),
                        ASN1OctetString.getInstance(s.getObjectAt(1)).getOctets());
            } catch (IOException | RuntimeException e) {
                throw new DeviceException(DeviceException.Code.BAD_INPUT, "not a signed CS02b command: " + e.getMessage());
            }
        }

        /** The command inside (what the meter parses before checking anything). */
        public Cs02bCommand command() {
            return decodeBody(body);
        }
    }

    static Cs02bCommand decodeBody(byte[] body) {
        try {
            // lazily: the certificates stay encoded until ParsedCertificates looks them up by their DER
            ASN1Sequence s;
            try (org.bouncycastle.asn1.ASN1InputStream in = new org.bouncycastle.asn1.ASN1InputStream(body, true)) {
                s = ASN1Sequence.getInstance(in.readObject());
            }
            int i = 0;
            Cs02bMode mode = Cs02bMode.values()[ASN1Integer.getInstance(s.getObjectAt(i++)).intValueExact()];
            TrustAnchorCell auth = TrustAnchorCell.values()[ASN1Integer.getInstance(s.getObjectAt(i++)).intValueExact()];
            long counter = ASN1Integer.getInstance(s.getObjectAt(i++)).getValue().longValue();
            Eui64 target = Eui64.of(ASN1OctetString.getInstance(s.getObjectAt(i++)).getOctets());
            // the replacements and the path are the same bytes in every command of a campaign: decoded once
            List<Replacement> reps = ParsedCertificates.part(s.getObjectAt(i++).toASN1Primitive().getEncoded(),
                    Cs02bCommand::replacements);
            List<X509CertificateHolder> path = ParsedCertificates.part(s.getObjectAt(i++).toASN1Primitive()
                    .getEncoded(), Cs02bCommand::path);
            Optional<Long> supplierFloor = Optional.empty();
            Optional<Long> prepaymentFloor = Optional.empty();
            Optional<byte[]> contingencyKey = Optional.empty();
            java.util.Map<org.solrtoolkit.pki.RemotePartyRole, Long> others = new java.util.EnumMap<>(
                    org.solrtoolkit.pki.RemotePartyRole.class);
            while (s.getObjectAt(i) instanceof ASN1TaggedObject t) {
                switch (t.getTagNo()) {
                    case 0 -> supplierFloor = Optional.of(ASN1Integer.getInstance(t, false).getValue().longValue());
                    case 1 -> prepaymentFloor = Optional.of(ASN1Integer.getInstance(t, false).getValue().longValue());
                    case 2 -> contingencyKey = Optional.of(ASN1OctetString.getInstance(t, false).getOctets());
                    default -> {
                        for (ASN1Encodable e : ASN1Sequence.getInstance(t, false)) {
                            ASN1Sequence f = ASN1Sequence.getInstance(e);
                            others.put(org.solrtoolkit.pki.RemotePartyRole.ofGbcs(ASN1Integer.getInstance(f.getObjectAt(0))
                                    .intValueExact()), ASN1Integer.getInstance(f.getObjectAt(1)).getValue().longValue());
                        }
                    }
                }
                i++;
            }
            boolean disapply = ASN1Boolean.getInstance(s.getObjectAt(i)).isTrue();
            return new Cs02bCommand(mode, auth, counter, target, reps, path, supplierFloor, prepaymentFloor, disapply,
                    others, contingencyKey);
        } catch (IOException | RuntimeException e) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "CS02b command does not parse: " + e.getMessage());
        }
    }

    private static List<Replacement> replacements(byte[] der) {
        try {
            List<Replacement> reps = new ArrayList<>();
            for (ASN1Encodable e : ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der))) {
                ASN1Sequence r = ASN1Sequence.getInstance(e);
                reps.add(new Replacement(TrustAnchorCell.values()[ASN1Integer.getInstance(r.getObjectAt(0)).intValueExact()],
                        org.solrtoolkit.pki.CertificateDer.parse(r.getObjectAt(1).toASN1Primitive().getEncoded())));
            }
            return List.copyOf(reps);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<X509CertificateHolder> path(byte[] der) {
        try {
            List<X509CertificateHolder> path = new ArrayList<>();
            for (ASN1Encodable e : ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der))) {
                path.add(org.solrtoolkit.pki.CertificateDer.parse(e.toASN1Primitive().getEncoded()));
            }
            return List.copyOf(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static ASN1Integer unsigned(long v) {
        return new ASN1Integer(new BigInteger(Long.toUnsignedString(v)));
    }
}
