package org.solrtoolkit.device;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Stored meters for work that walks the fleet in batches (the campaign): read a page in device
 * order, look up cell sets (cached: a stored set never changes), store a new set, and write changed
 * meters inside the caller's transaction.
 */
public final class MeterStore {

    private final FleetRepository meters = new FleetRepository();
    private final Map<Long, Map<TrustAnchorCell, CellContent>> cellCache = new ConcurrentHashMap<>();

    /** Up to {@code limit} meters after device {@code after} (null: from the first), in device order. */
    public List<StoredMeter> page(NamedParameterJdbcTemplate jdbc, Long after, int limit) {
        return meters.page(jdbc, after, limit, false);
    }

    /**
     * Every meter in device order, a page of {@code 5,000} at a time (a rowid range per page, so memory
     * stays flat and no page rescans the table), each handed to {@code sink}.
     */
    public void walk(NamedParameterJdbcTemplate jdbc, java.util.function.Consumer<StoredMeter> sink) {
        Long after = null;
        while (true) {
            List<StoredMeter> page = page(jdbc, after, 5_000);
            if (page.isEmpty()) {
                return;
            }
            page.forEach(sink);
            after = page.get(page.size() - 1).id().value();
        }
    }

    /** Prepayment meters off supply at {@code at}, each settled to then (nothing is written). */
    public long offSupply(NamedParameterJdbcTemplate jdbc, java.time.Instant at) {
        long[] n = {0};
        walk(jdbc, m -> {
            PrepaymentState s = m.settled(at).prepayment();
            if (s.mode() == PrepaymentState.PaymentMode.PREPAYMENT && s.off()) {
                n[0]++;
            }
        });
        return n[0];
    }

    /** The meters with these ids (a batch: at most a few thousand), in device order. */
    public List<StoredMeter> find(NamedParameterJdbcTemplate jdbc, java.util.Collection<Long> ids) {
        return meters.findAll(jdbc, ids);
    }

    /** What the cells of a committed set hold. */
    public Map<TrustAnchorCell, CellContent> cells(NamedParameterJdbcTemplate jdbc, long setId) {
        return cellCache.computeIfAbsent(setId, id -> meters.cells(jdbc, id));
    }

    /** The id of the set holding exactly {@code cells}, stored within the caller's transaction if new. */
    public long cellSet(NamedParameterJdbcTemplate jdbc, Map<TrustAnchorCell, CellContent> cells) {
        return meters.cellSet(jdbc, cells);
    }

    /** How many meters the fleet has. */
    public long count(NamedParameterJdbcTemplate jdbc) {
        return meters.count(jdbc);
    }

    /** How many meters are in prepayment mode. */
    public long prepayment(NamedParameterJdbcTemplate jdbc) {
        return meters.prepayment(jdbc);
    }

    /**
     * Prepayment customers at risk: prepayment meters that can still be disabled (no non-disablement
     * calendar covering every minute) and do not hold {@code solr}'s Supplier certificates (the one
     * definition of "unprotected", schemas 8 and 12).
     */
    public long unprotected(NamedParameterJdbcTemplate jdbc, String solr) {
        return meters.unprotected(jdbc, solr);
    }

    /** Meters whose Supplier cells do not yet hold {@code solr}'s certificates. */
    public long notMigrated(NamedParameterJdbcTemplate jdbc, String solr) {
        return meters.notMigrated(jdbc, solr);
    }

    /** Every meter id in device order (only those with trust anchor cells if asked), streamed. */
    public void forEachId(NamedParameterJdbcTemplate jdbc, boolean commissionedOnly,
            java.util.function.LongConsumer sink) {
        meters.forEachId(jdbc, commissionedOnly, sink);
    }

    /**
     * Records device alerts ({@code device_id, code, at millis, detail}) within the caller's
     * transaction (table {@code meter_alert}).
     */
    public void alerts(NamedParameterJdbcTemplate jdbc, List<Object[]> rows) {
        if (!rows.isEmpty()) {
            jdbc.getJdbcTemplate().batchUpdate("INSERT INTO meter_alert (device_id, code, at, detail) VALUES (?, ?, ?, ?)",
                    rows);
        }
    }

    /**
     * Sets how long each customer takes to press the button once the supply is armed ({@code minutes,
     * device_id} pairs; -1: away), within the caller's transaction.
     */
    public void reactions(NamedParameterJdbcTemplate jdbc, List<Object[]> minutesAndDevice) {
        jdbc.getJdbcTemplate().batchUpdate("UPDATE meter SET reaction_minutes = ? WHERE device_id = ?", minutesAndDevice);
    }

    /** Writes changed meters (in device order) within the caller's transaction. */
    public void update(NamedParameterJdbcTemplate jdbc, List<StoredMeter> changed) {
        meters.update(jdbc, changed);
    }
}
