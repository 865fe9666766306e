package org.solrtoolkit.device;

import java.time.Instant;
import java.util.Optional;
import org.solrtoolkit.pki.Eui64;

/**
 * What lies between a party and a meter: the DCC, which may reject a service request, and the WAN,
 * which may not reach the meter. In the plain simulation everything gets through; a rehearsal
 * injects its faults here (meters offline, MPIDs transferred early under MP185).
 */
public interface Network {

    /** Every request accepted, every meter answering. */
    Network OPEN = new Network() {
    };

    /**
     * Why the DCC rejects a request sent at {@code now} on behalf of supplier {@code onBehalfOf} by
     * party {@code sender}; empty if it accepts it.
     */
    default Optional<String> rejects(String onBehalfOf, String sender, Instant now) {
        return Optional.empty();
    }

    /** Why {@code meter} does not answer at {@code now}; empty if it does. */
    default Optional<String> unreachable(Eui64 meter, Instant now) {
        return Optional.empty();
    }
}
