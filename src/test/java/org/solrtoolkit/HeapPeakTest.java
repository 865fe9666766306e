package org.solrtoolkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The peak heap figure the benchmarks print: never above the heap's maximum, and it sees what was held. */
class HeapPeakTest {

    @Test
    void thePeakCoversWhatWasHeldAndNeverExceedsTheMaximumHeap() {
        HeapPeak.reset();
        byte[] held = new byte[32 << 20];
        held[held.length - 1] = 1;
        long peak = HeapPeak.bytes();
        assertThat(peak).isGreaterThanOrEqualTo(held.length).isLessThanOrEqualTo(Runtime.getRuntime().maxMemory());
    }
}
