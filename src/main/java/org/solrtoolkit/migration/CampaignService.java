package org.solrtoolkit.migration;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.Cs02bCommand;
import org.solrtoolkit.device.FleetSamples;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.event.Authorisation;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.store.Database;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The change-of-supplier campaign (domain.md section 3; DUIS 6.23): for every meter of the fleet,
 * prepayment customers at risk first, the DCC acting as TCoS signs a CS02b in mode
 * supplierByTransCoS carrying the SoLR's Supplier DS, KA and KA (prepaymentTopUp) certificates and
 * the Issuing OCA, and the meter checks and applies it. This class decides who may run it, plans
 * the items and hands the run to {@link CampaignRunner} ({@link MigrationStep} per meter,
 * {@link BatchWriter} per batch), so a run killed at any moment resumes where the last batch ended.
 * One run at a time per database ({@link CampaignLock}).
 */
public final class CampaignService {

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    private final PkiService pki;
    private final ChecklistService checklist;
    private final MeterStore meters = new MeterStore();
    private final FleetSamples samples = new FleetSamples(meters);
    private final CampaignRepository campaigns = new CampaignRepository();
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

    /** Meters per priority group, and the prepayment customers who could lose supply now. */
    public record Plan(Map<PriorityGroup, Long> groups, long total, long atRiskNow, long prepayment) {
    }

    public Plan plan() {
        return new CampaignPlanner(db, audit, meters, campaigns).plan(now());
    }

    /** What a run did, and where the campaign stands. */
    public record Summary(long campaignId, long processed, Map<ItemState, Long> thisRun, Map<ItemState, Long> overall,
            long total, long signs, long verifies, double seconds, boolean complete, List<String> steps) {
        public double rate() {
            return seconds > 0 ? processed / seconds : 0;
        }

        Summary withSteps(List<String> marked) {
            return new Summary(campaignId, processed, thisRun, overall, total, signs, verifies, seconds, complete,
                    List.copyOf(marked));
        }
    }

    /** Told the number of meters done so far in this run and the number to do. */
    public interface Listener {
        void progress(long done, long toDo);
    }

    /** Runs (or resumes) the change-of-supplier campaign of {@code event}. */
    public Summary run(Event event, CampaignOptions options, char[] password, Operator operator, Listener listener) {
        return run(event, CampaignRoute.CHANGE_OF_SUPPLIER, null, options, password, operator, listener);
    }

    /**
     * Runs (or resumes) the campaign of {@code route}: for a change of supplier, placing the SoLR's
     * Supplier certificates, requested by the SoLR or the SRP acting for it (DUIS 6.23); for a
     * recovery, placing the affected party {@code with}'s new ones on the meters it supplies, by the
     * DCC with its Recovery key (SEC Appendix L, method 3).
     *
     * @throws org.solrtoolkit.event.EventException NOT_A_PARTY or WRONG_ROLE for an operator who may not run it
     * @throws CampaignException before anything is written: a recovery without {@code with}, an event
     *     without a SoLR, certificates missing or failing the gate, no fleet, another run in progress
     */
    public Summary run(Event event, CampaignRoute route, String with, CampaignOptions options, char[] password,
            Operator operator, Listener listener) {
        String target = route == CampaignRoute.CHANGE_OF_SUPPLIER ? solr(event) : null;
        authorise(event, operator, route);
        if (route == CampaignRoute.RECOVERY) {
            if (with == null || with.isBlank()) {
                throw new CampaignException(CampaignException.Code.BAD_INPUT, "a recovery campaign needs the affected"
                        + " party whose new certificates go into its meters' cells ({with} PARTY)");
            }
            target = with.trim();
        }
        Actor actor = actor(event, operator);
        Instant start = now();
        CertificateGate gate = new CertificateGate(pki);
        List<Cs02bCommand.Replacement> replacements;
        PrivateKey signer;
        byte[] contingencyKey = null;
        if (route == CampaignRoute.CONTINGENCY) {
            replacements = gate.newRoot();
            PkiService.Contingency c = gate.contingency(gate.previousRoot(), password);
            signer = c.key();
            contingencyKey = c.plaintextKey();
            target = "Root OCA " + new org.solrtoolkit.pki.CertificateInspector().inspect(replacements.get(0)
                    .certificate()).serial();
        } else {
            replacements = gate.replacements(target, route, start);
            signer = gate.signer(route, password);
        }
        try (CampaignLock lock = CampaignLock.acquire(db.get())) {
            long campaignId = new CampaignPlanner(db, audit, meters, campaigns).campaignFor(event, route, target, start,
                    actor);
            if (options.retry()) {
                retry(campaignId, start, actor);
            }
            sample(event, route, start);
            MigrationStep step = new MigrationStep(route, route == CampaignRoute.CHANGE_OF_SUPPLIER
                    ? link.placed(replacements, start) : replacements, gate.issuingOca(), signer, link,
                    options.wire() ? WirePath.of(db, audit, clock, pki, event, target, password, link) : null);
            if (contingencyKey != null) {
                step.withContingencyKey(contingencyKey);
            }
            CampaignRunner runner = new CampaignRunner(db, audit, clock, meters, campaigns,
                    new BatchWriter(db, audit, pki, meters, campaigns), link);
            Summary s = runner.run(campaignId, step, options, actor, listener);
            sample(event, route, now());
            return s.withSteps(markSteps(event, route, operator, s));
        }
    }

    /** The campaign in a live event: DUIS requests out, the DCC's responses in ({@link DuisCampaign}). */
    public DuisCampaign duis() {
        return new DuisCampaign(this, new DuisExport(db, audit, pki, meters, campaigns), new DuisImport(db, audit, pki));
    }

    static Actor actor(Event event, Operator operator) {
        return new Actor(operator.name(), operator.party(), operator.role().name(), event.id(), event.isRehearsal());
    }

    /**
     * Why {@code operator} may run no campaign of {@code event}, if so: neither the change of
     * supplier (the SoLR or its SRP) nor a recovery (the DCC).
     */
    public Optional<String> refusal(Event event, Operator operator) {
        Optional<String> cos = Authorisation.refusal(() -> authorise(event, operator,
                CampaignRoute.CHANGE_OF_SUPPLIER));
        Optional<String> recovery = Authorisation.refusal(() -> authorise(event, operator, CampaignRoute.RECOVERY));
        if (cos.isEmpty() || recovery.isEmpty()) {
            return Optional.empty();
        }
        return event.partyOf(PartyRole.SOLR).isPresent() ? cos : recovery; // the rule of the event's own campaign
    }

    /** @throws org.solrtoolkit.event.EventException NOT_A_PARTY or WRONG_ROLE */
    void authorise(Event event, Operator operator, CampaignRoute route) {
        if (route == CampaignRoute.RECOVERY) {
            Authorisation.requireRole(event, operator, PartyRole.DCC, "run a recovery campaign", "the DCC signs it"
                    + " with the Recovery key (SMKI Recovery Procedure)");
        } else if (route == CampaignRoute.CONTINGENCY) {
            Authorisation.requireRole(event, operator, PartyRole.DCC, "run the contingency route", "the DCC signs it"
                    + " with the Contingency key, on the PMA's decision (SMKI Recovery Procedure)");
        } else {
            Authorisation.requireActsFor(event, operator, PartyRole.SOLR, "run the campaign", "the SoLR ("
                    + event.partyOf(PartyRole.SOLR).map(p -> p.name()).orElse("none") + ") or the SRP acting for it"
                    + " requests 6.23 from the DCC");
        }
    }

    static String solr(Event event) {
        return event.partyOf(PartyRole.SOLR).orElseThrow(() -> new CampaignException(CampaignException.Code.BAD_INPUT,
                "event " + event.id() + " has no SoLR: the change-of-supplier campaign is for SoLR events (playbook "
                        + event.playbookId() + ")")).name();
    }

    /** A live change of supplier's picture of the fleet before and after each run, for the report's chart. */
    private void sample(Event event, CampaignRoute route, Instant at) {
        if (route == CampaignRoute.CHANGE_OF_SUPPLIER && !event.isRehearsal()) {
            event.partyOf(PartyRole.SOLR).ifPresent(solr -> db.get().write(jdbc -> {
                samples.record(jdbc, event.id(), at, solr.name());
                return null;
            }));
        }
    }

    /** Puts meters left UNREACHABLE, PARTIAL or FAILED by earlier runs back to PENDING, audited. */
    private void retry(long campaignId, Instant now, Actor actor) {
        db.get().write(jdbc -> {
            Map<ItemState, Long> before = campaigns.states(jdbc, campaignId);
            int n = campaigns.reopen(jdbc, campaignId, now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("campaign", campaignId);
            for (ItemState st : List.of(ItemState.UNREACHABLE, ItemState.PARTIAL, ItemState.FAILED)) {
                detail.put(st.name(), before.getOrDefault(st, 0L));
            }
            audit.append(jdbc, AuditEntry.of(now, actor, "campaign.retry", "campaign " + campaignId, null,
                    String.valueOf(n), detail));
            return null;
        });
    }

    /**
     * The playbook steps the campaign implements, marked by the checklist under its own rules:
     * started with the first run, done once every meter is applied or has a recorded exception.
     */
    List<String> markSteps(Event event, CampaignRoute route, Operator operator, Summary s) {
        long applied = s.overall().getOrDefault(ItemState.APPLIED, 0L);
        String progress = String.format("campaign %d: %,d of %,d meters applied, %,d with exceptions", s.campaignId(),
                applied, s.total(), s.total() - applied - s.overall().getOrDefault(ItemState.PENDING, 0L));
        List<String> said = new ArrayList<>(checklist.automate(event, operator, route.runAutomation, s.complete(),
                progress));
        if (s.complete()) {
            said.addAll(checklist.automate(event, operator, route.verifyAutomation, true, "every meter's "
                    + (route == CampaignRoute.CONTINGENCY ? "Root cell" : "Supplier cells") + " checked by its CS02b"
                    + " answer; " + progress));
        }
        return said;
    }

    // ---- status, for the shell and the report

    /** The campaign of an event: outcome counts overall and per priority group. */
    public record Status(long campaignId, String newSupplier, long total, Map<ItemState, Long> states,
            Map<PriorityGroup, Map<ItemState, Long>> byGroup) {
    }

    public Optional<Status> status(Event event) {
        return status(event, CampaignRoute.CHANGE_OF_SUPPLIER);
    }

    public Optional<Status> status(Event event, CampaignRoute route) {
        NamedParameterJdbcTemplate jdbc = db.get().jdbc();
        // the totals are the sums of the groups, from one read: a run committing between two queries
        // would otherwise show 130,000 applied in the groups and 131,000 in the total (issue 14)
        return campaigns.find(jdbc, event.id(), route.mode).map(c -> {
            Map<PriorityGroup, Map<ItemState, Long>> byGroup = campaigns.byGroup(jdbc, c.id());
            Map<ItemState, Long> states = new EnumMap<>(ItemState.class);
            byGroup.values().forEach(g -> g.forEach((st, n) -> states.merge(st, n, Long::sum)));
            return new Status(c.id(), c.newSupplier(), c.total(), states, byGroup);
        });
    }

    /** When a campaign was made (its first run) and when an item last changed. */
    public record Timing(Optional<Instant> createdAt, Optional<Instant> lastUpdate) {
    }

    public Timing timing(long campaignId) {
        return campaigns.timing(db.get().jdbc(), campaignId);
    }

    /** One campaign item as stored, for the report's evidence. */
    public record ItemRow(long deviceId, int group, ItemState state, int attempts, Integer statusCode, String detail,
            Optional<Instant> updatedAt) {
    }

    /** Every item of every campaign of {@code event}, by priority group and device. */
    public void forEachItem(Event event, Consumer<ItemRow> sink) {
        campaigns.forEachItem(db.get().jdbc(), event.id(), sink);
    }

    /** How many meters were APPLIED at each batch commit time of campaign {@code campaignId}, in time order. */
    public List<Map.Entry<Instant, Long>> appliedOverTime(long campaignId) {
        return campaigns.appliedOverTime(db.get().jdbc(), campaignId);
    }

    /** Outcomes of the event's campaigns by mode, state and status code, e.g. {@code PARTIAL / status 10}. */
    public Map<String, Long> outcomeCodes(Event event) {
        return campaigns.outcomeCodes(db.get().jdbc(), event.id());
    }

    /** The event's exchange with the DCC in DUIS terms: requests, responses by kind and code, awaiting. */
    public Map<String, Long> duisExchange(Event event) {
        return campaigns.duisExchange(db.get().jdbc(), event.id());
    }

    /** A meter not (yet) APPLIED, and why. */
    public record Failure(String deviceId, PriorityGroup group, ItemState state, int attempts, Integer statusCode,
            String detail, String trainerDetail) {
    }

    public List<Failure> failures(Event event) {
        return failures(event, CampaignRoute.CHANGE_OF_SUPPLIER);
    }

    /** @throws CampaignException NO_CAMPAIGN if the event has none of this route yet */
    public List<Failure> failures(Event event, CampaignRoute route) {
        Status s = status(event, route).orElseThrow(() -> new CampaignException(CampaignException.Code.NO_CAMPAIGN,
                "event " + event.id() + " has no campaign yet: run 'campaign run'"));
        return campaigns.failures(db.get().jdbc(), s.campaignId());
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
