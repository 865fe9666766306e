package org.solrtoolkit.shell;

import org.solrtoolkit.ToolkitException;

/** A command used wrongly (a bad option value); exit code 2. */
class UsageException extends ToolkitException {

    /** The one code of a usage error. */
    enum Code { BAD_OPTION }

    UsageException(String message) {
        super(Code.BAD_OPTION, message);
    }

}
