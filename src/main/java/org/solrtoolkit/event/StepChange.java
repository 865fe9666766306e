package org.solrtoolkit.event;

import java.util.List;
import java.util.Optional;

/**
 * A step change as applied: the step before and after, the audit row that records it, whether
 * dependencies were overridden (and which were open), and the evidence attached.
 */
public record StepChange(StepView before, StepStatus after, long newVersion, long auditSeq, boolean overridden,
        List<String> openDependencies, Optional<Evidence> evidence) {
}
