package org.solrtoolkit.rehearsal;

import java.util.List;
import java.util.Map;

/**
 * What one type of fault does when it strikes (design.md "Simulation rules": faults are named
 * switches driven by the seeded scenario). An effect writes what it changes within the move's
 * transaction and returns what it did for the audit row; {@code what} is the line trainees see.
 */
interface FaultEffect {

    /** Strikes the fault; the returned detail has at least {@code what}. */
    Map<String, Object> strike(FaultContext c);

    /** A problem with the fault's parameters in a scenario: the field it is about (null: the fault), and what. */
    record ParamProblem(String field, String message) {
    }

    /**
     * Checks the fault's parameters as a scenario gives them (text), with the scenario's failing
     * supplier and SoLR; a type without parameters has nothing to check.
     */
    default List<ParamProblem> check(Map<String, String> params, String failing, String solr) {
        return List.of();
    }

    /** Whether the fault stays ACTIVE after striking (read by the network while it lasts), or is OVER at once. */
    default boolean lasting() {
        return false;
    }
}
