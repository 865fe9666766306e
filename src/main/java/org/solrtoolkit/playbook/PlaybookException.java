package org.solrtoolkit.playbook;

import java.util.List;
import org.solrtoolkit.ToolkitException;

/** A playbook that cannot be found, read or used; carries every problem found in it. */
public class PlaybookException extends ToolkitException {

    /** Stable codes of playbook failures. */
    public enum Code { UNKNOWN_PLAYBOOK, UNREADABLE, INVALID }

    private final List<PlaybookProblem> problems;

    public PlaybookException(Code code, String message, List<PlaybookProblem> problems) {
        super(code, message);
        this.problems = List.copyOf(problems);
    }

    public PlaybookException(Code code, String message) {
        this(code, message, List.of());
    }

    public Code errorCode() {
        return Code.valueOf(code());
    }

    public List<PlaybookProblem> problems() {
        return problems;
    }
}
