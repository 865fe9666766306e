package org.solrtoolkit.rehearsal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.FleetGenerator;
import org.solrtoolkit.device.FleetSamples;
import org.solrtoolkit.device.FleetService;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.event.StepStatus;
import org.solrtoolkit.event.StepView;
import org.solrtoolkit.migration.CampaignService;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.store.Database;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Rehearsals (design.md "Simulation rules"): a scenario starts an event in REHEARSAL mode with its
 * own SMKI and fleet in a database that holds no live event, at the appointment time T of a
 * simulated clock ({@link RehearsalStart}). Moving the clock runs what happens in that time, in one
 * transaction: the fleet's consumption ({@link Consumption}), faults striking and ending at their
 * times ({@link FaultSchedule}), and deadlines passing. The score ({@link RehearsalScore}) is
 * computed from what the database recorded.
 */
public final class RehearsalService {

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final RehearsalNetwork network;
    private final EventService events;
    private final ChecklistService checklist;
    private final RehearsalRepository repo = new RehearsalRepository();
    private final MeterStore meters = new MeterStore();
    private final Consumption consumption;
    private final FaultSchedule faults;
    private final RehearsalScore scoring;
    private final RehearsalStart starter;

    public RehearsalService(Supplier<Database> db, AuditLog audit, Clock clock, RehearsalNetwork network,
            EventService events, ChecklistService checklist, PkiService pki, FleetGenerator generator,
            FleetService fleet, CampaignService campaigns, ScenarioLoader loader) {
        this.db = db;
        this.audit = audit;
        this.network = network;
        this.events = events;
        this.checklist = checklist;
        FleetSamples samples = new FleetSamples(meters);
        this.consumption = new Consumption(repo, meters, samples);
        this.faults = new FaultSchedule(repo, audit, network, pki, meters, clock);
        this.scoring = new RehearsalScore(repo, audit, checklist, campaigns, meters, samples, faults);
        this.starter = new RehearsalStart(db, audit, events, pki, generator, fleet, loader, repo, meters, samples,
                faults, network);
    }

    /** A rehearsal as stored: its scenario, seed, simulated clock, start, end and protection time. */
    public record Rehearsal(String eventId, String scenarioId, String scenarioFile, long seed, Instant clock,
            Instant startedAt, Optional<Instant> endedAt, Optional<Instant> protectedAt, double customerHours,
            double customerHoursGas) {
        public boolean running() {
            return endedAt.isEmpty();
        }
    }

    /** What starting a rehearsal made. */
    public record Started(Event event, Scenario scenario, Path smki, long meters, int faults, List<String> struck) {
    }

    /** What moving the clock did. */
    public record Moved(Instant from, Instant to, long lostSupply, long lostSupplyPsr, double customerHours,
            long offSupply, List<String> faults, List<String> deadlinesPassed) {
    }

    /**
     * Lets a scenario's scheduled protective requests ({@code type: protect}) be sent with {@code
     * protection}, signed with keys opened with {@code password} (asked for only when one is due).
     */
    public RehearsalService protection(java.util.function.Supplier<org.solrtoolkit.migration.ProtectionService> protection,
            java.util.function.Supplier<char[]> password) {
        faults.protector((event, as, step) -> protection.get().protect(event, as, Optional.empty(), List.of(step),
                password.get(), new Actor(as.name(), as.party(), as.role().name(), event.id(), true)));
        return this;
    }

    /** Where a rehearsal stands: its clock, the faults that have struck, the fleet and the overdue steps. */
    public record Status(Rehearsal rehearsal, Event event, List<FaultView> faults, long offSupply, long unprotected,
            long notMigrated, long prepayment, List<StepView> overdue, List<Scenario.Trainee> trainees) {
    }

    /** A fault that has struck (pending ones stay hidden from trainees). */
    public record FaultView(int ordinal, String type, Instant at, Optional<Instant> until, String state, String what) {
    }

    /**
     * Starts the rehearsal of scenario {@code file}; see {@link RehearsalStart#start}.
     *
     * @throws RehearsalException BAD_SCENARIO, LIVE_DATABASE, RUNNING or NOT_EMPTY (nothing is written)
     */
    public Started start(Path file, Path smkiDir, char[] password, Optional<Operator> by, LongConsumer progress) {
        return starter.start(file, smkiDir, password, by, progress);
    }

    // ---- the current rehearsal

    /** The rehearsal of the current event, running or ended; empty if the current event is live or there is none. */
    public Optional<Rehearsal> current() {
        return events.current().filter(Event::isRehearsal).flatMap(e -> repo.find(db.get().jdbc(), e.id()));
    }

    /** The running rehearsal of this database, if any. */
    public Optional<Rehearsal> running() {
        NamedParameterJdbcTemplate jdbc = db.get().jdbc();
        return repo.runningId(jdbc).flatMap(id -> repo.find(jdbc, id));
    }

    /**
     * The rehearsal the current event is, which must be running.
     *
     * @throws RehearsalException NOT_A_REHEARSAL for a live event; NO_REHEARSAL otherwise
     */
    public Rehearsal requireRunning() {
        Optional<Event> e = events.current();
        if (e.isPresent() && !e.get().isRehearsal()) {
            throw new RehearsalException(RehearsalException.Code.NOT_A_REHEARSAL, "the current event " + e.get().id()
                    + " is LIVE: the clock of a live event is real time and cannot be moved or set (rehearsal only)");
        }
        Rehearsal r = current().orElseThrow(() -> new RehearsalException(RehearsalException.Code.NO_REHEARSAL,
                "no rehearsal is running: start one with 'rehearsal start FILE' (e.g."
                        + " playbooks/scenarios/quickstart.yaml)"));
        if (!r.running()) {
            throw new RehearsalException(RehearsalException.Code.NO_REHEARSAL, "rehearsal " + r.eventId() + " ended at "
                    + r.endedAt().get() + "; start a new one with 'rehearsal start FILE' in a new {db}");
        }
        return r;
    }

    /** The current rehearsal, or else the last one started in this database (for its score after it ended). */
    public Rehearsal currentOrLast() {
        NamedParameterJdbcTemplate jdbc = db.get().jdbc();
        return current().or(() -> repo.lastStartedId(jdbc).flatMap(id -> repo.find(jdbc, id)))
                .orElseThrow(() -> new RehearsalException(RehearsalException.Code.NO_REHEARSAL, "this database has no"
                        + " rehearsal: start one with 'rehearsal start FILE'"));
    }

    // ---- the clock

    /**
     * Moves the simulated clock forward by {@code text} ({@code 30m}, {@code 6h}, {@code 3d}, {@code 1d12h}).
     *
     * @throws RehearsalException BAD_OPTION for a malformed, zero or negative duration (nothing is written)
     */
    public Moved advance(String text, Actor actor) {
        Duration d = SimulatedTime.parseDuration(text);
        Rehearsal r = requireRunning();
        return moveTo(r, r.clock().plus(d), actor, "clock.advance");
    }

    /**
     * Sets the simulated clock to {@code text}, an ISO instant after the simulated time now.
     *
     * @throws RehearsalException BAD_INPUT for a malformed instant or one not after now (the clock
     *     never goes back: what happened stays happened)
     */
    public Moved set(String text, Actor actor) {
        Instant to;
        try {
            to = Instant.parse(text == null ? "" : text.trim()).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new RehearsalException(RehearsalException.Code.BAD_OPTION, "clock set '" + text + "' is not an ISO-8601"
                    + " instant such as 2026-11-20T15:00:00Z");
        }
        Rehearsal r = requireRunning();
        if (!to.isAfter(r.clock())) {
            throw new RehearsalException(RehearsalException.Code.BAD_INPUT, "clock set " + to + " is not after the"
                    + " simulated time now (" + r.clock() + "): the clock only moves forward; use a later time");
        }
        if (Duration.between(r.clock(), to).compareTo(SimulatedTime.MAX_STEP) > 0) {
            throw new RehearsalException(RehearsalException.Code.BAD_INPUT, "clock set " + to + " is more than 366 days"
                    + " ahead of the simulated time now (" + r.clock() + "); move it in smaller steps");
        }
        return moveTo(r, to, actor, "clock.set");
    }

    private Moved moveTo(Rehearsal r, Instant to, Actor actor, String action) {
        try {
            return db.get().write(jdbc -> {
                Event e = events.get(r.eventId());
                Instant from = r.clock();
                String solr = solr(e);
                markProtected(jdbc, r, e, from);
                // the window is cut at each fault's time: a protective request at T+6h changes the meters
                // from then on, so consumption before and after it is drawn separately
                Consumption.Window c = new Consumption.Window(0, 0, 0, 0, 0);
                List<String> struck = new ArrayList<>();
                Instant at = from;
                for (Instant cut : faults.startsIn(jdbc, e.id(), from, to)) {
                    c = c.plus(consumption.between(jdbc, e, at, cut, solr));
                    struck.addAll(faults.until(jdbc, r, e, cut, actor));
                    at = cut;
                }
                if (at.isBefore(to)) {
                    c = c.plus(consumption.between(jdbc, e, at, to, solr));
                }
                struck.addAll(faults.until(jdbc, r, e, to, actor));
                List<String> deadlines = new ArrayList<>();
                for (StepView v : checklist.steps(e)) {
                    boolean open = v.status() != StepStatus.DONE && v.status() != StepStatus.SKIPPED;
                    if (open && v.dueAt().isPresent() && v.dueAt().get().isAfter(from) && !v.dueAt().get().isAfter(to)) {
                        deadlines.add(v.id() + " (" + v.role() + ", due " + v.due() + ")");
                    }
                }
                repo.setClock(jdbc, e.id(), to);
                repo.addCustomerHours(jdbc, e.id(), c.customerHours(), c.customerHoursGas());
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("from", from.toString());
                detail.put("to", to.toString());
                detail.put("lost_supply", c.lost());
                detail.put("lost_supply_psr", c.lostPsr());
                detail.put("customer_hours_off_supply", Math.round(c.customerHours() * 100) / 100.0);
                detail.put("customer_hours_off_supply_gas", Math.round(c.customerHoursGas() * 100) / 100.0);
                detail.put("off_supply_at_end", c.offAtEnd());
                detail.put("faults", struck);
                detail.put("deadlines_passed", deadlines);
                audit.append(jdbc, AuditEntry.of(to, actor, action, e.id(), from.toString(), to.toString(), detail));
                return new Moved(from, to, c.lost(), c.lostPsr(), c.customerHours(), c.offAtEnd(), struck, deadlines);
            });
        } finally {
            network.invalidate();
        }
    }

    /** The first moment every prepayment customer was protected, recorded once. */
    private void markProtected(NamedParameterJdbcTemplate jdbc, Rehearsal r, Event e, Instant at) {
        if (r.protectedAt().isEmpty() && meters.unprotected(jdbc, solr(e)) == 0) {
            repo.setProtectedAt(jdbc, e.id(), at);
        }
    }

    // ---- status, end and score

    public Status status() {
        Rehearsal r = currentOrLast();
        NamedParameterJdbcTemplate jdbc = db.get().jdbc();
        Event e = events.get(r.eventId());
        String solr = solr(e);
        List<StepView> overdue = checklist.steps(e).stream().filter(v -> v.status() != StepStatus.DONE
                && v.status() != StepStatus.SKIPPED && v.dueAt().map(d -> d.isBefore(r.clock())).orElse(false)).toList();
        return new Status(r, e, faults.struck(jdbc, e.id()), meters.offSupply(jdbc, r.clock()),
                meters.unprotected(jdbc, solr), meters.notMigrated(jdbc, solr), meters.prepayment(jdbc), overdue,
                repo.trainees(jdbc, e.id()));
    }

    /** Ends the running rehearsal at its simulated time and returns its final score. */
    public RehearsalScore.Score end(Actor actor) {
        Rehearsal r = requireRunning();
        db.get().write(jdbc -> {
            Event e = events.get(r.eventId());
            markProtected(jdbc, r, e, r.clock());
            repo.end(jdbc, e.id());
            audit.append(jdbc, AuditEntry.of(r.clock(), actor, "rehearsal.end", e.id(), "RUNNING", "ENDED",
                    Map.of("clock", r.clock().toString())));
            return null;
        });
        network.invalidate();
        return score();
    }

    /** The score of the current rehearsal, or of the last one in this database. */
    public RehearsalScore.Score score() {
        Rehearsal r = currentOrLast();
        return scoring.of(db.get().jdbc(), r, events.get(r.eventId()));
    }

    static String solr(Event e) {
        return e.partyOf(PartyRole.SOLR).orElseThrow().name();
    }

}
