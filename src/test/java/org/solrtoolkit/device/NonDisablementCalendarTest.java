package org.solrtoolkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NonDisablementCalendarTest {

    @Test
    void dailyWindowsAndSpecialDaysInUtc() {
        NonDisablementCalendar c = NonDisablementCalendar.parse(" 2026-12-25 ; 22:00-06:00;12:00-13:30");
        assertThat(c.toString()).isEqualTo("12:00-13:30;22:00-06:00;2026-12-25");
        assertThat(c.covers(Instant.parse("2026-11-30T23:59:00Z"))).isTrue();
        assertThat(c.covers(Instant.parse("2026-11-30T05:59:00Z"))).isTrue();
        assertThat(c.covers(Instant.parse("2026-11-30T06:00:00Z"))).isFalse();
        assertThat(c.covers(Instant.parse("2026-11-30T13:29:59Z"))).isTrue();
        assertThat(c.covers(Instant.parse("2026-12-25T15:00:00Z"))).isTrue();
        assertThat(c.allDay()).isFalse();
        assertThat(NonDisablementCalendar.parse("00:00-24:00").allDay()).isTrue();
        assertThat(NonDisablementCalendar.parse("").isEmpty()).isTrue();
    }

    @Test
    void overlappingOrMalformedPeriodsAreOneClearLine() {
        assertThatThrownBy(() -> NonDisablementCalendar.parse("18:00-22:00;21:00-23:00"))
                .hasMessage("non-disablement calendar: period 21:00-23:00 overlaps another daily window; merge them"
                        + " into one");
        assertThatThrownBy(() -> NonDisablementCalendar.parse("22:00-06:00;05:00-07:00")).hasMessageContaining("overlaps");
        assertThatThrownBy(() -> NonDisablementCalendar.parse("2026-12-25;2026-12-25")).hasMessageContaining("twice");
        assertThatThrownBy(() -> NonDisablementCalendar.parse("25:00-26:00")).hasMessageContaining("not a time of day");
        assertThatThrownBy(() -> NonDisablementCalendar.parse("evenings")).hasMessageContaining("neither HH:MM-HH:MM");
        assertThatThrownBy(() -> NonDisablementCalendar.parse("2026-02-30")).hasMessageContaining("not a date");
        assertThatThrownBy(() -> NonDisablementCalendar.parse("09:00-09:00")).hasMessageContaining("empty");
    }
}
