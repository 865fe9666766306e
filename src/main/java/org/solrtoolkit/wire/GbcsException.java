package org.solrtoolkit.wire;

import org.solrtoolkit.ToolkitException;

/** A GBCS message that cannot be read or does not check out, in one line: which part, which rule. */
public final class GbcsException extends ToolkitException {

    /** Stable codes of wire-format failures. */
    public enum Code {
        /** Truncated, a wrong tag or length, a value out of range. */
        MALFORMED,
        /** The ECDSA signature does not verify with the originator's key. */
        BAD_SIGNATURE,
        /** The ACB's MAC does not verify. */
        BAD_MAC,
        /** A value the codec cannot put on the wire (a floor above 2^63-1). */
        BAD_VALUE
    }

    public GbcsException(Code code, String message) {
        super(code, message);
    }

    public GbcsException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    public Code errorCode() {
        return Code.valueOf(code());
    }

    static GbcsException malformed(String what) {
        return new GbcsException(Code.MALFORMED, "GBCS message: " + what);
    }
}
