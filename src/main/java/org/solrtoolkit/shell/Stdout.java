package org.solrtoolkit.shell;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * One convention for output files across commands (issue 14): {@code --out FILE} writes the file,
 * {@code --out -} writes the content to stdout for a pipe, and then the command's own summary goes
 * to stderr so that stdout holds nothing else.
 */
final class Stdout {

    /** How an audit row names stdout as the place written to. */
    static final String NAME = "stdout";

    private Stdout() {
    }

    static boolean is(String out) {
        return "-".equals(out);
    }

    /** A writer on stdout (not closed by the feature; flushed by it). */
    static Writer writer() {
        return new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
    }

    /** The summary: returned for stdout when a file was written, else printed on stderr (returns null). */
    static String note(String out, String summary) {
        if (!is(out)) {
            return summary;
        }
        System.out.flush();
        System.err.println(summary);
        return null;
    }
}
