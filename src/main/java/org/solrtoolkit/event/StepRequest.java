package org.solrtoolkit.event;

import java.nio.file.Path;

/**
 * An operator's request to change a step: the action, an optional note, a reason (required for
 * block, skip, reopen and overrides), an optional evidence file and whether to override open
 * dependencies.
 */
public record StepRequest(String stepId, StepAction action, String note, String reason, Path evidence,
        boolean override) {

    public StepRequest {
        note = blankToNull(note);
        reason = blankToNull(reason);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
