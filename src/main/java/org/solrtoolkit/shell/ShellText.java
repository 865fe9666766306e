package org.solrtoolkit.shell;

import org.solrtoolkit.ToolkitException;

/**
 * How the shell names what a feature calls an input: {@code {threads}} in a feature's message is
 * the {@code --threads} option here. Features never name options; this is the one place that does.
 */
final class ShellText {

    private ShellText() {
    }

    /** The exception's message with its inputs named as options. */
    static String options(ToolkitException e) {
        return e.message(ShellText::option);
    }

    /** Text carrying a feature's message (e.g. a step the campaign could not mark), inputs named as options. */
    static String options(String text) {
        return ToolkitException.render(text, ShellText::option);
    }

    private static String option(String input) {
        return "--" + input;
    }
}
