package org.solrtoolkit.event;

import org.solrtoolkit.ToolkitException;

/** A refused event, operator or step action; the message names the rule and the input. */
public class EventException extends ToolkitException {

    /** Stable codes: one per rule a user can run into. */
    public enum Code {
        BAD_OPTION,
        NO_CURRENT_EVENT,
        UNKNOWN_EVENT,
        UNKNOWN_STEP,
        BAD_INPUT,
        OPERATOR_INVALID,
        OPERATOR_REQUIRED,
        NOT_A_PARTY,
        WRONG_ROLE,
        DEPENDENCIES_NOT_DONE,
        REASON_REQUIRED,
        INVALID_TRANSITION,
        EVIDENCE_MISSING,
        STALE,
        SERVER_ONLY,
        NOT_ON_SERVER,
        NO_OPERATOR_MAPPING,
        NOT_ADMINISTRATOR
    }


    public EventException(Code code, String message) {
        super(code, message);
    }

    public Code errorCode() {
        return Code.valueOf(code());
    }
}
