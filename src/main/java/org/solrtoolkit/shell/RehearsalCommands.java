package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.solrtoolkit.rehearsal.SimulatedTime;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.playbook.PlaybookProblem;
import org.solrtoolkit.rehearsal.RehearsalException;
import org.solrtoolkit.rehearsal.RehearsalScore;
import org.solrtoolkit.rehearsal.RehearsalService;
import org.solrtoolkit.rehearsal.Scenario;
import org.solrtoolkit.rehearsal.ScenarioLoader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code rehearsal validate|start|status|score|end}: exercises driven by a scenario and a simulated clock. */
@Command(command = "rehearsal", group = "Rehearsal")
public class RehearsalCommands {

    private final ObjectProvider<RehearsalService> rehearsals;
    private final ScenarioLoader loader;
    private final Session session;
    private final Passwords passwords;
    private final Actors actors;
    private final ToolkitConfiguration.DatabaseHolder db;

    RehearsalCommands(ObjectProvider<RehearsalService> rehearsals, ScenarioLoader loader, Session session, Passwords passwords,
            Actors actors, ToolkitConfiguration.DatabaseHolder db) {
        this.rehearsals = rehearsals;
        this.loader = loader;
        this.session = session;
        this.passwords = passwords;
        this.actors = actors;
        this.db = db;
    }

    @Command(command = "validate", description = "Check a scenario file; every problem with file:line, exit 1 if any")
    String validate(@Option(longNames = "file", required = true, description = "scenario YAML file") String file) {
        ScenarioLoader.Validation v = loader.validate(Path.of(file));
        String lines = v.problems().stream().map(PlaybookProblem::toString).collect(Collectors.joining("\n"));
        if (v.scenario().isEmpty()) {
            throw new RehearsalException(RehearsalException.Code.BAD_SCENARIO, lines + "\n" + file + ": invalid: "
                    + v.errors().size() + " error(s)");
        }
        Scenario s = v.scenario().get();
        return (lines.isEmpty() ? "" : lines + "\n") + file + ": valid: " + s.id() + ", playbook " + s.playbook().id()
                + ", T = " + s.appointment() + ", " + fleet(s) + ", " + s.trainees().size() + " trainee(s), "
                + s.faults().size() + " fault(s)";
    }

    private static String fleet(Scenario s) {
        return s.fleet().csv().map(p -> "fleet from " + p).orElse(String.format("%,d meters generated (seed %d)",
                s.fleet().count(), s.seed()));
    }

    @Command(command = "start", description = "Start a rehearsal from a scenario: event, SMKI, fleet, trainees; clock at T")
    String start(@Option(longNames = "file", required = true, description = "scenario YAML file") String file,
            @Option(longNames = "smki-dir", description = "new or empty folder for its SMKI (default: beside the database file; for a"
                    + " server database DATABASE-smki in the current folder)")
            String smkiDir,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile) {
        db.create(); // a rehearsal starts in a new database
        // beside a database file; for a server database in the current folder, named after the database
        Path dir = smkiDir != null ? Path.of(smkiDir) : db.get().isServer() ? Path.of(db.get().name().substring(
                db.get().name().lastIndexOf('/') + 1) + "-smki") : db.get().file().resolveSibling(db.get().file()
                .getFileName() + "-smki");
        Progress[] bar = {null};
        RehearsalService.Started s;
        try {
            s = rehearsals.getObject().start(Path.of(file), dir, passwords.get(passwordFile), session.operator(), n -> {
                if (bar[0] == null) {
                    bar[0] = new Progress("fleet", n);
                }
                bar[0].update(n);
            });
        } finally {
            if (bar[0] != null) {
                bar[0].finish();
            }
        }
        db.keep();
        Event e = s.event();
        StringBuilder b = new StringBuilder();
        b.append("REHEARSAL ").append(e.id()).append(" started: ").append(s.scenario().title()).append('\n');
        b.append("playbook ").append(s.scenario().playbook().id()).append(", T = ").append(e.appointedAt())
                .append(" (the simulated clock starts there)\n");
        b.append("parties: ").append(e.parties().stream().map(Object::toString).collect(Collectors.joining(", ")))
                .append('\n');
        b.append("SMKI in ").append(s.smki()).append(String.format("; %,d meters%n", s.meters()));
        b.append(s.faults()).append(" fault(s) scheduled (the trainer's scenario says when)\n");
        b.append("trainees identify themselves with, in the shell or a script, operator login; for one-shot"
                + " commands, --as (or SOLR_TOOLKIT_OPERATOR):\n");
        for (Scenario.Trainee t : s.scenario().trainees()) {
            b.append("  operator login --name \"").append(t.name()).append("\" --party \"").append(t.party())
                    .append("\" --role ").append(t.role()).append("   |   --as \"").append(t.name()).append('@')
                    .append(t.party()).append(':').append(t.role()).append("\"\n");
        }
        s.struck().forEach(f -> b.append("FAULT ").append(f).append('\n'));
        return b.toString().stripTrailing();
    }

    @Command(command = "status", description = "The rehearsal's clock, faults that struck, the fleet and overdue steps")
    String status(@Option(longNames = "format", defaultValue = "table", description = "table or json") String format) {
        Format f = Format.parse(format);
        RehearsalService.Status s = rehearsals.getObject().status();
        Event e = s.event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rehearsal", true);
        m.put("event", e.id());
        m.put("scenario", s.rehearsal().scenarioId());
        m.put("state", s.rehearsal().running() ? "RUNNING" : "ENDED");
        m.put("clock", s.rehearsal().clock().toString());
        m.put("since_t", SimulatedTime.offset(e, s.rehearsal().clock()));
        m.put("prepayment_meters", s.prepayment());
        m.put("off_supply", s.offSupply());
        m.put("unprotected_prepayment", s.unprotected());
        m.put("not_migrated", s.notMigrated());
        m.put("faults", s.faults().stream().map(x -> Map.of("fault", x.ordinal(), "type", x.type(), "at",
                SimulatedTime.offset(e, x.at()), "state", x.state(), "what", x.what())).toList());
        m.put("overdue_steps", s.overdue().stream().map(v -> v.id() + " " + v.role() + " due " + v.due()).toList());
        m.put("trainees", s.trainees().stream().map(t -> t.name() + "@" + t.party() + ":" + t.role()).toList());
        if (f == Format.JSON) {
            return Rendered.json(m);
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("rehearsal %s (%s), %s, clock %s (%s)%n", e.id(), s.rehearsal().scenarioId(),
                m.get("state"), s.rehearsal().clock(), m.get("since_t")));
        b.append(String.format("fleet: %,d prepayment meters, %,d off supply now, %,d not yet protected (never disabled or"
                + " migrated), %,d meters not yet migrated%n", s.prepayment(), s.offSupply(), s.unprotected(),
                s.notMigrated()));
        if (s.faults().isEmpty()) {
            b.append("no fault has struck yet\n");
        }
        s.faults().forEach(x -> b.append(String.format("fault %d %s at %s (%s): %s%n", x.ordinal(), x.type(),
                SimulatedTime.offset(e, x.at()), x.state(), x.what())));
        b.append(s.overdue().isEmpty() ? "no step overdue" : s.overdue().size() + " step(s) overdue: "
                + s.overdue().stream().map(v -> v.id() + " (" + v.role() + ", " + v.due() + ")")
                        .collect(Collectors.joining(", ")));
        return b.toString();
    }

    @Command(command = "score", description = "Per role: steps on time and late; customers off supply; protection and campaign times")
    String score(@Option(longNames = "format", defaultValue = "table", description = "table or json") String format) {
        Format f = Format.parse(format);
        return render(rehearsals.getObject().score(), f);
    }

    @Command(command = "end", description = "End the rehearsal at its simulated time and print its score")
    String end(@Option(longNames = "format", defaultValue = "table", description = "table or json") String format) {
        Format f = Format.parse(format);
        return render(rehearsals.getObject().end(actors.current()), f);
    }

    static String render(RehearsalScore.Score s, Format f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rehearsal", true);
        m.put("event", s.eventId());
        m.put("scenario", s.scenarioId());
        m.put("state", s.ended() ? "ENDED" : "RUNNING");
        m.put("appointment", s.appointment().toString());
        m.put("clock", s.clock().toString());
        m.put("since_t", SimulatedTime.offset(s.appointment(), s.clock()));
        List<Map<String, Object>> roles = new ArrayList<>();
        for (RehearsalScore.RoleScore r : s.roles()) {
            Map<String, Object> row = Rendered.map();
            row.put("role", r.role().name());
            row.put("steps", r.steps());
            row.put("on_time", r.onTime());
            row.put("late", r.late());
            row.put("overdue", r.overdue());
            row.put("open", r.open());
            row.put("skipped", r.skipped());
            row.put("overrides", r.overrides());
            roles.add(row);
        }
        m.put("roles", roles);
        m.put("late_steps", s.lateSteps());
        m.put("overdue_steps", s.overdueSteps());
        RehearsalScore.SupplyScore sup = s.supply();
        Map<String, Object> supply = new LinkedHashMap<>();
        supply.put("prepayment_meters", sup.prepayment());
        supply.put("lost_supply", sup.lostSupply());
        supply.put("lost_supply_psr", sup.lostSupplyPsr());
        supply.put("off_supply_now", sup.offSupplyNow());
        supply.put("peak_off_supply", sup.peakOffSupply());
        supply.put("customer_hours_off_supply", sup.customerHours());
        supply.put("customer_hours_off_supply_electricity", sup.customerHoursElectricity());
        supply.put("customer_hours_off_supply_gas", sup.customerHoursGas());
        supply.put("unprotected_now", sup.unprotectedNow());
        supply.put("all_protected_at", sup.allProtectedAt().map(a -> SimulatedTime.offset(s.appointment(), a))
                .orElse(null));
        supply.put("first_losses", sup.firstLosses());
        m.put("supply", supply);
        RehearsalScore.CampaignScore c = s.campaign();
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("started", c.firstRun().map(a -> SimulatedTime.offset(s.appointment(), a)).orElse(null));
        campaign.put("completed", c.completedAt().map(a -> SimulatedTime.offset(s.appointment(), a)).orElse(null));
        campaign.put("hours_from_first_run", c.firstRun().flatMap(a -> c.completedAt().map(b ->
                Duration.between(a, b).toMinutes() / 60.0)).orElse(null));
        campaign.put("meters", c.total());
        campaign.put("outcomes", c.states());
        m.put("campaign", campaign);
        m.put("faults", s.faults().stream().map(x -> x.ordinal() + " " + x.type() + " at " + SimulatedTime.offset(
                s.appointment(), x.at()) + " (" + x.state() + ")").toList());
        if (f == Format.JSON) {
            return Rendered.json(m);
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format("REHEARSAL SCORE %s (%s), %s at %s%n%n", s.eventId(), s.scenarioId(), m.get("state"),
                m.get("since_t")));
        b.append(Rendered.table(roles, List.of("role", "steps", "on_time", "late", "overdue", "open", "skipped",
                "overrides"))).append("\n");
        s.lateSteps().forEach(x -> b.append("late: ").append(x).append('\n'));
        s.overdueSteps().forEach(x -> b.append("overdue: ").append(x).append('\n'));
        b.append('\n');
        b.append(String.format("prepayment customers who lost supply: %,d (%,d on the PSR) of %,d; off supply now: %,d;"
                + " at worst %,d at once%n", sup.lostSupply(), sup.lostSupplyPsr(), sup.prepayment(),
                sup.offSupplyNow(), sup.peakOffSupply()));
        b.append(String.format("customer-hours off supply: %,.1f (electricity %,.1f, gas %,.1f; armed supplies count"
                + " until the customer pressed the button)%n", sup.customerHours(), sup.customerHoursElectricity(),
                sup.customerHoursGas()));
        b.append("every prepayment customer protected (never disabled or migrated): ").append(sup.allProtectedAt()
                .map(a -> "at " + SimulatedTime.offset(s.appointment(), a)).orElse(String.format("not yet (%,d"
                        + " unprotected)", sup.unprotectedNow()))).append('\n');
        b.append("campaign: ").append(!c.started() ? "not run" : "first run at " + campaign.get("started") + ", "
                + (c.completedAt().isPresent() ? "complete at " + campaign.get("completed") + String.format(" (%.1f h)",
                        (Double) campaign.get("hours_from_first_run")) : "not complete") + ", outcomes " + c.states())
                .append('\n');
        if (!sup.firstLosses().isEmpty()) {
            b.append("first to lose supply: ").append(String.join("; ", sup.firstLosses())).append('\n');
        }
        if (!s.faults().isEmpty()) {
            b.append("faults: ").append(String.join("; ", (List<String>) m.get("faults")));
        }
        return b.toString().stripTrailing();
    }
}
