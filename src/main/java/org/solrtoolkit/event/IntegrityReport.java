package org.solrtoolkit.event;

import java.util.List;
import org.solrtoolkit.audit.AuditVerification;

/**
 * What {@code audit verify} found: the hash chain's verdict, and any step whose current state does
 * not match the audit row that set it (a state edited, or audit rows deleted at the tail, outside
 * the toolkit).
 */
public record IntegrityReport(AuditVerification chain, List<String> stateProblems) {

    public IntegrityReport {
        stateProblems = List.copyOf(stateProblems);
    }

    public boolean ok() {
        return chain.ok() && stateProblems.isEmpty();
    }

    /** The first problem, in one line; empty when everything matches. */
    public String firstProblem() {
        if (!chain.ok()) {
            return "audit chain broken at row " + chain.firstBadSeq().orElse(-1L) + ": " + chain.problem();
        }
        return stateProblems.isEmpty() ? "" : stateProblems.get(0);
    }
}
