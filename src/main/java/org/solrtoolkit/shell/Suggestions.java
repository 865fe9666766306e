package org.solrtoolkit.shell;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * "Did you mean": the command nearest to what was typed, as {@code gh} and {@code git} suggest
 * one. A candidate of n words is compared with the first n words typed (the rest are arguments);
 * it is suggested when at most two letters per word need changing.
 */
final class Suggestions {

    private Suggestions() {
    }

    static Optional<String> nearest(List<String> typed, Collection<String> commands) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String command : commands) {
            String[] words = command.split(" ");
            if (typed.size() < words.length) {
                continue;
            }
            String given = String.join(" ", typed.subList(0, words.length));
            int d = distance(given.toLowerCase(java.util.Locale.ROOT), command);
            if (d > 0 && d <= 2 * words.length && d < bestDistance && d < command.length() / 2) {
                best = command;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
