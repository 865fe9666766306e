package org.solrtoolkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EuiLineIndexTest {

    @Test
    void remembersTheFirstLineOfEveryIdThroughGrowth() {
        EuiLineIndex index = new EuiLineIndex();
        for (long i = 0; i < 100_000; i++) {
            assertThat(index.putIfAbsent(0x00DB000000000000L + i * 7919, i + 2)).isZero();
        }
        assertThat(index.putIfAbsent(0x00DB000000000000L + 5 * 7919, 999_999)).isEqualTo(7);
        assertThat(index.putIfAbsent(0L, 3)).isZero();
        assertThat(index.putIfAbsent(0L, 9)).isEqualTo(3);
        assertThat(index.putIfAbsent(-1L, 4)).isZero();
        assertThat(index.putIfAbsent(-1L, 5)).isEqualTo(4);
    }
}
