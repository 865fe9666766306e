package org.solrtoolkit.event;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.audit.AuditRecord;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.store.Database;

/**
 * The checklist of an event: shows steps with due times and overdue flags, lists what an operator
 * can do next, and changes steps under the rules: only the step's role (or its SRP) may change
 * it; {@code done} needs every dependency done or skipped unless overridden with a reason; block,
 * skip and reopen need a reason. Each change and its audit row commit in one transaction, guarded
 * by the step's version so that a concurrent change is refused rather than lost.
 */
public final class ChecklistService {

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    private final StepRepository steps = new StepRepository();

    public ChecklistService(Supplier<Database> db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every step of the event in playbook order, with due time and overdue flag at the clock's now. */
    public List<StepView> steps(Event event) {
        return steps.list(db.get().jdbc(), event, clock.instant());
    }

    /** Steps filtered by role, phase and status (each optional). */
    public List<StepView> show(Event event, Optional<PartyRole> role, Optional<String> phase,
            Optional<StepStatus> status) {
        return steps(event).stream()
                .filter(s -> role.map(r -> s.role() == r).orElse(true))
                .filter(s -> phase.map(p -> s.phase().equalsIgnoreCase(p)).orElse(true))
                .filter(s -> status.map(st -> s.status() == st).orElse(true))
                .toList();
    }

    /** Open steps the operator may change whose dependencies are all done or skipped, soonest due first. */
    public List<StepView> next(Event event, Operator op) {
        Party party = Authorisation.requireParty(event, op);
        List<StepView> all = steps(event);
        Map<String, StepStatus> status = new LinkedHashMap<>();
        all.forEach(s -> status.put(s.id(), s.status()));
        return all.stream()
                .filter(s -> !s.status().isClosed())
                .filter(s -> Authorisation.mayAct(event, party, s.role()))
                .filter(s -> s.dependsOn().stream().allMatch(d -> status.getOrDefault(d, StepStatus.DONE).isClosed()))
                .sorted(Comparator.comparing(s -> s.dueAt().orElse(Instant.MAX)))
                .toList();
    }

    /** @throws EventException UNKNOWN_STEP */
    public StepView step(Event event, String stepId) {
        return steps.find(db.get().jdbc(), event, stepId, clock.instant()).orElseThrow(() -> new EventException(
                EventException.Code.UNKNOWN_STEP, "unknown step '" + stepId + "' in event " + event.id()
                        + "; see 'checklist show'"));
    }

    /** The step, its history in the audit log and its evidence. */
    public StepDetail detail(Event event, String stepId) {
        StepView view = step(event, stepId);
        return new StepDetail(view, audit.list(db.get().jdbc(), event.id(), view.id()),
                steps.evidence(db.get().jdbc(), event.id(), view.id()));
    }

    /** The ids of the event's steps that the toolkit's {@code automation} completes (see StepDefinition). */
    public List<String> automatedSteps(Event event, String automation) {
        return db.get().jdbc().queryForList("SELECT step_id FROM event_step WHERE event_id = :e AND automation = :a"
                + " ORDER BY ordinal", java.util.Map.of("e", event.id(), "a", automation), String.class);
    }

    /**
     * Marks the steps a toolkit {@code automation} implements (a campaign run, its verification):
     * started while the work goes on, done once it is {@code complete}, each under the checklist's
     * own rules for {@code op}. A step already closed (or already started, when starting) is left
     * as it is; a step a rule refuses (open dependencies, another role) stays, and the reason is
     * returned with the others, e.g. {@code "S21 done"} or {@code "S22 not marked: ..."}.
     */
    public List<String> automate(Event event, Operator op, String automation, boolean complete, String note) {
        List<String> said = new java.util.ArrayList<>();
        StepAction action = complete ? StepAction.DONE : StepAction.START;
        for (String id : automatedSteps(event, automation)) {
            StepStatus now = step(event, id).status();
            if (now.isClosed() || now == StepStatus.IN_PROGRESS && action == StepAction.START) {
                continue;
            }
            try {
                change(event, op, new StepRequest(id, action, note, null, null, false));
                said.add(id + " " + (complete ? "done" : "started"));
            } catch (org.solrtoolkit.ToolkitException e) {
                said.add(id + " not marked: " + e.message(input -> "{" + input + "}")); // the shell names inputs
            }
        }
        return said;
    }

    /**
     * Applies {@code req} for {@code op}: checks every rule, then commits the new state, the audit
     * row and any evidence together.
     *
     * @throws EventException naming the rule and the step when a rule refuses the change, or STALE
     *     when another operator changed the step in the meantime
     */
    public StepChange change(Event event, Operator op, StepRequest req) {
        return commit(prepare(event, op, req));
    }

    /** A checked change, ready to commit if the step is still at the version it was checked at. */
    record Prepared(Event event, Operator op, StepRequest req, StepView before, List<String> openDependencies,
            Optional<FileDigest> evidence) {
    }

    /** The size and SHA-256 of an evidence file, read once. */
    record FileDigest(Path path, String sha256, long size) {
    }

    Prepared prepare(Event event, Operator op, StepRequest req) {
        StepView step = step(event, req.stepId());
        Authorisation.requireMayAct(event, op, step, req.action());
        if (!req.action().allowedFrom(step.status())) {
            throw new EventException(EventException.Code.INVALID_TRANSITION, "step " + step.id() + " is "
                    + step.status() + "; '" + req.action().word() + "' applies to " + req.action().from()
                    + " steps" + (step.status().isClosed() ? " (use 'step reopen " + step.id() + " {reason} ...')" : ""));
        }
        if (req.action().needsReason() && req.reason() == null) {
            throw new EventException(EventException.Code.REASON_REQUIRED, "step " + step.id() + ": '"
                    + req.action().word() + "' needs {reason} (why the step is " + req.action().to() + ")");
        }
        if (req.override() && req.reason() == null) {
            throw new EventException(EventException.Code.REASON_REQUIRED, "step " + step.id()
                    + ": {override} needs {reason} (why the dependencies may be left open)");
        }
        List<String> open = List.of();
        if (req.action() == StepAction.DONE) {
            Map<String, StepStatus> status = new LinkedHashMap<>();
            steps(event).forEach(s -> status.put(s.id(), s.status()));
            open = step.dependsOn().stream().filter(d -> !status.getOrDefault(d, StepStatus.DONE).isClosed())
                    .map(d -> d + " (" + status.get(d) + ")").toList();
            if (!open.isEmpty() && !req.override()) {
                throw new EventException(EventException.Code.DEPENDENCIES_NOT_DONE, "step " + step.id()
                        + " cannot be done: dependencies not done or skipped: " + String.join(", ", open)
                        + "; finish them, or use {override} {reason}");
            }
        }
        Optional<FileDigest> evidence = Optional.ofNullable(req.evidence()).map(p -> digest(step.id(), p));
        return new Prepared(event, op, req, step, open, evidence);
    }

    StepChange commit(Prepared p) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        StepView before = p.before();
        StepStatus to = p.req().action().to();
        boolean overridden = p.req().override() && !p.openDependencies().isEmpty();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("version", before.version() + 1);
        if (overridden) {
            detail.put("override", true);
            detail.put("open_dependencies", p.openDependencies());
        }
        p.evidence().ifPresent(e -> detail.put("evidence", Map.of("path", e.path().toString(), "size", e.size())));
        return db.get().write(jdbc -> {
            AuditRecord row = audit.append(jdbc, new AuditEntry(now, p.event().id(), p.op().name(), p.op().party(),
                    p.op().role().name(), "step." + p.req().action().word() + (overridden ? ".override" : ""),
                    before.id(), before.status().name(), to.name(), p.req().note(), p.req().reason(),
                    p.evidence().map(FileDigest::sha256).orElse(null), EventService.json(detail)));
            if (!steps.update(jdbc, p.event().id(), before.id(), before.version(), to, now, p.op().toString(),
                    row.seq())) {
                StepView current = steps.find(jdbc, p.event(), before.id(), now).orElseThrow();
                throw new EventException(EventException.Code.STALE, "step " + before.id() + " was changed by "
                        + current.updatedBy() + " at " + current.updatedAt() + " (now " + current.status()
                        + "); reload with 'step show " + before.id() + "' and try again");
            }
            Optional<Evidence> ev = p.evidence().map(e -> new Evidence(before.id(), e.path().toString(), e.sha256(),
                    e.size(), now, p.op().toString(), row.seq()));
            ev.ifPresent(e -> steps.insertEvidence(jdbc, p.event().id(), e));
            return new StepChange(before, to, before.version() + 1, row.seq(), overridden, p.openDependencies(), ev);
        });
    }

    private static FileDigest digest(String stepId, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new EventException(EventException.Code.EVIDENCE_MISSING, "step " + stepId + ": evidence file "
                    + file + (Files.exists(file) ? " is not a regular file" : " does not exist")
                    + "; give the path of the file that shows the step was done");
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            long size = in.transferTo(java.io.OutputStream.nullOutputStream());
            String sha = HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
            return new FileDigest(file.toAbsolutePath().normalize(), sha, size);
        } catch (IOException e) {
            throw new EventException(EventException.Code.EVIDENCE_MISSING, "step " + stepId + ": evidence file "
                    + file + " cannot be read: " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
