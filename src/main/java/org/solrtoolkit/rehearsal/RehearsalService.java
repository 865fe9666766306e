package org.solrtoolkit.rehearsal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.CellContent;
import org.solrtoolkit.device.FleetGenerator;
import org.solrtoolkit.device.FleetService;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.device.PrepaymentState;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.NewEvent;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.event.StepStatus;
import org.solrtoolkit.event.StepView;
import org.solrtoolkit.migration.CampaignService;
import org.solrtoolkit.migration.ItemState;
import org.solrtoolkit.pki.CertificateIssuer;
import org.solrtoolkit.pki.CertificateRecord;
import org.solrtoolkit.pki.Gbcs;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.pki.SmkiEnvironment;
import org.solrtoolkit.pki.SmkiPartyKind;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.store.Database;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Rehearsals (design.md "Simulation rules"): a scenario starts an event in REHEARSAL mode with its
 * own SMKI and fleet in a database that holds no live event, at the appointment time T of a
 * simulated clock. Moving the clock runs what happens in that time, in one transaction: the fleet's
 * consumption (who runs out of credit and loses supply, sampled every simulated hour, with the
 * customer-hours off supply), faults striking and ending at their times, and deadlines passing.
 * The score is computed from what the database recorded, so the same scenario and command script
 * give the same score.
 */
public final class RehearsalService {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([mhd])");
    private static final Duration MAX_STEP = Duration.ofDays(366);
    private static final Duration HOUR = Duration.ofHours(1);

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final SimulatedClock clock;
    private final RehearsalNetwork network;
    private final EventService events;
    private final ChecklistService checklist;
    private final PkiService pki;
    private final FleetGenerator generator;
    private final FleetService fleet;
    private final CampaignService campaigns;
    private final ScenarioLoader loader;
    private final MeterStore meters = new MeterStore();

    public RehearsalService(Supplier<Database> db, AuditLog audit, SimulatedClock clock, RehearsalNetwork network,
            EventService events, ChecklistService checklist, PkiService pki, FleetGenerator generator,
            FleetService fleet, CampaignService campaigns, ScenarioLoader loader) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.network = network;
        this.events = events;
        this.checklist = checklist;
        this.pki = pki;
        this.generator = generator;
        this.fleet = fleet;
        this.campaigns = campaigns;
        this.loader = loader;
    }

    /** A rehearsal as stored: its scenario, seed, simulated clock, start, end and protection time. */
    public record Rehearsal(String eventId, String scenarioId, String scenarioFile, long seed, Instant clock,
            Instant startedAt, Optional<Instant> endedAt, Optional<Instant> protectedAt, double customerHours) {
        public boolean running() {
            return endedAt.isEmpty();
        }
    }

    // ---- start

    /** What starting a rehearsal made. */
    public record Started(Event event, Scenario scenario, Path smki, long meters, int faults, List<String> struck) {
    }

    /**
     * Starts the rehearsal of scenario {@code file}: the event (current from now on), its SMKI in
     * {@code smkiDir}, its fleet, its trainees and faults, with the clock at T. Faults due at T
     * strike at once.
     *
     * @throws RehearsalException BAD_SCENARIO for any problem in the file; LIVE_DATABASE if the
     *     database holds a live event; RUNNING if a rehearsal is running; NOT_EMPTY if the database
     *     already holds a fleet or an SMKI (nothing is written in any of these cases)
     */
    public Started start(Path file, Path smkiDir, char[] password, Optional<Operator> by, LongConsumer progress) {
        Scenario s = loader.load(file);
        NamedParameterJdbcTemplate read = db.get().jdbc();
        read.queryForList("SELECT id FROM event WHERE mode = 'LIVE' LIMIT 1", Map.of(), String.class).stream()
                .findFirst().ifPresent(id -> {
                    throw new RehearsalException(RehearsalException.Code.LIVE_DATABASE, "database " + db.get().file()
                            + " holds live event " + id + "; a rehearsal never shares a database with a live event:"
                            + " start it with --db REHEARSAL.db");
                });
        running().ifPresent(r -> {
            throw new RehearsalException(RehearsalException.Code.RUNNING, "rehearsal " + r.eventId() + " is running"
                    + " in this database; 'rehearsal end' it first, or use another --db");
        });
        if (count(read, "SELECT count(*) FROM meter") > 0 || pki.initialised()) {
            throw new RehearsalException(RehearsalException.Code.NOT_EMPTY, "database " + db.get().file()
                    + " already holds a fleet or an SMKI (from an earlier rehearsal); start each rehearsal in a new"
                    + " database: --db FILE");
        }
        Path smki = smkiDir.toAbsolutePath().normalize();
        boolean smkiExisted = Files.exists(smki);
        if (smkiExisted && !emptyDirectory(smki)) {
            throw new RehearsalException(RehearsalException.Code.NOT_EMPTY, "SMKI folder " + smki + " exists and is not"
                    + " empty (left by a start that was interrupted?); delete it, or choose another with --smki-dir");
        }
        Instant t = s.appointment().truncatedTo(ChronoUnit.MILLIS);
        try {
            Started started = db.get().write(jdbc -> {
                List<NewEvent.Srp> srps = s.srps().stream().map(x -> new NewEvent.Srp(x.name(), x.actsFor())).toList();
                Event e = events.create(new NewEvent(s.title(), s.failingSupplier(), s.solr(), srps, t, true),
                        s.playbook(), by, t);
                jdbc.update("INSERT INTO rehearsal (event_id, scenario_id, scenario_file, scenario_sha256,"
                        + " scenario_source, seed, clock_at, started_at) VALUES (:e, :id, :f, :sha, :src, :seed, :t, :t)",
                        new MapSqlParameterSource("e", e.id()).addValue("id", s.id()).addValue("f", s.file())
                                .addValue("sha", s.sha256()).addValue("src", s.source()).addValue("seed", s.seed())
                                .addValue("t", t.toEpochMilli()));
                for (Scenario.Trainee tr : s.trainees()) {
                    jdbc.update("INSERT INTO rehearsal_trainee (event_id, name, party, role) VALUES (:e, :n, :p, :r)",
                            Map.of("e", e.id(), "n", tr.name(), "p", tr.party(), "r", tr.role().name()));
                }
                for (Scenario.Fault f : s.faults()) {
                    jdbc.update("INSERT INTO rehearsal_fault (event_id, ordinal, type, starts_at, ends_at, params, state)"
                            + " VALUES (:e, :o, :t, :s, :u, :p, 'PENDING')", new MapSqlParameterSource("e", e.id())
                                    .addValue("o", f.ordinal()).addValue("t", f.type().id())
                                    .addValue("s", t.plus(f.at()).toEpochMilli())
                                    .addValue("u", f.until().map(u -> t.plus(u).toEpochMilli()).orElse(null))
                                    .addValue("p", json(f.params())));
                }
                Actor actor = actor(by, e.id());
                pki.init(smki, parties(s), SmkiEnvironment.preset("test", null, null), password, actor);
                long n;
                if (s.fleet().csv().isPresent()) {
                    n = fleet.importCsv(s.fleet().csv().get(), false, null, actor).imported();
                } else {
                    n = generator.generate(s.fleet().count(), s.fleet().prepaymentShare(), s.seed(),
                            s.failingSupplier(), actor, progress).count();
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("scenario", s.id());
                detail.put("file", s.file());
                detail.put("sha256", s.sha256());
                detail.put("seed", s.seed());
                detail.put("meters", n);
                detail.put("trainees", s.trainees().stream().map(x -> x.name() + "@" + x.party() + ":" + x.role())
                        .toList());
                detail.put("faults", s.faults().size());
                audit.append(jdbc, AuditEntry.of(t, actor, "rehearsal.start", e.id(), null, "RUNNING", detail));
                List<String> struck = faultsUntil(jdbc, rehearsal(jdbc, e.id()).orElseThrow(), e, t, actor);
                sample(jdbc, e, t);
                return new Started(e, s, smki, n, s.faults().size(), struck);
            });
            return started;
        } catch (RuntimeException ex) {
            if (!smkiExisted) {
                deleteQuietly(smki);
            }
            throw ex;
        } finally {
            network.invalidate();
        }
    }

    /** The scenario's suppliers, with the demo network operator and the DCC (which acts as TCoS). */
    private static List<PartySpec> parties(Scenario s) {
        return List.of(PartySpec.derived(s.failingSupplier(), SmkiPartyKind.SUPPLIER),
                PartySpec.derived(s.solr(), SmkiPartyKind.SUPPLIER), PartySpec.DEMO.get(2), PartySpec.DEMO.get(3));
    }

    // ---- the current rehearsal

    /** The rehearsal of the current event, running or ended; empty if the current event is live or there is none. */
    public Optional<Rehearsal> current() {
        return events.current().filter(Event::isRehearsal).flatMap(e -> rehearsal(db.get().jdbc(), e.id()));
    }

    /** The running rehearsal of this database, if any. */
    public Optional<Rehearsal> running() {
        return db.get().jdbc().queryForList("SELECT event_id FROM rehearsal WHERE ended_at IS NULL", Map.of(),
                String.class).stream().findFirst().flatMap(id -> rehearsal(db.get().jdbc(), id));
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
                    + r.endedAt().get() + "; start a new one with 'rehearsal start FILE' in a new --db");
        }
        return r;
    }

    /** The current rehearsal, or else the last one started in this database (for its score after it ended). */
    public Rehearsal currentOrLast() {
        return current().or(() -> db.get().jdbc().queryForList("SELECT event_id FROM rehearsal ORDER BY started_at"
                + " DESC, rowid DESC LIMIT 1", Map.of(), String.class).stream().findFirst()
                .flatMap(id -> rehearsal(db.get().jdbc(), id))).orElseThrow(() -> new RehearsalException(
                        RehearsalException.Code.NO_REHEARSAL, "this database has no rehearsal: start one with"
                                + " 'rehearsal start FILE'"));
    }

    private static Optional<Rehearsal> rehearsal(NamedParameterJdbcTemplate jdbc, String eventId) {
        return jdbc.query("SELECT * FROM rehearsal WHERE event_id = :e", Map.of("e", eventId), (rs, i) -> new Rehearsal(
                rs.getString("event_id"), rs.getString("scenario_id"), rs.getString("scenario_file"), rs.getLong("seed"),
                Instant.ofEpochMilli(rs.getLong("clock_at")), Instant.ofEpochMilli(rs.getLong("started_at")),
                millis(rs.getObject("ended_at")), millis(rs.getObject("protected_at")), rs.getDouble("customer_hours")))
                .stream().findFirst();
    }

    private static Optional<Instant> millis(Object o) {
        return o == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(((Number) o).longValue()));
    }

    // ---- the clock

    /** What moving the clock did. */
    public record Moved(Instant from, Instant to, long lostSupply, long lostSupplyPsr, double customerHours,
            long offSupply, List<String> faults, List<String> deadlinesPassed) {
    }

    /**
     * Moves the simulated clock forward by {@code text} ({@code 30m}, {@code 6h}, {@code 3d},
     * {@code 1d12h}).
     *
     * @throws RehearsalException BAD_INPUT for a malformed, zero or negative duration (nothing is written)
     */
    public Moved advance(String text, Actor actor) {
        Duration d = parseDuration(text);
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
            throw new RehearsalException(RehearsalException.Code.BAD_INPUT, "clock set '" + text + "' is not an ISO-8601"
                    + " instant such as 2026-11-20T15:00:00Z");
        }
        Rehearsal r = requireRunning();
        if (!to.isAfter(r.clock())) {
            throw new RehearsalException(RehearsalException.Code.BAD_INPUT, "clock set " + to + " is not after the"
                    + " simulated time now (" + r.clock() + "): the clock only moves forward; use a later time");
        }
        if (Duration.between(r.clock(), to).compareTo(MAX_STEP) > 0) {
            throw new RehearsalException(RehearsalException.Code.BAD_INPUT, "clock set " + to + " is more than 366 days"
                    + " ahead of the simulated time now (" + r.clock() + "); move it in smaller steps");
        }
        return moveTo(r, to, actor, "clock.set");
    }

    /** Parses {@code 30m}, {@code 6h}, {@code 3d} or a sequence such as {@code 1d12h}. */
    static Duration parseDuration(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("-")) {
            throw new RehearsalException(RehearsalException.Code.BAD_INPUT, "clock advance '" + t + "' is negative: the"
                    + " clock only moves forward; give a duration such as 30m, 6h or 3d");
        }
        Matcher m = DURATION.matcher(t);
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (t.isEmpty() || end != t.length()) {
            throw new RehearsalException(RehearsalException.Code.BAD_INPUT, "clock advance '" + t + "' is not a"
                    + " duration: use minutes, hours or days such as 30m, 6h, 3d or 1d12h");
        }
        if (d.isZero()) {
            throw new RehearsalException(RehearsalException.Code.BAD_INPUT, "clock advance '" + t + "' is zero; give a"
                    + " duration such as 30m, 6h or 3d");
        }
        if (d.compareTo(MAX_STEP) > 0) {
            throw new RehearsalException(RehearsalException.Code.BAD_INPUT, "clock advance '" + t + "' is more than 366"
                    + " days; move the clock in smaller steps");
        }
        return d;
    }

    private Moved moveTo(Rehearsal r, Instant to, Actor actor, String action) {
        try {
            return db.get().write(jdbc -> {
                Event e = events.get(r.eventId());
                Instant from = r.clock();
                String solr = solr(e);
                if (r.protectedAt().isEmpty() && unprotected(jdbc, solr) == 0) {
                    jdbc.update("UPDATE rehearsal SET protected_at = :t WHERE event_id = :e", Map.of("t",
                            from.toEpochMilli(), "e", e.id()));
                }
                Consumption c = consume(jdbc, e, from, to, solr);
                List<String> faults = faultsUntil(jdbc, r, e, to, actor);
                List<String> deadlines = new ArrayList<>();
                for (StepView v : checklist.steps(e)) {
                    boolean open = v.status() != StepStatus.DONE && v.status() != StepStatus.SKIPPED;
                    if (open && v.dueAt().isPresent() && v.dueAt().get().isAfter(from) && !v.dueAt().get().isAfter(to)) {
                        deadlines.add(v.id() + " (" + v.role() + ", due " + v.due() + ")");
                    }
                }
                setClock(jdbc, e.id(), to);
                jdbc.update("UPDATE rehearsal SET customer_hours = customer_hours + :h WHERE event_id = :e",
                        Map.of("h", c.customerHours(), "e", e.id()));
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("from", from.toString());
                detail.put("to", to.toString());
                detail.put("lost_supply", c.lost());
                detail.put("lost_supply_psr", c.lostPsr());
                detail.put("customer_hours_off_supply", round(c.customerHours()));
                detail.put("off_supply_at_end", c.offAtEnd());
                detail.put("faults", faults);
                detail.put("deadlines_passed", deadlines);
                audit.append(jdbc, AuditEntry.of(to, actor, action, e.id(), from.toString(), to.toString(), detail));
                return new Moved(from, to, c.lost(), c.lostPsr(), c.customerHours(), c.offAtEnd(), faults, deadlines);
            });
        } finally {
            network.invalidate();
        }
    }

    private static void setClock(NamedParameterJdbcTemplate jdbc, String eventId, Instant at) {
        jdbc.update("UPDATE rehearsal SET clock_at = :t WHERE event_id = :e", Map.of("t", at.toEpochMilli(), "e",
                eventId));
    }

    // ---- consumption over a window

    private record Consumption(long lost, long lostPsr, double customerHours, long offAtEnd) {
    }

    /**
     * Consumption from {@code from} to {@code to}: every meter settled to {@code to} (in whole
     * simulated hours, as any read would), nothing about the meters written (they settle when next
     * read). A prepayment meter off supply at {@code to} went off at its {@code supplySince}; that
     * gives the losses in the window, the customer-hours off supply in it, and the count off supply
     * at each simulated hour, which is sampled.
     */
    private Consumption consume(NamedParameterJdbcTemplate jdbc, Event e, Instant from, Instant to, String solr) {
        List<Instant> marks = new ArrayList<>();
        Instant t = e.appointedAt();
        long first = Math.max(0, Duration.between(t, from).toHours() + 1);
        for (Instant m = t.plus(Duration.ofHours(first)); !m.isAfter(to); m = m.plus(HOUR)) {
            if (m.isAfter(from)) {
                marks.add(m);
            }
        }
        if (marks.isEmpty() || !marks.get(marks.size() - 1).equals(to)) {
            marks.add(to);
        }
        long[] offAt = new long[marks.size()];
        long[] n = new long[3];
        double[] hours = {0};
        List<Object[]> losses = new ArrayList<>();
        meters.walk(jdbc, stored -> {
            PrepaymentState s = stored.settled(to).prepayment();
            if (s.mode() != PrepaymentState.PaymentMode.PREPAYMENT || s.supply() != PrepaymentState.SupplyState.DISABLED) {
                return;
            }
            Instant since = s.supplySince();
            Instant offFrom = since.isAfter(from) ? since : from;
            hours[0] += Duration.between(offFrom, to).toMillis() / 3_600_000.0;
            n[2]++;
            if (since.isAfter(from)) {
                n[0]++;
                if (stored.psr()) {
                    n[1]++;
                }
                losses.add(new Object[] {e.id(), stored.id().value(), since.toEpochMilli(), stored.psr() ? 1 : 0});
                if (losses.size() >= 5_000) {
                    insertLosses(jdbc, losses);
                }
            }
            int i = firstAtOrAfter(marks, since);
            if (i < offAt.length) {
                offAt[i]++;
            }
        });
        insertLosses(jdbc, losses);
        long unprotected = unprotected(jdbc, solr);
        long notMigrated = notMigrated(jdbc, solr);
        long running = 0;
        for (int i = 0; i < marks.size(); i++) {
            running += offAt[i];
            jdbc.update("INSERT OR REPLACE INTO rehearsal_sample (event_id, at, off_supply, unprotected, not_migrated)"
                    + " VALUES (:e, :t, :o, :u, :m)", new MapSqlParameterSource("e", e.id()).addValue("t",
                            marks.get(i).toEpochMilli()).addValue("o", running).addValue("u", unprotected)
                            .addValue("m", notMigrated));
        }
        return new Consumption(n[0], n[1], hours[0], n[2]);
    }

    private static int firstAtOrAfter(List<Instant> marks, Instant at) {
        int lo = 0;
        int hi = marks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (marks.get(mid).isBefore(at)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static void insertLosses(NamedParameterJdbcTemplate jdbc, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.getJdbcTemplate().batchUpdate("INSERT OR IGNORE INTO rehearsal_loss (event_id, device_id, off_at, psr)"
                    + " VALUES (?, ?, ?, ?)", rows);
            rows.clear();
        }
    }

    /** Records the fleet's picture at {@code at} (the start, before the clock first moves). */
    private void sample(NamedParameterJdbcTemplate jdbc, Event e, Instant at) {
        long off = meters.offSupply(jdbc, at);
        String solr = solr(e);
        jdbc.update("INSERT OR REPLACE INTO rehearsal_sample (event_id, at, off_supply, unprotected, not_migrated)"
                + " VALUES (:e, :t, :o, :u, :m)", new MapSqlParameterSource("e", e.id()).addValue("t", at.toEpochMilli())
                        .addValue("o", off).addValue("u", unprotected(jdbc, solr)).addValue("m", notMigrated(jdbc, solr)));
    }

    /** Prepayment meters neither in safe mode nor holding the SoLR's Supplier certificate. */
    private static long unprotected(NamedParameterJdbcTemplate jdbc, String solr) {
        return count(jdbc, "SELECT count(*) FROM meter WHERE payment_mode = 'PREPAYMENT' AND safe_mode = 0"
                + " AND supplier <> :s COLLATE NOCASE", Map.of("s", solr));
    }

    private static long notMigrated(NamedParameterJdbcTemplate jdbc, String solr) {
        return count(jdbc, "SELECT count(*) FROM meter WHERE supplier <> :s COLLATE NOCASE", Map.of("s", solr));
    }

    // ---- faults

    /**
     * Strikes the pending faults due by {@code to} and ends the active ones whose window closes by
     * then, in time order, each with the clock at its own time (so what it does is recorded then).
     */
    private List<String> faultsUntil(NamedParameterJdbcTemplate jdbc, Rehearsal r, Event e, Instant to, Actor actor) {
        record Due(Instant at, int ordinal, boolean start, String type, String params) {
        }
        List<Due> due = new ArrayList<>();
        for (Map<String, Object> f : jdbc.queryForList("SELECT ordinal, type, starts_at, ends_at, params, state FROM"
                + " rehearsal_fault WHERE event_id = :e AND state <> 'OVER'", Map.of("e", e.id()))) {
            int ordinal = ((Number) f.get("ordinal")).intValue();
            Instant starts = Instant.ofEpochMilli(((Number) f.get("starts_at")).longValue());
            Optional<Instant> ends = millis(f.get("ends_at"));
            boolean pending = "PENDING".equals(f.get("state"));
            if (pending && !starts.isAfter(to)) {
                due.add(new Due(starts, ordinal, true, (String) f.get("type"), (String) f.get("params")));
            }
            if (ends.isPresent() && !ends.get().isAfter(to)) {
                due.add(new Due(ends.get(), ordinal, false, (String) f.get("type"), (String) f.get("params")));
            }
        }
        due.sort(Comparator.comparing(Due::at).thenComparing(d -> !d.start()).thenComparingInt(Due::ordinal));
        List<String> said = new ArrayList<>();
        for (Due d : due) {
            setClock(jdbc, e.id(), d.at());
            network.invalidate();
            FaultType type = FaultType.find(d.type()).orElseThrow();
            String label = "fault " + d.ordinal() + " " + type.id();
            if (d.start()) {
                Map<String, Object> detail = strike(jdbc, r, e, d.ordinal(), type, params(d.params()));
                boolean lasting = type == FaultType.METERS_OFFLINE || type == FaultType.UNKNOWN_KA_ISSUER
                        || type == FaultType.MPIDS_TRANSFERRED_EARLY;
                jdbc.update("UPDATE rehearsal_fault SET state = :s, detail = :d WHERE event_id = :e AND ordinal = :o",
                        Map.of("s", lasting ? "ACTIVE" : "OVER", "d", json(detail), "e", e.id(), "o", d.ordinal()));
                audit.append(jdbc, AuditEntry.of(d.at(), actor, "rehearsal.fault", label, "PENDING", lasting ? "ACTIVE"
                        : "OVER", detail));
                said.add(label + " struck at " + offset(e, d.at()) + ": " + detail.get("what"));
            } else {
                jdbc.update("UPDATE rehearsal_fault SET state = 'OVER' WHERE event_id = :e AND ordinal = :o",
                        Map.of("e", e.id(), "o", d.ordinal()));
                audit.append(jdbc, AuditEntry.of(d.at(), actor, "rehearsal.fault.end", label, "ACTIVE", "OVER",
                        Map.of("what", type.id() + " ended")));
                said.add(label + " ended at " + offset(e, d.at()));
            }
        }
        network.invalidate();
        return said;
    }

    private Map<String, Object> strike(NamedParameterJdbcTemplate jdbc, Rehearsal r, Event e, int ordinal,
            FaultType type, Map<String, String> params) {
        Map<String, Object> d = new LinkedHashMap<>();
        String fs = e.partyOf(PartyRole.FAILING_SUPPLIER).orElseThrow().name();
        String solr = solr(e);
        Actor pma = new Actor("SMKI PMA (scenario)", "SMKI PMA", PartyRole.PMA.name(), e.id());
        switch (type) {
            case METERS_OFFLINE -> {
                double share = Double.parseDouble(params.get("share"));
                long[] n = {0};
                jdbc.query("SELECT device_id FROM meter", Map.of(), rs -> {
                    if (RehearsalNetwork.inShare(r.seed(), ordinal, rs.getLong(1), share)) {
                        n[0]++;
                    }
                });
                d.put("what", String.format("%,d meters stop answering on the WAN", n[0]));
                d.put("share", share);
                d.put("meters", n[0]);
            }
            case ROOT_CELL_DIFFERS -> {
                int want = Integer.parseInt(params.get("meters"));
                PriorityQueue<long[]> pick = new PriorityQueue<>(Comparator.comparingDouble((long[] x) ->
                        -Double.longBitsToDouble(x[1])));
                jdbc.query("SELECT device_id FROM meter WHERE cell_set_id IS NOT NULL", Map.of(), rs -> {
                    long id = rs.getLong(1);
                    pick.add(new long[] {id, Double.doubleToLongBits(RehearsalNetwork.unit(r.seed(), ordinal, id))});
                    if (pick.size() > want) {
                        pick.poll();
                    }
                });
                CertificateIssuer issuer = new CertificateIssuer(clock);
                X509CertificateHolder other = issuer.root("Root OCA of another environment", issuer.newKeyPair(),
                        SmkiEnvironment.ANY_POLICY, Duration.ofDays(365L * 30));
                List<Long> ids = pick.stream().map(x -> x[0]).sorted().toList();
                List<StoredMeter> changed = new ArrayList<>();
                for (StoredMeter m : meters.find(jdbc, ids)) {
                    Map<TrustAnchorCell, CellContent> cells = new EnumMap<>(meters.cells(jdbc, m.cellSetId()));
                    cells.put(TrustAnchorCell.ROOT, CellContent.of(other));
                    changed.add(m.withCells(meters.cellSet(jdbc, cells), m.supplier()));
                }
                changed.sort(Comparator.comparingLong(m -> m.id().value()));
                meters.update(jdbc, changed);
                d.put("what", changed.size() + " meters hold another environment's Root in their Root cell");
                d.put("meters", changed.stream().map(m -> m.id().toString()).toList());
                d.put("root_ski", CellContent.of(other).ski());
            }
            case UNKNOWN_KA_ISSUER -> {
                X509CertificateHolder ka = pki.certificate(solr, "supplier-ka").orElseThrow();
                CertificateIssuer issuer = new CertificateIssuer(clock);
                KeyPair rootKeys = issuer.newKeyPair();
                KeyPair caKeys = issuer.newKeyPair();
                X509CertificateHolder root = issuer.root("Unknown Root OCA", rootKeys, SmkiEnvironment.ANY_POLICY,
                        Duration.ofDays(365L * 30));
                X509CertificateHolder ca = issuer.issuingCa("Unknown Issuing OCA", caKeys.getPublic(), root,
                        rootKeys.getPrivate(), SmkiEnvironment.ANY_POLICY, Duration.ofDays(365L * 20));
                X509CertificateHolder wrong;
                try {
                    wrong = issuer.organisation(solr, RemotePartyRole.SUPPLIER, PartySpec.derived(solr,
                            SmkiPartyKind.SUPPLIER).eui(), KeyUsageType.KA, new JcaPEMKeyConverter().setProvider(Gbcs.BC)
                            .getPublicKey(ka.getSubjectPublicKeyInfo()), ca, caKeys.getPrivate(), SmkiEnvironment.ANY_POLICY);
                    d.put("certificate", Base64.getEncoder().encodeToString(wrong.getEncoded()));
                } catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
                d.put("what", "the DCC holds a " + solr + " Supplier KA certificate issued by '"
                        + ca.getSubject() + "', which no meter's Root knows: CS02b answers will be partial (KA status 10)");
                d.put("issuer", ca.getSubject().toString());
                d.put("serial", wrong.getSerialNumber().toString(16));
            }
            case MPIDS_TRANSFERRED_EARLY -> {
                d.put("what", fs + "'s MPIDs were transferred to " + solr + ": the DCC rejects requests on " + fs
                        + "'s behalf (MP185)");
                d.put("from", fs);
                d.put("to", solr);
            }
            case EARLY_REVOCATION -> {
                List<String> serials = new ArrayList<>();
                for (CertificateRecord c : pki.list(fs)) {
                    if (c.status() == CertificateRecord.Status.VALID) {
                        pki.revoke(c.serial(), "cessationOfOperation", pma, true);
                        serials.add(c.serial());
                    }
                }
                d.put("what", "the PMA revoked " + serials.size() + " of " + fs + "'s certificates: safe mode can no"
                        + " longer be set (MP134A lets the PMA delay revocation)");
                d.put("revoked", serials);
            }
            case COMPROMISED_KEY -> {
                String party = params.get("party").equalsIgnoreCase(fs) ? fs : solr;
                String key = params.getOrDefault("key", "supplier-ds");
                CertificateRecord c = pki.record(party, key).orElseThrow();
                if (c.status() == CertificateRecord.Status.VALID) {
                    pki.revoke(c.serial(), "keyCompromise", pma, true);
                }
                d.put("what", party + "'s " + key + " private key is compromised; its certificate is revoked"
                        + " (keyCompromise): the SMKI Recovery Procedure applies (notify the DCC and the PMA;"
                        + " the PMA decides the recovery key)");
                d.put("party", party);
                d.put("key", key);
                d.put("serial", c.serial());
            }
            default -> throw new IllegalStateException(type.toString());
        }
        return d;
    }

    // ---- status, end and score

    /** Where a rehearsal stands: its clock, the faults that have struck, the fleet and the overdue steps. */
    public record Status(Rehearsal rehearsal, Event event, List<FaultView> faults, long offSupply, long unprotected,
            long notMigrated, long prepayment, List<StepView> overdue, List<Scenario.Trainee> trainees) {
    }

    /** A fault that has struck (pending ones stay hidden from trainees). */
    public record FaultView(int ordinal, String type, Instant at, Optional<Instant> until, String state, String what) {
    }

    public Status status() {
        Rehearsal r = currentOrLast();
        NamedParameterJdbcTemplate jdbc = db.get().jdbc();
        Event e = events.get(r.eventId());
        String solr = solr(e);
        List<StepView> overdue = checklist.steps(e).stream().filter(v -> v.status() != StepStatus.DONE
                && v.status() != StepStatus.SKIPPED && v.dueAt().map(d -> d.isBefore(r.clock())).orElse(false)).toList();
        return new Status(r, e, faults(jdbc, e.id()), meters.offSupply(jdbc, r.clock()), unprotected(jdbc, solr),
                notMigrated(jdbc, solr), count(jdbc, "SELECT count(*) FROM meter WHERE payment_mode = 'PREPAYMENT'"),
                overdue, trainees(jdbc, e.id()));
    }

    private static List<FaultView> faults(NamedParameterJdbcTemplate jdbc, String eventId) {
        return jdbc.query("SELECT ordinal, type, starts_at, ends_at, state, detail FROM rehearsal_fault WHERE event_id"
                + " = :e AND state <> 'PENDING' ORDER BY starts_at, ordinal", Map.of("e", eventId), (rs, i) -> {
                    String what;
                    try {
                        what = JSON.readTree(rs.getString("detail")).path("what").asText("");
                    } catch (JsonProcessingException ex) {
                        what = "";
                    }
                    return new FaultView(rs.getInt("ordinal"), rs.getString("type"), Instant.ofEpochMilli(rs.getLong(
                            "starts_at")), millis(rs.getObject("ends_at")), rs.getString("state"), what);
                });
    }

    private static List<Scenario.Trainee> trainees(NamedParameterJdbcTemplate jdbc, String eventId) {
        return jdbc.query("SELECT name, party, role FROM rehearsal_trainee WHERE event_id = :e ORDER BY rowid",
                Map.of("e", eventId), (rs, i) -> new Scenario.Trainee(rs.getString("name"), rs.getString("party"),
                        PartyRole.valueOf(rs.getString("role"))));
    }

    /** Ends the running rehearsal at its simulated time and returns its final score. */
    public Score end(Actor actor) {
        Rehearsal r = requireRunning();
        db.get().write(jdbc -> {
            Event e = events.get(r.eventId());
            if (r.protectedAt().isEmpty() && unprotected(jdbc, solr(e)) == 0) {
                jdbc.update("UPDATE rehearsal SET protected_at = :t WHERE event_id = :e", Map.of("t",
                        r.clock().toEpochMilli(), "e", e.id()));
            }
            jdbc.update("UPDATE rehearsal SET ended_at = clock_at WHERE event_id = :e", Map.of("e", e.id()));
            audit.append(jdbc, AuditEntry.of(r.clock(), actor, "rehearsal.end", e.id(), "RUNNING", "ENDED",
                    Map.of("clock", r.clock().toString())));
            return null;
        });
        network.invalidate();
        return score();
    }

    /** Per role, how the checklist went. */
    public record RoleScore(PartyRole role, int steps, int onTime, int late, int overdue, int open, int skipped,
            long overrides) {
    }

    /** The customers' side: who lost supply, for how long in total, and the worst moment. */
    public record SupplyScore(long lostSupply, long lostSupplyPsr, long offSupplyNow, double customerHours,
            long peakOffSupply, long prepayment, long unprotectedNow, Optional<Instant> allProtectedAt,
            List<String> firstLosses) {
    }

    /** The change-of-supplier campaign: when it first ran and when every meter had its outcome. */
    public record CampaignScore(boolean started, Optional<Instant> firstRun, Optional<Instant> completedAt, long total,
            Map<String, Long> states) {
    }

    /** A rehearsal's score, computed from what the database recorded. */
    public record Score(String eventId, String scenarioId, boolean ended, Instant appointment, Instant clock,
            List<RoleScore> roles, List<String> lateSteps, List<String> overdueSteps, SupplyScore supply,
            CampaignScore campaign, List<FaultView> faults) {
    }

    /** The score of the current rehearsal, or of the last one in this database. */
    public Score score() {
        Rehearsal r = currentOrLast();
        NamedParameterJdbcTemplate jdbc = db.get().jdbc();
        Event e = events.get(r.eventId());
        Instant now = r.clock();
        Map<PartyRole, int[]> byRole = new EnumMap<>(PartyRole.class);
        List<String> late = new ArrayList<>();
        List<String> overdue = new ArrayList<>();
        for (StepView v : checklist.steps(e)) {
            int[] c = byRole.computeIfAbsent(v.role(), k -> new int[6]);
            c[0]++;
            switch (v.status()) {
                case DONE -> {
                    boolean isLate = v.dueAt().map(d -> v.updatedAt() != null && v.updatedAt().isAfter(d)).orElse(false);
                    c[isLate ? 2 : 1]++;
                    if (isLate) {
                        late.add(v.id() + " " + v.role() + " due " + v.due() + ", done " + offset(e, v.updatedAt())
                                + " by " + v.updatedBy());
                    }
                }
                case SKIPPED -> c[5]++;
                default -> {
                    boolean isOverdue = v.dueAt().map(d -> d.isBefore(now)).orElse(false);
                    c[isOverdue ? 3 : 4]++;
                    if (isOverdue) {
                        overdue.add(v.id() + " " + v.role() + " due " + v.due() + ", " + v.status());
                    }
                }
            }
        }
        Map<String, Long> overrides = new LinkedHashMap<>();
        jdbc.query("SELECT role, count(*) AS n FROM audit WHERE event_id = :e AND action LIKE 'step.%.override'"
                + " GROUP BY role", Map.of("e", e.id()), rs -> {
                    overrides.put(rs.getString("role"), rs.getLong("n"));
                });
        List<RoleScore> roles = new ArrayList<>();
        byRole.forEach((role, c) -> roles.add(new RoleScore(role, c[0], c[1], c[2], c[3], c[4], c[5],
                overrides.getOrDefault(role.name(), 0L))));
        String solr = solr(e);
        long unprotected = unprotected(jdbc, solr);
        Optional<Instant> protectedAt = r.protectedAt().or(() -> unprotected == 0 ? Optional.of(now) : Optional.empty());
        Long peak = jdbc.queryForObject("SELECT max(off_supply) FROM rehearsal_sample WHERE event_id = :e",
                Map.of("e", e.id()), Long.class);
        List<String> first = jdbc.query("SELECT device_id, off_at, psr FROM rehearsal_loss WHERE event_id = :e"
                + " ORDER BY off_at, device_id LIMIT 10", Map.of("e", e.id()), (rs, i) -> new org.solrtoolkit.pki.Eui64(
                        rs.getLong(1)) + " off at " + offset(e, Instant.ofEpochMilli(rs.getLong(2)))
                        + (rs.getInt(3) == 1 ? " (PSR)" : ""));
        SupplyScore supply = new SupplyScore(count(jdbc, "SELECT count(DISTINCT device_id) FROM rehearsal_loss WHERE"
                + " event_id = :e", Map.of("e", e.id())), count(jdbc, "SELECT count(DISTINCT device_id) FROM"
                        + " rehearsal_loss WHERE event_id = :e AND psr = 1", Map.of("e", e.id())),
                meters.offSupply(jdbc, now), round(r.customerHours()), peak == null ? 0 : peak,
                count(jdbc, "SELECT count(*) FROM meter WHERE payment_mode = 'PREPAYMENT'"), unprotected, protectedAt,
                first);
        return new Score(e.id(), r.scenarioId(), !r.running(), e.appointedAt(), now, roles, late, overdue, supply,
                campaign(jdbc, e), faults(jdbc, e.id()));
    }

    private CampaignScore campaign(NamedParameterJdbcTemplate jdbc, Event e) {
        Optional<CampaignService.Status> s = campaigns.status(e);
        if (s.isEmpty()) {
            return new CampaignScore(false, Optional.empty(), Optional.empty(), 0, Map.of());
        }
        Map<String, Long> states = new LinkedHashMap<>();
        s.get().states().forEach((k, v) -> states.put(k.name(), v));
        Long created = jdbc.queryForObject("SELECT created_at FROM campaign WHERE id = :c", Map.of("c",
                s.get().campaignId()), Long.class);
        boolean complete = s.get().states().getOrDefault(ItemState.PENDING, 0L) == 0
                && s.get().states().getOrDefault(ItemState.UNREACHABLE, 0L) == 0;
        Long last = jdbc.queryForObject("SELECT max(updated_at) FROM campaign_item WHERE campaign_id = :c",
                Map.of("c", s.get().campaignId()), Long.class);
        return new CampaignScore(true, Optional.ofNullable(created).map(Instant::ofEpochMilli), complete && last != null
                ? Optional.of(Instant.ofEpochMilli(last)) : Optional.empty(), s.get().total(), states);
    }

    // ---- helpers

    /** {@code at} as an offset from the event's T, e.g. {@code T+6h30m}. */
    public static String offset(Event e, Instant at) {
        return offset(e.appointedAt(), at);
    }

    public static String offset(Instant t, Instant at) {
        Duration d = Duration.between(t, at);
        String sign = d.isNegative() ? "-" : "+";
        d = d.abs();
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        StringBuilder b = new StringBuilder("T").append(sign);
        if (days > 0) {
            b.append(days).append('d');
        }
        if (hours > 0 || days == 0 && minutes == 0) {
            b.append(hours).append('h');
        }
        if (minutes > 0) {
            b.append(minutes).append('m');
        }
        return b.toString();
    }

    private static String solr(Event e) {
        return e.partyOf(PartyRole.SOLR).orElseThrow().name();
    }

    private static Actor actor(Optional<Operator> by, String eventId) {
        return by.map(o -> new Actor(o.name(), o.party(), o.role().name(), eventId)).orElse(Actor.unidentified(eventId));
    }

    private static long count(NamedParameterJdbcTemplate jdbc, String sql) {
        return count(jdbc, sql, Map.of());
    }

    private static long count(NamedParameterJdbcTemplate jdbc, String sql, Map<String, ?> params) {
        Long n = jdbc.queryForObject(sql, params, Long.class);
        return n == null ? 0 : n;
    }

    private static double round(double hours) {
        return Math.round(hours * 100) / 100.0;
    }

    private static Map<String, String> params(String json) {
        try {
            Map<String, String> m = new LinkedHashMap<>();
            JSON.readTree(json).fields().forEachRemaining(f -> m.put(f.getKey(), f.getValue().asText()));
            return m;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rehearsal_fault.params is JSON written by the toolkit", e);
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean emptyDirectory(Path dir) {
        try (var list = Files.list(dir)) {
            return list.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            org.springframework.util.FileSystemUtils.deleteRecursively(dir);
        } catch (IOException e) {
            // best effort: the SMKI folder of a start that failed
        }
    }
}
