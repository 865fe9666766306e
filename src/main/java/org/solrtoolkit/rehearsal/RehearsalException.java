package org.solrtoolkit.rehearsal;

import org.solrtoolkit.ToolkitException;

/** A rehearsal command that cannot be done; the message names the input, the rule and what to do. */
public class RehearsalException extends ToolkitException {

    /** Stable codes. */
    public enum Code { BAD_OPTION, BAD_SCENARIO, BAD_INPUT, NO_REHEARSAL, NOT_A_REHEARSAL, LIVE_DATABASE, NOT_EMPTY, RUNNING, CANCELLED }

    public RehearsalException(Code code, String message) {
        super(code, message);
    }
}
