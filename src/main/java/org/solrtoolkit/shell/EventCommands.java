package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.Instants;
import org.solrtoolkit.event.NewEvent;
import org.solrtoolkit.event.Party;
import org.solrtoolkit.event.StepStatus;
import org.solrtoolkit.event.StepView;
import org.solrtoolkit.playbook.Playbook;
import org.solrtoolkit.playbook.PlaybookCatalog;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code event create|list|use|show}: open an event and choose the current one. */
@Command(command = "event", group = "Events")
public class EventCommands {

    private final EventService events;
    private final ChecklistService checklist;
    private final PlaybookCatalog playbooks;
    private final Session session;
    private final ToolkitConfiguration.DatabaseHolder db;
    private final Actors actors;
    private final org.springframework.beans.factory.ObjectProvider<org.solrtoolkit.event.EventTransfer> transfers;

    EventCommands(EventService events, ChecklistService checklist, PlaybookCatalog playbooks, Session session,
            ToolkitConfiguration.DatabaseHolder db, Actors actors,
            org.springframework.beans.factory.ObjectProvider<org.solrtoolkit.event.EventTransfer> transfers) {
        this.db = db;
        this.actors = actors;
        this.transfers = transfers;
        this.events = events;
        this.checklist = checklist;
        this.playbooks = playbooks;
        this.session = session;
    }

    @Command(command = "create", description = "Open an event from a playbook; prints its id and makes it current")
    String create(
            @Option(longNames = "name", required = true, description = "event name") String name,
            @Option(longNames = "failing-supplier", description = "Failing Supplier party (SoLR playbooks)") String fs,
            @Option(longNames = "solr", description = "Supplier of Last Resort party (SoLR playbooks)") String solr,
            @Option(longNames = "srp", description = "NAME:ACTS_FOR, repeatable") String srp,
            @Option(longNames = "party", description = "NAME:ROLE for other roles (DCC, PMA, AFFECTED_PARTY), repeatable")
            String party,
            @Option(longNames = "appointed-at", required = true, description = "T, e.g. 2026-11-20T09:00:00Z")
            String appointedAt,
            @Option(longNames = "playbook", required = true, description = "playbook id or file") String playbook,
            @Option(longNames = "rehearsal", defaultValue = "false", description = "a rehearsal, not a live event") boolean rehearsal,
            @Option(longNames = "dir", defaultValue = "playbooks", description = "playbook directory") String dir,
            CommandContext ctx) {
        List<NewEvent.Srp> srps = RepeatedOption.values(ctx, "srp").stream().map(NewEvent.Srp::parse).toList();
        List<org.solrtoolkit.event.Party> others = RepeatedOption.values(ctx, "party").stream().map(NewEvent::party)
                .toList();
        NewEvent req = new NewEvent(name, fs, solr, srps, Instants.parse("--appointed-at", appointedAt), rehearsal,
                others);
        Playbook p = playbooks.find(PlaybookDir.of(dir), playbook);
        db.create(); // the one command, with rehearsal start and pki init, that makes a database
        Optional<String> before = events.current().map(Event::id);
        String id = events.create(req, p, session.operator()).id();
        db.keep();
        // stdout stays the id alone (scripts capture it); the switch of current event is said on stderr
        before.filter(b -> !b.equals(id)).ifPresent(b -> {
            System.err.println(id + " is now the current event (was " + b + "; 'event use " + b + "' switches back)");
            System.err.flush();
        });
        return id;
    }

    @Command(command = "list", description = "Events in this database")
    String list(@Option(longNames = "format", defaultValue = "table", description = "table, json or csv") String format) {
        String current = events.current().map(Event::id).orElse("");
        List<Map<String, Object>> rows = events.list().stream().map(e -> {
            Map<String, Object> r = summary(e);
            r.put("current", e.id().equals(current));
            return r;
        }).toList();
        return Rendered.rows(Format.parse(format), rows,
                List.of("id", "name", "mode", "appointed_at", "playbook", "current"));
    }

    @Command(command = "export", description = "Write this database's events, audit chain and records to a file (or"
            + " straight into another database with --to)")
    String export(@Option(longNames = "file", required = true, description = "a new .zip file") String file,
            @Option(longNames = "to", description = "a new, empty database (postgresql:// URL or file) to import into")
            String to) {
        org.solrtoolkit.event.EventTransfer.Moved m = transfers.getObject().export(Path.of(file), actors.current());
        String out = String.format("exported %d event(s) (%s) to %s: %,d rows, audit chain head %s", m.events().size(),
                String.join(", ", m.events()), m.file(), m.rows().values().stream().mapToLong(Long::longValue).sum(),
                m.auditHead());
        if (to == null) {
            return out;
        }
        ToolkitConfiguration.DatabaseHolder target = new ToolkitConfiguration.DatabaseHolder(to);
        target.create();
        org.solrtoolkit.event.EventTransfer.Moved in;
        try {
            in = transfers.getObject().on(target).importFile(Path.of(file), actors.current());
        } catch (RuntimeException e) {
            target.discardIfCreated();
            throw e;
        }
        target.keep();
        return out + "\nimported into " + target.get().name() + ": audit chain verifies, head " + in.auditHead();
    }

    @Command(command = "import", description = "Load an event export into this (new, empty) database; its audit chain"
            + " must verify")
    String importEvent(@Option(longNames = "file", required = true, description = "an event export .zip") String file) {
        db.create();
        org.solrtoolkit.event.EventTransfer.Moved m = transfers.getObject().importFile(Path.of(file), actors.current());
        db.keep();
        return String.format("imported %d event(s) (%s) from %s: %,d rows; audit chain verifies, head %s",
                m.events().size(), String.join(", ", m.events()), m.file(), m.rows().values().stream()
                        .mapToLong(Long::longValue).sum(), m.auditHead());
    }

    @Command(command = "use", description = "Make an event the current one")
    String use(@Option(longNames = "id", required = true, description = "event id") @OptionValues(provider = "eventIds")
            String id) {
        Event e = events.use(id);
        return "current event: " + e.id() + " (" + e.name() + (e.isRehearsal() ? ", REHEARSAL" : "") + ")";
    }

    @Command(command = "show", description = "An event: parties, T, playbook and progress")
    String show(@Option(longNames = "id", description = "event id (default: current)") @OptionValues(provider = "eventIds")
            String id,
            @Option(longNames = "format", defaultValue = "table", description = "table or json") String format) {
        Event e = events.getOrCurrent(id);
        List<StepView> steps = checklist.steps(e);
        Map<StepStatus, Long> counts = new EnumMap<>(StepStatus.class);
        steps.forEach(s -> counts.merge(s.status(), 1L, Long::sum));
        Map<String, Object> doc = summary(e);
        doc.put("playbook_title", e.playbookTitle());
        doc.put("playbook_sha256", e.playbookSha256());
        doc.put("created_at", e.createdAt().toString());
        doc.put("created_by", e.createdBy());
        doc.put("parties", e.parties().stream().map(EventCommands::party).toList());
        doc.put("steps", steps.size());
        doc.put("status", counts.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue()).toList());
        doc.put("overdue", steps.stream().filter(StepView::overdue).map(StepView::id).toList());
        if (Format.parse(format) == Format.JSON) {
            return Rendered.json(doc);
        }
        doc.put("parties", e.parties().stream().map(Party::toString).toList().toString());
        return Rendered.record(doc);
    }

    private static Map<String, Object> summary(Event e) {
        Map<String, Object> r = Rendered.map();
        r.put("id", e.id());
        r.put("name", e.name());
        r.put("mode", e.mode().name());
        r.put("appointed_at", e.appointedAt().toString());
        r.put("playbook", e.playbookId() + " " + e.playbookVersion());
        return r;
    }

    private static Map<String, Object> party(Party p) {
        Map<String, Object> m = Rendered.map();
        m.put("name", p.name());
        m.put("role", p.role().name());
        m.put("acts_for", Optional.ofNullable(p.actsFor()).orElse(null));
        return m;
    }
}
