package org.solrtoolkit.migration;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.CellContent;
import org.solrtoolkit.device.CellStatus;
import org.solrtoolkit.device.Cs02bCommand;
import org.solrtoolkit.device.Cs02bMode;
import org.solrtoolkit.device.Cs02bResponse;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.device.SimulatedMeter;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.device.TrustCache;
import org.solrtoolkit.ToolkitException;
import org.solrtoolkit.event.Authorisation;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.event.StepAction;
import org.solrtoolkit.event.StepRequest;
import org.solrtoolkit.event.StepStatus;
import org.solrtoolkit.event.Party;
import org.solrtoolkit.pki.LintFinding;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PathValidator;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.ProfileLinter;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.pki.SmkiPartyKind;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.store.Database;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The change-of-supplier campaign (domain.md section 3; DUIS 6.23): for every meter of the fleet,
 * prepayment customers at risk first, the DCC acting as TCoS signs a CS02b in mode
 * supplierByTransCoS carrying the SoLR's Supplier DS, KA and KA (prepaymentTopUp) certificates and
 * the Issuing OCA, and the meter checks and applies it ({@link SimulatedMeter}). Crypto runs on
 * worker threads; one writer commits each batch of meters, their outcomes and an audit row in one
 * transaction, so a run killed at any moment resumes where the last batch ended, and a meter whose
 * cells already hold the SoLR's certificates is recorded APPLIED without a second command. One run
 * at a time per database (an OS file lock, released if the process dies).
 */
public final class CampaignService {

    /**
     * What a campaign does: the CS02b mode, the DCC key that signs it (and so the meters' floor it
     * must pass), and the playbook automations it completes. A change of supplier is signed by the
     * TCoS key (DUIS 6.23); a recovery by the Recovery key (mode anyExceptAbnormalRootByRecovery,
     * SMKI Recovery Procedure method 3: the affected party's new certificates).
     */
    public enum Route {
        CHANGE_OF_SUPPLIER(Cs02bMode.SUPPLIER_BY_TRANS_COS, "tcos-ds", RemotePartyRole.TRANSITIONAL_COS, "campaign-run",
                "campaign-verify", "the event's SoLR"),
        RECOVERY(Cs02bMode.ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY, "recovery-ds", RemotePartyRole.RECOVERY,
                "recovery-run", "recovery-verify", "the affected party");

        final Cs02bMode mode;
        final String signerAlias;
        final RemotePartyRole floor;
        final String runAutomation;
        final String verifyAutomation;
        final String whose;

        Route(Cs02bMode mode, String signerAlias, RemotePartyRole floor, String runAutomation, String verifyAutomation,
                String whose) {
            this.mode = mode;
            this.signerAlias = signerAlias;
            this.floor = floor;
            this.runAutomation = runAutomation;
            this.verifyAutomation = verifyAutomation;
            this.whose = whose;
        }

        public Cs02bMode mode() {
            return mode;
        }
    }
    private static final List<String> SOLR_ALIASES = List.of("supplier-ds", "supplier-ka", "supplier-ka-topup");
    private static final List<TrustAnchorCell> SUPPLIER_CELLS = List.of(TrustAnchorCell.SUPPLIER_DS,
            TrustAnchorCell.SUPPLIER_KA, TrustAnchorCell.SUPPLIER_KA_TOPUP);

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    private final PkiService pki;
    private final ChecklistService checklist;
    private final MeterStore meters = new MeterStore();
    private final org.solrtoolkit.device.FleetSamples samples = new org.solrtoolkit.device.FleetSamples(meters);
    /** The supplier whose certificates a cell set's Supplier DS cell holds, by the set's content. */
    private final Map<String, String> suppliers = new java.util.concurrent.ConcurrentHashMap<>();
    private MeterLink link = MeterLink.DIRECT;

    public CampaignService(Supplier<Database> db, AuditLog audit, Clock clock, PkiService pki,
            ChecklistService checklist) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.pki = pki;
        this.checklist = checklist;
    }

    /** Sends commands through {@code link} (a rehearsal's faults, or a test's unreachable meters). */
    public CampaignService link(MeterLink link) {
        this.link = link;
        return this;
    }

    /** How a run goes: crypto threads, meters per transaction, attempts per meter, meters this run (0: all). */
    public record Options(int threads, int batch, int maxAttempts, long limit, boolean retry) {
        /** A run that leaves earlier exceptions as they are. */
        public Options(int threads, int batch, int maxAttempts, long limit) {
            this(threads, batch, maxAttempts, limit, false);
        }

        public Options {
            if (threads < 1 || threads > 64) {
                throw new CampaignException(CampaignException.Code.BAD_OPTION, "--threads " + threads
                        + " must be 1 to 64");
            }
            if (batch < 1 || batch > 100_000) {
                throw new CampaignException(CampaignException.Code.BAD_OPTION, "--batch " + batch
                        + " must be 1 to 100000 meters per transaction");
            }
            if (maxAttempts < 1 || maxAttempts > 100) {
                throw new CampaignException(CampaignException.Code.BAD_OPTION, "--max-attempts " + maxAttempts
                        + " must be 1 to 100");
            }
            if (limit < 0) {
                throw new CampaignException(CampaignException.Code.BAD_OPTION, "--limit " + limit
                        + " must not be negative (0: every meter)");
            }
        }
    }

    // ---- plan

    /** Meters per priority group, and the prepayment customers who could lose supply now. */
    public record Plan(Map<PriorityGroup, Long> groups, long total, long atRiskNow, long prepayment) {
    }

    public Plan plan() {
        Instant now = now();
        Map<PriorityGroup, Long> groups = new EnumMap<>(PriorityGroup.class);
        for (PriorityGroup g : PriorityGroup.values()) {
            groups.put(g, 0L);
        }
        long[] n = new long[3];
        walk(now, m -> {
            groups.merge(PriorityGroup.of(m), 1L, Long::sum);
            n[0]++;
            if (PriorityGroup.atRisk(m)) {
                n[1]++;
            }
            if (m.prepayment().mode() == org.solrtoolkit.device.PrepaymentState.PaymentMode.PREPAYMENT) {
                n[2]++;
            }
        });
        return new Plan(groups, n[0], n[1], n[2]);
    }

    private void walk(Instant now, java.util.function.Consumer<StoredMeter> sink) {
        meters.walk(db.get().jdbc(), m -> sink.accept(m.settled(now)));
    }

    // ---- run

    /** What a run did, and where the campaign stands. */
    public record Summary(long campaignId, long processed, Map<ItemState, Long> thisRun, Map<ItemState, Long> overall,
            long total, long signs, long verifies, double seconds, boolean complete, List<String> steps) {
        public double rate() {
            return seconds > 0 ? processed / seconds : 0;
        }
    }

    /** Told the number of meters done so far in this run and the number to do. */
    public interface Listener {
        void progress(long done, long toDo);
    }

    /**
     * Runs (or resumes) the campaign of {@code event}.
     *
     * @throws CampaignException before anything is written: SoLR certificates missing, failing the
     *     profile lint or not chaining to the Root; no fleet; another run in progress
     */
    public Summary run(Event event, Options options, char[] password, Operator operator, Listener listener) {
        return run(event, Route.CHANGE_OF_SUPPLIER, null, options, password, operator, listener);
    }

    /**
     * Runs (or resumes) the campaign of {@code route}: for a change of supplier, placing the SoLR's
     * Supplier certificates, requested by the SoLR or the SRP acting for it (DUIS 6.23); for a
     * recovery, placing the affected party {@code with}'s new ones on the meters it supplies, by the
     * DCC with its Recovery key (SEC Appendix L, method 3).
     *
     * @throws EventException NOT_A_PARTY or WRONG_ROLE for an operator who may not run it
     * @throws CampaignException BAD_INPUT for a recovery without {@code with}, or an event without a SoLR
     */
    public Summary run(Event event, Route route, String with, Options options, char[] password, Operator operator,
            Listener listener) {
        if (route == Route.RECOVERY) {
            Authorisation.requireRole(event, operator, PartyRole.DCC, "run a recovery campaign", "the DCC signs it"
                    + " with the Recovery key (SMKI Recovery Procedure)");
            if (with == null || with.isBlank()) {
                throw new CampaignException(CampaignException.Code.BAD_INPUT, "a recovery campaign needs the affected"
                        + " party whose new certificates go into its meters' cells (--with PARTY)");
            }
            return runFor(event, route, with.trim(), options, password, operator, listener);
        }
        String solr = event.partyOf(PartyRole.SOLR).orElseThrow(() -> new CampaignException(
                CampaignException.Code.BAD_INPUT, "event " + event.id() + " has no SoLR: the change-of-supplier campaign"
                        + " is for SoLR events (playbook " + event.playbookId() + ")")).name();
        Authorisation.requireActsFor(event, operator, PartyRole.SOLR, "run the campaign", "the SoLR (" + solr
                + ") or the SRP acting for it requests 6.23 from the DCC");
        return runFor(event, route, solr, options, password, operator, listener);
    }

    private Summary runFor(Event event, Route route, String target, Options options, char[] password, Operator operator,
            Listener listener) {
        Actor actor = new Actor(operator.name(), operator.party(), operator.role().name(), event.id());
        Instant start = now();
        String solr = target;
        List<Cs02bCommand.Replacement> replacements = solrCertificates(solr, start, route);
        X509CertificateHolder oca = pki.issuingOcaCertificate();
        PartySpec dcc = pki.parties().stream().filter(p -> p.kind() == SmkiPartyKind.DCC).findFirst()
                .orElseThrow(() -> new CampaignException(CampaignException.Code.NO_SOLR_CERTIFICATES,
                        "the SMKI holds no DCC party to act as TCoS; run 'pki init' with the event current"));
        PrivateKey tcos = pki.partyKey(dcc.name(), route.signerAlias, password).key();
        Path lockFile = Path.of(db.get().file() + ".campaign.lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = tryLock(ch, lockFile)) {
            long campaignId = campaignFor(event, route, solr, start, actor);
            if (options.retry()) {
                retry(campaignId, start, actor);
            }
            sample(event, route, start);
            Summary s = runLocked(event, route, campaignId, List.copyOf(route == Route.CHANGE_OF_SUPPLIER
                    ? link.placed(replacements, start) : replacements), oca, tcos, options, actor, listener, start);
            sample(event, route, now());
            return new Summary(s.campaignId(), s.processed(), s.thisRun(), s.overall(), s.total(), s.signs(),
                    s.verifies(), s.seconds(), s.complete(), markSteps(event, route, operator, s));
        } catch (IOException e) {
            throw new CampaignException(CampaignException.Code.IO, "campaign lock " + lockFile + ": " + e.getMessage());
        }
    }

    /** A live change of supplier's picture of the fleet before and after each run, for the report's chart. */
    private void sample(Event event, Route route, Instant at) {
        if (route == Route.CHANGE_OF_SUPPLIER && !event.isRehearsal()) {
            event.partyOf(PartyRole.SOLR).ifPresent(solr -> db.get().write(jdbc -> {
                samples.record(jdbc, event.id(), at, solr.name());
                return null;
            }));
        }
    }

    /** Puts meters left UNREACHABLE, PARTIAL or FAILED by earlier runs back to PENDING, audited. */
    private void retry(long campaignId, Instant now, Actor actor) {
        db.get().write(jdbc -> {
            Map<ItemState, Long> before = states(campaignId);
            int n = jdbc.update("UPDATE campaign_item SET state = 'PENDING', updated_at = :t WHERE campaign_id = :c"
                    + " AND state IN ('UNREACHABLE', 'PARTIAL', 'FAILED')", Map.of("c", campaignId, "t",
                    now.toEpochMilli()));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("campaign", campaignId);
            for (ItemState st : List.of(ItemState.UNREACHABLE, ItemState.PARTIAL, ItemState.FAILED)) {
                detail.put(st.name(), before.getOrDefault(st, 0L));
            }
            audit.append(jdbc, entry(now, actor, "campaign.retry", "campaign " + campaignId, null, String.valueOf(n),
                    detail));
            return null;
        });
    }

    private static FileLock tryLock(FileChannel ch, Path file) throws IOException {
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new CampaignException(CampaignException.Code.RUNNING, "a campaign run is already in progress on this"
                    + " database (" + file + " is locked); wait for it, or see its progress with 'campaign status'");
        }
        return lock;
    }

    /** The SoLR's three Supplier certificates, refused unless they pass the profile lint and chain to the Root. */
    private List<Cs02bCommand.Replacement> solrCertificates(String solr, Instant now, Route route) {
        String whose = route == Route.CHANGE_OF_SUPPLIER ? "the SoLR's" : solr + "'s";
        X509CertificateHolder root = pki.rootCertificate();
        X509CertificateHolder oca = pki.issuingOcaCertificate();
        List<Cs02bCommand.Replacement> reps = new ArrayList<>();
        for (int i = 0; i < SOLR_ALIASES.size(); i++) {
            String alias = SOLR_ALIASES.get(i);
            X509CertificateHolder c = pki.certificate(solr, alias).orElseThrow(() -> new CampaignException(
                    CampaignException.Code.NO_SOLR_CERTIFICATES, route.whose + " '" + solr + "' has no " + alias
                            + " certificate in this database's SMKI; run 'pki init' with the event current"));
            List<LintFinding> errors = new ProfileLinter().lint(solr + " " + alias, 0, c).stream()
                    .filter(LintFinding::isError).toList();
            if (!errors.isEmpty()) {
                throw new CampaignException(CampaignException.Code.BAD_CERTIFICATES, whose + " " + alias
                        + " certificate fails the GBCS profile: " + errors.get(0) + "; replace it before the campaign");
            }
            pki.record(solr, alias).filter(r -> r.status() == org.solrtoolkit.pki.CertificateRecord.Status.REVOKED)
                    .ifPresent(r -> {
                        throw new CampaignException(CampaignException.Code.BAD_CERTIFICATES, whose + " " + alias
                                + " certificate " + r.serial() + " was revoked at " + r.revokedAt().map(
                                        Instant::toString).orElse("?") + " (" + r.revocationReason().orElse("")
                                + "); it needs a new certificate (pki renew) before a campaign places it on meters"
                                + " (SMKI Recovery Procedure, domain.md section 3)");
                    });
            PathValidator.Result chain = new PathValidator().validate(c, List.of(oca), root, Optional.of(now));
            if (!chain.ok()) {
                throw new CampaignException(CampaignException.Code.BAD_CERTIFICATES, whose + " " + alias
                        + " certificate does not chain to the Root in the meters' cells: " + chain.failure().get());
            }
            reps.add(new Cs02bCommand.Replacement(SUPPLIER_CELLS.get(i), c));
        }
        return reps;
    }

    /** The event's campaign, made with its items in priority order on the first run. */
    private long campaignFor(Event event, Route route, String solr, Instant now, Actor actor) {
        NamedParameterJdbcTemplate read = db.get().jdbc();
        List<Long> found = read.queryForList("SELECT id FROM campaign WHERE event_id = :e AND mode = :m",
                Map.of("e", event.id(), "m", route.mode.name()), Long.class);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        return db.get().write(jdbc -> {
            jdbc.update("INSERT INTO campaign (event_id, mode, new_supplier, created_at, total) VALUES (:e, :m, :s, :t, 0)",
                    new MapSqlParameterSource("e", event.id()).addValue("m", route.mode.name()).addValue("s", solr)
                            .addValue("t", now.toEpochMilli()));
            long id = jdbc.queryForObject("SELECT last_insert_rowid()", Map.of(), Long.class);
            List<Object[]> rows = new ArrayList<>();
            long[] total = {0};
            Map<PriorityGroup, Long> groups = new EnumMap<>(PriorityGroup.class);
            Long after = null;
            while (true) {
                List<StoredMeter> page = meters.page(jdbc, after, 5_000);
                if (page.isEmpty()) {
                    break;
                }
                for (StoredMeter m : page) {
                    if (route == Route.RECOVERY && !m.supplier().equalsIgnoreCase(solr)) {
                        continue; // a recovery concerns the meters whose cells hold the affected party's certificates
                    }
                    PriorityGroup g = PriorityGroup.of(m.settled(now));
                    groups.merge(g, 1L, Long::sum);
                    rows.add(new Object[] {id, m.id().value(), g.rank()});
                }
                jdbc.getJdbcTemplate().batchUpdate("INSERT INTO campaign_item (campaign_id, device_id, grp, state)"
                        + " VALUES (?, ?, ?, 'PENDING')", rows);
                total[0] += rows.size();
                rows.clear();
                after = page.get(page.size() - 1).id().value();
            }
            if (total[0] == 0) {
                throw new CampaignException(CampaignException.Code.NO_FLEET, route == Route.RECOVERY ? "no meter of the"
                        + " fleet is supplied by '" + solr + "': nothing to recover" : "the fleet is empty: fleet"
                        + " generate or fleet import first");
            }
            jdbc.update("UPDATE campaign SET total = :n WHERE id = :id", Map.of("n", total[0], "id", id));
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("campaign", id);
            detail.put("mode", route.mode.name());
            detail.put(route == Route.RECOVERY ? "party" : "new_supplier", solr);
            detail.put("meters", total[0]);
            groups.forEach((g, n) -> detail.put(g.name(), n));
            audit.append(jdbc, entry(now, actor, "campaign.plan", "campaign " + id, null, String.valueOf(total[0]),
                    detail));
            return id;
        });
    }

    private record Item(int grp, long deviceId, int attempts) {
    }

    /** One meter's result in a batch. */
    private record Outcome(StoredMeter meter, Map<TrustAnchorCell, CellContent> cells, ItemState state, Integer code,
            String detail, int attempts, boolean commanded) {
    }

    private Summary runLocked(Event event, Route route, long campaignId, List<Cs02bCommand.Replacement> replacements,
            X509CertificateHolder oca, PrivateKey tcos, Options o, Actor actor, Listener listener, Instant start) {
        long t0 = System.nanoTime();
        TrustCache trust = new TrustCache();
        List<X509CertificateHolder> path = List.of(oca);
        Map<String, String> solrSkis = new HashMap<>();
        for (Cs02bCommand.Replacement r : replacements) {
            solrSkis.put(r.cell().name(), CellContent.of(r.certificate()).ski());
        }
        long toDo = count(campaignId, "state = 'PENDING' OR (state = 'UNREACHABLE' AND attempts < " + o.maxAttempts()
                + ")");
        if (o.limit() > 0) {
            toDo = Math.min(toDo, o.limit());
        }
        Map<ItemState, Long> thisRun = new EnumMap<>(ItemState.class);
        AtomicLong signs = new AtomicLong();
        long processed = 0;
        ExecutorService workers = Executors.newFixedThreadPool(o.threads());
        Map<String, Long> cellSets = new HashMap<>();
        try {
            // first every pending meter in priority order (up to the limit), then passes over the unreachable
            // ones with a growing pause between passes. Batch k+1 is signed and checked on the workers while
            // this thread commits batch k: a keyset cursor keeps the batches apart.
            int pass = 0;
            long firstTime = 0;
            int cursorGrp = 0;
            long cursorId = Long.MIN_VALUE;
            List<Future<Outcome>> inFlight = null;
            Instant inFlightAt = null;
            while (true) {
                String which = pass == 0 ? "state = 'PENDING'" : "state = 'UNREACHABLE' AND attempts < " + o.maxAttempts();
                int n = pass == 0 ? (int) Math.min(o.batch(), o.limit() > 0 ? o.limit() - firstTime : o.batch())
                        : o.batch();
                List<Item> items = n <= 0 ? List.of() : items(campaignId, which, cursorGrp, cursorId, n);
                List<Future<Outcome>> next = null;
                Instant now = now();
                if (!items.isEmpty()) {
                    Item last = items.get(items.size() - 1);
                    cursorGrp = last.grp();
                    cursorId = last.deviceId();
                    if (pass == 0) {
                        firstTime += items.size();
                    }
                    Map<Long, StoredMeter> loaded = load(items);
                    next = new ArrayList<>();
                    for (Item it : items) {
                        StoredMeter m = loaded.get(it.deviceId());
                        next.add(workers.submit(() -> migrate(route, m, it.attempts() + 1, replacements, path, tcos,
                                solrSkis, trust, now)));
                    }
                }
                if (inFlight != null) {
                    List<Outcome> outcomes = new ArrayList<>();
                    for (Future<Outcome> f : inFlight) {
                        outcomes.add(f.get());
                    }
                    write(campaignId, outcomes, cellSets, actor, inFlightAt);
                    for (Outcome out : outcomes) {
                        thisRun.merge(out.state(), 1L, Long::sum);
                        if (out.commanded()) {
                            signs.incrementAndGet();
                        }
                    }
                    processed += outcomes.size();
                    listener.progress(Math.min(processed, toDo), toDo);
                }
                inFlight = next;
                inFlightAt = now;
                if (items.isEmpty()) {
                    if (count(campaignId, "state = 'UNREACHABLE' AND attempts < " + o.maxAttempts()) == 0
                            || pass + 1 >= o.maxAttempts()) {
                        break;
                    }
                    pass++;
                    cursorGrp = 0;
                    cursorId = Long.MIN_VALUE;
                    sleep(link.pauseMillis(pass));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CampaignException(CampaignException.Code.IO, "campaign interrupted; run it again to resume");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            workers.shutdownNow();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<ItemState, Long> overall = states(campaignId);
        long total = overall.values().stream().mapToLong(Long::longValue).sum();
        long open = overall.getOrDefault(ItemState.PENDING, 0L)
                + count(campaignId, "state = 'UNREACHABLE' AND attempts < " + o.maxAttempts());
        // every command is signed once by the TCoS and its signature verified once by the meter; chain
        // checks of the same certificate against the same Root key are verified once and reused
        Summary s = new Summary(campaignId, processed, thisRun, overall, total, signs.get(), signs.get()
                + trust.verifications(), seconds, open == 0, List.of());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("campaign", campaignId);
        detail.put("processed", processed);
        thisRun.forEach((k, v) -> detail.put(k.name(), v));
        detail.put("signs", s.signs());
        detail.put("seconds", Math.round(seconds * 10) / 10.0);
        detail.put("complete", s.complete());
        detail.put("options", Map.of("threads", o.threads(), "batch", o.batch(), "max_attempts", o.maxAttempts(),
                "limit", o.limit()));
        db.get().write(jdbc -> audit.append(jdbc, entry(now(), actor, "campaign.run", "campaign " + campaignId, null,
                s.complete() ? "COMPLETE" : "INCOMPLETE", detail)));
        return s;
    }

    /** The next {@code n} items matching {@code where} after (grp, device) in priority order. */
    private List<Item> items(long campaignId, String where, int grp, long after, int n) {
        return db.get().jdbc().query("SELECT grp, device_id, attempts FROM campaign_item WHERE campaign_id = :c AND ("
                + where + ") AND (grp > :g OR (grp = :g AND device_id > :d)) ORDER BY grp, device_id LIMIT :n",
                Map.of("c", campaignId, "g", grp, "d", after, "n", n),
                (rs, i) -> new Item(rs.getInt(1), rs.getLong(2), rs.getInt(3)));
    }

    /**
     * The playbook steps the campaign implements: started with the first run, done once every meter
     * is applied or has a recorded exception, each under the checklist's own rules (a step whose
     * dependencies are open stays as it is, and the reason is reported).
     */
    private List<String> markSteps(Event event, Route route, Operator operator, Summary s) {
        List<String> said = new ArrayList<>();
        long applied = s.overall().getOrDefault(ItemState.APPLIED, 0L);
        String progress = String.format("campaign %d: %,d of %,d meters applied, %,d with exceptions", s.campaignId(),
                applied, s.total(), s.total() - applied - s.overall().getOrDefault(ItemState.PENDING, 0L));
        for (String automation : List.of(route.runAutomation, route.verifyAutomation)) {
            if (automation.equals(route.verifyAutomation) && !s.complete()) {
                continue;
            }
            for (String id : checklist.automatedSteps(event, automation)) {
                StepStatus now = checklist.step(event, id).status();
                StepAction action = s.complete() ? StepAction.DONE : StepAction.START;
                if (now == StepStatus.DONE || now == StepStatus.SKIPPED || now == StepStatus.IN_PROGRESS
                        && action == StepAction.START) {
                    continue;
                }
                try {
                    checklist.change(event, operator, new StepRequest(id, action, automation.equals(
                            route.verifyAutomation) ? "every meter's Supplier cells checked by its CS02b answer; "
                                    + progress : progress, null,
                            null, false));
                    said.add(id + " " + (action == StepAction.DONE ? "done" : "started"));
                } catch (ToolkitException e) {
                    said.add(id + " not marked: " + e.getMessage());
                }
            }
        }
        return said;
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis);
    }

    private Map<Long, StoredMeter> load(List<Item> items) {
        Map<Long, StoredMeter> byId = new HashMap<>();
        for (StoredMeter m : meters.find(db.get().jdbc(), items.stream().map(Item::deviceId).toList())) {
            byId.put(m.id().value(), m);
        }
        return byId;
    }

    /** One meter: already migrated, or a signed CS02b delivered and its answer classified. */
    private Outcome migrate(Route route, StoredMeter stored, int attempt, List<Cs02bCommand.Replacement> replacements,
            List<X509CertificateHolder> path, PrivateKey tcos, Map<String, String> solrSkis, TrustCache trust, Instant now) {
        if (stored == null) {
            return new Outcome(null, null, ItemState.FAILED, CellStatus.OTHER.code(), "meter no longer in the fleet",
                    attempt, false);
        }
        StoredMeter m = stored.settled(now);
        if (!m.commissioned()) {
            return new Outcome(m, null, ItemState.FAILED, CellStatus.OTHER.code(), "meter has no trust anchor cells",
                    attempt, false);
        }
        Map<TrustAnchorCell, CellContent> cells = meters.cells(db.get().jdbc(), m.cellSetId());
        if (SUPPLIER_CELLS.stream().allMatch(c -> cells.get(c) != null && cells.get(c).ski().equals(
                solrSkis.get(c.name())))) {
            return new Outcome(m, null, ItemState.APPLIED, CellStatus.SUCCESS.code(),
                    "cells already held the SoLR's certificates; no command sent", attempt, false);
        }
        Cs02bCommand cmd = new Cs02bCommand(route.mode, route.mode.authoriser(), MeterService.counter(now,
                m.floor(route.floor)), m.id(), replacements, path, Optional.empty(),
                Optional.empty(), false);
        SimulatedMeter meter = m.toMeter(cells, null).trusting(trust);
        Cs02bResponse r;
        try {
            r = link.deliver(meter, cmd.sign(tcos), now);
        } catch (MeterLink.Unreachable e) {
            return new Outcome(m, null, ItemState.UNREACHABLE, null, e.getMessage(), attempt, true);
        }
        if (!r.accepted()) {
            return new Outcome(m, null, ItemState.FAILED, CellStatus.OTHER.code(), r.rejection().orElse("refused"),
                    attempt, true);
        }
        List<Cs02bResponse.CellOutcome> failed = r.outcomes().stream().filter(x -> x.status() != CellStatus.SUCCESS)
                .toList();
        StoredMeter after = m.after(meter);
        Map<TrustAnchorCell, CellContent> next = new EnumMap<>(meter.cells());
        if (failed.isEmpty()) {
            return new Outcome(after, next, ItemState.APPLIED, CellStatus.SUCCESS.code(), null, attempt, true);
        }
        String detail = String.join("; ", failed.stream().map(x -> x.cell() + " " + x.status().code() + " "
                + x.status() + ": " + x.reason()).toList());
        boolean any = failed.size() < r.outcomes().size();
        return new Outcome(after, any ? next : null, any ? ItemState.PARTIAL : ItemState.FAILED,
                failed.get(0).status().code(), detail, attempt, true);
    }

    /** One transaction: the meters' new cells, floors and supplier, their items, and an audit row. */
    private void write(long campaignId, List<Outcome> outcomes, Map<String, Long> cellSets, Actor actor, Instant now) {
        db.get().write(jdbc -> {
            List<StoredMeter> changed = new ArrayList<>();
            List<Object[]> items = new ArrayList<>();
            Map<ItemState, Long> counts = new EnumMap<>(ItemState.class);
            for (Outcome o : outcomes) {
                if (o.cells() != null) {
                    String key = o.cells().toString();
                    long set = cellSets.computeIfAbsent(key, k -> meters.cellSet(jdbc, o.cells()));
                    String supplier = suppliers.computeIfAbsent(key, k -> Optional.ofNullable(o.cells().get(
                            TrustAnchorCell.SUPPLIER_DS)).flatMap(CellContent::eui).flatMap(pki::partyByEui)
                            .map(PartySpec::name).orElse(o.meter().supplier()));
                    changed.add(o.meter().withCells(set, supplier));
                }
                if (o.meter() != null) {
                    items.add(new Object[] {o.state().name(), o.attempts(), o.code(), o.detail(), now.toEpochMilli(),
                        campaignId, o.meter().id().value()});
                }
                counts.merge(o.state(), 1L, Long::sum);
            }
            changed.sort(java.util.Comparator.comparingLong(m -> m.id().value()));
            meters.update(jdbc, changed);
            jdbc.getJdbcTemplate().batchUpdate("UPDATE campaign_item SET state = ?, attempts = ?, status_code = ?,"
                    + " detail = ?, updated_at = ? WHERE campaign_id = ? AND device_id = ?", items);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("campaign", campaignId);
            counts.forEach((k, v) -> detail.put(k.name(), v));
            detail.put("first", outcomes.get(0).meter() == null ? null : outcomes.get(0).meter().id().toString());
            detail.put("last", outcomes.get(outcomes.size() - 1).meter() == null ? null
                    : outcomes.get(outcomes.size() - 1).meter().id().toString());
            audit.append(jdbc, entry(now, actor, "campaign.batch", "campaign " + campaignId, null,
                    String.valueOf(outcomes.size()), detail));
            return null;
        });
    }

    // ---- status and failures

    /** The campaign of {@code event}, if it has one: outcome counts overall and per priority group. */
    public record Status(long campaignId, String newSupplier, long total, Map<ItemState, Long> states,
            Map<PriorityGroup, Map<ItemState, Long>> byGroup) {
    }

    public Optional<Status> status(Event event) {
        return status(event, Route.CHANGE_OF_SUPPLIER);
    }

    public Optional<Status> status(Event event, Route route) {
        NamedParameterJdbcTemplate jdbc = db.get().jdbc();
        List<Map<String, Object>> c = jdbc.queryForList("SELECT id, new_supplier, total FROM campaign WHERE event_id = :e"
                + " AND mode = :m", Map.of("e", event.id(), "m", route.mode.name()));
        if (c.isEmpty()) {
            return Optional.empty();
        }
        long id = ((Number) c.get(0).get("id")).longValue();
        Map<PriorityGroup, Map<ItemState, Long>> byGroup = new EnumMap<>(PriorityGroup.class);
        jdbc.query("SELECT grp, state, count(*) AS n FROM campaign_item WHERE campaign_id = :c GROUP BY grp, state",
                Map.of("c", id), rs -> {
                    byGroup.computeIfAbsent(PriorityGroup.ofRank(rs.getInt("grp")), g -> new EnumMap<>(ItemState.class))
                            .put(ItemState.valueOf(rs.getString("state")), rs.getLong("n"));
                });
        return Optional.of(new Status(id, (String) c.get(0).get("new_supplier"), ((Number) c.get(0).get("total"))
                .longValue(), states(id), byGroup));
    }

    /** When a campaign was made (its first run) and when an item last changed. */
    public record Timing(Optional<Instant> createdAt, Optional<Instant> lastUpdate) {
    }

    public Timing timing(long campaignId) {
        NamedParameterJdbcTemplate jdbc = db.get().jdbc();
        Long created = jdbc.queryForObject("SELECT created_at FROM campaign WHERE id = :c", Map.of("c", campaignId),
                Long.class);
        Long last = jdbc.queryForObject("SELECT max(updated_at) FROM campaign_item WHERE campaign_id = :c",
                Map.of("c", campaignId), Long.class);
        return new Timing(Optional.ofNullable(created).map(Instant::ofEpochMilli),
                Optional.ofNullable(last).map(Instant::ofEpochMilli));
    }

    /** One campaign item as stored, for the report's evidence. */
    public record ItemRow(long deviceId, int group, ItemState state, int attempts, Integer statusCode, String detail,
            Optional<Instant> updatedAt) {
    }

    /** Every item of every campaign of {@code event}, by priority group and device. */
    public void forEachItem(Event event, java.util.function.Consumer<ItemRow> sink) {
        db.get().jdbc().query("SELECT i.device_id, i.grp, i.state, i.attempts, i.status_code, i.detail, i.updated_at"
                + " FROM campaign_item i JOIN campaign c ON c.id = i.campaign_id WHERE c.event_id = :e"
                + " ORDER BY i.grp, i.device_id", Map.of("e", event.id()), rs -> {
                    int code = rs.getInt("status_code");
                    Integer statusCode = rs.wasNull() ? null : code;
                    long updated = rs.getLong("updated_at");
                    Optional<Instant> at = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(updated));
                    sink.accept(new ItemRow(rs.getLong("device_id"), rs.getInt("grp"), ItemState.valueOf(
                            rs.getString("state")), rs.getInt("attempts"), statusCode, rs.getString("detail"), at));
                });
    }

    /** How many meters were APPLIED at each batch commit time of campaign {@code campaignId}, in time order. */
    public List<Map.Entry<Instant, Long>> appliedOverTime(long campaignId) {
        return db.get().jdbc().query("SELECT updated_at, count(*) AS n FROM campaign_item WHERE campaign_id = :c AND"
                + " state = 'APPLIED' GROUP BY updated_at ORDER BY updated_at", Map.of("c", campaignId),
                (rs, i) -> Map.entry(Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getLong("n")));
    }

    /** Outcomes of the event's campaigns by mode, state and status code, e.g. {@code PARTIAL / status 10}. */
    public Map<String, Long> outcomeCodes(Event event) {
        Map<String, Long> m = new java.util.TreeMap<>();
        db.get().jdbc().query("SELECT c.mode, i.state, i.status_code, count(*) AS n FROM campaign_item i JOIN campaign c"
                + " ON c.id = i.campaign_id WHERE c.event_id = :e GROUP BY c.mode, i.state, i.status_code",
                Map.of("e", event.id()), rs -> {
                    int code = rs.getInt("status_code");
                    String state = rs.getString("state") + (rs.wasNull() ? "" : " / status " + code);
                    m.put(Cs02bMode.valueOf(rs.getString("mode")) + ": " + state, rs.getLong("n"));
                });
        return m;
    }

    /** A meter not (yet) APPLIED, and why. */
    public record Failure(String deviceId, PriorityGroup group, ItemState state, int attempts, Integer statusCode,
            String detail) {
    }

    public List<Failure> failures(Event event) {
        return failures(event, Route.CHANGE_OF_SUPPLIER);
    }

    public List<Failure> failures(Event event, Route route) {
        Status s = status(event, route).orElseThrow(() -> new CampaignException(CampaignException.Code.NO_CAMPAIGN,
                "event " + event.id() + " has no campaign yet: run 'campaign run'"));
        return db.get().jdbc().query("SELECT device_id, grp, state, attempts, status_code, detail FROM campaign_item"
                + " WHERE campaign_id = :c AND state <> 'APPLIED' ORDER BY grp, device_id", Map.of("c", s.campaignId()),
                (rs, i) -> {
                    int code = rs.getInt("status_code");
                    return new Failure(new org.solrtoolkit.pki.Eui64(rs.getLong("device_id")).toString(),
                            PriorityGroup.ofRank(rs.getInt("grp")), ItemState.valueOf(rs.getString("state")),
                            rs.getInt("attempts"), rs.wasNull() ? null : code, rs.getString("detail"));
                });
    }

    private Map<ItemState, Long> states(long campaignId) {
        Map<ItemState, Long> m = new EnumMap<>(ItemState.class);
        db.get().jdbc().query("SELECT state, count(*) AS n FROM campaign_item WHERE campaign_id = :c GROUP BY state",
                Map.of("c", campaignId), rs -> {
                    m.put(ItemState.valueOf(rs.getString("state")), rs.getLong("n"));
                });
        return m;
    }

    private long count(long campaignId, String where) {
        Long n = db.get().jdbc().queryForObject("SELECT count(*) FROM campaign_item WHERE campaign_id = :c AND (" + where
                + ")", Map.of("c", campaignId), Long.class);
        return n == null ? 0 : n;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static AuditEntry entry(Instant at, Actor actor, String action, String subject, String before,
            String after, Map<String, Object> detail) {
        return AuditEntry.of(at, actor, action, subject, before, after, detail);
    }
}
