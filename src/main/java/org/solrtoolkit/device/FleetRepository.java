package org.solrtoolkit.device;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.store.BulkInsert;
import org.solrtoolkit.store.BulkUpdate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** SQL for the fleet's meters; bulk inserts and updates take each database's fast path, in order. */
final class FleetRepository {

    /** New meters' rows: COPY on the server, multi-row INSERTs on a file ({@link BulkInsert}). */
    private static final BulkInsert<NewMeter> INSERT = new BulkInsert<>("meter", List.of(
            in("device_id", n -> n.meter().deviceId().value()),
            in("device_type", n -> n.meter().type().name()),
            in("mpxn", n -> n.meter().mpxn().value()),
            in("payment_mode", n -> n.meter().paymentMode().name()),
            in("credit_balance", n -> n.meter().creditBalance()),
            in("emergency_credit_limit", n -> n.meter().emergencyCreditLimit()),
            in("debt", n -> n.meter().debt()),
            in("debt_recovery_percent", n -> n.meter().debtRecoveryPercent()),
            in("psr", n -> n.meter().psr() ? 1 : 0),
            in("supplier", n -> n.meter().supplier()),
            // an armed supply is still off: the inventory row says DISABLED (the armed flag is the meter's state)
            in("supply_state", n -> n.meter().supply() == PrepaymentState.SupplyState.ARMED ? "DISABLED"
                    : n.meter().supply().name()),
            in("consumption_per_hour", n -> n.meter().consumptionPerHour()),
            in("settled_at", n -> n.since().toEpochMilli()),
            in("supply_since", n -> n.supplySince().toEpochMilli()),
            in("cell_set_id", NewMeter::cellSetId),
            in("reaction_minutes", n -> CustomerReaction.DEFAULT.minutes(0, n.meter().deviceId().value())),
            // a negative balance is emergency credit in use
            in("ec_active", n -> n.meter().creditBalance() < 0 ? 1 : 0)));

    private static BulkInsert.Column<NewMeter> in(String name, Function<NewMeter, Object> value) {
        return new BulkInsert.Column<>(name, value);
    }

    /** A new meter's row: the inventory, since when its state holds, and its cell set (null: unknown yet). */
    record NewMeter(MeterRecord meter, Instant since, Long cellSetId, Instant supplySince) {
        /** Its supply state holds since it was recorded (an import does not know for how long before). */
        NewMeter(MeterRecord meter, Instant since, Long cellSetId) {
            this(meter, since, cellSetId, since);
        }
    }

    void insert(NamedParameterJdbcTemplate jdbc, List<NewMeter> batch) {
        INSERT.run(jdbc, batch);
    }

    boolean exists(NamedParameterJdbcTemplate jdbc, Eui64 id) {
        return !jdbc.queryForList("SELECT 1 FROM meter WHERE device_id = :id", Map.of("id", id.value()), Integer.class)
                .isEmpty();
    }

    long count(NamedParameterJdbcTemplate jdbc) {
        return count(jdbc, "SELECT count(*) FROM meter", Map.of());
    }

    long prepayment(NamedParameterJdbcTemplate jdbc) {
        return count(jdbc, "SELECT count(*) FROM meter WHERE payment_mode = 'PREPAYMENT'", Map.of());
    }

    /**
     * Prepayment meters that can still be disabled (no calendar covering every minute) and do not hold
     * {@code solr}'s Supplier certificates.
     */
    long unprotected(NamedParameterJdbcTemplate jdbc, String solr) {
        return count(jdbc, "SELECT count(*) FROM meter WHERE payment_mode = 'PREPAYMENT' AND non_disablement <> :all"
                + " AND lower(supplier) <> lower(:s)", Map.of("s", solr, "all", NonDisablementCalendar.ALL_DAY));
    }

    /** Meters whose Supplier cells do not hold {@code solr}'s certificates. */
    long notMigrated(NamedParameterJdbcTemplate jdbc, String solr) {
        return count(jdbc, "SELECT count(*) FROM meter WHERE lower(supplier) <> lower(:s)", Map.of("s", solr));
    }

    /** Every meter id in device order, streamed; only commissioned meters (with cells) if asked. */
    void forEachId(NamedParameterJdbcTemplate jdbc, boolean commissionedOnly, java.util.function.LongConsumer sink) {
        jdbc.query("SELECT device_id FROM meter" + (commissionedOnly ? " WHERE cell_set_id IS NOT NULL" : "")
                + " ORDER BY device_id", Map.of(), rs -> {
                    sink.accept(rs.getLong(1));
                });
    }

    private static long count(NamedParameterJdbcTemplate jdbc, String sql, Map<String, ?> params) {
        Long n = jdbc.queryForObject(sql, params, Long.class);
        return n == null ? 0 : n;
    }



    /** Every meter in device order, streamed. */
    void forEach(NamedParameterJdbcTemplate jdbc, Consumer<StoredMeter> sink) {
        jdbc.getJdbcTemplate().query(MeterRows.SELECT + " ORDER BY device_id", rs -> {
            sink.accept(MeterRows.stored(rs));
        });
    }

    /** The first {@code limit} meter ids in device order. */
    List<Eui64> ids(NamedParameterJdbcTemplate jdbc, int limit) {
        return jdbc.queryForList("SELECT device_id FROM meter ORDER BY device_id LIMIT :n", Map.of("n", limit),
                Long.class).stream().map(Eui64::new).toList();
    }

    /** The meters with these ids (at most a few thousand), in device order. */
    List<StoredMeter> findAll(NamedParameterJdbcTemplate jdbc, java.util.Collection<Long> ids) {
        return jdbc.query(MeterRows.SELECT + " WHERE device_id IN (:ids) ORDER BY device_id", Map.of("ids", ids),
                (rs, n) -> MeterRows.stored(rs));
    }

    Optional<StoredMeter> find(NamedParameterJdbcTemplate jdbc, Eui64 id) {
        return jdbc.query(MeterRows.SELECT + " WHERE device_id = :id", Map.of("id", id.value()), (rs, n) -> MeterRows.stored(rs)).stream()
                .findFirst();
    }

    /**
     * Up to {@code limit} meters after {@code after} in device order ({@code null}: from the first),
     * prepayment meters only if asked: one page of a walk over the fleet.
     */
    List<StoredMeter> page(NamedParameterJdbcTemplate jdbc, Long after, int limit, boolean prepaymentOnly) {
        MapSqlParameterSource p = new MapSqlParameterSource("after", after == null ? Long.MIN_VALUE : after)
                .addValue("limit", limit);
        // a plain range on the rowid: "(:after IS NULL OR device_id > :after)" made SQLite scan from the first
        // row for every page, so a walk over a million meters read the table a hundred times
        return jdbc.query(MeterRows.SELECT + " WHERE device_id " + (after == null ? ">=" : ">") + " :after"
                + (prepaymentOnly ? " AND payment_mode = 'PREPAYMENT'" : "") + " ORDER BY device_id LIMIT :limit", p,
                (rs, n) -> MeterRows.stored(rs));
    }

    /** What a change to a meter writes (the campaign's, a top-up's, a protective request's, the clock's). */
    private static final BulkUpdate<StoredMeter> UPDATE = new BulkUpdate<>("meter", List.of(
            col("supplier", "text", StoredMeter::supplier),
            col("credit_balance", "bigint", m -> m.prepayment().balance()),
            col("debt", "bigint", m -> m.prepayment().debt()),
            col("supply_state", "text", m -> m.prepayment().off() ? PrepaymentState.SupplyState.DISABLED.name()
                    : m.prepayment().supply().name()),
            col("supply_since", "bigint", m -> m.prepayment().supplySince().toEpochMilli()),
            col("armed", "bigint", m -> m.prepayment().supply() == PrepaymentState.SupplyState.ARMED ? 1L : 0L),
            col("settled_at", "bigint", m -> m.settledAt().toEpochMilli()),
            col("cell_set_id", "bigint", StoredMeter::cellSetId),
            col("supplier_floor", "bigint", m -> m.floor(RemotePartyRole.SUPPLIER)),
            col("network_operator_floor", "bigint", m -> m.floor(RemotePartyRole.NETWORK_OPERATOR)),
            col("tcos_floor", "bigint", m -> m.floor(RemotePartyRole.TRANSITIONAL_COS)),
            col("recovery_floor", "bigint", m -> m.floor(RemotePartyRole.RECOVERY)),
            col("prepayment_floor", "bigint", StoredMeter::prepaymentFloor),
            col("recent_utrns", "text", m -> String.join(",", m.recentUtrns())),
            col("payment_mode", "text", m -> m.prepayment().mode().name()),
            col("emergency_credit_limit", "bigint", m -> m.prepayment().emergencyCreditLimit()),
            col("emergency_credit_threshold", "bigint", m -> m.prepayment().emergencyCreditThreshold()),
            col("low_credit_threshold", "bigint", m -> m.prepayment().lowCreditThreshold()),
            col("debt_recovery_percent", "bigint", m -> m.prepayment().debtRecoveryPerTopUpPercent()),
            col("max_meter_balance", "bigint", m -> m.prepayment().maxMeterBalance()),
            col("ec_active", "bigint", m -> m.prepayment().emergencyCreditActive() ? 1L : 0L),
            col("non_disablement", "text", m -> m.prepayment().calendar().toString()),
            col("off_since", "bigint", m -> m.prepayment().offSince() == null ? null
                    : m.prepayment().offSince().toEpochMilli()),
            col("off_millis", "bigint", m -> m.prepayment().offMillis()),
            col("root_floor", "bigint", m -> m.floor(RemotePartyRole.ROOT))),
            List.of(col("device_id", "bigint", m -> m.id().value())));

    private static BulkUpdate.Column<StoredMeter> col(String name, String type,
            java.util.function.Function<StoredMeter, Object> value) {
        return new BulkUpdate.Column<>(name, type, value);
    }

    /** Writes what can change on a meter, in the order given (give them in device order). */
    void update(NamedParameterJdbcTemplate jdbc, List<StoredMeter> meters) {
        UPDATE.run(jdbc, meters);
    }

    /** A stored meter as an inventory row. */
    static MeterRecord record(StoredMeter m) {
        PrepaymentState s = m.prepayment();
        return new MeterRecord(m.id(), m.type(), m.mpxn(), s.mode(), s.balance(), s.emergencyCreditLimit(), s.debt(),
                (int) s.debtRecoveryPerTopUpPercent(), m.psr(), m.supplier(), s.supply(), m.consumptionPerHour());
    }

    // ---- cell sets: identical sets of trust anchor cells stored once

    /** The id of the set holding exactly {@code cells}, stored now if it is new. */
    long cellSet(NamedParameterJdbcTemplate jdbc, Map<TrustAnchorCell, CellContent> cells) {
        String digest = digest(cells);
        List<Long> found = jdbc.queryForList("SELECT id FROM cell_set WHERE digest = :d", Map.of("d", digest), Long.class);
        if (!found.isEmpty()) {
            return found.get(0);
        }
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update("INSERT INTO cell_set (digest) VALUES (:d)", new MapSqlParameterSource("d", digest), key,
                new String[] {"id"});
        long id = key.getKey().longValue();
        for (Map.Entry<TrustAnchorCell, CellContent> e : cells.entrySet()) {
            try {
                jdbc.update("INSERT INTO cell_set_cell (set_id, cell, eui, ski, public_key, contingency)"
                        + " VALUES (:s, :c, :e, :k, :p, :w)", new MapSqlParameterSource("s", id)
                                .addValue("c", e.getKey().name())
                                .addValue("e", e.getValue().eui().map(Eui64::toString).orElse(null))
                                .addValue("k", e.getValue().ski()).addValue("p", e.getValue().publicKey().getEncoded())
                                .addValue("w", e.getValue().contingency().orElse(null)));
            } catch (java.io.IOException x) {
                throw new java.io.UncheckedIOException(x);
            }
        }
        return id;
    }

    /** What the cells of set {@code id} hold, in cell order. */
    Map<TrustAnchorCell, CellContent> cells(NamedParameterJdbcTemplate jdbc, long id) {
        Map<TrustAnchorCell, CellContent> cells = new EnumMap<>(TrustAnchorCell.class);
        jdbc.query("SELECT cell, eui, ski, public_key, contingency FROM cell_set_cell WHERE set_id = :s", Map.of("s", id),
                rs -> {
            String eui = rs.getString("eui");
            cells.put(TrustAnchorCell.valueOf(rs.getString("cell")), new CellContent(Optional.ofNullable(eui)
                    .map(Eui64::parse), rs.getString("ski"), org.bouncycastle.asn1.x509.SubjectPublicKeyInfo
                    .getInstance(rs.getBytes("public_key")), Optional.ofNullable(rs.getBytes("contingency"))));
        });
        return cells;
    }

    static String digest(Map<TrustAnchorCell, CellContent> cells) {
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (TrustAnchorCell c : TrustAnchorCell.values()) {
                CellContent content = cells.get(c);
                if (content != null) {
                    sha.update((c.name() + "|" + content.eui().map(Eui64::toString).orElse("") + "|" + content.ski()
                            + "|").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    sha.update(content.publicKey().getEncoded());
                    content.contingency().ifPresent(sha::update); // only a Root cell's; digests of others unchanged
                }
            }
            return java.util.HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

}
