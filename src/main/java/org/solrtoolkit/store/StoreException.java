package org.solrtoolkit.store;

import org.solrtoolkit.ToolkitException;

/** A database that cannot be opened, is read-only, or was written by a newer version. */
public class StoreException extends ToolkitException {

    /** Stable codes of store failures. */
    public enum Code {
        DIRECTORY_MISSING, NOT_A_DATABASE, NO_DATABASE, READ_ONLY, NEWER_SCHEMA, IO, UNREACHABLE, LOGIN_REFUSED,
        BAD_URL
    }


    public StoreException(Code code, String message) {
        super(code, message);
    }

    public StoreException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    public Code errorCode() {
        return Code.valueOf(code());
    }
}
