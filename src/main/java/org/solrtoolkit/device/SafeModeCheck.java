package org.solrtoolkit.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.solrtoolkit.pki.RemotePartyRole;

/**
 * A meter's checks of a safe-mode command (domain.md sections 4 and 7): for this meter, signed with
 * the key in its Supplier DS cell, counter above the Supplier floor, a prepayment meter; then safe
 * mode is set (or cleared) and the Supplier floor moves to the command's counter. A refusal changes
 * nothing. Each check is logged with its {@link MeterCheck} code.
 */
final class SafeModeCheck {

    private final SimulatedMeter meter;

    SafeModeCheck(SimulatedMeter meter) {
        this.meter = meter;
    }

    Cs02bResponse process(SafeModeCommand.Signed signed, Instant now) {
        List<Cs02bResponse.Check> checks = new ArrayList<>();
        SafeModeCommand cmd;
        try {
            cmd = signed.command();
        } catch (DeviceException e) {
            return SimulatedMeter.rejected(checks, MeterCheck.PARSE, "parse", e.getMessage());
        }
        if (!SimulatedMeter.check(checks, MeterCheck.TARGET_DEVICE, "target device",
                cmd.targetDevice().equals(meter.eui()), () -> "command is for " + cmd.targetDevice())) {
            return SimulatedMeter.rejected(checks, MeterCheck.TARGET_DEVICE, "target device", "command is for "
                    + cmd.targetDevice() + ", not this meter");
        }
        CellContent supplier = meter.cell(TrustAnchorCell.SUPPLIER_DS).orElse(null);
        if (!SimulatedMeter.check(checks, MeterCheck.SIGNATURE, "signature", supplier != null
                && meter.verifies(supplier.publicKey(), signed.body(), signed.signature()),
                () -> "against the SUPPLIER_DS cell (" + supplier + ")")) {
            return SimulatedMeter.rejected(checks, MeterCheck.SIGNATURE, "signature", "signature does not verify with"
                    + " the key in the SUPPLIER_DS cell (the signer's certificates are not in this meter's Supplier"
                    + " cells)");
        }
        long floor = meter.floor(RemotePartyRole.SUPPLIER);
        if (!SimulatedMeter.check(checks, MeterCheck.COUNTER_ABOVE_FLOOR, "counter above floor",
                Long.compareUnsigned(cmd.originatorCounter(), floor) > 0, () -> "counter "
                        + Long.toUnsignedString(cmd.originatorCounter()) + ", floor " + Long.toUnsignedString(floor))) {
            return SimulatedMeter.rejected(checks, MeterCheck.COUNTER_ABOVE_FLOOR, "counter above floor",
                    "originator counter " + Long.toUnsignedString(cmd.originatorCounter()) + " is not above the"
                            + " SUPPLIER floor " + Long.toUnsignedString(floor) + " (replay)");
        }
        PrepaymentState state = meter.prepayment();
        if (!SimulatedMeter.check(checks, MeterCheck.PREPAYMENT_METER, "prepayment meter",
                state.mode() == PrepaymentState.PaymentMode.PREPAYMENT, () -> state.mode().toString())) {
            return SimulatedMeter.rejected(checks, MeterCheck.PREPAYMENT_METER, "prepayment meter", "meter is in"
                    + " credit mode; safe mode is for prepayment");
        }
        meter.raiseFloor(RemotePartyRole.SUPPLIER, cmd.originatorCounter());
        meter.prepayment(state.safeMode(cmd.on(), now));
        return new Cs02bResponse(true, Optional.empty(), List.of(), checks);
    }
}
