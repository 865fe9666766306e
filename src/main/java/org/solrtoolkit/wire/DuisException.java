package org.solrtoolkit.wire;

import org.solrtoolkit.ToolkitException;

/** A DUIS file that cannot be read or does not check out, in one line: which file or element, which rule. */
public final class DuisException extends ToolkitException {

    /** Stable codes of DUIS failures. */
    public enum Code {
        /** Not XML, not DUIS, an element missing or out of range. */
        MALFORMED,
        /** No XML signature, or one that does not verify. */
        BAD_SIGNATURE,
        /** Signed by a certificate that is unknown or not an XML-signing certificate. */
        UNKNOWN_SIGNER
    }

    public DuisException(Code code, String message) {
        super(code, message);
    }

    public DuisException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    public Code errorCode() {
        return Code.valueOf(code());
    }
}
