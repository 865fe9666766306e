package org.solrtoolkit.migration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.device.PrepaymentState;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.store.Database;

/**
 * A campaign's items, made once on its first run: every meter of the fleet (for a recovery, every
 * meter the affected party supplies) in its priority group as of the first run, prepayment
 * customers at risk first (domain.md section 1), with the plan's counts audited in the same
 * transaction. An empty fleet writes nothing.
 */
final class CampaignPlanner {

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final MeterStore meters;
    private final CampaignRepository campaigns;

    CampaignPlanner(Supplier<Database> db, AuditLog audit, MeterStore meters, CampaignRepository campaigns) {
        this.db = db;
        this.audit = audit;
        this.meters = meters;
        this.campaigns = campaigns;
    }

    /** The event's campaign, made with its items in priority order on the first run. */
    long campaignFor(Event event, CampaignRoute route, String party, Instant now, Actor actor) {
        Optional<CampaignRepository.Header> found = campaigns.find(db.get().jdbc(), event.id(), route.mode);
        if (found.isPresent()) {
            return found.get().id();
        }
        return db.get().write(jdbc -> {
            long id = campaigns.insert(jdbc, event.id(), route.mode, party, now);
            long total = 0;
            Map<PriorityGroup, Long> groups = new EnumMap<>(PriorityGroup.class);
            Long after = null;
            for (List<StoredMeter> page; !(page = meters.page(jdbc, after, 5_000)).isEmpty();
                    after = page.get(page.size() - 1).id().value()) {
                List<long[]> rows = new ArrayList<>();
                for (StoredMeter m : page) {
                    if (route == CampaignRoute.RECOVERY && !m.supplier().equalsIgnoreCase(party)) {
                        continue; // a recovery concerns the meters whose cells hold the affected party's certificates
                    }
                    if (route == CampaignRoute.CONTINGENCY && !m.commissioned()) {
                        continue; // the contingency route concerns every meter with a Root cell
                    }
                    PriorityGroup g = PriorityGroup.of(m.settled(now));
                    groups.merge(g, 1L, Long::sum);
                    rows.add(new long[] {m.id().value(), g.rank()});
                }
                campaigns.insertItems(jdbc, id, rows);
                total += rows.size();
            }
            if (total == 0) {
                throw new CampaignException(CampaignException.Code.NO_FLEET, route == CampaignRoute.RECOVERY
                        ? "no meter of the fleet is supplied by '" + party + "': nothing to recover"
                        : "the fleet is empty: fleet generate or fleet import first");
            }
            campaigns.setTotal(jdbc, id, total);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("campaign", id);
            detail.put("mode", route.mode.name());
            detail.put(route == CampaignRoute.RECOVERY ? "party" : route == CampaignRoute.CONTINGENCY ? "new_root"
                    : "new_supplier", party);
            detail.put("meters", total);
            groups.forEach((g, n) -> detail.put(g.name(), n));
            audit.append(jdbc, AuditEntry.of(now, actor, "campaign.plan", "campaign " + id, null, String.valueOf(total),
                    detail));
            return id;
        });
    }

    /** Meters per priority group as of {@code now}, and the prepayment customers who could lose supply then. */
    CampaignService.Plan plan(Instant now) {
        Map<PriorityGroup, Long> groups = new EnumMap<>(PriorityGroup.class);
        for (PriorityGroup g : PriorityGroup.values()) {
            groups.put(g, 0L);
        }
        long[] n = new long[3];
        meters.walk(db.get().jdbc(), stored -> {
            StoredMeter m = stored.settled(now);
            groups.merge(PriorityGroup.of(m), 1L, Long::sum);
            n[0]++;
            n[1] += PriorityGroup.atRisk(m) ? 1 : 0;
            n[2] += m.prepayment().mode() == PrepaymentState.PaymentMode.PREPAYMENT ? 1 : 0;
        });
        return new CampaignService.Plan(groups, n[0], n[1], n[2]);
    }
}
