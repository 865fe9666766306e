package org.solrtoolkit.device;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.wire.CriticalService;
import org.solrtoolkit.wire.GbcsException;
import org.solrtoolkit.wire.GeneralSigning;
import org.solrtoolkit.wire.PrepaymentCommand;
import org.solrtoolkit.wire.PrepaymentResponse;

/**
 * A meter's handling of a critical prepayment command on the wire (domain.md section 7; GBCS
 * critical commands): after the ACB's MAC ({@link GbcsMeter}) it checks that the use case is one for
 * its fuel, that it is the recipient, that the originator is the entity in its Supplier DS cell, the
 * signature against that cell's key (the registered supplier signed the pre-command), and the counter
 * above its Supplier floor; a command refused there gets no response and changes nothing. An
 * authentic command raises the Supplier floor and is executed as {@link PrepaymentState} says: a
 * value the meter does not accept (an EC limit above {@link PrepaymentState#MAX_EMERGENCY_CREDIT}, a
 * calendar it cannot hold, EC not available above its threshold, enabling a supply with no credit)
 * is answered "not executed" with DLMS result 250, as GBCS ECS09 describes. The response is signed
 * with the meter's DS key.
 */
final class PrepaymentCheck {

    private final SimulatedMeter meter;

    PrepaymentCheck(SimulatedMeter meter) {
        this.meter = meter;
    }

    GbcsMeter.Answer handle(GeneralSigning g, CriticalService service, List<Cs02bResponse.Check> checks, Instant now,
            Function<byte[], byte[]> respond) {
        boolean gasCode = CriticalService.gasCode(g.messageCode());
        boolean gasMeter = meter.type() == DeviceType.GSME;
        if (!SimulatedMeter.check(checks, MeterCheck.USE_CASE_FOR_DEVICE, "use case for this device", gasCode == gasMeter,
                () -> String.format("message code 0x%04X is a %s use case", g.messageCode(), gasCode ? "GSME" : "ESME"))) {
            return refused(checks, MeterCheck.USE_CASE_FOR_DEVICE, String.format("message code 0x%04X is not a use case"
                    + " for a %s", g.messageCode(), meter.type()));
        }
        PrepaymentCommand cmd;
        try {
            cmd = PrepaymentCommand.decode(g.payload());
        } catch (GbcsException e) {
            return refused(checks, MeterCheck.PARSE, e.getMessage());
        }
        if (!SimulatedMeter.check(checks, MeterCheck.TARGET_DEVICE, "target device", g.recipient().equals(meter.eui()),
                () -> "command is for " + g.recipient())) {
            return refused(checks, MeterCheck.TARGET_DEVICE, "command is for " + g.recipient() + ", not this meter");
        }
        Optional<CellContent> cell = meter.cell(TrustAnchorCell.SUPPLIER_DS);
        Optional<Eui64> holder = cell.flatMap(CellContent::eui);
        if (!SimulatedMeter.check(checks, MeterCheck.ORIGINATOR, "originator", holder.isPresent()
                && holder.get().equals(g.originator()), () -> "originator " + g.originator() + " is not the SUPPLIER_DS"
                        + " cell's " + holder.map(Eui64::toString).orElse("(empty)"))) {
            return refused(checks, MeterCheck.ORIGINATOR, "the originator is not the entity in the Supplier DS cell");
        }
        boolean verifies;
        try {
            verifies = g.verifies(meter.cellKey(cell.get().publicKey()));
        } catch (DeviceException e) {
            verifies = false;
        }
        if (!SimulatedMeter.check(checks, MeterCheck.SIGNATURE, "signature", verifies,
                () -> "against the SUPPLIER_DS cell (" + cell.get() + ")")) {
            return refused(checks, MeterCheck.SIGNATURE, "signature does not verify with the key in the SUPPLIER_DS"
                    + " cell");
        }
        long floor = meter.floor(RemotePartyRole.SUPPLIER);
        if (!SimulatedMeter.check(checks, MeterCheck.COUNTER_ABOVE_FLOOR, "counter above floor",
                Long.compareUnsigned(g.counter(), floor) > 0, () -> "counter " + Long.toUnsignedString(g.counter())
                        + ", floor " + Long.toUnsignedString(floor))) {
            return refused(checks, MeterCheck.COUNTER_ABOVE_FLOOR, "originator counter " + Long.toUnsignedString(
                    g.counter()) + " is not above the SUPPLIER floor " + Long.toUnsignedString(floor) + " (replay)");
        }
        meter.raiseFloor(RemotePartyRole.SUPPLIER, g.counter());
        PrepaymentState before = meter.prepayment();
        Optional<String> notExecuted = execute(service, g.messageCode(), cmd, now);
        PrepaymentState after = meter.prepayment();
        SimulatedMeter.check(checks, MeterCheck.EXECUTED, "executed", notExecuted.isEmpty(), () -> notExecuted.get());
        if (before.supply() == PrepaymentState.SupplyState.DISABLED && after.supply() == PrepaymentState.SupplyState.ARMED) {
            meter.alert(service == CriticalService.ACTIVATE_EMERGENCY_CREDIT ? MeterAlert.ARMED_AFTER_EMERGENCY_CREDIT
                    : MeterAlert.SUPPLY_ARMED, now);
        }
        PrepaymentResponse answer = new PrepaymentResponse(notExecuted.isEmpty(), notExecuted.isEmpty()
                ? PrepaymentResponse.SUCCESS : PrepaymentResponse.OTHER_REASON, after.balance(), after.supply().ordinal());
        Cs02bResponse outcome = new Cs02bResponse(true, Optional.empty(), List.of(), checks);
        return new GbcsMeter.Answer(outcome, Optional.of(respond.apply(answer.encode())), Optional.empty());
    }

    /** Executes an authentic command; why it was not, if so (the state is then unchanged). */
    private Optional<String> execute(CriticalService service, int code, PrepaymentCommand cmd, Instant now) {
        PrepaymentState s = meter.prepayment();
        switch (service) {
            case UPDATE_PREPAY_CONFIGURATION -> {
                long limit = cmd.emergencyCreditLimit().orElse(s.emergencyCreditLimit());
                long threshold = cmd.emergencyCreditThreshold().orElse(s.emergencyCreditThreshold());
                if (limit > PrepaymentState.MAX_EMERGENCY_CREDIT) {
                    return Optional.of("emergency credit limit " + limit + "p is above what this meter accepts ("
                            + PrepaymentState.MAX_EMERGENCY_CREDIT + "p)");
                }
                long cap = cmd.debtRecoveryRateCap().orElse(s.debtRecoveryPerTopUpPercent());
                if (cap > 100) {
                    return Optional.of("debt recovery rate cap " + cap + "% is above 100%");
                }
                NonDisablementCalendar calendar;
                try {
                    calendar = cmd.nonDisablementCalendar().map(NonDisablementCalendar::parse).orElse(s.calendar());
                } catch (DeviceException e) {
                    return Optional.of(e.getMessage());
                }
                meter.prepayment(s.configure(limit, threshold, cmd.lowCreditThreshold().orElse(s.lowCreditThreshold()),
                        cap, cmd.maxMeterBalance().orElse(s.maxMeterBalance()), calendar, now));
            }
            case ACTIVATE_EMERGENCY_CREDIT -> {
                if (!s.emergencyCreditAvailable()) {
                    return Optional.of("emergency credit is not available: balance " + s.balance()
                            + "p is not below the emergency credit threshold " + s.emergencyCreditThreshold() + "p");
                }
                meter.prepayment(s.activateEmergencyCredit(now));
            }
            case UPDATE_PAYMENT_MODE -> {
                boolean toCredit = code != CriticalService.TO_PREPAYMENT_ESME && code != CriticalService.TO_PREPAYMENT_GSME;
                meter.prepayment(s.paymentMode(toCredit ? PrepaymentState.PaymentMode.CREDIT
                        : PrepaymentState.PaymentMode.PREPAYMENT, now));
            }
            case UPDATE_METER_BALANCE -> {
                long delta = cmd.balanceAdjustment().orElse(0);
                if (s.balance() + delta > s.maxMeterBalance()) {
                    return Optional.of("the balance would be above the maximum meter balance " + s.maxMeterBalance() + "p");
                }
                meter.prepayment(s.adjustBalance(delta, now));
            }
            case UPDATE_DEBT -> {
                long recovery = cmd.debtRecoveryPercent().orElse(s.debtRecoveryPerTopUpPercent());
                if (recovery > 100) {
                    return Optional.of("debt recovery " + recovery + "% is above 100%");
                }
                meter.prepayment(s.debt(cmd.debt().orElse(s.debt()), recovery));
            }
            case ENABLE_SUPPLY -> {
                if (s.supply() == PrepaymentState.SupplyState.DISABLED) {
                    return Optional.of("supply is disabled for lack of credit: it can be armed by credit, not enabled");
                }
                meter.prepayment(s.enable(now));
            }
        }
        return Optional.empty();
    }

    private static GbcsMeter.Answer refused(List<Cs02bResponse.Check> checks, MeterCheck check, String detail) {
        return new GbcsMeter.Answer(SimulatedMeter.rejected(checks, check, check.label(), detail), Optional.empty(),
                Optional.empty());
    }
}
