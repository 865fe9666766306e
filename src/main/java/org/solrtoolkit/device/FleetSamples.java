package org.solrtoolkit.device;

import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The fleet's picture at one moment of an event, for the report's chart: prepayment meters off
 * supply (each settled to then; nothing about the meters is written), prepayment meters at risk
 * (not in safe mode and still holding the Failing Supplier's certificates) and meters not yet
 * migrated. One scan of the fleet.
 */
public final class FleetSamples {

    private final MeterStore meters = new MeterStore();

    /** Records the picture at {@code at} for {@code eventId}, within the caller's transaction. */
    public void record(NamedParameterJdbcTemplate jdbc, String eventId, Instant at, String failingSupplier) {
        long off = meters.offSupply(jdbc, at);
        Long unprotected = jdbc.queryForObject("SELECT count(*) FROM meter WHERE payment_mode = 'PREPAYMENT' AND"
                + " safe_mode = 0 AND supplier = :s COLLATE NOCASE", Map.of("s", failingSupplier), Long.class);
        Long notMigrated = jdbc.queryForObject("SELECT count(*) FROM meter WHERE supplier = :s COLLATE NOCASE",
                Map.of("s", failingSupplier), Long.class);
        jdbc.update("INSERT OR REPLACE INTO fleet_sample (event_id, at, off_supply, unprotected, not_migrated)"
                + " VALUES (:e, :t, :o, :u, :m)", new MapSqlParameterSource("e", eventId).addValue("t", at.toEpochMilli())
                        .addValue("o", off).addValue("u", unprotected).addValue("m", notMigrated));
    }
}
