package org.solrtoolkit.audit;

import org.solrtoolkit.ToolkitException;

/** The audit trail does not verify: a row or a state was changed outside the toolkit. */
public class AuditException extends ToolkitException {

    /** Stable codes of integrity failures. */
    public enum Code { CHAIN_BROKEN, STATE_MISMATCH }


    public AuditException(Code code, String message) {
        super(code, message);
    }
}
