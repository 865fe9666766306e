package org.solrtoolkit.device;

import java.time.Duration;
import java.time.Instant;

/**
 * A meter's prepayment state (domain.md sections 4 and 7; GBCS section 14), all money in pence: the
 * credit balance (negative while emergency credit is in use), the emergency credit (EC) limit and the
 * threshold below which EC may be activated, whether it is activated, the low credit threshold, the
 * disablement threshold, debt with its recovery rate, the maximum meter balance, the non-disablement
 * calendar, and the supply: enabled, disabled, or <b>armed</b> (credit is back, the customer has to
 * press the button on the meter). Immutable: each change returns the next state.
 *
 * <p>The rules, each from domain.md section 7 (SMETS2 prepayment as GBCS carries it):
 * <ul>
 *   <li>Consumption draws the balance down. The supply is disabled once the balance reaches the
 *       disablement point: the disablement threshold, or with EC activated the threshold minus the EC
 *       limit; never inside a non-disablement calendar period, and never in credit mode.</li>
 *   <li>EC is not activated by itself: the customer activates it at the meter (when at home, once the
 *       supply has gone off: {@link #drawHours}) or 2.5 Activate Emergency Credit does remotely, and
 *       only below the EC threshold. It is repaid by the next top-up.</li>
 *   <li>Credit coming back (a top-up, activated EC, a balance adjustment, credit mode) does not
 *       enable a disabled supply: it <b>arms</b> it (alert 8F32, or 8168 after EC). The supply comes
 *       back when the customer presses the button ({@link #press}), or for electricity by 7.1 Enable
 *       Supply. Time off supply runs until then ({@link #offTotalMillis}).</li>
 *   <li>A calendar period that starts while the supply is off does not arm it: it only stops new
 *       disablements (INFERENCE: SMETS2 says the meter shall not disable during a period, not that it
 *       re-enables).</li>
 * </ul>
 */
public record PrepaymentState(
        PaymentMode mode,
        long balance,
        long emergencyCreditLimit,
        long emergencyCreditThreshold,
        long lowCreditThreshold,
        long disablementThreshold,
        long debt,
        long debtRecoveryPerTopUpPercent,
        long maxMeterBalance,
        boolean emergencyCreditActive,
        NonDisablementCalendar calendar,
        SupplyState supply,
        Instant supplySince,
        Instant offSince,
        long offMillis) {

    /** Credit (pay later) or prepayment (pay before). */
    public enum PaymentMode { CREDIT, PREPAYMENT }

    /** Whether the meter lets energy through; ARMED is still off, waiting for the customer's button. */
    public enum SupplyState { ENABLED, DISABLED, ARMED }

    /** The largest EC limit a meter here accepts, pence (INFERENCE: SMETS2 leaves the range to the meter; £50). */
    public static final long MAX_EMERGENCY_CREDIT = 5_000;
    /** The meter's largest balance, pence: a UTRN above it is refused (8F5B); £250 by default. */
    public static final long DEFAULT_MAX_BALANCE = 25_000;

    public PrepaymentState {
        if (emergencyCreditLimit < 0 || debt < 0 || debtRecoveryPerTopUpPercent < 0 || debtRecoveryPerTopUpPercent > 100) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "emergency credit limit and debt must not be"
                    + " negative, debt recovery 0 to 100%");
        }
        if (calendar == null) {
            calendar = NonDisablementCalendar.NONE;
        }
        if (supply == SupplyState.ENABLED) {
            offSince = null;
        } else if (offSince == null) {
            offSince = supplySince;
        }
    }

    /** A customer on prepayment with a balance and typical thresholds (EC £15, EC threshold £5, low £3). */
    public static PrepaymentState prepayment(long balance, long debt, Instant since) {
        return new PrepaymentState(PaymentMode.PREPAYMENT, balance, 1_500, 500, 300, 0, debt, 25, DEFAULT_MAX_BALANCE,
                false, NonDisablementCalendar.NONE, SupplyState.ENABLED, since, null, 0);
    }

    public static PrepaymentState credit(Instant since) {
        return new PrepaymentState(PaymentMode.CREDIT, 0, 0, 0, 0, 0, 0, 0, DEFAULT_MAX_BALANCE, false,
                NonDisablementCalendar.NONE, SupplyState.ENABLED, since, null, 0);
    }

    /** Whether emergency credit is being used (activated, balance below zero). */
    public boolean onEmergencyCredit() {
        return mode == PaymentMode.PREPAYMENT && emergencyCreditActive && balance < 0;
    }

    public boolean lowCredit() {
        return mode == PaymentMode.PREPAYMENT && balance < lowCreditThreshold;
    }

    /** The balance at which supply is disabled: the threshold, less the EC limit once EC is activated. */
    public long disablementPoint() {
        return emergencyCreditActive ? -emergencyCreditLimit + disablementThreshold : disablementThreshold;
    }

    /** Never disabled for lack of credit: credit mode, or a calendar covering every minute. */
    public boolean neverDisabled() {
        return mode == PaymentMode.CREDIT || calendar.allDay();
    }

    /** A prepayment customer who could be cut off. */
    public boolean atRisk() {
        return !neverDisabled();
    }

    public boolean off() {
        return supply != SupplyState.ENABLED;
    }

    private PrepaymentState with(long nextBalance, boolean ec, SupplyState next, Instant at) {
        if (next == supply) {
            return new PrepaymentState(mode, nextBalance, emergencyCreditLimit, emergencyCreditThreshold,
                    lowCreditThreshold, disablementThreshold, debt, debtRecoveryPerTopUpPercent, maxMeterBalance, ec,
                    calendar, supply, supplySince, offSince, offMillis);
        }
        Instant from = off() ? offSince : at;
        long total = offMillis;
        if (next == SupplyState.ENABLED && off()) {
            total += Duration.between(offSince, at).toMillis();
            from = null;
        }
        return new PrepaymentState(mode, nextBalance, emergencyCreditLimit, emergencyCreditThreshold, lowCreditThreshold,
                disablementThreshold, debt, debtRecoveryPerTopUpPercent, maxMeterBalance, ec, calendar, next, at, from,
                total);
    }

    /**
     * {@code pence} of energy used up to {@code to}. A credit-mode meter only records it; an enabled
     * prepayment meter draws its balance down, and is disabled at {@code to} if the balance is at or
     * below the disablement point outside a calendar period.
     */
    public PrepaymentState consume(long pence, Instant to) {
        if (mode == PaymentMode.CREDIT || supply != SupplyState.ENABLED) {
            return this;
        }
        long next = balance - pence;
        if (calendar.isEmpty()) {
            next = Math.max(disablementPoint(), next);
        }
        boolean cutOff = next <= disablementPoint() && !calendar.covers(to);
        return with(next, emergencyCreditActive, cutOff ? SupplyState.DISABLED : supply, to);
    }

    /**
     * Consumption for {@code hours} whole simulated hours from {@code from}, {@code pencePerHour} each
     * (domain.md section 4). An armed supply comes back when the customer presses the button, {@code
     * reaction} after it was armed (null: not while the simulation runs, the customer is away). The
     * supply is disabled at the end of the hour in which the balance reaches the disablement point,
     * unless that instant is in a calendar period. A customer at home whose supply went off without
     * emergency credit activates it at the meter {@code reaction} after, and presses the button; once
     * emergency credit is used up too, only credit brings the supply back.
     */
    public PrepaymentState drawHours(Instant from, long hours, long pencePerHour, Duration reaction) {
        return drawHours(from, hours, pencePerHour, reaction, null);
    }

    /** What happens to the supply while consumption is drawn, as the meter would alert it. */
    public enum SupplyEvent {
        /** The supply was disabled (credit and any emergency credit exhausted). */
        DISABLED,
        /** The customer activated emergency credit at the meter after the supply went off: armed (alert 8168). */
        ARMED_AFTER_EMERGENCY_CREDIT
    }

    /**
     * As {@link #drawHours(Instant, long, long, Duration)}, telling {@code events} (may be null) each
     * instant the supply is disabled or re-armed by the customer's own emergency credit. The customer's actions happen at their own instants; consumption
     * resumes at the next whole hour of the grid from {@code from}, so drawing in one go or in steps
     * along the same grid gives the same state.
     */
    public PrepaymentState drawHours(Instant from, long hours, long pencePerHour, Duration reaction,
            java.util.function.BiConsumer<SupplyEvent, Instant> events) {
        PrepaymentState s = this;
        Instant t = from;
        Instant end = from.plus(Duration.ofHours(hours));
        while (t.isBefore(end)) {
            if (s.supply == SupplyState.ARMED || (s.supply == SupplyState.DISABLED && s.mode == PaymentMode.PREPAYMENT
                    && !s.emergencyCreditActive && s.emergencyCreditAvailable())) {
                // armed: the customer presses the button; disabled without EC: the customer notices, activates
                // emergency credit at the meter and presses the button
                if (reaction == null) {
                    return s;
                }
                Instant act = s.supplySince.plus(reaction);
                if (act.isAfter(end)) {
                    return s;
                }
                if (s.supply == SupplyState.ARMED) {
                    s = s.press(act);
                } else {
                    s = s.activateEmergencyCredit(act);
                    if (events != null && s.supply == SupplyState.ARMED) {
                        events.accept(SupplyEvent.ARMED_AFTER_EMERGENCY_CREDIT, act);
                    }
                    s = s.press(act);
                }
                long behind = Duration.between(t, act).toMillis();
                long steps = Math.max(0, (behind + 3_599_999) / 3_600_000);
                t = t.plus(Duration.ofHours(steps));
                continue;
            }
            if (s.mode == PaymentMode.CREDIT || s.supply == SupplyState.DISABLED || pencePerHour <= 0) {
                return s;
            }
            long left = Duration.between(t, end).toHours();
            if (s.calendar.isEmpty()) {
                long room = s.balance - s.disablementPoint();
                long hoursToCut = Math.max(1, (room + pencePerHour - 1) / pencePerHour);
                if (hoursToCut > left) {
                    return s.consume(left * pencePerHour, end);
                }
                t = t.plus(Duration.ofHours(hoursToCut));
                s = s.consume(Math.max(room, 0) + 1, t);
            } else {
                t = t.plus(Duration.ofHours(1));
                s = s.consume(pencePerHour, t);
            }
            if (s.supply == SupplyState.DISABLED && events != null) {
                events.accept(SupplyEvent.DISABLED, t);
            }
        }
        return s;
    }

    /** Energy used over {@code duration} at {@code pencePerHour}, ending at {@code to}. */
    public PrepaymentState consume(Duration duration, long pencePerHour, Instant to) {
        return consume(duration.toMinutes() * pencePerHour / 60, to);
    }

    /** Credit came back: a disabled supply above the disablement point is armed (8F32 / 8168). */
    private PrepaymentState creditBack(long nextBalance, boolean ec, Instant at) {
        boolean arm = supply == SupplyState.DISABLED && (mode == PaymentMode.CREDIT || nextBalance > pointFor(ec));
        return with(nextBalance, ec, arm ? SupplyState.ARMED : supply, at);
    }

    private long pointFor(boolean ec) {
        return ec ? -emergencyCreditLimit + disablementThreshold : disablementThreshold;
    }

    /**
     * A top-up of {@code pence}: the debt recovery share goes to the debt, the rest to the balance;
     * activated EC is repaid (deactivated once the balance is back above zero); a disabled supply is
     * armed once the balance is above the disablement point.
     */
    public PrepaymentState topUp(long pence, Instant at) {
        long recovered = Math.min(debt, pence * debtRecoveryPerTopUpPercent / 100);
        long next = balance + pence - recovered;
        PrepaymentState s = new PrepaymentState(mode, balance, emergencyCreditLimit, emergencyCreditThreshold,
                lowCreditThreshold, disablementThreshold, debt - recovered, debtRecoveryPerTopUpPercent, maxMeterBalance,
                emergencyCreditActive, calendar, supply, supplySince, offSince, offMillis);
        return s.creditBack(next, emergencyCreditActive && next < 0, at);
    }

    /** Whether 2.5 Activate Emergency Credit would take: a prepayment meter below its EC threshold. */
    public boolean emergencyCreditAvailable() {
        return mode == PaymentMode.PREPAYMENT && (emergencyCreditActive || balance < emergencyCreditThreshold);
    }

    /** 2.5 Activate Emergency Credit (callers check {@link #emergencyCreditAvailable()}). */
    public PrepaymentState activateEmergencyCredit(Instant at) {
        return creditBack(balance, true, at);
    }

    /** 2.1 Update Prepay Configuration: EC limit and threshold, low credit, debt recovery cap, maximum balance, calendar. */
    public PrepaymentState configure(long ecLimit, long ecThreshold, long lowCredit, long debtRecoveryPercent,
            long maxBalance, NonDisablementCalendar nextCalendar, Instant at) {
        PrepaymentState s = new PrepaymentState(mode, balance, ecLimit, ecThreshold, lowCredit, disablementThreshold,
                debt, debtRecoveryPercent, maxBalance, emergencyCreditActive, nextCalendar, supply, supplySince, offSince,
                offMillis);
        return s.creditBack(balance, emergencyCreditActive, at);
    }

    /** 1.6 Update Payment Mode: to credit (never disabled; an off supply is armed) or back to prepayment. */
    public PrepaymentState paymentMode(PaymentMode next, Instant at) {
        PrepaymentState s = new PrepaymentState(next, balance, emergencyCreditLimit, emergencyCreditThreshold,
                lowCreditThreshold, disablementThreshold, debt, debtRecoveryPerTopUpPercent, maxMeterBalance,
                emergencyCreditActive, calendar, supply, supplySince, offSince, offMillis);
        return s.creditBack(balance, emergencyCreditActive, at);
    }

    /** 1.5 Update Meter Balance: the balance adjusted by {@code pence} (either sign). */
    public PrepaymentState adjustBalance(long pence, Instant at) {
        return creditBack(Math.addExact(balance, pence), emergencyCreditActive, at);
    }

    /** 2.3 Update Debt: the debt and its recovery rate set. */
    public PrepaymentState debt(long nextDebt, long recoveryPercent) {
        return new PrepaymentState(mode, balance, emergencyCreditLimit, emergencyCreditThreshold, lowCreditThreshold,
                disablementThreshold, nextDebt, recoveryPercent, maxMeterBalance, emergencyCreditActive, calendar, supply,
                supplySince, offSince, offMillis);
    }

    /** The customer presses the button: an armed supply comes back. */
    public PrepaymentState press(Instant at) {
        return supply == SupplyState.ARMED ? with(balance, emergencyCreditActive, SupplyState.ENABLED, at) : this;
    }

    /** 7.1 Enable Supply (electricity only, checked by the caller): an armed supply comes back remotely. */
    public PrepaymentState enable(Instant at) {
        return press(at);
    }

    /** How long supply has been off at {@code now} (disabled or armed); zero while on. */
    public Duration offSupplyFor(Instant now) {
        return off() ? Duration.between(offSince, now) : Duration.ZERO;
    }

    /** All time off supply up to {@code now}, milliseconds: finished outages plus the current one. */
    public long offTotalMillis(Instant now) {
        return offMillis + (off() ? Math.max(0, Duration.between(offSince, now).toMillis()) : 0);
    }
}
