package org.solrtoolkit.shell;

import org.solrtoolkit.ToolkitException;
import org.springframework.shell.command.CommandExecution;
import org.springframework.shell.CommandNotFound;

/**
 * The one mapping from a failure to the process exit code (cli.md "Conventions"): 2 for a usage
 * error (unknown command or option, missing or malformed option, a value out of range or not one of
 * the choices: every feature's {@code BAD_OPTION} code), 1 for everything else (a rule refused, bad
 * input, I/O, an unexpected error), 130 for a long command the user stopped with Ctrl-C.
 */
final class ExitCodes {

    static final int FAILURE = 1;
    static final int USAGE = 2;
    /** A long command stopped by Ctrl-C at a committed point: 128 + SIGINT, as shells report it. */
    static final int CANCELLED = 130;

    private ExitCodes() {
    }

    static int of(Throwable e) {
        if (e instanceof ToolkitException te) {
            return te.isUsage() ? USAGE : te.isCancelled() ? CANCELLED : FAILURE;
        }
        if (e instanceof CommandExecution.CommandParserExceptionsException || e instanceof CommandNotFound) {
            return USAGE;
        }
        return FAILURE;
    }
}
