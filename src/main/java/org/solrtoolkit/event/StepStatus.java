package org.solrtoolkit.event;

/** Where a checklist step stands. DONE and SKIPPED satisfy the steps that depend on it. */
public enum StepStatus {
    NOT_STARTED, IN_PROGRESS, BLOCKED, DONE, SKIPPED;

    /** Done or skipped: a dependency in this state no longer holds anything up. */
    public boolean isClosed() {
        return this == DONE || this == SKIPPED;
    }
}
