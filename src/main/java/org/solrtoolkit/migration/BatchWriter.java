package org.solrtoolkit.migration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.CellContent;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.DatabaseSession;

/**
 * Commits one batch of a campaign in one transaction: the meters' new cells, floors and supplier,
 * their campaign items, and one audit row naming the batch's first and last meter. A run killed
 * between two batches resumes after the last committed one.
 */
final class BatchWriter {

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final PkiService pki;
    private final MeterStore meters;
    private final CampaignRepository campaigns;
    /** A stored cell set and the supplier whose certificates its Supplier DS cell holds. */
    private record CellSet(long id, String supplier) {
    }

    /** Each cell set by its content, so the same set is stored and looked up once (one writer thread). */
    private final Map<String, CellSet> cellSets = new HashMap<>();

    BatchWriter(Supplier<Database> db, AuditLog audit, PkiService pki, MeterStore meters, CampaignRepository campaigns) {
        this.db = db;
        this.audit = audit;
        this.pki = pki;
        this.meters = meters;
        this.campaigns = campaigns;
    }

    /** Which set of cells: each cell's key identifier and holder, without formatting EUI-64s for each meter. */
    private static String key(Map<org.solrtoolkit.device.TrustAnchorCell, org.solrtoolkit.device.CellContent> cells) {
        StringBuilder k = new StringBuilder(cells.size() * 40);
        cells.forEach((cell, c) -> k.append(cell.ordinal()).append(':').append(c.ski()).append(':')
                .append(c.eui().map(e -> Long.toHexString(e.value())).orElse("-")).append(';'));
        return k.toString();
    }

    void write(DatabaseSession session, long campaignId, List<MigrationStep.Outcome> outcomes, Actor actor,
            Instant now) {
        session.write(jdbc -> {
            List<StoredMeter> changed = new ArrayList<>();
            List<CampaignRepository.ItemUpdate> items = new ArrayList<>();
            Map<ItemState, Long> counts = new EnumMap<>(ItemState.class);
            for (MigrationStep.Outcome o : outcomes) {
                if (o.cells() != null) {
                    CellSet set = cellSets.computeIfAbsent(key(o.cells()), k -> new CellSet(
                            meters.cellSet(jdbc, o.cells()), Optional.ofNullable(o.cells().get(
                                    TrustAnchorCell.SUPPLIER_DS)).flatMap(CellContent::eui).flatMap(pki::partyByEui)
                                    .map(PartySpec::name).orElse(o.meter().supplier())));
                    changed.add(o.meter().withCells(set.id(), set.supplier()));
                }
                if (o.meter() != null) {
                    items.add(new CampaignRepository.ItemUpdate(o.meter().id().value(), o.state(), o.attempts(),
                            o.code(), o.detail(), o.trainer()));
                }
                counts.merge(o.state(), 1L, Long::sum);
            }
            changed.sort(Comparator.comparingLong(m -> m.id().value()));
            meters.update(jdbc, changed);
            campaigns.update(jdbc, campaignId, items, now);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("campaign", campaignId);
            counts.forEach((k, v) -> detail.put(k.name(), v));
            detail.put("first", idOf(outcomes.get(0)));
            detail.put("last", idOf(outcomes.get(outcomes.size() - 1)));
            audit.append(jdbc, AuditEntry.of(now, actor, "campaign.batch", "campaign " + campaignId, null,
                    String.valueOf(outcomes.size()), detail));
            return null;
        });
    }

    private static String idOf(MigrationStep.Outcome o) {
        return o.meter() == null ? null : o.meter().id().toString();
    }
}
