package org.solrtoolkit.audit;

import org.solrtoolkit.ToolkitException;

/** The audit trail does not verify: a row or a state was changed outside the toolkit. */
public class AuditException extends ToolkitException {

    /** Stable codes of integrity failures. */
    public enum Code { CHAIN_BROKEN, STATE_MISMATCH }

    private final Code code;

    public AuditException(Code code, String message) {
        super(message);
        this.code = code;
    }

    @Override
    public String code() {
        return code.name();
    }
}
