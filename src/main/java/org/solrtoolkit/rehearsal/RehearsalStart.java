package org.solrtoolkit.rehearsal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.NewEvent;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.SmkiEnvironment;
import org.solrtoolkit.pki.SmkiPartyKind;
import org.solrtoolkit.store.Database;

/**
 * Starting a rehearsal: the event (current from then on), its SMKI, its fleet, its trainees and
 * faults, with the clock at T, in one transaction; faults due at T strike at once. A database that
 * holds a live event, a running rehearsal, a fleet or an SMKI is refused before anything is written,
 * and an interrupted start leaves no SMKI folder behind.
 */
final class RehearsalStart {

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final EventService events;
    private final PkiService pki;
    private final FleetGenerator generator;
    private final FleetService fleet;
    private final ScenarioLoader loader;
    private final RehearsalRepository repo;
    private final MeterStore meters;
    private final FleetSamples samples;
    private final FaultSchedule faults;
    private final RehearsalNetwork network;

    RehearsalStart(Supplier<Database> db, AuditLog audit, EventService events, PkiService pki, FleetGenerator generator,
            FleetService fleet, ScenarioLoader loader, RehearsalRepository repo, MeterStore meters,
            FleetSamples samples, FaultSchedule faults, RehearsalNetwork network) {
        this.db = db;
        this.audit = audit;
        this.events = events;
        this.pki = pki;
        this.generator = generator;
        this.fleet = fleet;
        this.loader = loader;
        this.repo = repo;
        this.meters = meters;
        this.samples = samples;
        this.faults = faults;
        this.network = network;
    }

    /**
     * Starts the rehearsal of scenario {@code file} with its SMKI in {@code smkiDir}.
     *
     * @throws RehearsalException BAD_SCENARIO for any problem in the file; LIVE_DATABASE if the
     *     database holds a live event; RUNNING if a rehearsal is running; NOT_EMPTY if the database
     *     already holds a fleet or an SMKI (nothing is written in any of these cases)
     */
    RehearsalService.Started start(Path file, Path smkiDir, char[] password, Optional<Operator> by,
            LongConsumer progress) {
        Scenario s = loader.load(file);
        refuseUnlessEmpty();
        Path smki = smkiDir.toAbsolutePath().normalize();
        boolean smkiExisted = Files.exists(smki);
        if (smkiExisted && !emptyDirectory(smki)) {
            throw new RehearsalException(RehearsalException.Code.NOT_EMPTY, "SMKI folder " + smki + " exists and is not"
                    + " empty (left by a start that was interrupted?); delete it, or choose another with {smki-dir}");
        }
        Instant t = s.appointment().truncatedTo(ChronoUnit.MILLIS);
        try {
            return db.get().write(jdbc -> {
                List<NewEvent.Srp> srps = s.srps().stream().map(x -> new NewEvent.Srp(x.name(), x.actsFor())).toList();
                Event e = events.create(new NewEvent(s.title(), s.failingSupplier(), s.solr(), srps, t, true),
                        s.playbook(), by, t);
                repo.insert(jdbc, e.id(), s, t);
                Actor actor = by.map(o -> new Actor(o.name(), o.party(), o.role().name(), e.id(), true))
                        .orElse(Actor.unidentified(e.id()));
                pki.init(smki, parties(s), SmkiEnvironment.preset("test", null, null), password, actor);
                long n = s.fleet().csv().isPresent()
                        ? fleet.importCsv(s.fleet().csv().get(), false, null, actor).imported()
                        : generator.generate(s.fleet().count(), s.fleet().prepaymentShare(), s.seed(),
                                s.failingSupplier(), actor, progress).count();
                List<Object[]> reactions = new java.util.ArrayList<>();
                meters.forEachId(jdbc, false, id -> reactions.add(new Object[] {s.customers().minutes(s.seed(), id), id}));
                meters.reactions(jdbc, reactions);
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("scenario", s.id());
                detail.put("customers", s.customers());
                detail.put("file", s.file());
                detail.put("sha256", s.sha256());
                detail.put("seed", s.seed());
                detail.put("meters", n);
                detail.put("trainees", s.trainees().stream().map(x -> x.name() + "@" + x.party() + ":" + x.role())
                        .toList());
                detail.put("faults", s.faults().size());
                audit.append(jdbc, AuditEntry.of(t, actor, "rehearsal.start", e.id(), null, "RUNNING", detail));
                List<String> struck = faults.until(jdbc, repo.find(jdbc, e.id()).orElseThrow(), e, t, actor);
                samples.record(jdbc, e.id(), t, RehearsalService.solr(e));
                return new RehearsalService.Started(e, s, smki, n, s.faults().size(), struck);
            });
        } catch (RuntimeException ex) {
            if (!smkiExisted) {
                deleteQuietly(smki);
            }
            throw ex;
        } finally {
            network.invalidate();
        }
    }

    private void refuseUnlessEmpty() {
        events.anyLive().ifPresent(id -> {
            throw new RehearsalException(RehearsalException.Code.LIVE_DATABASE, "database " + db.get().name()
                    + " holds live event " + id + "; a rehearsal never shares a database with a live event:"
                    + " start it with {db} REHEARSAL.db");
        });
        repo.runningId(db.get().jdbc()).ifPresent(id -> {
            throw new RehearsalException(RehearsalException.Code.RUNNING, "rehearsal " + id + " is running"
                    + " in this database; 'rehearsal end' it first, or use another {db}");
        });
        if (meters.count(db.get().jdbc()) > 0 || pki.initialised()) {
            throw new RehearsalException(RehearsalException.Code.NOT_EMPTY, "database " + db.get().name()
                    + " already holds a fleet or an SMKI (from an earlier rehearsal); start each rehearsal in a new"
                    + " database: {db} FILE");
        }
    }

    /** The scenario's suppliers, with the demo network operator and the DCC (which acts as TCoS). */
    private static List<PartySpec> parties(Scenario s) {
        return List.of(PartySpec.derived(s.failingSupplier(), SmkiPartyKind.SUPPLIER),
                PartySpec.derived(s.solr(), SmkiPartyKind.SUPPLIER), PartySpec.DEMO.get(2), PartySpec.DEMO.get(3));
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
