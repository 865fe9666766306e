package org.solrtoolkit.rehearsal;

import java.util.Map;

/**
 * What one type of fault does when it strikes (design.md "Simulation rules": faults are named
 * switches driven by the seeded scenario). An effect writes what it changes within the move's
 * transaction and returns what it did for the audit row; {@code what} is the line trainees see.
 */
interface FaultEffect {

    /** Strikes the fault; the returned detail has at least {@code what}. */
    Map<String, Object> strike(FaultContext c);

    /** Whether the fault stays ACTIVE after striking (read by the network while it lasts), or is OVER at once. */
    default boolean lasting() {
        return false;
    }
}
