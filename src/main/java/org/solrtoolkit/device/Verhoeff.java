package org.solrtoolkit.device;

/**
 * The Verhoeff check digit as GBCS uses it for UTRNs (domain.md section 4; GBCS section 14): the
 * textbook multiplication table d and permutation table p, the GBCS inverse table
 * {@code 1,2,6,7,5,8,3,0,9,4}, and a permutation index that starts at 4 for the leftmost digit and
 * advances by one per digit, mod 8.
 */
final class Verhoeff {

    private static final int[][] D = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
        {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
        {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
        {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
    private static final int[][] P = {
        {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
        {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
        {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};
    private static final int[] GBCS_INVERSE = {1, 2, 6, 7, 5, 8, 3, 0, 9, 4};
    private static final int FIRST_PERMUTATION = 4;

    private Verhoeff() {
    }

    /** The check digit of a string of decimal digits. */
    static int checkDigit(String digits) {
        int c = 0;
        for (int i = 0; i < digits.length(); i++) {
            c = D[c][P[(i + FIRST_PERMUTATION) % 8][digits.charAt(i) - '0']];
        }
        return GBCS_INVERSE[c];
    }
}
