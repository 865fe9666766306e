package org.solrtoolkit.rehearsal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.FleetSamples;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.StepView;
import org.solrtoolkit.migration.CampaignService;
import org.solrtoolkit.migration.ItemState;
import org.solrtoolkit.playbook.PartyRole;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A rehearsal's score, computed from what the database recorded (so the same scenario and command
 * script give the same score): per role how the checklist went, the customers' side (who lost
 * supply, customer-hours, the worst moment, when all were protected) and the campaign.
 */
public final class RehearsalScore {

    /** Per role, how the checklist went. */
    public record RoleScore(PartyRole role, int steps, int onTime, int late, int overdue, int open, int skipped,
            long overrides) {
    }

    /** The customers' side: who lost supply, for how long in total, and the worst moment. */
    public record SupplyScore(long lostSupply, long lostSupplyPsr, long offSupplyNow, double customerHours,
            double customerHoursElectricity, double customerHoursGas,
            long peakOffSupply, long prepayment, long unprotectedNow, Optional<Instant> allProtectedAt,
            List<String> firstLosses) {
    }

    /** The change-of-supplier campaign: when it first ran and when every meter had its outcome. */
    public record CampaignScore(boolean started, Optional<Instant> firstRun, Optional<Instant> completedAt, long total,
            Map<String, Long> states) {
    }

    /** A rehearsal's score. */
    public record Score(String eventId, String scenarioId, boolean ended, Instant appointment, Instant clock,
            List<RoleScore> roles, List<String> lateSteps, List<String> overdueSteps, SupplyScore supply,
            CampaignScore campaign, List<RehearsalService.FaultView> faults) {
    }

    private final RehearsalRepository repo;
    private final AuditLog audit;
    private final ChecklistService checklist;
    private final CampaignService campaigns;
    private final MeterStore meters;
    private final FleetSamples samples;
    private final FaultSchedule faults;

    RehearsalScore(RehearsalRepository repo, AuditLog audit, ChecklistService checklist, CampaignService campaigns,
            MeterStore meters, FleetSamples samples, FaultSchedule faults) {
        this.repo = repo;
        this.audit = audit;
        this.checklist = checklist;
        this.campaigns = campaigns;
        this.meters = meters;
        this.samples = samples;
        this.faults = faults;
    }

    /** Counts of one role's steps: 0 steps, 1 on time, 2 late, 3 overdue, 4 open, 5 skipped. */
    private static final class Tally {
        int steps;
        int onTime;
        int late;
        int overdue;
        int open;
        int skipped;
    }

    Score of(NamedParameterJdbcTemplate jdbc, RehearsalService.Rehearsal r, Event e) {
        Instant now = r.clock();
        Map<PartyRole, Tally> byRole = new EnumMap<>(PartyRole.class);
        List<String> late = new ArrayList<>();
        List<String> overdue = new ArrayList<>();
        for (StepView v : checklist.steps(e)) {
            Tally c = byRole.computeIfAbsent(v.role(), k -> new Tally());
            c.steps++;
            switch (v.status()) {
                case DONE -> {
                    boolean isLate = v.dueAt().map(d -> v.updatedAt() != null && v.updatedAt().isAfter(d)).orElse(false);
                    if (isLate) {
                        c.late++;
                        late.add(v.id() + " " + v.role() + " due " + v.due() + ", done "
                                + SimulatedTime.offset(e, v.updatedAt()) + " by " + v.updatedBy());
                    } else {
                        c.onTime++;
                    }
                }
                case SKIPPED -> c.skipped++;
                default -> {
                    if (v.dueAt().map(d -> d.isBefore(now)).orElse(false)) {
                        c.overdue++;
                        overdue.add(v.id() + " " + v.role() + " due " + v.due() + ", " + v.status());
                    } else {
                        c.open++;
                    }
                }
            }
        }
        Map<String, Long> overrides = audit.countByRole(jdbc, e.id(), "step.%.override");
        List<RoleScore> roles = new ArrayList<>();
        byRole.forEach((role, c) -> roles.add(new RoleScore(role, c.steps, c.onTime, c.late, c.overdue, c.open,
                c.skipped, overrides.getOrDefault(role.name(), 0L))));
        String solr = e.partyOf(PartyRole.SOLR).orElseThrow().name();
        long unprotected = meters.unprotected(jdbc, solr);
        Optional<Instant> protectedAt = r.protectedAt().or(() -> unprotected == 0 ? Optional.of(now) : Optional.empty());
        List<String> first = repo.firstLosses(jdbc, e.id(), 10).stream().map(l -> l.device() + " off at "
                + SimulatedTime.offset(e, l.at()) + (l.psr() ? " (PSR)" : "")).toList();
        SupplyScore supply = new SupplyScore(repo.losses(jdbc, e.id(), false), repo.losses(jdbc, e.id(), true),
                meters.offSupply(jdbc, now), Math.round(r.customerHours() * 100) / 100.0,
                Math.round((r.customerHours() - r.customerHoursGas()) * 100) / 100.0,
                Math.round(r.customerHoursGas() * 100) / 100.0,
                samples.peakOffSupply(jdbc, e.id()).orElse(0L), meters.prepayment(jdbc), unprotected, protectedAt, first);
        return new Score(e.id(), r.scenarioId(), !r.running(), e.appointedAt(), now, roles, late, overdue, supply,
                campaign(e), faults.struck(jdbc, e.id()));
    }

    private CampaignScore campaign(Event e) {
        Optional<CampaignService.Status> s = campaigns.status(e);
        if (s.isEmpty()) {
            return new CampaignScore(false, Optional.empty(), Optional.empty(), 0, Map.of());
        }
        Map<String, Long> states = new LinkedHashMap<>();
        s.get().states().forEach((k, v) -> states.put(k.name(), v));
        CampaignService.Timing timing = campaigns.timing(s.get().campaignId());
        boolean complete = s.get().states().getOrDefault(ItemState.PENDING, 0L) == 0
                && s.get().states().getOrDefault(ItemState.UNREACHABLE, 0L) == 0;
        return new CampaignScore(true, timing.createdAt(), complete ? timing.lastUpdate() : Optional.empty(),
                s.get().total(), states);
    }
}
