package org.solrtoolkit.device;

import java.time.Instant;
import java.util.Map;
import org.solrtoolkit.pki.Eui64;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** SQL for the {@code topup} table: every UTRN offered and the meter's answer, and a supplier's last counter. */
final class TopUpRepository {


    void insertTopUp(NamedParameterJdbcTemplate jdbc, Eui64 meter, String party, Eui64 originator, long counter,
            Utrn utrn, Instant at, TopUpResult result) {
        jdbc.update("INSERT INTO topup (device_id, party, originator, counter, utrn, pence, offered_at, result)"
                + " VALUES (:d, :p, :o, :c, :u, :v, :at, :r)", new MapSqlParameterSource("d", meter.value())
                .addValue("p", party).addValue("o", originator.toString()).addValue("c", counter)
                .addValue("u", utrn.digits()).addValue("v", utrn.pence()).addValue("at", at.toString())
                .addValue("r", result.name()));
    }

    /** The last counter {@code party} used for {@code meter} (zero if none): its next UTRN goes above it. */
    long lastTopUpCounter(NamedParameterJdbcTemplate jdbc, Eui64 meter, String party) {
        Long c = jdbc.queryForObject("SELECT max(counter) FROM topup WHERE device_id = :d AND lower(party) = lower(:p)",
                Map.of("d", meter.value(), "p", party), Long.class);
        return c == null ? 0 : c;
    }
}
