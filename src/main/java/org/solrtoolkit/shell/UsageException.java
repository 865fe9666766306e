package org.solrtoolkit.shell;

import org.solrtoolkit.ToolkitException;

/** A command used wrongly (a bad option value); exit code 2. */
class UsageException extends ToolkitException {

    UsageException(String message) {
        super(message);
    }

    @Override
    public String code() {
        return "USAGE";
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
