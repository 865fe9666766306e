package org.solrtoolkit.event;

import java.util.EnumSet;
import java.util.Set;

/** What an operator can do to a step, from which states, and to which state. */
public enum StepAction {
    START(EnumSet.of(StepStatus.NOT_STARTED, StepStatus.BLOCKED), StepStatus.IN_PROGRESS, false),
    DONE(EnumSet.of(StepStatus.NOT_STARTED, StepStatus.IN_PROGRESS, StepStatus.BLOCKED), StepStatus.DONE, false),
    BLOCK(EnumSet.of(StepStatus.NOT_STARTED, StepStatus.IN_PROGRESS), StepStatus.BLOCKED, true),
    SKIP(EnumSet.of(StepStatus.NOT_STARTED, StepStatus.IN_PROGRESS, StepStatus.BLOCKED), StepStatus.SKIPPED, true),
    REOPEN(EnumSet.of(StepStatus.DONE, StepStatus.SKIPPED), StepStatus.IN_PROGRESS, true);

    private final Set<StepStatus> from;
    private final StepStatus to;
    private final boolean needsReason;

    StepAction(Set<StepStatus> from, StepStatus to, boolean needsReason) {
        this.from = from;
        this.to = to;
        this.needsReason = needsReason;
    }

    public boolean allowedFrom(StepStatus status) {
        return from.contains(status);
    }

    public Set<StepStatus> from() {
        return from;
    }

    public StepStatus to() {
        return to;
    }

    public boolean needsReason() {
        return needsReason;
    }

    /** The command word, e.g. {@code start}. */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
