package org.solrtoolkit.device;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.Gbcs;

/**
 * A Unique Transaction Reference Number: a prepayment top-up as 20 digits (domain.md section 4;
 * GBCS section 14). The 19-digit PPTD is 7394156990786306048 plus the 64-bit PTUT, whose high 32
 * bits carry bits 32..41 of the originator counter, the value class and the 13-bit value, and whose
 * low 32 bits are the last 4 bytes of an AES-128-GCM tag keyed from ECDH between the supplier's
 * prepayment top-up KA key and the device's KA key; the 20th digit is the GBCS Verhoeff check digit.
 */
public record Utrn(String digits) {

    /** Added to the PTUT to make the PPTD. */
    public static final BigInteger PPTD_OFFSET = new BigInteger("7394156990786306048");
    /** The largest value a UTRN carries in its class. */
    public static final int MAX_VALUE = 8191;
    private static final byte[] KDF_ALGORITHM_ID = {0x60, (byte) 0x85, 0x74, 0x06, 0x08, 0x03, 0x00};

    /** Pennies or pounds. */
    public enum ValueClass {
        PENNIES(0), POUNDS(1);

        private final int bits;

        ValueClass(int bits) {
            this.bits = bits;
        }

        public static ValueClass parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new DeviceException(DeviceException.Code.BAD_INPUT, "{class} '" + text + "' is not pounds or pennies");
            }
        }
    }

    /**
     * Checks the form: 20 decimal digits whose last is the GBCS Verhoeff check digit of the first 19.
     *
     * @throws DeviceException BAD_UTRN saying which rule it breaks
     */
    public Utrn {
        String d = digits == null ? "" : digits.replaceAll("[\\s-]", "");
        if (!d.matches("\\d{20}")) {
            throw new DeviceException(DeviceException.Code.BAD_UTRN, "UTRN '" + digits + "' must be 20 digits (it has "
                    + d.replaceAll("\\D", "").length() + " digit(s)" + (d.matches("\\d*") ? "" : " and other characters")
                    + ")");
        }
        int expected = Verhoeff.checkDigit(d.substring(0, 19));
        if (d.charAt(19) - '0' != expected) {
            throw new DeviceException(DeviceException.Code.BAD_UTRN, "UTRN '" + digits + "' has check digit "
                    + d.charAt(19) + ", expected " + expected + ": a digit was mistyped");
        }
        if (new BigInteger(d.substring(0, 19)).compareTo(PPTD_OFFSET) < 0) {
            throw new DeviceException(DeviceException.Code.BAD_UTRN, "UTRN '" + digits
                    + "' is below the PPTD base 7394156990786306048: not a GBCS UTRN");
        }
        digits = d;
    }

    /**
     * Makes the UTRN a supplier sends to top up {@code target} by {@code value} in {@code valueClass}.
     *
     * @param supplierTopUpKey the supplier's prepayment top-up KA private key
     * @param deviceKey the device's KA public key (from its KA Device Certificate)
     * @param counter the supplier's originator counter for this top-up (unsigned 64 bits)
     */
    public static Utrn generate(PrivateKey supplierTopUpKey, Eui64 originator, PublicKey deviceKey, Eui64 target,
            long counter, int value, ValueClass valueClass) {
        if (value < 0 || value > MAX_VALUE) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "{value} " + value + " must be 0 to " + MAX_VALUE
                    + " " + valueClass.name().toLowerCase(Locale.ROOT) + " (use pounds for larger amounts)");
        }
        int high = ptutHigh(counter, value, valueClass);
        int tag = tag(ecdh(supplierTopUpKey, deviceKey), originator, target, counter, high);
        BigInteger ptut = BigInteger.valueOf(Integer.toUnsignedLong(high)).shiftLeft(32)
                .or(BigInteger.valueOf(Integer.toUnsignedLong(tag)));
        String pptd = PPTD_OFFSET.add(ptut).toString();
        return new Utrn(pptd + Verhoeff.checkDigit(pptd));
    }

    /**
     * Whether this UTRN is authentic for {@code target} from {@code originator} at {@code counter}: the
     * meter's side, recomputing the tag from its own KA private key and the supplier's top-up KA
     * public key held in its Supplier KA (prepaymentTopUp) trust anchor cell. ECDH gives both sides
     * the same shared secret.
     */
    public boolean authentic(PrivateKey deviceKey, PublicKey supplierTopUpKey, Eui64 originator, Eui64 target,
            long counter) {
        if (counterBits() != ((counter >>> 32) & 0x3FF)) {
            return false;
        }
        return tag(ecdh(deviceKey, supplierTopUpKey), originator, target, counter, (int) (ptut() >>> 32))
                == (int) ptut();
    }

    /** The 64-bit PTUT (PPTD minus the base). */
    public long ptut() {
        return new BigInteger(digits.substring(0, 19)).subtract(PPTD_OFFSET).longValue();
    }

    /** Bits 32..41 of the originator counter, as carried. */
    public int counterBits() {
        return (int) ((ptut() >>> 47) & 0x3FF);
    }

    public ValueClass valueClass() {
        return ((ptut() >>> 45) & 0x3) == 1 ? ValueClass.POUNDS : ValueClass.PENNIES;
    }

    /** The value in its class (0..8191). */
    public int value() {
        return (int) ((ptut() >>> 32) & 0x1FFF);
    }

    /** The value in pence. */
    public long pence() {
        return valueClass() == ValueClass.POUNDS ? value() * 100L : value();
    }

    /** Grouped in fives for people: {@code 73943 33345 71890 43313}. */
    public String grouped() {
        return digits.substring(0, 5) + " " + digits.substring(5, 10) + " " + digits.substring(10, 15) + " "
                + digits.substring(15);
    }

    @Override
    public String toString() {
        return digits;
    }

    private static int ptutHigh(long counter, int value, ValueClass valueClass) {
        int counterBits = (int) ((counter >>> 32) & 0x3FF);
        return (counterBits << 15) | (valueClass.bits << 13) | value;
    }

    private static byte[] ecdh(PrivateKey mine, PublicKey theirs) {
        try {
            KeyAgreement ka = KeyAgreement.getInstance("ECDH", Gbcs.BC);
            ka.init(mine);
            ka.doPhase(theirs, true);
            return ka.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new DeviceException(DeviceException.Code.BAD_KEY, "ECDH failed: " + e.getMessage()
                    + " (both keys must be P-256)", e);
        }
    }

    /** The low 32 bits of the PTUT: the last 4 bytes of the AES-128-GCM tag over the top-up's details. */
    private static int tag(byte[] z, Eui64 originator, Eui64 target, long counter, int ptutHigh) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(new byte[] {0, 0, 0, 1});
            sha.update(z);
            sha.update(KDF_ALGORITHM_ID);
            sha.update(originator.toBytes());
            sha.update(new byte[] {0x09, 0x01});
            sha.update(ByteBuffer.allocate(8).putLong(counter).array());
            sha.update(target.toBytes());
            byte[] key = Arrays.copyOf(sha.digest(), 16);
            byte[] iv = Arrays.copyOf(originator.toBytes(), 12);
            ByteBuffer aad = ByteBuffer.allocate(35).put((byte) 0x11).putInt(0).put((byte) 0)
                    .put(originator.toBytes()).put(target.toBytes()).put((byte) 0x01).putLong(counter).putInt(ptutHigh);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
            gcm.updateAAD(aad.array());
            byte[] t = gcm.doFinal();
            return ByteBuffer.wrap(t, 12, 4).getInt();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 and AES-GCM are required by every Java platform", e);
        }
    }
}
