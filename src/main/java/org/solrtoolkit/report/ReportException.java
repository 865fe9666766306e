package org.solrtoolkit.report;

import org.solrtoolkit.ToolkitException;

/** A report that cannot be written, or was written about a broken audit chain; the message says which. */
public class ReportException extends ToolkitException {

    /** Stable codes. */
    public enum Code { NOT_EMPTY, UNWRITABLE, CHAIN_BROKEN }

    public ReportException(Code code, String message) {
        super(code, message);
    }
}
