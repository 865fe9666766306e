package org.solrtoolkit.event;

import java.util.List;
import java.util.Optional;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.store.Database;

/** A database (a SQLite file or a server database) with the standard playbook's event created at T. */
final class EventFixture {

    static final Operator ALICE = Operator.parse("Alice@Acme Energy:FAILING_SUPPLIER");
    static final Operator BOB = Operator.parse("Bob@Bravo Power:SOLR");
    static final Operator SAM = Operator.parse("Sam@Acme SRP:SRP");
    static final Operator RITA = Operator.parse("Rita@Bravo SRP:SRP");

    final Database db;
    final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.T.plusSeconds(60));
    final AuditLog audit = new AuditLog();
    final EventService events;
    final ChecklistService checklist;
    final AuditTrail trail;
    final Event event;

    EventFixture(Database db) {
        this.db = db;
        events = new EventService(() -> db, audit, clock);
        checklist = new ChecklistService(() -> db, audit, clock);
        trail = new AuditTrail(() -> db, audit);
        event = events.create(standardEvent(), Fixtures.standardPlaybook(), Optional.of(BOB));
    }

    static NewEvent standardEvent() {
        return new NewEvent("Acme failure", "Acme Energy", "Bravo Power",
                List.of(new NewEvent.Srp("Acme SRP", "Acme Energy"), new NewEvent.Srp("Bravo SRP", "Bravo Power")),
                Fixtures.T, false);
    }

    StepChange change(Operator op, String step, StepAction action) {
        return checklist.change(event, op, new StepRequest(step, action, null, null, null, false));
    }

    StepChange change(Operator op, String step, StepAction action, String reason) {
        return checklist.change(event, op, new StepRequest(step, action, null, reason, null, false));
    }

    StepStatus status(String step) {
        return checklist.step(event, step).status();
    }
}
