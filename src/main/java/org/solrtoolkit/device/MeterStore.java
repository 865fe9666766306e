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

    /** Writes changed meters (in device order) within the caller's transaction. */
    public void update(NamedParameterJdbcTemplate jdbc, List<StoredMeter> changed) {
        meters.update(jdbc, changed);
    }
}
