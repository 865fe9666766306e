package org.solrtoolkit.event;

import java.util.List;
import org.solrtoolkit.audit.AuditRecord;

/** A step with its full history from the audit log and the evidence attached to it. */
public record StepDetail(StepView step, List<AuditRecord> history, List<Evidence> evidence) {
}
