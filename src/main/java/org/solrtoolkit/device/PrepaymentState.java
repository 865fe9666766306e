package org.solrtoolkit.device;

import java.time.Duration;
import java.time.Instant;

/**
 * A meter's prepayment state (domain.md section 4; GBCS section 14), all money in pence: the credit
 * balance (negative while emergency credit is in use), the emergency credit (EC) limit and the
 * threshold below which EC becomes available, the low credit threshold, the disablement threshold,
 * debt with its recovery rate, and whether supply is enabled and since when. Consumption draws the
 * balance down; once EC is exhausted down to the disablement threshold, supply is disabled, unless
 * the meter is in credit mode or in safe mode (non-disablement), which is what an SRP sets to
 * protect a customer. Immutable: each change returns the next state.
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
        boolean safeMode,
        SupplyState supply,
        Instant supplySince) {

    /** Credit (pay later) or prepayment (pay before). */
    public enum PaymentMode { CREDIT, PREPAYMENT }

    /** Whether the meter lets energy through. */
    public enum SupplyState { ENABLED, DISABLED }

    public PrepaymentState {
        if (emergencyCreditLimit < 0 || debt < 0 || debtRecoveryPerTopUpPercent < 0 || debtRecoveryPerTopUpPercent > 100) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "emergency credit limit and debt must not be"
                    + " negative, debt recovery 0 to 100%");
        }
    }

    /** A customer on prepayment with a balance and typical thresholds (EC £15, EC threshold £5, low £3). */
    public static PrepaymentState prepayment(long balance, long debt, Instant since) {
        return new PrepaymentState(PaymentMode.PREPAYMENT, balance, 1_500, 500, 300, 0, debt, 25, false,
                SupplyState.ENABLED, since);
    }

    public static PrepaymentState credit(Instant since) {
        return new PrepaymentState(PaymentMode.CREDIT, 0, 0, 0, 0, 0, 0, 0, false, SupplyState.ENABLED, since);
    }

    /** Whether emergency credit is being used (balance below zero). */
    public boolean onEmergencyCredit() {
        return mode == PaymentMode.PREPAYMENT && balance < 0;
    }

    public boolean lowCredit() {
        return mode == PaymentMode.PREPAYMENT && balance < lowCreditThreshold;
    }

    /** The balance at which supply is disabled: all emergency credit used, down to the disablement threshold. */
    public long disablementPoint() {
        return -emergencyCreditLimit + disablementThreshold;
    }

    /** A prepayment customer who could be cut off: not in safe mode. */
    public boolean atRisk() {
        return mode == PaymentMode.PREPAYMENT && !safeMode;
    }

    /**
     * {@code pence} of energy used between {@code from} and {@code to}. A credit-mode meter only
     * records it; a prepayment meter draws its balance down, into emergency credit, and disables supply
     * at the disablement point unless in safe mode.
     */
    public PrepaymentState consume(long pence, Instant to) {
        if (mode == PaymentMode.CREDIT || supply == SupplyState.DISABLED) {
            return this;
        }
        long floor = safeMode ? Long.MIN_VALUE / 2 : disablementPoint();
        long next = Math.max(floor, balance - pence);
        boolean cutOff = !safeMode && next <= disablementPoint();
        return new PrepaymentState(mode, next, emergencyCreditLimit, emergencyCreditThreshold, lowCreditThreshold,
                disablementThreshold, debt, debtRecoveryPerTopUpPercent, safeMode,
                cutOff ? SupplyState.DISABLED : supply, cutOff ? to : supplySince);
    }

    /**
     * Consumption for {@code hours} whole simulated hours from {@code from}, {@code pencePerHour} each
     * (domain.md section 4): the balance runs down through emergency credit, and supply is disabled at
     * the end of the hour in which it reaches the disablement point, unless the meter is in safe mode.
     */
    public PrepaymentState drawHours(Instant from, long hours, long pencePerHour) {
        if (mode == PaymentMode.CREDIT || supply == SupplyState.DISABLED || hours <= 0 || pencePerHour <= 0) {
            return this;
        }
        if (safeMode) {
            return consume(Math.multiplyExact(hours, pencePerHour), from.plus(Duration.ofHours(hours)));
        }
        long room = balance - disablementPoint();
        long hoursToCut = Math.max(1, (room + pencePerHour - 1) / pencePerHour);
        if (hoursToCut > hours) {
            return consume(hours * pencePerHour, from.plus(Duration.ofHours(hours)));
        }
        return consume(Math.max(room, 0) + 1, from.plus(Duration.ofHours(hoursToCut)));
    }

    /** Energy used over {@code duration} at {@code pencePerHour}, ending at {@code to}. */
    public PrepaymentState consume(Duration duration, long pencePerHour, Instant to) {
        return consume(duration.toMinutes() * pencePerHour / 60, to);
    }

    /**
     * A top-up of {@code pence}: the debt recovery share goes to the debt, the rest to the balance;
     * supply comes back once the balance is above the disablement point again.
     */
    public PrepaymentState topUp(long pence, Instant at) {
        long recovered = Math.min(debt, pence * debtRecoveryPerTopUpPercent / 100);
        long next = balance + pence - recovered;
        boolean restored = supply == SupplyState.DISABLED && next > disablementPoint();
        return new PrepaymentState(mode, next, emergencyCreditLimit, emergencyCreditThreshold, lowCreditThreshold,
                disablementThreshold, debt - recovered, debtRecoveryPerTopUpPercent, safeMode,
                restored ? SupplyState.ENABLED : supply, restored ? at : supplySince);
    }

    /** Safe mode on or off: on, supply is never disabled for lack of credit (and is restored if it was). */
    public PrepaymentState safeMode(boolean on, Instant at) {
        boolean restore = on && supply == SupplyState.DISABLED;
        return new PrepaymentState(mode, balance, emergencyCreditLimit, emergencyCreditThreshold, lowCreditThreshold,
                disablementThreshold, debt, debtRecoveryPerTopUpPercent, on,
                restore ? SupplyState.ENABLED : supply, restore ? at : supplySince);
    }

    /** How long supply has been off at {@code now}; zero while on. */
    public Duration offSupplyFor(Instant now) {
        return supply == SupplyState.DISABLED ? Duration.between(supplySince, now) : Duration.ZERO;
    }
}
