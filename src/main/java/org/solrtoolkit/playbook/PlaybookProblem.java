package org.solrtoolkit.playbook;

/**
 * One problem found in a playbook file, with the line it is on. Errors make the playbook unusable;
 * warnings (e.g. a step due before one of its dependencies) are reported but do not.
 */
public record PlaybookProblem(String file, int line, Severity severity, String message) {

    /** How serious a problem is. */
    public enum Severity { ERROR, WARNING }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return file + ":" + line + ": " + (isError() ? "" : "warning: ") + message;
    }
}
