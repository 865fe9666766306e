package org.solrtoolkit.pki;

import org.solrtoolkit.ToolkitException;

/** A certificate, key or keystore that cannot be read, used or accepted; the message names which and why. */
public class PkiException extends ToolkitException {

    /** Stable codes of PKI failures. */
    public enum Code {
        BAD_OPTION,
        NOT_A_CERTIFICATE,
        BAD_KEY,
        BAD_EUI,
        BAD_ROLE,
        BAD_INPUT,
        KEYSTORE_PASSWORD,
        KEYSTORE_ALIAS,
        KEYSTORE_IO,
        UNKNOWN_PARTY,
        UNKNOWN_SERIAL,
        UNKNOWN_ISSUER,
        NOT_ALLOWED,
        ALREADY_REVOKED,
        ALREADY_INITIALISED,
        NO_SMKI,
        PATH_INVALID,
        LINT_ERRORS,
        IO,
        CANCELLED,
        CRYPTO_PROVIDER
    }

    public PkiException(Code code, String message) {
        super(code, message);
    }

    public PkiException(Code code, String message, Throwable cause) {
        super(code, message, cause);
    }

    public Code errorCode() {
        return Code.valueOf(code());
    }
}
