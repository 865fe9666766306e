package org.solrtoolkit.playbook;

import java.util.List;

/**
 * One step of a playbook as written: who does it, in which phase, after which steps, by when,
 * what evidence shows it was done, and the public source (or INFERENCE) it rests on.
 */
public record StepDefinition(
        String id,
        PartyRole role,
        String phase,
        String title,
        String description,
        List<String> dependsOn,
        Deadline due,
        String deadlineNote,
        String evidence,
        String source) {

    public StepDefinition {
        dependsOn = List.copyOf(dependsOn);
        deadlineNote = deadlineNote == null ? "" : deadlineNote;
        evidence = evidence == null ? "" : evidence;
        source = source == null ? "" : source;
    }
}
