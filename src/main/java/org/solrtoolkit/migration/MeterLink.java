package org.solrtoolkit.migration;

import java.time.Instant;
import java.util.List;
import org.solrtoolkit.device.Cs02bCommand;
import org.solrtoolkit.device.Cs02bResponse;
import org.solrtoolkit.device.SimulatedMeter;

/**
 * How a command reaches a meter: in the simulation directly; in a rehearsal through injected faults.
 * A meter that cannot be reached (offline, or answering resourcesBusy) is a transient failure.
 */
public interface MeterLink {

    /** Delivers every command. */
    MeterLink DIRECT = (meter, command, now) -> meter.process(command, now);

    /** Why {@code meter} does not answer at {@code now} (a rehearsal's fault); empty if it does. */
    default java.util.Optional<String> unreachable(org.solrtoolkit.pki.Eui64 meter, Instant now) {
        return java.util.Optional.empty();
    }

    /** @throws Unreachable if the meter did not answer or was busy; the campaign retries it later */
    Cs02bResponse deliver(SimulatedMeter meter, Cs02bCommand.Signed command, Instant now) throws Unreachable;

    /**
     * The certificates the DCC actually places, given the SoLR's checked ones: the same, unless a
     * rehearsal fault makes the DCC hold a wrong one (a KA certificate from an unknown issuer).
     */
    default List<Cs02bCommand.Replacement> placed(List<Cs02bCommand.Replacement> checked, Instant now) {
        return checked;
    }

    /** The pause before retry pass {@code pass} over unreachable meters: growing, at most 5 s. */
    default long pauseMillis(int pass) {
        return Math.min(5_000, 100L << Math.min(pass, 6));
    }

    /** A transient failure, with what happened. */
    final class Unreachable extends Exception {
        public Unreachable(String why) {
            super(why, null, false, false);
        }
    }
}
