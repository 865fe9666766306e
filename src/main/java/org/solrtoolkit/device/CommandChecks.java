package org.solrtoolkit.device;

import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.solrtoolkit.pki.RemotePartyRole;

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
        SubjectPublicKeyInfo key = authCell.publicKey();
        if (cmd.mode() == Cs02bMode.ANY_BY_CONTINGENCY) {
            // the key that signed is the Contingency key the Root cell holds wrapped (SEC L10.30(e), RFC 5934)
            Optional<SubjectPublicKeyInfo> unwrapped = authCell.contingency().flatMap(w -> cmd.contingencyKey()
                    .flatMap(k -> org.solrtoolkit.pki.ContingencyKey.unwrap(w, k)));
            if (!SimulatedMeter.check(checks, MeterCheck.CONTINGENCY_KEY, "contingency key", unwrapped.isPresent(),
                    () -> authCell.contingency().isEmpty() ? "the Root cell holds no wrapped contingency key"
                            : cmd.contingencyKey().isEmpty() ? "the command carries no plaintext symmetric key"
                            : "the plaintext symmetric key does not unwrap the Root cell's contingency key")) {
                return Optional.of(SimulatedMeter.rejected(checks, MeterCheck.CONTINGENCY_KEY, "contingency key",
                        "no contingency key to check the signature with: the command's symmetric key does not unwrap"
                                + " one from the Root cell"));
            }
            key = unwrapped.get();
        }
        SubjectPublicKeyInfo signer = key;
        if (!SimulatedMeter.check(checks, MeterCheck.SIGNATURE, "signature", signature.test(signer),
                () -> "against the " + (cmd.mode() == Cs02bMode.ANY_BY_CONTINGENCY ? "contingency key of the " : "")
                        + auth + " cell (" + authCell + ")")) {
            return Optional.of(SimulatedMeter.rejected(checks, MeterCheck.SIGNATURE, "signature", "signature does not verify with the key in the " + auth + " cell"));
        }
        long floor = meter.floor(cmd.mode().floorRole());
        if (!SimulatedMeter.check(checks, MeterCheck.COUNTER_ABOVE_FLOOR, "counter above floor", Long.compareUnsigned(cmd.originatorCounter(), floor) > 0,
                () -> "counter " + Long.toUnsignedString(cmd.originatorCounter()) + ", floor "
                        + Long.toUnsignedString(floor))) {
            return Optional.of(SimulatedMeter.rejected(checks, MeterCheck.COUNTER_ABOVE_FLOOR, "counter above floor", "originator counter " + Long.toUnsignedString(
                    cmd.originatorCounter()) + " is not above the " + auth.role() + " floor "
                    + Long.toUnsignedString(floor) + " (replay)"));
        }
        java.util.Set<RemotePartyRole> floorsSet = java.util.EnumSet.noneOf(RemotePartyRole.class);
        floorsSet.addAll(cmd.otherFloors().keySet());
        if (cmd.supplierFloor().isPresent() || cmd.prepaymentFloor().isPresent()) {
            floorsSet.add(RemotePartyRole.SUPPLIER);
        }
        for (RemotePartyRole role : floorsSet) {
            if (!SimulatedMeter.check(checks, MeterCheck.FLOORS_FOR_MODE, "mode may set the " + role + " floor",
                    cmd.mode().maySetFloorOf(role), () -> cmd.mode().toString())) {
                return Optional.of(SimulatedMeter.rejected(checks, MeterCheck.FLOORS_FOR_MODE, "mode may set floor",
                        "mode " + cmd.mode() + " may not set the " + role + " floor (only the floors of the roles whose"
                                + " cells it replaces)"));
            }
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
