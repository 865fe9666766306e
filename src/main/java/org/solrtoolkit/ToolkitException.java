package org.solrtoolkit;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Base of every feature's exception: a one-line message for the user (what, which input, what
 * to do) and a stable error code that tests and scripts can rely on. The shell turns these into
 * text and exit codes in one place.
 *
 * <p>A feature names the input a rule is about in braces, {@code "{threads} 0 must be 1 to 64"},
 * never as a command-line option: {@link #getMessage()} reads {@code threads 0 must be 1 to 64},
 * and the shell renders {@code --threads 0 must be 1 to 64} with {@link #message(UnaryOperator)}.
 */
public abstract class ToolkitException extends RuntimeException {

    private static final Pattern INPUT = Pattern.compile("\\{([a-z][a-z0-9-]*)\\}");

    private final Enum<?> code;

    protected ToolkitException(Enum<?> code, String message) {
        super(message);
        this.code = code;
    }

    protected ToolkitException(Enum<?> code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The message with each named input as the domain calls it, e.g. {@code threads 0 must be 1 to 64}. */
    @Override
    public String getMessage() {
        return message(UnaryOperator.identity());
    }

    /** The message with each named input rendered by {@code name}, e.g. the shell's {@code --threads}. */
    public String message(UnaryOperator<String> name) {
        return render(super.getMessage(), name);
    }

    /** Renders the inputs named in braces in {@code text} (a message, or text that carries one). */
    public static String render(String text, UnaryOperator<String> name) {
        return text == null ? null : INPUT.matcher(text).replaceAll(m -> Matcher.quoteReplacement(name.apply(
                m.group(1))));
    }

    /** Stable code of the error, e.g. {@code WRONG_ROLE}. */
    public String code() {
        return code.name();
    }

    /**
     * The code every feature uses for a bad option value: out of range, not one of the choices, or
     * malformed. The shell maps it (and its own usage errors) to exit code 2, everything else to 1.
     */
    public static final String BAD_OPTION = "BAD_OPTION";

    /**
     * The code every feature uses when the user stopped a long command (Ctrl-C interrupts the
     * command's thread; the feature stops at a committed point and says what was kept). The shell
     * maps it to exit code 130, as a shell reports a command ended by SIGINT.
     */
    public static final String CANCELLED = "CANCELLED";

    /** Whether the user cancelled the command (Ctrl-C). */
    public boolean isCancelled() {
        return CANCELLED.equals(code.name());
    }

    /** Whether this is a usage error (a bad option value), not a failed rule or input. */
    public boolean isUsage() {
        return BAD_OPTION.equals(code.name());
    }
}
