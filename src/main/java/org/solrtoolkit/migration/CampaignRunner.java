package org.solrtoolkit.migration;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.CellContent;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.DatabaseSession;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One run of a campaign, pipelined: batch k+1 is signed and checked on the worker threads while
 * this thread commits batch k (a keyset cursor keeps the batches apart). First every pending meter
 * in priority order, up to the run's limit; then passes over the unreachable ones with a growing
 * pause between passes, until none is left or the attempts are used up.
 */
final class CampaignRunner {

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    private final MeterStore meters;
    private final CampaignRepository campaigns;
    private final BatchWriter writer;
    private final MeterLink link;

    CampaignRunner(Supplier<Database> db, AuditLog audit, Clock clock, MeterStore meters, CampaignRepository campaigns,
            BatchWriter writer, MeterLink link) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.meters = meters;
        this.campaigns = campaigns;
        this.writer = writer;
        this.link = link;
    }

    CampaignService.Summary run(long campaignId, MigrationStep step, CampaignOptions o, Actor actor,
            CampaignService.Listener listener) {
        long t0 = System.nanoTime();
        int max = o.maxAttempts();
        long toDo = campaigns.count(db.get().jdbc(), campaignId, CampaignRepository.Pass.OPEN, max);
        if (o.limit() > 0) {
            toDo = Math.min(toDo, o.limit());
        }
        // each meter counted once, in the state this run left it: a meter unreachable in one pass and
        // applied in the next is APPLIED, not both (issue 14); the ids kept are only the unreachable ones
        Map<ItemState, Long> thisRun = new EnumMap<>(ItemState.class);
        java.util.Set<Long> unreachableNow = new java.util.HashSet<>();
        long signs = 0;
        long processed = 0;
        ExecutorService workers = Executors.newFixedThreadPool(o.threads());
        boolean cancelled = false;
        // one connection for the run's reads and batches (no connection opened, no log checkpointed per batch)
        DatabaseSession session = db.get().session();
        NamedParameterJdbcTemplate read = session.jdbc();
        try {
            int pass = 0;
            long firstTime = 0;
            int cursorGrp = 0;
            long cursorId = Long.MIN_VALUE;
            List<Future<MigrationStep.Outcome>> inFlight = null;
            Instant inFlightAt = null;
            while (true) {
                CampaignRepository.Pass which = pass == 0 ? CampaignRepository.Pass.PENDING
                        : CampaignRepository.Pass.UNREACHABLE;
                int n = pass == 0 ? (int) Math.min(o.batch(), o.limit() > 0 ? o.limit() - firstTime : o.batch())
                        : o.batch();
                List<CampaignRepository.Item> items = n <= 0 ? List.of()
                        : campaigns.next(read, campaignId, which, max, cursorGrp, cursorId, n);
                List<Future<MigrationStep.Outcome>> next = null;
                Instant now = now();
                if (!items.isEmpty()) {
                    CampaignRepository.Item last = items.get(items.size() - 1);
                    cursorGrp = last.grp();
                    cursorId = last.deviceId();
                    if (pass == 0) {
                        firstTime += items.size();
                    }
                    next = submit(read, workers, step, items, now);
                }
                if (inFlight != null) {
                    List<MigrationStep.Outcome> outcomes = new ArrayList<>();
                    for (Future<MigrationStep.Outcome> f : inFlight) {
                        outcomes.add(f.get());
                    }
                    writer.write(session, campaignId, outcomes, actor, inFlightAt);
                    for (MigrationStep.Outcome out : outcomes) {
                        if (out.meter() != null && unreachableNow.remove(out.meter().id().value())) {
                            thisRun.merge(ItemState.UNREACHABLE, -1L, Long::sum);
                        }
                        if (out.state() == ItemState.UNREACHABLE && out.meter() != null) {
                            unreachableNow.add(out.meter().id().value());
                        }
                        thisRun.merge(out.state(), 1L, Long::sum);
                        signs += out.commanded() ? 1 : 0;
                    }
                    processed += outcomes.size();
                    listener.progress(Math.min(processed, toDo), toDo);
                }
                inFlight = next;
                inFlightAt = now;
                if (items.isEmpty()) {
                    if (campaigns.count(read, campaignId, CampaignRepository.Pass.UNREACHABLE, max) == 0
                            || pass + 1 >= max) {
                        break;
                    }
                    pass++;
                    cursorGrp = 0;
                    cursorId = Long.MIN_VALUE;
                    Thread.sleep(link.pauseMillis(pass));
                }
            }
        } catch (InterruptedException e) {
            // Ctrl-C: the batch in flight is dropped (nothing of it was written), the ones before it are
            // committed with their audit rows; the run's own audit row says how far it got
            cancelled = true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            workers.shutdownNow();
            session.close();
        }
        CampaignService.Summary summary = finish(campaignId, o, actor, t0, thisRun, processed, signs,
                step.chainVerifications(), cancelled);
        if (cancelled) {
            throw new CampaignException(CampaignException.Code.CANCELLED, "campaign cancelled (Ctrl-C) after "
                    + String.format("%,d", processed) + " meters in this run (" + thisRun.entrySet().stream().map(e -> e.getKey() + " "
                    + String.format("%,d", e.getValue())).collect(java.util.stream.Collectors.joining(", "))
                    + "); every batch before"
                    + " the stop is committed with its audit row; run it again to resume");
        }
        return summary;
    }

    /** The batch's meters and their cells are read here; the workers only compute. */
    private List<Future<MigrationStep.Outcome>> submit(NamedParameterJdbcTemplate read, ExecutorService workers,
            MigrationStep step, List<CampaignRepository.Item> items, Instant now) {
        Map<Long, StoredMeter> byId = new HashMap<>();
        for (StoredMeter m : meters.find(read, items.stream().map(CampaignRepository.Item::deviceId).toList())) {
            byId.put(m.id().value(), m);
        }
        List<Future<MigrationStep.Outcome>> futures = new ArrayList<>(items.size());
        for (CampaignRepository.Item it : items) {
            StoredMeter m = byId.get(it.deviceId());
            Map<TrustAnchorCell, CellContent> cells = m == null || !m.commissioned() ? Map.of()
                    : meters.cells(read, m.cellSetId());
            futures.add(workers.submit(() -> step.apply(m, cells, it.attempts() + 1, now)));
        }
        return futures;
    }

    /**
     * The run's summary and its audit row. Every command is signed once by the DCC and its
     * signature verified once by the meter; chain checks of the same certificate against the same
     * Root key are verified once and reused.
     */
    private CampaignService.Summary finish(long campaignId, CampaignOptions o, Actor actor, long t0,
            Map<ItemState, Long> thisRun, long processed, long signs, long chainVerifications, boolean cancelled) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        NamedParameterJdbcTemplate read = db.get().jdbc();
        Map<ItemState, Long> overall = campaigns.states(read, campaignId);
        long total = overall.values().stream().mapToLong(Long::longValue).sum();
        long open = overall.getOrDefault(ItemState.PENDING, 0L) + overall.getOrDefault(ItemState.SENT, 0L)
                + overall.getOrDefault(ItemState.ACKNOWLEDGED, 0L) // exported to the DCC, not answered yet
                + campaigns.count(read, campaignId, CampaignRepository.Pass.UNREACHABLE, o.maxAttempts());
        CampaignService.Summary s = new CampaignService.Summary(campaignId, processed, thisRun, overall, total, signs,
                signs + chainVerifications, seconds, open == 0, List.of());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("campaign", campaignId);
        detail.put("processed", processed);
        thisRun.forEach((k, v) -> detail.put(k.name(), v));
        detail.put("signs", s.signs());
        detail.put("seconds", Math.round(seconds * 10) / 10.0);
        detail.put("complete", s.complete());
        if (cancelled) {
            detail.put("cancelled", true);
        }
        detail.put("options", Map.of("threads", o.threads(), "batch", o.batch(), "max_attempts", o.maxAttempts(),
                "limit", o.limit()));
        db.get().write(jdbc -> audit.append(jdbc, AuditEntry.of(now(), actor, "campaign.run", "campaign " + campaignId,
                null, s.complete() ? "COMPLETE" : "INCOMPLETE", detail)));
        return s;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
