package org.solrtoolkit.wire;

import java.math.BigInteger;
import org.solrtoolkit.pki.Eui64;

/**
 * A DUIS RequestID (domain.md section 6): {@code userEUI:deviceEUI:counter}, the EUI-64s in the
 * hyphenated form, the counter unsigned 64-bit and strictly increasing per originator and target.
 * A ResponseID is written the same way with the two EUI-64s the other way round.
 */
public record RequestId(Eui64 originator, Eui64 target, long counter) {

    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64);

    /** Reads {@code 90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1006} (either case). */
    public static RequestId parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split(":", -1);
        if (parts.length != 3) {
            throw new DuisException(DuisException.Code.MALFORMED, "RequestID '" + text
                    + "' is not userEUI:deviceEUI:counter");
        }
        try {
            BigInteger counter = new BigInteger(parts[2]);
            if (counter.signum() < 0 || counter.compareTo(MAX) >= 0) {
                throw new DuisException(DuisException.Code.MALFORMED, "RequestID counter " + parts[2]
                        + " is not 0 to 2^64-1");
            }
            return new RequestId(Eui64.parse(parts[0]), Eui64.parse(parts[1]), counter.longValue());
        } catch (NumberFormatException e) {
            throw new DuisException(DuisException.Code.MALFORMED, "RequestID counter '" + parts[2] + "' is not a number");
        } catch (RuntimeException e) {
            if (e instanceof DuisException d) {
                throw d;
            }
            throw new DuisException(DuisException.Code.MALFORMED, "RequestID '" + text + "': " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return originator + ":" + target + ":" + Long.toUnsignedString(counter);
    }
}
