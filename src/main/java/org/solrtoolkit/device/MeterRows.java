package org.solrtoolkit.device;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.RemotePartyRole;

/**
 * A {@code meter} row as a {@link StoredMeter}: the columns read (schemas 3, 4 and 12) and how an armed
 * supply is stored (supply_state DISABLED with {@code armed} 1: the inventory says the supply is off).
 */
final class MeterRows {

    private MeterRows() {
    }

    static final String SELECT = "SELECT device_id, device_type, mpxn, payment_mode, credit_balance,"
            + " emergency_credit_limit, emergency_credit_threshold, low_credit_threshold, disablement_threshold, debt,"
            + " debt_recovery_percent, psr, supplier, supply_state, supply_since, consumption_per_hour,"
            + " settled_at, cell_set_id, supplier_floor, network_operator_floor, tcos_floor, recovery_floor,"
            + " prepayment_floor, recent_utrns, ec_active, non_disablement, max_meter_balance, armed, off_since,"
            + " off_millis, reaction_minutes, root_floor FROM meter";

    static StoredMeter stored(ResultSet rs) throws SQLException {
        PrepaymentState state = new PrepaymentState(PrepaymentState.PaymentMode.valueOf(rs.getString("payment_mode")),
                rs.getLong("credit_balance"), rs.getLong("emergency_credit_limit"),
                rs.getLong("emergency_credit_threshold"), rs.getLong("low_credit_threshold"),
                rs.getLong("disablement_threshold"), rs.getLong("debt"), rs.getLong("debt_recovery_percent"),
                rs.getLong("max_meter_balance"), rs.getInt("ec_active") != 0,
                NonDisablementCalendar.stored(rs.getString("non_disablement")), rs.getInt("armed") != 0
                        ? PrepaymentState.SupplyState.ARMED : PrepaymentState.SupplyState.valueOf(rs.getString("supply_state")),
                Instant.ofEpochMilli(rs.getLong("supply_since")), offSince(rs), rs.getLong("off_millis"));
        Map<RemotePartyRole, Long> floors = new EnumMap<>(RemotePartyRole.class);
        floors.put(RemotePartyRole.SUPPLIER, rs.getLong("supplier_floor"));
        floors.put(RemotePartyRole.NETWORK_OPERATOR, rs.getLong("network_operator_floor"));
        floors.put(RemotePartyRole.TRANSITIONAL_COS, rs.getLong("tcos_floor"));
        floors.put(RemotePartyRole.RECOVERY, rs.getLong("recovery_floor"));
        floors.put(RemotePartyRole.ROOT, rs.getLong("root_floor"));
        long setId = rs.getLong("cell_set_id");
        Long cellSet = rs.wasNull() ? null : setId;
        String utrns = rs.getString("recent_utrns");
        return new StoredMeter(new Eui64(rs.getLong("device_id")), DeviceType.valueOf(rs.getString("device_type")),
                Mpxn.parse(rs.getString("mpxn")), rs.getInt("psr") != 0, rs.getString("supplier"), state,
                rs.getLong("consumption_per_hour"), Instant.ofEpochMilli(rs.getLong("settled_at")), cellSet, floors,
                rs.getLong("prepayment_floor"), utrns.isEmpty() ? List.of() : List.of(utrns.split(",")),
                rs.getInt("reaction_minutes"));
    }

    private static Instant offSince(ResultSet rs) throws SQLException {
        long v = rs.getLong("off_since");
        return rs.wasNull() ? null : Instant.ofEpochMilli(v);
    }
}
