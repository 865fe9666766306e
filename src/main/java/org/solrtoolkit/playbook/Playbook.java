package org.solrtoolkit.playbook;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A validated playbook: its roles, phases and steps, and the SHA-256 and text of the file it came
 * from, so that an event can freeze an exact copy.
 */
public record Playbook(
        String id,
        String version,
        String title,
        Set<PartyRole> roles,
        List<Phase> phases,
        List<StepDefinition> steps,
        String sha256,
        String sourceText) {

    public Playbook {
        roles = Set.copyOf(roles);
        phases = List.copyOf(phases);
        steps = List.copyOf(steps);
    }

    public Optional<StepDefinition> step(String stepId) {
        return steps.stream().filter(s -> s.id().equals(stepId)).findFirst();
    }

    @Override
    public String toString() {
        return id + " " + version + " (" + steps.size() + " steps, sha256 " + sha256.substring(0, 12) + ")";
    }
}
