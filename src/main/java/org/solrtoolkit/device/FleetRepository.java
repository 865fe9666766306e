package org.solrtoolkit.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.solrtoolkit.pki.Eui64;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** SQL for the fleet's meters; bulk inserts go through plain positional batches, in order. */
final class FleetRepository {

    private static final String INSERT = "INSERT INTO meter (device_id, eui, device_type, mpxn, payment_mode,"
            + " credit_balance, emergency_credit_limit, debt, debt_recovery_percent, psr, supplier, supply_state,"
            + " added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    void insert(NamedParameterJdbcTemplate jdbc, List<MeterRecord> batch, Instant at) {
        String when = at.toString();
        JdbcTemplate plain = jdbc.getJdbcTemplate();
        plain.batchUpdate(INSERT, batch, batch.size(), (ps, m) -> {
            ps.setLong(1, m.deviceId().value());
            ps.setString(2, m.deviceId().toString());
            ps.setString(3, m.type().name());
            ps.setString(4, m.mpxn().value());
            ps.setString(5, m.paymentMode().name());
            ps.setLong(6, m.creditBalance());
            ps.setLong(7, m.emergencyCreditLimit());
            ps.setLong(8, m.debt());
            ps.setInt(9, m.debtRecoveryPercent());
            ps.setInt(10, m.psr() ? 1 : 0);
            ps.setString(11, m.supplier());
            ps.setString(12, m.supply().name());
            ps.setString(13, when);
        });
    }

    boolean exists(NamedParameterJdbcTemplate jdbc, Eui64 id) {
        return !jdbc.queryForList("SELECT 1 FROM meter WHERE device_id = :id", Map.of("id", id.value()), Integer.class)
                .isEmpty();
    }

    long count(NamedParameterJdbcTemplate jdbc) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM meter", Map.of(), Long.class);
        return n == null ? 0 : n;
    }

    /** Every meter in device order, streamed. */
    void forEach(NamedParameterJdbcTemplate jdbc, Consumer<MeterRecord> sink) {
        jdbc.getJdbcTemplate().query("SELECT device_id, device_type, mpxn, payment_mode, credit_balance,"
                + " emergency_credit_limit, debt, debt_recovery_percent, psr, supplier, supply_state FROM meter"
                + " ORDER BY device_id", rs -> {
                    sink.accept(map(rs));
                });
    }

    /** Counts by a column's values (device_type, payment_mode, supply_state, supplier). */
    Map<String, Long> countBy(NamedParameterJdbcTemplate jdbc, String column) {
        if (!List.of("device_type", "payment_mode", "supply_state", "supplier", "psr").contains(column)) {
            throw new IllegalArgumentException(column);
        }
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        String key = column.equals("psr") ? "CASE psr WHEN 1 THEN 'true' ELSE 'false' END" : column;
        jdbc.getJdbcTemplate().query("SELECT " + key + " AS k, count(*) AS n FROM meter GROUP BY k ORDER BY k", rs -> {
                    counts.put(rs.getString("k"), rs.getLong("n"));
                });
        return counts;
    }

    private static MeterRecord map(ResultSet rs) throws SQLException {
        return new MeterRecord(new Eui64(rs.getLong("device_id")), DeviceType.valueOf(rs.getString("device_type")),
                Mpxn.parse(rs.getString("mpxn")), PrepaymentState.PaymentMode.valueOf(rs.getString("payment_mode")),
                rs.getLong("credit_balance"), rs.getLong("emergency_credit_limit"), rs.getLong("debt"),
                rs.getInt("debt_recovery_percent"), rs.getInt("psr") != 0, rs.getString("supplier"),
                PrepaymentState.SupplyState.valueOf(rs.getString("supply_state")));
    }
}
