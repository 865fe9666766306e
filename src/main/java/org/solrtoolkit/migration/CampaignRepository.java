package org.solrtoolkit.migration;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.solrtoolkit.device.Cs02bMode;
import org.solrtoolkit.pki.Eui64;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Every statement on the campaign tables ({@code campaign}, {@code campaign_item}), with named
 * parameters only. Items are read in priority order (group, then device) by a keyset cursor so a
 * run can fetch the next batch while the previous one is being written.
 */
final class CampaignRepository {

    /** Which items a pass of a run takes: every pending one, or the unreachable ones with attempts left. */
    enum Pass {
        PENDING("state = 'PENDING'"),
        UNREACHABLE("state = 'UNREACHABLE' AND attempts < :max"),
        OPEN("state = 'PENDING' OR (state = 'UNREACHABLE' AND attempts < :max)");

        private final String where;

        Pass(String where) {
            this.where = where;
        }
    }

    /** A campaign item waiting for a command: its group, device and attempts so far. */
    record Item(int grp, long deviceId, int attempts) {
    }

    /** One item's new state, written with its batch. */
    record ItemUpdate(long deviceId, ItemState state, int attempts, Integer code, String detail, String trainer) {
    }

    record Header(long id, String newSupplier, long total) {
    }

    Optional<Header> find(NamedParameterJdbcTemplate jdbc, String eventId, Cs02bMode mode) {
        return jdbc.query("SELECT id, new_supplier, total FROM campaign WHERE event_id = :e AND mode = :m",
                Map.of("e", eventId, "m", mode.name()), (rs, i) -> new Header(rs.getLong("id"),
                        rs.getString("new_supplier"), rs.getLong("total"))).stream().findFirst();
    }

    long insert(NamedParameterJdbcTemplate jdbc, String eventId, Cs02bMode mode, String supplier, Instant at) {
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update("INSERT INTO campaign (event_id, mode, new_supplier, created_at, total) VALUES (:e, :m, :s, :t, 0)",
                new MapSqlParameterSource("e", eventId).addValue("m", mode.name()).addValue("s", supplier)
                        .addValue("t", at.toEpochMilli()), key, new String[] {"id"});
        return key.getKey().longValue();
    }

    void insertItems(NamedParameterJdbcTemplate jdbc, long campaignId, List<long[]> deviceAndGroup) {
        jdbc.batchUpdate("INSERT INTO campaign_item (campaign_id, device_id, grp, state) VALUES (:c, :d, :g, 'PENDING')",
                deviceAndGroup.stream().map(r -> new MapSqlParameterSource("c", campaignId).addValue("d", r[0])
                        .addValue("g", r[1])).toArray(MapSqlParameterSource[]::new));
    }

    void setTotal(NamedParameterJdbcTemplate jdbc, long campaignId, long total) {
        jdbc.update("UPDATE campaign SET total = :n WHERE id = :id", Map.of("n", total, "id", campaignId));
    }

    /** Puts UNREACHABLE, PARTIAL and FAILED items back to PENDING; returns how many. */
    int reopen(NamedParameterJdbcTemplate jdbc, long campaignId, Instant at) {
        return jdbc.update("UPDATE campaign_item SET state = 'PENDING', updated_at = :t WHERE campaign_id = :c"
                + " AND state IN ('UNREACHABLE', 'PARTIAL', 'FAILED')", Map.of("c", campaignId, "t", at.toEpochMilli()));
    }

    /** The next {@code n} items of {@code pass} after (grp, device) in priority order. */
    List<Item> next(NamedParameterJdbcTemplate jdbc, long campaignId, Pass pass, int maxAttempts, int grp, long after,
            int n) {
        return jdbc.query("SELECT grp, device_id, attempts FROM campaign_item WHERE campaign_id = :c AND (" + pass.where
                + ") AND (grp > :g OR (grp = :g AND device_id > :d)) ORDER BY grp, device_id LIMIT :n",
                new MapSqlParameterSource("c", campaignId).addValue("max", maxAttempts).addValue("g", grp)
                        .addValue("d", after).addValue("n", n),
                (rs, i) -> new Item(rs.getInt(1), rs.getLong(2), rs.getInt(3)));
    }

    long count(NamedParameterJdbcTemplate jdbc, long campaignId, Pass pass, int maxAttempts) {
        Long n = jdbc.queryForObject("SELECT count(*) FROM campaign_item WHERE campaign_id = :c AND (" + pass.where + ")",
                Map.of("c", campaignId, "max", maxAttempts), Long.class);
        return n == null ? 0 : n;
    }

    /** An item's new outcome in a campaign at a time (the key and the time are the batch's). */
    private record Row(long campaignId, ItemUpdate u, long at) {
    }

    private static final org.solrtoolkit.store.BulkUpdate<Row> UPDATE = new org.solrtoolkit.store.BulkUpdate<>(
            "campaign_item", List.of(
                    new org.solrtoolkit.store.BulkUpdate.Column<Row>("state", "text", r -> r.u().state().name()),
                    new org.solrtoolkit.store.BulkUpdate.Column<Row>("attempts", "bigint", r -> (long) r.u().attempts()),
                    new org.solrtoolkit.store.BulkUpdate.Column<Row>("status_code", "bigint", r -> r.u().code() == null
                            ? null : (long) r.u().code()),
                    new org.solrtoolkit.store.BulkUpdate.Column<Row>("detail", "text", r -> r.u().detail()),
                    new org.solrtoolkit.store.BulkUpdate.Column<Row>("trainer_detail", "text", r -> r.u().trainer()),
                    new org.solrtoolkit.store.BulkUpdate.Column<Row>("updated_at", "bigint", Row::at)),
            List.of(new org.solrtoolkit.store.BulkUpdate.Column<Row>("campaign_id", "bigint", Row::campaignId),
                    new org.solrtoolkit.store.BulkUpdate.Column<Row>("device_id", "bigint", r -> r.u().deviceId())));

    void update(NamedParameterJdbcTemplate jdbc, long campaignId, List<ItemUpdate> items, Instant at) {
        long t = at.toEpochMilli();
        UPDATE.run(jdbc, items.stream().map(u -> new Row(campaignId, u, t)).toList());
    }

    Map<ItemState, Long> states(NamedParameterJdbcTemplate jdbc, long campaignId) {
        Map<ItemState, Long> m = new EnumMap<>(ItemState.class);
        jdbc.query("SELECT state, count(*) AS n FROM campaign_item WHERE campaign_id = :c GROUP BY state",
                Map.of("c", campaignId), rs -> {
                    m.put(ItemState.valueOf(rs.getString("state")), rs.getLong("n"));
                });
        return m;
    }

    Map<PriorityGroup, Map<ItemState, Long>> byGroup(NamedParameterJdbcTemplate jdbc, long campaignId) {
        Map<PriorityGroup, Map<ItemState, Long>> byGroup = new EnumMap<>(PriorityGroup.class);
        jdbc.query("SELECT grp, state, count(*) AS n FROM campaign_item WHERE campaign_id = :c GROUP BY grp, state",
                Map.of("c", campaignId), rs -> {
                    byGroup.computeIfAbsent(PriorityGroup.ofRank(rs.getInt("grp")), g -> new EnumMap<>(ItemState.class))
                            .put(ItemState.valueOf(rs.getString("state")), rs.getLong("n"));
                });
        return byGroup;
    }

    CampaignService.Timing timing(NamedParameterJdbcTemplate jdbc, long campaignId) {
        Long created = jdbc.queryForObject("SELECT created_at FROM campaign WHERE id = :c", Map.of("c", campaignId),
                Long.class);
        Long last = jdbc.queryForObject("SELECT max(updated_at) FROM campaign_item WHERE campaign_id = :c",
                Map.of("c", campaignId), Long.class);
        return new CampaignService.Timing(Optional.ofNullable(created).map(Instant::ofEpochMilli),
                Optional.ofNullable(last).map(Instant::ofEpochMilli));
    }

    void forEachItem(NamedParameterJdbcTemplate jdbc, String eventId, Consumer<CampaignService.ItemRow> sink) {
        jdbc.query("SELECT i.device_id, i.grp, i.state, i.attempts, i.status_code, i.detail, i.updated_at"
                + " FROM campaign_item i JOIN campaign c ON c.id = i.campaign_id WHERE c.event_id = :e"
                + " ORDER BY i.grp, i.device_id", Map.of("e", eventId), rs -> {
                    int code = rs.getInt("status_code");
                    Integer statusCode = rs.wasNull() ? null : code;
                    long updated = rs.getLong("updated_at");
                    Optional<Instant> at = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(updated));
                    sink.accept(new CampaignService.ItemRow(rs.getLong("device_id"), rs.getInt("grp"), ItemState.valueOf(
                            rs.getString("state")), rs.getInt("attempts"), statusCode, rs.getString("detail"), at));
                });
    }

    List<Map.Entry<Instant, Long>> appliedOverTime(NamedParameterJdbcTemplate jdbc, long campaignId) {
        return jdbc.query("SELECT updated_at, count(*) AS n FROM campaign_item WHERE campaign_id = :c AND"
                + " state = 'APPLIED' GROUP BY updated_at ORDER BY updated_at", Map.of("c", campaignId),
                (rs, i) -> Map.entry(Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getLong("n")));
    }

    Map<String, Long> outcomeCodes(NamedParameterJdbcTemplate jdbc, String eventId) {
        Map<String, Long> m = new TreeMap<>();
        jdbc.query("SELECT c.mode, i.state, i.status_code, count(*) AS n FROM campaign_item i JOIN campaign c"
                + " ON c.id = i.campaign_id WHERE c.event_id = :e GROUP BY c.mode, i.state, i.status_code",
                Map.of("e", eventId), rs -> {
                    int code = rs.getInt("status_code");
                    String state = rs.getString("state") + (rs.wasNull() ? "" : " / status " + code);
                    m.put(Cs02bMode.valueOf(rs.getString("mode")) + ": " + state, rs.getLong("n"));
                });
        return m;
    }

    /**
     * The event's exchange with the DCC in DUIS terms (issue 16), for the report: requests exported,
     * then every response imported by what it was (response, DCC alert, device alert), its code as the
     * DCC or device gave it and the outcome it set; then the requests still awaiting an answer.
     */
    Map<String, Long> duisExchange(NamedParameterJdbcTemplate jdbc, String eventId) {
        Map<String, Long> m = new java.util.LinkedHashMap<>();
        Map<String, Object> e = Map.of("e", eventId);
        long exported = jdbc.queryForObject("SELECT count(*) FROM duis_request d JOIN campaign c ON c.id = d.campaign_id"
                + " WHERE c.event_id = :e", e, Long.class);
        if (exported == 0) {
            return m;
        }
        m.put("6.23 requests exported (signed, to the DCC adapter)", exported);
        jdbc.query("SELECT r.kind, r.code, r.outcome, count(*) AS n FROM duis_response r JOIN duis_request d ON"
                + " d.request_id = r.request_id JOIN campaign c ON c.id = d.campaign_id WHERE c.event_id = :e"
                + " GROUP BY r.kind, r.code, r.outcome ORDER BY r.kind, r.code, r.outcome", e, rs -> {
                    m.put(rs.getString("kind").toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " "
                            + rs.getString("code") + " -> " + rs.getString("outcome"), rs.getLong("n"));
                });
        m.put("awaiting the DCC's answer (SENT)", jdbc.queryForObject("SELECT count(*) FROM campaign_item i JOIN"
                + " campaign c ON c.id = i.campaign_id WHERE c.event_id = :e AND i.state = 'SENT'", e, Long.class));
        m.put("accepted, outcome to come (ACKNOWLEDGED)", jdbc.queryForObject("SELECT count(*) FROM campaign_item i"
                + " JOIN campaign c ON c.id = i.campaign_id WHERE c.event_id = :e AND i.state = 'ACKNOWLEDGED'", e,
                Long.class));
        return m;
    }

    /** Meters not applied: what the DCC reported ({@code detail}) and, for a trainer, what the meter itself said. */
    List<CampaignService.Failure> failures(NamedParameterJdbcTemplate jdbc, long campaignId) {
        return jdbc.query("SELECT device_id, grp, state, attempts, status_code, detail, trainer_detail FROM campaign_item"
                + " WHERE campaign_id = :c AND state <> 'APPLIED' ORDER BY grp, device_id", Map.of("c", campaignId),
                (rs, i) -> {
                    int code = rs.getInt("status_code");
                    return new CampaignService.Failure(new Eui64(rs.getLong("device_id")).toString(),
                            PriorityGroup.ofRank(rs.getInt("grp")), ItemState.valueOf(rs.getString("state")),
                            rs.getInt("attempts"), rs.wasNull() ? null : code, rs.getString("detail"),
                            rs.getString("trainer_detail"));
                });
    }
}
