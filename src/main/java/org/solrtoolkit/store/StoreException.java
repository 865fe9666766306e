package org.solrtoolkit.store;

import org.solrtoolkit.ToolkitException;

/** A database that cannot be opened, is read-only, or was written by a newer version. */
public class StoreException extends ToolkitException {

    /** Stable codes of store failures. */
    public enum Code {
        DIRECTORY_MISSING, NOT_A_DATABASE, READ_ONLY, NEWER_SCHEMA, IO
    }

    private final Code code;

    public StoreException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public StoreException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code errorCode() {
        return code;
    }

    @Override
    public String code() {
        return code.name();
    }
}
