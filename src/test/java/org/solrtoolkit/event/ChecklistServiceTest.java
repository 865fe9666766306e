package org.solrtoolkit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.playbook.PartyRole;

class ChecklistServiceTest {

    @TempDir
    Path dir;
    private EventFixture f;

    /** The database the tests run on; {@code ChecklistServiceOnServerTest} runs them all on PostgreSQL. */
    org.solrtoolkit.store.TestDatabase database() {
        return org.solrtoolkit.store.TestDatabase.SQLITE;
    }

    @BeforeEach
    void setUp() {
        f = new EventFixture(database().open(dir));
    }

    /** Asserts the refusal's code and message, and that the database is exactly as before. */
    private void refused(ThrowingCallable call, EventException.Code code, String message) {
        String before = Fixtures.snapshot(f.db);
        assertThatThrownBy(call).isInstanceOf(EventException.class).hasMessage(message)
                .extracting(e -> ((EventException) e).errorCode()).isEqualTo(code);
        assertThat(Fixtures.snapshot(f.db)).isEqualTo(before);
    }

    @Test
    void stepMovesThroughItsStatusesWithAnAuditRowEach() {
        f.change(EventFixture.ALICE, "P1-01", StepAction.START);
        f.change(EventFixture.ALICE, "P1-01", StepAction.BLOCK, "DCC service desk not answering");
        f.change(EventFixture.ALICE, "P1-01", StepAction.START);
        StepChange done = f.change(EventFixture.ALICE, "P1-01", StepAction.DONE);
        assertThat(done.after()).isEqualTo(StepStatus.DONE);
        assertThat(done.newVersion()).isEqualTo(4);
        f.change(EventFixture.ALICE, "P1-01", StepAction.REOPEN, "SECAS was not told");
        assertThat(f.status("P1-01")).isEqualTo(StepStatus.IN_PROGRESS);
        assertThat(f.trail.log(f.event, "P1-01")).extracting(r -> r.entry().action() + " " + r.entry().after())
                .containsExactly("step.start IN_PROGRESS", "step.block BLOCKED", "step.start IN_PROGRESS",
                        "step.done DONE", "step.reopen IN_PROGRESS");
        assertThat(f.trail.verify().ok()).isTrue();
    }

    @Test
    void onlyTheStepsRoleMayChangeIt() {
        refused(() -> f.change(EventFixture.BOB, "P1-01", StepAction.START), EventException.Code.WRONG_ROLE,
                "step P1-01 belongs to FAILING_SUPPLIER; Bob@Bravo Power:SOLR may not start it (only the step's role,"
                        + " or an SRP acting for that party, may change a step)");
    }

    @Test
    void srpMayActForItsPartyAndOnSrpStepsButNotForTheOtherParty() {
        f.change(EventFixture.SAM, "P1-01", StepAction.START); // Acme SRP acts for Acme Energy
        f.change(EventFixture.SAM, "P0-04", StepAction.START); // an SRP step
        f.change(EventFixture.RITA, "P1-04", StepAction.START); // Bravo SRP acts for Bravo Power (SoLR)
        assertThat(f.status("P1-01")).isEqualTo(StepStatus.IN_PROGRESS);
        refused(() -> f.change(EventFixture.SAM, "P1-05", StepAction.START), EventException.Code.WRONG_ROLE,
                "step P1-05 belongs to SOLR; Sam@Acme SRP:SRP may not start it (only the step's role, or an SRP acting"
                        + " for that party, may change a step)");
    }

    @Test
    void operatorMustBeAPartyOfTheEventInThatRole() {
        refused(() -> f.change(Operator.parse("Eve@Zed Gas:SOLR"), "P1-04", StepAction.START),
                EventException.Code.NOT_A_PARTY, "operator Eve@Zed Gas:SOLR: 'Zed Gas' is not a SOLR party of event"
                        + " ev-20261120-acme-energy (SOLR: Bravo Power (SOLR)); log in with a party of the event");
    }

    @Test
    void doneBeforeDependenciesIsRefused() {
        refused(() -> f.change(EventFixture.ALICE, "P1-02", StepAction.DONE), EventException.Code.DEPENDENCIES_NOT_DONE,
                "step P1-02 cannot be done: dependencies not done or skipped: P1-01 (NOT_STARTED);"
                        + " finish them, or use override reason");
    }

    @Test
    void skippedDependencySatisfiesDone() {
        f.change(EventFixture.ALICE, "P1-01", StepAction.SKIP, "notified by the administrator instead");
        f.change(EventFixture.ALICE, "P1-02", StepAction.DONE);
        assertThat(f.status("P1-02")).isEqualTo(StepStatus.DONE);
    }

    @Test
    void overrideNeedsAReasonAndIsRecorded() {
        refused(() -> f.checklist.change(f.event, EventFixture.ALICE,
                        new StepRequest("P1-02", StepAction.DONE, null, null, null, true)),
                EventException.Code.REASON_REQUIRED,
                "step P1-02: override needs reason (why the dependencies may be left open)");
        StepChange c = f.checklist.change(f.event, EventFixture.ALICE,
                new StepRequest("P1-02", StepAction.DONE, null, "PMA instructed by phone", null, true));
        assertThat(c.overridden()).isTrue();
        assertThat(c.openDependencies()).containsExactly("P1-01 (NOT_STARTED)");
        assertThat(f.trail.log(f.event, "P1-02")).singleElement().satisfies(r -> {
            assertThat(r.entry().action()).isEqualTo("step.done.override");
            assertThat(r.entry().reason()).isEqualTo("PMA instructed by phone");
            assertThat(r.entry().detail()).contains("\"open_dependencies\":[\"P1-01 (NOT_STARTED)\"]");
        });
    }

    @Test
    void blockSkipAndReopenNeedAReason() {
        refused(() -> f.change(EventFixture.ALICE, "P1-01", StepAction.BLOCK), EventException.Code.REASON_REQUIRED,
                "step P1-01: 'block' needs reason (why the step is BLOCKED)");
        refused(() -> f.change(EventFixture.ALICE, "P1-01", StepAction.SKIP, "  "), EventException.Code.REASON_REQUIRED,
                "step P1-01: 'skip' needs reason (why the step is SKIPPED)");
        f.change(EventFixture.ALICE, "P1-01", StepAction.DONE);
        refused(() -> f.change(EventFixture.ALICE, "P1-01", StepAction.REOPEN), EventException.Code.REASON_REQUIRED,
                "step P1-01: 'reopen' needs reason (why the step is IN_PROGRESS)");
    }

    @Test
    void transitionsOutsideTheRulesAreRefused() {
        refused(() -> f.change(EventFixture.ALICE, "P1-01", StepAction.REOPEN, "why not"),
                EventException.Code.INVALID_TRANSITION, "step P1-01 is NOT_STARTED; 'reopen' applies to [DONE, SKIPPED] steps");
        f.change(EventFixture.ALICE, "P1-01", StepAction.DONE);
        refused(() -> f.change(EventFixture.ALICE, "P1-01", StepAction.START), EventException.Code.INVALID_TRANSITION,
                "step P1-01 is DONE; 'start' applies to [NOT_STARTED, BLOCKED] steps (use 'step reopen P1-01 reason ...')");
    }

    @Test
    void unknownStepIsRefused() {
        refused(() -> f.change(EventFixture.ALICE, "P9-99", StepAction.START), EventException.Code.UNKNOWN_STEP,
                "unknown step 'P9-99' in event ev-20261120-acme-energy; see 'checklist show'");
    }

    @Test
    void evidenceIsHashedAndKeptWithTheStep() throws Exception {
        Path file = dir.resolve("dcc-ticket.txt");
        Files.writeString(file, "DCC ticket 4711 opened 09:05Z\n");
        StepChange c = f.checklist.change(f.event, EventFixture.ALICE,
                new StepRequest("P1-01", StepAction.DONE, "ticket raised", null, file, false));
        assertThat(c.evidence()).hasValueSatisfying(e -> {
            // sha256sum of the same bytes
            assertThat(e.sha256()).isEqualTo("68ad9854db1a8aa63bde02a60b3de43b6caf4845bb80892316fe13bffc0d4ea3");
            assertThat(e.size()).isEqualTo(30);
            assertThat(e.path()).isEqualTo(file.toAbsolutePath().toString());
        });
        StepDetail d = f.checklist.detail(f.event, "P1-01");
        assertThat(d.evidence()).singleElement().extracting(Evidence::sha256).isEqualTo(c.evidence().get().sha256());
        assertThat(d.history()).last().extracting(r -> r.entry().evidenceSha256()).isEqualTo(c.evidence().get().sha256());
    }

    @Test
    void missingEvidenceFileIsRefused() {
        Path missing = dir.resolve("no-such-file.pdf");
        refused(() -> f.checklist.change(f.event, EventFixture.ALICE,
                        new StepRequest("P1-01", StepAction.DONE, null, null, missing, false)),
                EventException.Code.EVIDENCE_MISSING, "step P1-01: evidence file " + missing
                        + " does not exist; give the path of the file that shows the step was done");
    }

    @Test
    void stepsBecomeOverdueAfterTPlusTheirDeadlineUnlessClosed() {
        f.clock.set(Fixtures.T.plus(Duration.ofHours(3)));
        assertThat(f.checklist.step(f.event, "P1-05").overdue()).isFalse(); // T+4h
        assertThat(f.checklist.step(f.event, "P1-01").overdue()).isTrue(); // T+0h
        f.clock.set(Fixtures.T.plus(Duration.ofHours(4)).plusSeconds(1));
        assertThat(f.checklist.step(f.event, "P1-05").overdue()).isTrue();
        assertThat(f.checklist.step(f.event, "P0-01").overdue()).isFalse(); // standing
        f.change(EventFixture.ALICE, "P1-01", StepAction.DONE);
        assertThat(f.checklist.step(f.event, "P1-01").overdue()).isFalse();
        assertThat(f.checklist.show(f.event, Optional.of(PartyRole.SOLR), Optional.of("P1"), Optional.empty()))
                .extracting(StepView::id).containsExactly("P1-04", "P1-05", "P1-06", "P1-08");
    }

    @Test
    void nextListsMyOpenStepsWhoseDependenciesAreClosedSoonestFirst() {
        assertThat(f.checklist.next(f.event, EventFixture.BOB)).extracting(StepView::id)
                .containsExactly("P1-04", "P3-03", "P0-03"); // standing preparedness last
        f.change(EventFixture.BOB, "P1-04", StepAction.DONE);
        assertThat(f.checklist.next(f.event, EventFixture.BOB)).extracting(StepView::id)
                .startsWith("P1-05", "P1-08", "P2-05");
    }

    @Test
    void concurrentChangeOfTheSameStepIsRefusedNotLost() {
        // two shells on one database: each with its own connection and its own service
        var secondDb = database().reopen(f.db);
        ChecklistService other = new ChecklistService(() -> secondDb, f.audit, f.clock);
        Operator alice2 = Operator.parse("Alan@Acme Energy:FAILING_SUPPLIER");
        ChecklistService.Prepared mine = f.checklist.prepare(f.event, EventFixture.ALICE,
                new StepRequest("P1-01", StepAction.START, "mine", null, null, false));
        ChecklistService.Prepared theirs = other.prepare(f.event, alice2,
                new StepRequest("P1-01", StepAction.DONE, "theirs", null, null, false));
        other.commit(theirs);
        String before = Fixtures.snapshot(f.db);
        assertThatThrownBy(() -> f.checklist.commit(mine))
                .isInstanceOf(EventException.class)
                .hasMessage("step P1-01 was changed by Alan@Acme Energy:FAILING_SUPPLIER at " + f.clock.instant()
                        + " (now DONE); reload with 'step show P1-01' and try again")
                .extracting(e -> ((EventException) e).errorCode()).isEqualTo(EventException.Code.STALE);
        assertThat(Fixtures.snapshot(f.db)).isEqualTo(before);
        assertThat(f.status("P1-01")).isEqualTo(StepStatus.DONE);
        assertThat(f.trail.log(f.event, "P1-01")).singleElement().extracting(r -> r.entry().note()).isEqualTo("theirs");
        assertThat(f.trail.verify().ok()).isTrue();
    }

    @Test
    void verifyNamesAStateEditedOutsideTheToolkit() {
        f.change(EventFixture.ALICE, "P1-01", StepAction.START);
        f.db.write(j -> j.update("UPDATE step_state SET status = 'DONE' WHERE step_id = 'P1-01'", java.util.Map.of()));
        IntegrityReport r = f.trail.verify();
        assertThat(r.chain().ok()).isTrue();
        assertThat(r.ok()).isFalse();
        assertThat(r.firstProblem()).isEqualTo("step P1-01 of event ev-20261120-acme-energy is DONE but audit row 2"
                + " set it to IN_PROGRESS: state edited outside the toolkit");
    }

    @Test
    void verifyNamesAuditRowsDeletedAtTheTail() {
        f.change(EventFixture.ALICE, "P1-01", StepAction.START);
        f.db.write(j -> {
            j.update("DROP TRIGGER audit_no_delete" + (f.db.isServer() ? " ON audit" : ""), java.util.Map.of());
            return j.update("DELETE FROM audit WHERE seq = 2", java.util.Map.of());
        });
        IntegrityReport r = f.trail.verify();
        assertThat(r.chain().ok()).isTrue(); // the chain alone cannot see a missing tail
        assertThat(r.firstProblem()).isEqualTo("step P1-01 of event ev-20261120-acme-energy was last set by audit"
                + " row 2, which is missing: audit rows deleted outside the toolkit");
    }
}
