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

    /**
     * The code every feature uses for a bad option value: out of range, not one of the choices, or
     * malformed. The shell maps it (and its own usage errors) to exit code 2, everything else to 1.
     */
    public static final String BAD_OPTION = "BAD_OPTION";

    /** Whether this is a usage error (a bad option value), not a failed rule or input. */
    public boolean isUsage() {
        return BAD_OPTION.equals(code.name());
    }
}
