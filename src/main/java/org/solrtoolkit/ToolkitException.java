package org.solrtoolkit;

/**
 * Base of every feature's exception: a one-line message for the user (what, which input, what
 * to do) and a stable error code that tests and scripts can rely on. The shell turns these into
 * text and exit codes in one place.
 */
public abstract class ToolkitException extends RuntimeException {

    private final Enum<?> code;

    protected ToolkitException(Enum<?> code, String message) {
        super(message);
        this.code = code;
    }

    protected ToolkitException(Enum<?> code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Stable code of the error, e.g. {@code WRONG_ROLE}. */
    public String code() {
        return code.name();
    }

    /** Process exit code: 1 for a domain or I/O failure, 2 for a usage error. */
    public int exitCode() {
        return 1;
    }
}
