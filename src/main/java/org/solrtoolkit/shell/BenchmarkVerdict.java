package org.solrtoolkit.shell;

import java.io.PrintStream;
import org.solrtoolkit.ToolkitException;

/**
 * How a benchmark ends (issue 14): its figures on stdout either way; when it misses its target, one
 * line on stderr naming the figure and the target, and exit code 1, so a script or CI notices.
 */
final class BenchmarkVerdict {

    /** A benchmark that missed its target. */
    static final class Missed extends ToolkitException {
        enum Code { TARGET_MISSED }

        Missed(String message) {
            super(Code.TARGET_MISSED, message);
        }
    }

    /** A check the output reports as failed (a signature that does not verify). */
    static final class Failed extends ToolkitException {
        enum Code { CHECK_FAILED }

        Failed(String message) {
            super(Code.CHECK_FAILED, message);
        }
    }

    private BenchmarkVerdict() {
    }

    /**
     * @return {@code output} when every check passed
     * @throws Failed after printing {@code output} to {@code out}, naming what failed, when one did not
     */
    static String checked(String output, boolean passed, String what, PrintStream out) {
        if (passed) {
            return output;
        }
        out.println(output);
        out.flush();
        throw new Failed(what);
    }

    /**
     * @return {@code figures} when the target is met, to be printed as the command's result
     * @throws Missed after printing {@code figures} to {@code out}, when it is not
     */
    static String of(String figures, boolean met, String what, PrintStream out) {
        if (met) {
            return figures;
        }
        out.println(figures);
        out.flush();
        throw new Missed("benchmark missed its target: " + what);
    }
}
