package org.solrtoolkit.playbook;

import java.util.List;

/**
 * One step of a playbook as written: who does it, in which phase, after which steps, by when,
 * what evidence shows it was done, the public source (or INFERENCE) it rests on, and which of the
 * toolkit's own work completes it ({@link #AUTOMATIONS}; empty for a step people sign off).
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
        String source,
        String automation) {

    /** Work of the toolkit a step can be linked to: the campaign's run and its verification of the cells. */
    public static final java.util.Set<String> AUTOMATIONS = java.util.Set.of("campaign-run", "campaign-verify",
            "recovery-run", "recovery-verify", "contingency-run", "contingency-verify");

    public StepDefinition {
        automation = automation == null ? "" : automation;
        dependsOn = List.copyOf(dependsOn);
        deadlineNote = deadlineNote == null ? "" : deadlineNote;
        evidence = evidence == null ? "" : evidence;
        source = source == null ? "" : source;
    }
}
