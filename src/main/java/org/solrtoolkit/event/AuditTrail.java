package org.solrtoolkit.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.audit.AuditRecord;
import org.solrtoolkit.audit.AuditVerification;
import org.solrtoolkit.store.Database;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The audit log as the checklist sees it: an event's rows (optionally of one step), and the
 * integrity check that both walks the hash chain and matches every step's state to the audit row
 * that produced it.
 */
public final class AuditTrail {

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final StepRepository steps = new StepRepository();

    public AuditTrail(Supplier<Database> db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    /** Rows of {@code event} in order, all of them or those about {@code stepId}. */
    public List<AuditRecord> log(Event event, String stepId) {
        return audit.list(db.get().jdbc(), event.id(), stepId);
    }

    /** Checks the whole database: the chain, then each step's state against its last audit row. */
    public IntegrityReport verify() {
        AuditVerification chain = audit.verify(db.get().jdbc());
        List<String> problems = new ArrayList<>();
        NamedParameterJdbcTemplate jdbc = db.get().jdbc();
        for (Map<String, Object> row : steps.states(jdbc)) {
            String where = "step " + row.get("step_id") + " of event " + row.get("event_id");
            Object seq = row.get("last_audit_seq");
            long version = ((Number) row.get("version")).longValue();
            if (seq == null) {
                if (!"NOT_STARTED".equals(row.get("status")) || version != 0) {
                    problems.add(where + " is " + row.get("status") + " (version " + version
                            + ") but no audit row records a change: state edited outside the toolkit");
                }
            } else {
                Optional<AuditRecord> a = audit.find(jdbc, ((Number) seq).longValue());
                if (a.isEmpty()) {
                    problems.add(where + " was last set by audit row " + seq + ", which is missing: audit rows deleted"
                            + " outside the toolkit");
                } else if (!Objects.equals(a.get().entry().eventId(), row.get("event_id"))
                        || !Objects.equals(a.get().entry().subject(), row.get("step_id"))
                        || !Objects.equals(a.get().entry().after(), row.get("status"))) {
                    problems.add(where + " is " + row.get("status") + " but audit row " + seq + " set it to "
                            + a.get().entry().after() + ": state edited outside the toolkit");
                }
            }
            if (problems.size() >= 100) {
                break;
            }
        }
        return new IntegrityReport(chain, problems);
    }
}
