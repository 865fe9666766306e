package org.solrtoolkit.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.solrtoolkit.playbook.PartyRole;

/**
 * A step of an event as a user sees it: its frozen definition, its current status and version,
 * who changed it last, when it is due (T plus its deadline) and whether it is overdue now.
 */
public record StepView(
        String id,
        PartyRole role,
        String phase,
        String title,
        String description,
        List<String> dependsOn,
        String due,
        String deadlineNote,
        String evidenceExpected,
        String source,
        StepStatus status,
        long version,
        Instant updatedAt,
        String updatedBy,
        Long lastAuditSeq,
        Optional<Instant> dueAt,
        boolean overdue) {

    public StepView {
        dependsOn = List.copyOf(dependsOn);
    }
}
