package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The rate the live loop's commands print after their count (export, simulate, import). */
class RateTest {

    @Test
    void aRateIsTheWallTimeAndTheCountPerSecondInParentheses() {
        long started = System.nanoTime() - 2_000_000_000L; // two seconds ago, at least
        String r = CampaignDuisCommands.rate(1_000_000, "requests", started);
        assertThat(r).matches(" \\([2-9]\\.\\d s, \\d{3},\\d{3} requests/s\\)");
        // a count done at once does not divide by zero
        assertThat(CampaignDuisCommands.rate(5, "files", System.nanoTime())).matches(" \\(0\\.0 s, [\\d,]+ files/s\\)");
    }
}
