package org.solrtoolkit.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void offsetsCountFromAppointment() {
        assertThat(Deadline.parse("T+4h").dueAt(T)).contains(Instant.parse("2026-11-20T13:00:00Z"));
        assertThat(Deadline.parse("T+3d").dueAt(T)).contains(Instant.parse("2026-11-23T09:00:00Z"));
        assertThat(Deadline.parse("T-1d").dueAt(T)).contains(Instant.parse("2026-11-19T09:00:00Z"));
        assertThat(Deadline.parse("T+1d12h").offset()).contains(Duration.ofHours(36));
        assertThat(Deadline.parse("T+30m").offset()).contains(Duration.ofMinutes(30));
        assertThat(Deadline.parse("T").dueAt(T)).contains(T);
    }

    @Test
    void standingHasNoDueTime() {
        Deadline d = Deadline.parse("standing");
        assertThat(d.isStanding()).isTrue();
        assertThat(d.dueAt(T)).isEmpty();
    }

    @Test
    void rejectsWhatIsNotAnOffsetFromT() {
        for (String bad : new String[] {"tomorrow", "T+4w", "4h", "T+", "T+h", "t+4h", "", "T++4h"}) {
            assertThatThrownBy(() -> Deadline.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("use T+<n><unit>");
        }
    }
}
