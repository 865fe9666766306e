package org.solrtoolkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PrepaymentStateTest {

    private static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    private static Instant at(long hours) {
        return T0.plus(Duration.ofHours(hours));
    }

    @Test
    void withoutEmergencyCreditTheSupplyGoesOffAtTheDisablementThreshold() {
        PrepaymentState s = PrepaymentState.prepayment(400, 0, T0); // £4
        s = s.consume(Duration.ofHours(2), 50, at(2)); // 100p/2h
        assertThat(s.balance()).isEqualTo(300);
        assertThat(s.lowCredit()).isFalse();
        s = s.consume(200, at(6));
        assertThat(s.lowCredit()).isTrue();
        s = s.consume(5_000, at(16));
        assertThat(s.balance()).isZero();
        assertThat(s.supply()).isEqualTo(PrepaymentState.SupplyState.DISABLED);
        assertThat(s.offSupplyFor(at(19))).isEqualTo(Duration.ofHours(3));
        assertThat(s.consume(100, at(17)).balance()).as("no supply, no use").isZero();
    }

    @Test
    void emergencyCreditActivatedRemotelyLetsTheBalanceRunToMinusTheLimit() {
        PrepaymentState s = PrepaymentState.prepayment(100, 0, T0).activateEmergencyCredit(T0); // below the £5 threshold
        assertThat(s.emergencyCreditActive()).isTrue();
        PrepaymentState off = s.drawHours(T0, 1_000, 12, null);
        assertThat(off.balance()).isEqualTo(-1_500);
        assertThat(off.supplySince()).as("1600p at 12p/h runs out in the 134th hour").isEqualTo(at(134));
        assertThat(s.drawHours(T0, 133, 12, null).supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(PrepaymentState.prepayment(900, 0, T0).emergencyCreditAvailable()).as("above the threshold").isFalse();
    }

    @Test
    void creditBackArmsTheSupplyAndOnlyTheCustomersButtonEnablesIt() {
        PrepaymentState off = PrepaymentState.prepayment(0, 1_000, T0).consume(10_000, at(1));
        assertThat(off.supply()).isEqualTo(PrepaymentState.SupplyState.DISABLED);
        PrepaymentState armed = off.topUp(2_000, at(2)); // 25% to debt
        assertThat(armed.debt()).isEqualTo(500);
        assertThat(armed.balance()).isEqualTo(1_500);
        assertThat(armed.supply()).isEqualTo(PrepaymentState.SupplyState.ARMED);
        assertThat(armed.offTotalMillis(at(5))).as("still off while armed").isEqualTo(Duration.ofHours(4).toMillis());
        PrepaymentState on = armed.press(at(5));
        assertThat(on.supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(on.offTotalMillis(at(9))).as("the outage ended at the press").isEqualTo(Duration.ofHours(4).toMillis());
        assertThat(armed.drawHours(at(2), 10, 12, Duration.ofMinutes(90)).supply()).as("pressed 90 min after arming")
                .isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(armed.drawHours(at(2), 100, 12, null).supply()).as("away: nobody presses")
                .isEqualTo(PrepaymentState.SupplyState.ARMED);
    }

    @Test
    void aCustomerAtHomeActivatesEmergencyCreditOnceAndIsOffUntilThen() {
        PrepaymentState s = PrepaymentState.prepayment(24, 0, T0); // 2 hours of credit at 12p/h
        PrepaymentState later = s.drawHours(T0, 10, 12, Duration.ofMinutes(30));
        assertThat(later.emergencyCreditActive()).isTrue();
        assertThat(later.supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(later.offTotalMillis(at(10))).as("off from T+2h to T+2h30m").isEqualTo(Duration.ofMinutes(30).toMillis());
        // the meter tells both: the supply disabled, then armed by the customer's own emergency credit (8168)
        java.util.List<String> told = new java.util.ArrayList<>();
        s.drawHours(T0, 10, 12, Duration.ofMinutes(30), (what, at) -> told.add(what + "@" + at));
        assertThat(told).containsExactly("DISABLED@" + at(2), "ARMED_AFTER_EMERGENCY_CREDIT@" + at(2).plus(
                Duration.ofMinutes(30)));
    }

    @Test
    void aNonDisablementCalendarStopsDisablementInsideItsPeriodsOnly() {
        NonDisablementCalendar evenings = NonDisablementCalendar.parse("16:00-08:00"); // past midnight
        PrepaymentState s = PrepaymentState.prepayment(12, 0, T0).configure(1_500, 500, 300, 25, 25_000, evenings, T0);
        // T0 is 09:00 UTC: outside the window, the hour's use takes it to zero and it goes off at 10:00
        assertThat(s.drawHours(T0, 3, 12, null).supply()).isEqualTo(PrepaymentState.SupplyState.DISABLED);
        PrepaymentState night = PrepaymentState.prepayment(12, 0, at(8)).configure(1_500, 500, 300, 25, 25_000, evenings,
                at(8)); // 17:00
        PrepaymentState morning = night.drawHours(at(8), 14, 12, null); // to 07:00: still in the window
        assertThat(morning.supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(morning.balance()).as("the balance runs below the threshold inside a period").isEqualTo(12 - 14 * 12);
        assertThat(morning.drawHours(at(22), 2, 12, null).supply()).as("off once the window closes at 08:00")
                .isEqualTo(PrepaymentState.SupplyState.DISABLED);
        PrepaymentState allDay = s.configure(1_500, 500, 300, 25, 25_000, NonDisablementCalendar.parse("00:00-24:00"), T0);
        assertThat(allDay.neverDisabled()).isTrue();
        assertThat(allDay.drawHours(T0, 1_000, 12, null).supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
    }

    @Test
    void creditModeIsNeverCutOffAndArmsAnOffSupply() {
        PrepaymentState c = PrepaymentState.credit(T0).consume(1_000_000, at(1));
        assertThat(c.supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(c.atRisk()).isFalse();
        PrepaymentState off = PrepaymentState.prepayment(0, 0, T0).consume(100, at(1));
        PrepaymentState credit = off.paymentMode(PrepaymentState.PaymentMode.CREDIT, at(2));
        assertThat(credit.supply()).isEqualTo(PrepaymentState.SupplyState.ARMED);
        assertThat(credit.enable(at(3)).supply()).as("7.1 remotely").isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(credit.drawHours(at(2), 1_000, 12, HOUR).supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
    }
}
