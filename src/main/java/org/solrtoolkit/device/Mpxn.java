package org.solrtoolkit.device;

/**
 * A meter point number (domain.md section 5): an electricity MPAN core (13 digits, the last a check
 * digit) or a gas MPRN (6 to 10 digits).
 */
public record Mpxn(String value, Fuel fuel) {

    /** Which kind of meter point. */
    public enum Fuel { ELECTRICITY, GAS }

    private static final int[] MPAN_PRIMES = {3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43};

    /**
     * @throws DeviceException BAD_MPXN naming the rule broken
     */
    public static Mpxn parse(String text) {
        String t = stripSpaces(text == null ? "" : text);
        if (t.isEmpty() || !allDigits(t)) {
            throw new DeviceException(DeviceException.Code.BAD_MPXN, "MPxN '" + text
                    + "' must be digits: an MPAN core (13) or an MPRN (6 to 10)");
        }
        if (t.length() == 13) {
            int expected = mpanCheckDigit(t.substring(0, 12));
            if (t.charAt(12) - '0' != expected) {
                throw new DeviceException(DeviceException.Code.BAD_MPXN, "MPAN '" + t + "' has check digit "
                        + t.charAt(12) + ", expected " + expected);
            }
            return new Mpxn(t, Fuel.ELECTRICITY);
        }
        if (t.length() >= 6 && t.length() <= 10) {
            return new Mpxn(t, Fuel.GAS);
        }
        throw new DeviceException(DeviceException.Code.BAD_MPXN, "MPxN '" + t + "' has " + t.length()
                + " digits: an MPAN core has 13, an MPRN 6 to 10");
    }

    private static String stripSpaces(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                StringBuilder b = new StringBuilder(s.length());
                for (int j = 0; j < s.length(); j++) {
                    if (!Character.isWhitespace(s.charAt(j))) {
                        b.append(s.charAt(j));
                    }
                }
                return b.toString();
            }
        }
        return s;
    }

    private static boolean allDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The MPAN check digit: the first 12 digits times 3, 5, 7, 13, ... 43, summed, mod 11, mod 10. */
    public static int mpanCheckDigit(String first12) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            sum += (first12.charAt(i) - '0') * MPAN_PRIMES[i];
        }
        return sum % 11 % 10;
    }

    @Override
    public String toString() {
        return value;
    }
}
