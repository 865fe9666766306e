package org.solrtoolkit.device;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.solrtoolkit.pki.Eui64;

/**
 * The protective command an SRP sends on the Failing Supplier's behalf (domain.md section 4, the
 * non-disablement the SoLR process asks for): put a prepayment meter in safe mode (supply is never
 * disabled for lack of credit) or take it out. It is a Supplier command, so the meter accepts it only
 * if it is signed by the key whose certificate is in its Supplier DS cell and its counter is above the
 * Supplier floor: once the SoLR's certificates are in the cells (or the Failing Supplier's were never
 * there) the Failing Supplier's key no longer works. Our encoding (documented, not GBCS's GBT framing):
 *
 * <pre>
 * SafeMode ::= SEQUENCE { targetDevice OCTET STRING (8), originator OCTET STRING (8),
 *                         originatorCounter INTEGER, on BOOLEAN }
 * SignedSafeMode ::= SEQUENCE { command OCTET STRING (the DER above), signature OCTET STRING (ECDSA P-256 / SHA-256) }
 * </pre>
 */
public record SafeModeCommand(Eui64 targetDevice, Eui64 originator, long originatorCounter, boolean on) {

    /** The DER encoding that is signed. */
    public byte[] encode() {
        try {
            return new DERSequence(new ASN1Encodable[] {new DEROctetString(targetDevice.toBytes()),
                new DEROctetString(originator.toBytes()),
                new ASN1Integer(new BigInteger(Long.toUnsignedString(originatorCounter))),
                ASN1Boolean.getInstance(on)}).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Signs the encoding with the supplier's DS key. */
    public Signed sign(PrivateKey supplierDsKey) {
        byte[] body = encode();
        return new Signed(body, Ecdsa.sign(supplierDsKey, body));
    }

    /** The command as sent: its encoding and the signature over it. */
    public record Signed(byte[] body, byte[] signature) {

        /** The command inside (what the meter parses before checking anything). */
        public SafeModeCommand command() {
            try {
                ASN1Sequence s = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(body));
                return new SafeModeCommand(Eui64.of(ASN1OctetString.getInstance(s.getObjectAt(0)).getOctets()),
                        Eui64.of(ASN1OctetString.getInstance(s.getObjectAt(1)).getOctets()),
                        ASN1Integer.getInstance(s.getObjectAt(2)).getValue().longValue(),
                        ASN1Boolean.getInstance(s.getObjectAt(3)).isTrue());
            } catch (IOException | RuntimeException e) {
                throw new DeviceException(DeviceException.Code.BAD_INPUT, "safe-mode command does not parse: "
                        + e.getMessage());
            }
        }
    }
}
