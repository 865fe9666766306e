package org.solrtoolkit.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.solrtoolkit.pki.Eui64;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** SQL for the fleet's meters; bulk inserts go through plain positional batches, in order. */
final class FleetRepository {

    private static final String INSERT = "INSERT INTO meter (device_id, device_type, mpxn, payment_mode,"
            + " credit_balance, emergency_credit_limit, debt, debt_recovery_percent, psr, supplier, supply_state)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Rows per INSERT statement: one statement step writes this many rows. */
    private static final int ROWS_PER_STATEMENT = 100;
    private static final String INSERT_MANY = INSERT + (", (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)").repeat(ROWS_PER_STATEMENT - 1);

    void insert(NamedParameterJdbcTemplate jdbc, List<MeterRecord> batch) {
        JdbcTemplate plain = jdbc.getJdbcTemplate();
        int whole = batch.size() - batch.size() % ROWS_PER_STATEMENT;
        if (whole > 0) {
            plain.execute(INSERT_MANY, (java.sql.PreparedStatement ps) -> {
                for (int from = 0; from < whole; from += ROWS_PER_STATEMENT) {
                    for (int i = 0; i < ROWS_PER_STATEMENT; i++) {
                        bind(ps, i * 11, batch.get(from + i));
                    }
                    ps.executeUpdate();
                }
                return null;
            });
        }
        if (whole < batch.size()) {
            plain.batchUpdate(INSERT, batch.subList(whole, batch.size()), batch.size() - whole,
                    (ps, m) -> bind(ps, 0, m));
        }
    }

    private static void bind(java.sql.PreparedStatement ps, int at, MeterRecord m) throws SQLException {
        ps.setLong(at + 1, m.deviceId().value());
        ps.setString(at + 2, m.type().name());
        ps.setString(at + 3, m.mpxn().value());
        ps.setString(at + 4, m.paymentMode().name());
        ps.setLong(at + 5, m.creditBalance());
        ps.setLong(at + 6, m.emergencyCreditLimit());
        ps.setLong(at + 7, m.debt());
        ps.setInt(at + 8, m.debtRecoveryPercent());
        ps.setInt(at + 9, m.psr() ? 1 : 0);
        ps.setString(at + 10, m.supplier());
        ps.setString(at + 11, m.supply().name());
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
