package org.solrtoolkit.device;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The fleet's picture at moments of an event, for the report's chart and a rehearsal's score (the
 * {@code fleet_sample} table, schema 8): prepayment meters off supply (each settled to then; nothing
 * about the meters is written), prepayment customers at risk ({@link MeterStore#unprotected}) and
 * meters not yet migrated. A rehearsal samples every simulated hour; a live event before and after
 * each campaign run and each protective run over the fleet.
 */
public final class FleetSamples {

    /** One sample. */
    public record Sample(Instant at, long offSupply, long unprotected, long notMigrated) {
    }

    private final MeterStore meters;

    public FleetSamples(MeterStore meters) {
        this.meters = meters;
    }

    /** Records the picture at {@code at} for {@code eventId} (one scan of the fleet), within the caller's transaction. */
    public void record(NamedParameterJdbcTemplate jdbc, String eventId, Instant at, String solr) {
        put(jdbc, eventId, new Sample(at, meters.offSupply(jdbc, at), meters.unprotected(jdbc, solr),
                meters.notMigrated(jdbc, solr)));
    }

    /** Stores {@code s} (replacing a sample of the same moment), within the caller's transaction. */
    public void put(NamedParameterJdbcTemplate jdbc, String eventId, Sample s) {
        jdbc.update("INSERT INTO fleet_sample (event_id, at, off_supply, unprotected, not_migrated)"
                + " VALUES (:e, :t, :o, :u, :m) ON CONFLICT (event_id, at) DO UPDATE SET off_supply = excluded.off_supply,"
                + " unprotected = excluded.unprotected, not_migrated = excluded.not_migrated",
                new MapSqlParameterSource("e", eventId)
                        .addValue("t", s.at().toEpochMilli()).addValue("o", s.offSupply())
                        .addValue("u", s.unprotected()).addValue("m", s.notMigrated()));
    }

    /** The event's samples in time order. */
    public List<Sample> series(NamedParameterJdbcTemplate jdbc, String eventId) {
        return jdbc.query("SELECT at, off_supply, unprotected, not_migrated FROM fleet_sample WHERE event_id = :e"
                + " ORDER BY at", Map.of("e", eventId), (rs, i) -> new Sample(Instant.ofEpochMilli(rs.getLong(1)),
                        rs.getLong(2), rs.getLong(3), rs.getLong(4)));
    }

    /** The most prepayment customers off supply at once in the event's samples. */
    public Optional<Long> peakOffSupply(NamedParameterJdbcTemplate jdbc, String eventId) {
        return Optional.ofNullable(jdbc.queryForObject("SELECT max(off_supply) FROM fleet_sample WHERE event_id = :e",
                Map.of("e", eventId), Long.class));
    }
}
