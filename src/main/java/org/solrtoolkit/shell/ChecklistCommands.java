package org.solrtoolkit.shell;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventException;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.StepStatus;
import org.solrtoolkit.event.StepView;
import org.solrtoolkit.playbook.PartyRole;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.CommandAvailability;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code checklist show|next}: the current event's steps, due times and what to do next. */
@Command(command = "checklist", group = "Checklist")
public class ChecklistCommands {

    static final List<String> COLUMNS = List.of("id", "role", "phase", "status", "due", "due_at", "overdue", "title");

    private final EventService events;
    private final ChecklistService checklist;
    private final Session session;

    private final ObjectProvider<org.solrtoolkit.migration.CampaignService> campaigns;

    private final ToolkitConfiguration.DatabaseHolder db;

    ChecklistCommands(EventService events, ChecklistService checklist, Session session,
            ObjectProvider<org.solrtoolkit.migration.CampaignService> campaigns, ToolkitConfiguration.DatabaseHolder db) {
        this.db = db;
        this.events = events;
        this.checklist = checklist;
        this.session = session;
        this.campaigns = campaigns;
    }

    @Command(command = "benchmark", description = "The shared event's load benchmark: one operator works its role's steps"
            + " for --seconds and writes --out; --summary DIR checks and sums up the operators' files")
    String benchmark(@Option(longNames = "seconds", defaultValue = "60", description = "how long to work") long seconds,
            @Option(longNames = "out", description = "this operator's result file (JSON)") String out,
            @Option(longNames = "seed", defaultValue = "1", description = "which steps, in which order") long seed,
            @Option(longNames = "summary", description = "folder of the operators' files: check and sum up") String summary)
            throws java.io.IOException {
        org.solrtoolkit.event.ChecklistLoad load = new org.solrtoolkit.event.ChecklistLoad(db, checklist);
        if (summary != null) {
            var s = load.summarise(java.nio.file.Path.of(summary), seconds);
            boolean ok = s.lost() == 0 && s.forks() == 0 && s.chainOk();
            String text = String.format("%d operators, %d s: %,d step changes committed, %.1f per second; latency median %.0f"
                    + " ms, 99th percentile %.0f ms; %,d stale refusals (two operators on one step: one winner), %,d"
                    + " failures while the server was down; lost updates %d, audit chain forks %d, audit verify %s%n%s",
                    s.operators(), seconds, s.changes(), s.perSecond(), s.medianMillis(), s.p99Millis(), s.stale(),
                    s.down(), s.lost(), s.forks(), s.chainOk() ? "OK" : "BROKEN: " + s.chainProblem(),
                    ok ? "PASS: no lost update, no fork, the chain verifies" : "FAIL");
            if (!ok) {
                throw new EventException(EventException.Code.BAD_INPUT, text.replace('\n', ' '));
            }
            return text;
        }
        if (out == null) {
            throw new UsageException("give --out FILE (one operator's run) or --summary DIR (the operators' files)");
        }
        // a server down when this operator starts is waited for, within the run's time, as a person would retry
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        Event event = null;
        org.solrtoolkit.event.Operator op = null;
        while (op == null) {
            try {
                event = events.requireCurrent();
                op = session.requireOperator();
            } catch (org.solrtoolkit.store.StoreException e) {
                if (System.nanoTime() > until || e.errorCode() != org.solrtoolkit.store.StoreException.Code.UNREACHABLE) {
                    throw e;
                }
                db.reset();
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        long left = Math.max(1, (until - System.nanoTime()) / 1_000_000_000L);
        var r = load.work(event, op, left, seed, java.nio.file.Path.of(out));
        return op + ": " + r.get("changes") + " changes, " + r.get("stale") + " stale, "
                + r.get("down") + " failures while the server was down" + (((java.util.List<?>) r.get("down_lines"))
                        .isEmpty() ? "" : "; e.g. " + ((java.util.List<?>) r.get("down_lines")).get(0));
    }

    @Command(command = "show", description = "Steps with status, due time and overdue flag")
    String show(@Option(longNames = "role", description = "only this role's steps") @OptionValues(provider = "roles")
            String role,
            @Option(longNames = "phase", description = "only this phase (e.g. P2)") String phase,
            @Option(longNames = "status", description = "only this status") @OptionValues(provider = "statuses")
            String status,
            @Option(longNames = "format", defaultValue = "table", description = "table, json or csv") String format) {
        Format f = Format.parse(format);
        Event e = events.requireCurrent();
        boolean overdue = status != null && status.trim().equalsIgnoreCase(OVERDUE);
        List<StepView> steps = checklist.show(e, Optional.ofNullable(role).map(ChecklistCommands::role),
                Optional.ofNullable(phase), Optional.ofNullable(overdue ? null : status).map(ChecklistCommands::status))
                .stream().filter(s -> !overdue || s.overdue()).toList();
        return render(e, steps, f) + (f == Format.TABLE ? campaignProgress(e) : "");
    }

    /** The progress of the campaign on the steps it implements (automation: campaign-run / campaign-verify). */
    private String campaignProgress(Event e) {
        List<String> linked = new java.util.ArrayList<>(checklist.automatedSteps(e, "campaign-run"));
        linked.addAll(checklist.automatedSteps(e, "campaign-verify"));
        return campaigns.getObject().status(e).filter(c -> !linked.isEmpty()).map(c -> {
            long applied = c.states().getOrDefault(org.solrtoolkit.migration.ItemState.APPLIED, 0L);
            long pending = c.states().getOrDefault(org.solrtoolkit.migration.ItemState.PENDING, 0L);
            return String.format("%n%s: campaign %d, %,d of %,d meters applied (%.1f%%), %,d with exceptions,"
                    + " %,d pending", String.join(", ", linked), c.campaignId(), applied, c.total(),
                    100.0 * applied / Math.max(1, c.total()), c.total() - applied - pending, pending);
        }).orElse("");
    }

    @Command(command = "next", description = "Steps of my role whose dependencies are done")
    @CommandAvailability(provider = "operatorAvailability")
    String next(@Option(longNames = "format", defaultValue = "table", description = "table, json or csv") String format) {
        Format f = Format.parse(format);
        Event e = events.requireCurrent();
        return render(e, checklist.next(e, session.requireOperator()), f);
    }

    static String render(Event e, List<StepView> steps, Format f) {
        List<Map<String, Object>> rows = steps.stream().map(ChecklistCommands::row).toList();
        return Rendered.rows(f, rows, COLUMNS); // a rehearsal's banner comes from RehearsalBanner
    }

    static Map<String, Object> row(StepView s) {
        Map<String, Object> r = Rendered.map();
        r.put("id", s.id());
        r.put("role", s.role().name());
        r.put("phase", s.phase());
        r.put("status", s.status().name());
        r.put("due", s.due());
        r.put("due_at", s.dueAt().map(Object::toString).orElse(""));
        r.put("overdue", s.overdue());
        r.put("title", s.title());
        return r;
    }

    static PartyRole role(String text) {
        return PartyRole.find(text).orElseThrow(() -> new EventException(EventException.Code.BAD_INPUT,
                "--role '" + text + "' is not a role (" + PartyRole.names() + ")"));
    }

    /** Not a status but the flag the table shows: open steps past T + deadline. */
    static final String OVERDUE = "OVERDUE";

    static StepStatus status(String text) {
        try {
            return StepStatus.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new EventException(EventException.Code.BAD_INPUT, "--status '" + text
                    + "' is not a status (" + java.util.Arrays.toString(StepStatus.values()) + ", or OVERDUE)");
        }
    }
}
