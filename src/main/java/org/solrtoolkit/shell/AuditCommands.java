package org.solrtoolkit.shell;

import java.util.List;
import java.util.Map;
import org.solrtoolkit.audit.AuditException;
import org.solrtoolkit.audit.AuditRecord;
import org.solrtoolkit.event.AuditTrail;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.IntegrityReport;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code audit log|verify}: the tamper-evident record of every change. */
@Command(command = "audit", group = "Audit")
public class AuditCommands {

    static final List<String> COLUMNS = List.of("seq", "at", "actor", "party", "role", "action", "subject", "before",
            "after", "note", "reason", "evidence_sha256", "detail", "prev_hash", "hash");
    static final List<String> SHORT_COLUMNS = List.of("seq", "at", "actor", "party", "role", "action", "before",
            "after", "note", "reason");

    private final EventService events;
    private final AuditTrail trail;

    AuditCommands(EventService events, AuditTrail trail) {
        this.events = events;
        this.trail = trail;
    }

    @Command(command = "log", description = "Audit rows of the current event (or of one step)")
    String log(@Option(longNames = "step", description = "only this step") @OptionValues(provider = "stepIds") String step,
            @Option(longNames = "format", defaultValue = "table", description = "table, json or csv") String format) {
        Format f = Format.parse(format);
        List<Map<String, Object>> rows = trail.log(events.requireCurrent(), step).stream().map(AuditCommands::row).toList();
        return Rendered.rows(f, rows, f == Format.TABLE ? SHORT_COLUMNS : COLUMNS);
    }

    @Command(command = "verify", description = "Check the hash chain and step states; exit 1 naming the first bad row")
    String verify(@Option(longNames = "format", defaultValue = "table", description = "table (text) or json") String format) {
        boolean json = Format.parse(format) == Format.JSON;
        IntegrityReport r = trail.verify();
        if (!r.chain().ok()) {
            throw new AuditException(AuditException.Code.CHAIN_BROKEN, "audit verify FAILED: " + r.firstProblem());
        }
        if (!r.ok()) {
            throw new AuditException(AuditException.Code.STATE_MISMATCH, "audit verify FAILED: " + r.firstProblem()
                    + (r.stateProblems().size() > 1 ? " (and " + (r.stateProblems().size() - 1) + " more)" : ""));
        }
        if (json) {
            Map<String, Object> m = Rendered.map();
            m.put("ok", true);
            m.put("rows", r.chain().rowsChecked());
            m.put("head_hash", r.chain().headHash());
            return Rendered.json(m);
        }
        return "audit verify OK: " + r.chain().rowsChecked() + " rows, chain intact, step states match;"
                + " head " + r.chain().headHash();
    }

    static Map<String, Object> row(AuditRecord a) {
        Map<String, Object> r = Rendered.map();
        r.put("seq", a.seq());
        r.put("at", a.at());
        r.put("actor", a.entry().actor());
        r.put("party", a.entry().party());
        r.put("role", a.entry().role());
        r.put("action", a.entry().action());
        r.put("subject", a.entry().subject());
        r.put("before", a.entry().before());
        r.put("after", a.entry().after());
        r.put("note", a.entry().note());
        r.put("reason", a.entry().reason());
        r.put("evidence_sha256", a.entry().evidenceSha256());
        r.put("detail", a.entry().detail());
        r.put("prev_hash", a.prevHash());
        r.put("hash", a.hash());
        return r;
    }
}
