package org.solrtoolkit.device;

import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The command-level checks of a CS02b on a meter (domain.md section 3), in the order a device makes
 * them: the target device, the mode's authorising cell, that cell present, the signature against it,
 * the counter above the authoriser's floor, the mode allowing every target cell. The first that
 * fails refuses the whole command; each is logged as a check.
 */
final class CommandChecks {

    private CommandChecks() {
    }

    /** The command-level checks, in order; the first that fails is the refusal. */
    static Optional<Cs02bResponse> refusal(SimulatedMeter meter, Cs02bCommand cmd,
            java.util.function.Predicate<SubjectPublicKeyInfo> signature, List<Cs02bResponse.Check> checks) {
        if (!SimulatedMeter.check(checks, MeterCheck.TARGET_DEVICE, "target device", cmd.targetDevice().equals(meter.eui()), () -> "command is for "
                + cmd.targetDevice() + ", this meter is " + meter.eui())) {
            return Optional.of(SimulatedMeter.rejected(checks, MeterCheck.TARGET_DEVICE, "target device", "command is for " + cmd.targetDevice() + ", not this meter"));
        }
        TrustAnchorCell auth = cmd.authorisingCell();
        if (!SimulatedMeter.check(checks, MeterCheck.AUTHORISER_FOR_MODE, "authoriser for mode", auth == cmd.mode().authoriser(),
                () -> cmd.mode() + " is authorised by "
                + cmd.mode().authoriser() + ", command names " + auth)) {
            return Optional.of(SimulatedMeter.rejected(checks, MeterCheck.AUTHORISER_FOR_MODE, "authoriser for mode", "mode " + cmd.mode() + " must be authorised by the "
                    + cmd.mode().authoriser() + " cell, not " + auth));
        }
        CellContent authCell = meter.cell(auth).orElse(null);
        if (!SimulatedMeter.check(checks, MeterCheck.AUTHORISING_CELL_PRESENT, "authorising cell present", authCell != null, () -> auth + " on " + meter.type())) {
            return Optional.of(SimulatedMeter.rejected(checks, MeterCheck.AUTHORISING_CELL_PRESENT, "authorising cell present", "this " + meter.type() + " has no " + auth + " cell"));
        }
        if (!SimulatedMeter.check(checks, MeterCheck.SIGNATURE, "signature", signature.test(authCell.publicKey()),
                () -> "against the " + auth + " cell (" + authCell + ")")) {
            return Optional.of(SimulatedMeter.rejected(checks, MeterCheck.SIGNATURE, "signature", "signature does not verify with the key in the " + auth + " cell"));
        }
        long floor = meter.floor(auth.role());
        if (!SimulatedMeter.check(checks, MeterCheck.COUNTER_ABOVE_FLOOR, "counter above floor", Long.compareUnsigned(cmd.originatorCounter(), floor) > 0,
                () -> "counter " + Long.toUnsignedString(cmd.originatorCounter()) + ", floor "
                        + Long.toUnsignedString(floor))) {
            return Optional.of(SimulatedMeter.rejected(checks, MeterCheck.COUNTER_ABOVE_FLOOR, "counter above floor", "originator counter " + Long.toUnsignedString(
                    cmd.originatorCounter()) + " is not above the " + auth.role() + " floor "
                    + Long.toUnsignedString(floor) + " (replay)"));
        }
        for (Cs02bCommand.Replacement r : cmd.replacements()) {
            if (!SimulatedMeter.check(checks, MeterCheck.MODE_ALLOWS_CELL, "mode allows " + r.cell(), cmd.mode().mayReplace(r.cell()),
                    () -> cmd.mode().toString())) {
                return Optional.of(SimulatedMeter.rejected(checks, MeterCheck.MODE_ALLOWS_CELL, "mode allows " + r.cell(), "mode " + cmd.mode() + " does not let "
                        + auth + " replace the " + r.cell() + " cell"));
            }
        }
        return Optional.empty();
    }
}
