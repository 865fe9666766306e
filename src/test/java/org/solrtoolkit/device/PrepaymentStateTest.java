package org.solrtoolkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrepaymentStateTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void creditRunsDownIntoEmergencyCreditThenSupplyIsDisabled() {
        PrepaymentState s = PrepaymentState.prepayment(400, 0, T0); // £4
        s = s.consume(Duration.ofHours(2), 50, T0.plus(Duration.ofHours(2))); // 100p/2h
        assertThat(s.balance()).isEqualTo(300);
        assertThat(s.lowCredit()).isFalse();
        s = s.consume(200, T0.plus(Duration.ofHours(6)));
        assertThat(s.lowCredit()).isTrue();
        s = s.consume(500, T0.plus(Duration.ofHours(16)));
        assertThat(s.onEmergencyCredit()).isTrue();
        assertThat(s.supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        Instant cutOff = T0.plus(Duration.ofHours(40));
        s = s.consume(5_000, cutOff);
        assertThat(s.balance()).isEqualTo(-1_500);
        assertThat(s.supply()).isEqualTo(PrepaymentState.SupplyState.DISABLED);
        assertThat(s.offSupplyFor(cutOff.plus(Duration.ofHours(3)))).isEqualTo(Duration.ofHours(3));
        assertThat(s.consume(100, cutOff.plusSeconds(60)).balance()).as("no supply, no use").isEqualTo(-1_500);
    }

    @Test
    void wholeHoursAreDrawnAndSupplyGoesOffAtTheEndOfTheHourCreditRanOut() {
        PrepaymentState s = PrepaymentState.prepayment(100, 0, T0); // £1 + £15 EC = 1600p of room at 12p/h
        PrepaymentState after10 = s.drawHours(T0, 10, 12);
        assertThat(after10.balance()).isEqualTo(-20);
        assertThat(after10.onEmergencyCredit()).isTrue();
        assertThat(after10.supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        PrepaymentState off = s.drawHours(T0, 1_000, 12);
        assertThat(off.supply()).isEqualTo(PrepaymentState.SupplyState.DISABLED);
        assertThat(off.balance()).isEqualTo(-1_500);
        assertThat(off.supplySince()).as("1600p at 12p/h runs out in the 134th hour").isEqualTo(T0.plus(Duration.ofHours(134)));
        assertThat(s.drawHours(T0, 134, 12).supply()).isEqualTo(PrepaymentState.SupplyState.DISABLED);
        assertThat(s.drawHours(T0, 133, 12).supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(s.safeMode(true, T0).drawHours(T0, 1_000, 12).supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(PrepaymentState.credit(T0).drawHours(T0, 1_000, 12).balance()).isZero();
    }

    @Test
    void topUpRepaysPartOfTheDebtAndRestoresSupply() {
        PrepaymentState off = PrepaymentState.prepayment(0, 1_000, T0).consume(10_000, T0.plusSeconds(3600));
        assertThat(off.supply()).isEqualTo(PrepaymentState.SupplyState.DISABLED);
        PrepaymentState on = off.topUp(2_000, T0.plusSeconds(7200)); // 25% to debt
        assertThat(on.debt()).isEqualTo(500);
        assertThat(on.balance()).isEqualTo(-1_500 + 1_500);
        assertThat(on.supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(on.supplySince()).isEqualTo(T0.plusSeconds(7200));
    }

    @Test
    void safeModeNeverDisablesAndRestoresSupply() {
        PrepaymentState off = PrepaymentState.prepayment(0, 0, T0).consume(10_000, T0.plusSeconds(60));
        PrepaymentState safe = off.safeMode(true, T0.plusSeconds(120));
        assertThat(safe.supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(safe.atRisk()).isFalse();
        PrepaymentState later = safe.consume(50_000, T0.plusSeconds(3600));
        assertThat(later.supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(later.balance()).isLessThan(-1_500);
    }

    @Test
    void creditModeIsNeverCutOff() {
        PrepaymentState c = PrepaymentState.credit(T0).consume(1_000_000, T0.plusSeconds(60));
        assertThat(c.supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(c.atRisk()).isFalse();
    }
}
