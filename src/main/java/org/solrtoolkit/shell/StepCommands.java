package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.StepAction;
import org.solrtoolkit.event.StepChange;
import org.solrtoolkit.event.StepDetail;
import org.solrtoolkit.event.StepRequest;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.CommandAvailability;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code step start|done|block|skip|reopen|show}: work a step of the current event. */
@Command(command = "step", group = "Checklist")
public class StepCommands {

    private final EventService events;
    private final ChecklistService checklist;
    private final Session session;

    StepCommands(EventService events, ChecklistService checklist, Session session) {
        this.events = events;
        this.checklist = checklist;
        this.session = session;
    }

    @Command(command = "start", description = "Start a step (or resume a blocked one)")
    @CommandAvailability(provider = "operatorAvailability")
    String start(@Option(longNames = "id", required = true) @OptionValues(provider = "stepIds") String id,
            @Option(longNames = "note") String note, @Option(longNames = "evidence") String evidence) {
        return apply(new StepRequest(id, StepAction.START, note, null, path(evidence), false));
    }

    @Command(command = "done", description = "Mark a step done; needs its dependencies done unless --override --reason")
    @CommandAvailability(provider = "operatorAvailability")
    String done(@Option(longNames = "id", required = true) @OptionValues(provider = "stepIds") String id,
            @Option(longNames = "note") String note, @Option(longNames = "evidence") String evidence,
            @Option(longNames = "reason") String reason,
            @Option(longNames = "override", defaultValue = "false") boolean override) {
        return apply(new StepRequest(id, StepAction.DONE, note, reason, path(evidence), override));
    }

    @Command(command = "block", description = "Mark a step blocked; needs --reason")
    @CommandAvailability(provider = "operatorAvailability")
    String block(@Option(longNames = "id", required = true) @OptionValues(provider = "stepIds") String id,
            @Option(longNames = "reason") String reason, @Option(longNames = "note") String note,
            @Option(longNames = "evidence") String evidence) {
        return apply(new StepRequest(id, StepAction.BLOCK, note, reason, path(evidence), false));
    }

    @Command(command = "skip", description = "Skip a step; needs --reason")
    @CommandAvailability(provider = "operatorAvailability")
    String skip(@Option(longNames = "id", required = true) @OptionValues(provider = "stepIds") String id,
            @Option(longNames = "reason") String reason, @Option(longNames = "note") String note,
            @Option(longNames = "evidence") String evidence) {
        return apply(new StepRequest(id, StepAction.SKIP, note, reason, path(evidence), false));
    }

    @Command(command = "reopen", description = "Reopen a done or skipped step; needs --reason")
    @CommandAvailability(provider = "operatorAvailability")
    String reopen(@Option(longNames = "id", required = true) @OptionValues(provider = "stepIds") String id,
            @Option(longNames = "reason") String reason, @Option(longNames = "note") String note,
            @Option(longNames = "evidence") String evidence) {
        return apply(new StepRequest(id, StepAction.REOPEN, note, reason, path(evidence), false));
    }

    @Command(command = "show", description = "A step, its history and its evidence")
    String show(@Option(longNames = "id", required = true) @OptionValues(provider = "stepIds") String id,
            @Option(longNames = "format", defaultValue = "table", description = "table or json") String format) {
        Event e = events.requireCurrent();
        StepDetail d = checklist.detail(e, id);
        Map<String, Object> doc = Rendered.map();
        doc.putAll(ChecklistCommands.row(d.step()));
        doc.put("version", d.step().version());
        doc.put("depends_on", d.step().dependsOn());
        doc.put("description", d.step().description());
        doc.put("evidence_expected", d.step().evidenceExpected());
        doc.put("source", d.step().source());
        doc.put("updated_by", d.step().updatedBy());
        doc.put("updated_at", d.step().updatedAt() == null ? null : d.step().updatedAt().toString());
        List<Map<String, Object>> history = d.history().stream().map(AuditCommands::row).toList();
        List<Map<String, Object>> evidence = d.evidence().stream().map(ev -> {
            Map<String, Object> r = Rendered.map();
            r.put("sha256", ev.sha256());
            r.put("size", ev.size());
            r.put("path", ev.path());
            r.put("added_by", ev.addedBy());
            r.put("added_at", ev.addedAt().toString());
            r.put("audit_seq", ev.auditSeq());
            return r;
        }).toList();
        if (Format.parse(format) == Format.JSON) {
            doc.put("history", history);
            doc.put("evidence", evidence);
            return Rendered.json(doc);
        }
        return Rendered.record(doc) + "\n\nhistory:\n" + Rendered.table(history, AuditCommands.SHORT_COLUMNS)
                + "\n\nevidence:\n" + Rendered.table(evidence, List.of("sha256", "size", "path", "added_by"));
    }

    private String apply(StepRequest req) {
        Event e = events.requireCurrent();
        StepChange c = checklist.change(e, session.requireOperator(), req);
        return (e.isRehearsal() ? "REHEARSAL " : "") + c.before().id() + ": " + c.before().status() + " -> "
                + c.after() + " (audit #" + c.auditSeq() + ")"
                + (c.overridden() ? "; dependencies overridden: " + String.join(", ", c.openDependencies()) : "")
                + c.evidence().map(ev -> "; evidence sha256 " + ev.sha256()).orElse("");
    }

    private static Path path(String evidence) {
        return evidence == null || evidence.isBlank() ? null : Path.of(evidence);
    }

}
