package org.solrtoolkit.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.solrtoolkit.device.FleetSamples;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.migration.CampaignRoute;
import org.solrtoolkit.migration.CampaignService;
import org.solrtoolkit.store.Database;

/** The series of the report's fleet chart, read through the owners of the samples and the campaign. */
final class FleetChart {

    private static final FleetSamples SAMPLES = new FleetSamples(new MeterStore());

    private final Supplier<Database> db;
    private final CampaignService campaigns;

    FleetChart(Supplier<Database> db, CampaignService campaigns) {
        this.db = db;
        this.campaigns = campaigns;
    }

    /**
     * The fleet over time: a rehearsal's hourly samples (meters not yet migrated, prepayment
     * customers not protected, off supply); for a live event, meters not yet migrated from the
     * campaign's outcomes, and customers at risk and off supply as sampled before and after each
     * campaign run and each protective run over the fleet.
     */
    List<Svg.Series> series(Event e) {
        List<FleetSamples.Sample> sampled = SAMPLES.series(db.get().jdbc(), e.id());
        List<Instant> at = new ArrayList<>(sampled.stream().map(FleetSamples.Sample::at).toList());
        List<Long> off = sampled.stream().map(FleetSamples.Sample::offSupply).toList();
        List<Long> unprotected = sampled.stream().map(FleetSamples.Sample::unprotected).toList();
        String atRisk = "prepayment customers at risk (can be disabled, not migrated)";
        if (e.isRehearsal() && !sampled.isEmpty()) {
            return List.of(new Svg.Series("meters not yet migrated", "#1565c0", at, sampled.stream()
                    .map(FleetSamples.Sample::notMigrated).toList()),
                    new Svg.Series(atRisk, "#ef6c00", at, unprotected),
                    new Svg.Series("prepayment customers off supply", "#c62828", at, off));
        }
        List<Svg.Series> series = new ArrayList<>();
        if (!sampled.isEmpty()) {
            series.add(new Svg.Series(atRisk, "#ef6c00", at, unprotected));
            series.add(new Svg.Series("prepayment customers off supply", "#c62828", at, off));
        }
        Optional<CampaignService.Status> c = campaigns.status(e, CampaignRoute.CHANGE_OF_SUPPLIER);
        if (c.isEmpty()) {
            return series;
        }
        List<Instant> when = new ArrayList<>();
        List<Long> notMigrated = new ArrayList<>();
        long left = c.get().total();
        when.add(campaigns.timing(c.get().campaignId()).createdAt().orElseThrow());
        notMigrated.add(left);
        for (Map.Entry<Instant, Long> applied : campaigns.appliedOverTime(c.get().campaignId())) {
            left -= applied.getValue();
            when.add(applied.getKey());
            notMigrated.add(left);
        }
        series.add(0, new Svg.Series("meters not yet migrated", "#1565c0", when, notMigrated));
        return series;
    }
}
