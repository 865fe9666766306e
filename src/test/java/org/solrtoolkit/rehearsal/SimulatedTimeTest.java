package org.solrtoolkit.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatedTimeTest {

    @Test
    void durationsAsTheToolkitWritesThemAndAsPeopleDo() {
        assertThat(SimulatedTime.parseDuration("6h")).isEqualTo(Duration.ofHours(6));
        assertThat(SimulatedTime.parseDuration("1d12h")).isEqualTo(Duration.ofHours(36));
        assertThat(SimulatedTime.parseDuration("6 hours")).isEqualTo(Duration.ofHours(6));
        assertThat(SimulatedTime.parseDuration("6,hours")).isEqualTo(Duration.ofHours(6)); // two words on the command line
        assertThat(SimulatedTime.parseDuration("1 day 12 hours")).isEqualTo(Duration.ofHours(36));
        assertThat(SimulatedTime.parseDuration("30 minutes")).isEqualTo(Duration.ofMinutes(30));
        assertThatThrownBy(() -> SimulatedTime.parseDuration("6x")).hasMessageContaining("'6x' is not a duration");
        assertThatThrownBy(() -> SimulatedTime.parseDuration("-1h")).hasMessageContaining("is negative");
        assertThatThrownBy(() -> SimulatedTime.parseDuration("6 fortnights")).hasMessageContaining("is not a duration");
    }
}
