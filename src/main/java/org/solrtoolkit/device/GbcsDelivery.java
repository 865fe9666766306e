package org.solrtoolkit.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PartySpec;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A GBCS command delivered to a meter of the simulated fleet (issue 16): the meter is restored from
 * the database with its own key pairs ({@link MeterKeys}), handles the octets ({@link GbcsMeter}),
 * and what it changed (cells, floors) is written with an audit row in one transaction. Its signed
 * GBCS response is returned; a command it refuses as a whole changes nothing and gets none.
 *
 * <p>A future-dated command (domain.md section 6) is answered at once with an acceptance and kept
 * by the meter ({@code meter_deferred}) in the same transaction; {@link #executeDue} executes the
 * kept commands whose time has come and returns the meters' signed 8F66 / 8F67 alerts.
 */
public final class GbcsDelivery {

    /** A device's GBCS alert on a future-dated command it executed: the command's counter and the alert. */
    public record Alert(Eui64 device, long counter, boolean succeeded, byte[] gbcs) {
    }

    private final MeterService owner;
    private final MeterKeys keys;
    /** Chain checks of the same certificate against the same Root key, made once for the fleet (as a campaign does). */
    private final TrustCache trust = new TrustCache();

    GbcsDelivery(MeterService owner, MeterKeys keys) {
        this.owner = owner;
        this.keys = keys;
    }

    /** The meter's MPxN, if the fleet has the meter. */
    public Optional<String> mpxn(Eui64 id) {
        return owner.meters().find(owner.database().get().jdbc(), id).map(m -> m.mpxn().value());
    }

    /** The meter's key-agreement public key, as its KA Device Certificate carries it. */
    public java.security.PublicKey keyAgreement(Eui64 id) {
        return keys.keyPair(id, MeterKeys.Usage.KA).getPublic();
    }

    /** The meter's DS public key (its DS Device Certificate's), for checking its signed responses. */
    public java.security.PublicKey signing(Eui64 id) {
        return keys.keyPair(id, MeterKeys.Usage.DS).getPublic();
    }

    /** The meter's own key pair for {@code usage} (its private key never leaves the simulated meter). */
    public java.security.KeyPair keyPair(Eui64 id, MeterKeys.Usage usage) {
        return keys.keyPair(id, usage);
    }

    /** Delivers the command; the meter's signed GBCS response, or empty when it refuses it as a whole. */
    public Optional<byte[]> deliver(Eui64 id, byte[] command, Actor actor) {
        Instant now = owner.now();
        StoredMeter stored = owner.require(id).settled(now);
        SimulatedMeter meter = stored.toMeter(owner.cells(stored), keys.keyPair(id, MeterKeys.Usage.KA)).trusting(trust);
        GbcsMeter.Answer a = new GbcsMeter(meter, keys.keyPair(id, MeterKeys.Usage.DS).getPrivate()).handle(command, now);
        Map<String, Object> detail = detail(a);
        if (!a.outcome().accepted() || a.deferred().isPresent()) {
            owner.database().get().write(jdbc -> {
                a.deferred().ifPresent(d -> jdbc.update("INSERT INTO meter_deferred (device, counter, command, execute_at,"
                        + " received_at) VALUES (:d, :c, :o, :at, :now)", new MapSqlParameterSource("d", id.toString())
                        .addValue("c", d.command().originatorCounter()).addValue("o", command)
                        .addValue("at", d.at().toEpochMilli()).addValue("now", now.toEpochMilli())));
                owner.audit().append(jdbc, MeterService.entry(now, actor, "meter.gbcs", id.toString(), null,
                        a.outcome().accepted() ? "accepted for " + a.deferred().get().at() : "refused", detail));
                return null;
            });
            return a.response();
        }
        owner.database().get().write(jdbc -> {
            applied(jdbc, stored, meter, now, actor, "meter.gbcs", detail);
            return null;
        });
        return a.response();
    }

    /**
     * Executes every kept future-dated command whose execution time is at or before now, each meter
     * changed, its command marked executed and an audit row written in one transaction per command.
     * A command the meter can no longer apply (its cells changed meanwhile) fails as an 8F67 alert.
     */
    public List<Alert> executeDue(Actor actor) {
        Instant now = owner.now();
        NamedParameterJdbcTemplate read = owner.database().get().jdbc();
        List<Map<String, Object>> due = read.queryForList("SELECT device, counter, command FROM meter_deferred WHERE"
                + " executed_at IS NULL AND execute_at <= :now ORDER BY execute_at, device, counter",
                new MapSqlParameterSource("now", now.toEpochMilli()));
        List<Alert> alerts = new ArrayList<>();
        for (Map<String, Object> row : due) {
            Eui64 id = Eui64.parse((String) row.get("device"));
            long counter = ((Number) row.get("counter")).longValue();
            GbcsMeter.Deferred d = GbcsMeter.kept((byte[]) row.get("command"));
            StoredMeter stored = owner.require(id).settled(now);
            SimulatedMeter meter = stored.toMeter(owner.cells(stored), keys.keyPair(id, MeterKeys.Usage.KA))
                    .trusting(trust);
            GbcsMeter.Answer a = new GbcsMeter(meter, keys.keyPair(id, MeterKeys.Usage.DS).getPrivate()).execute(d,
                    now.toEpochMilli(), now);
            boolean ok = a.outcome().accepted() && a.outcome().outcomes().stream()
                    .anyMatch(c -> c.status() == CellStatus.SUCCESS);
            Map<String, Object> detail = detail(a);
            detail.put("future_dated", d.at().toString());
            owner.database().get().write(jdbc -> {
                if (a.outcome().accepted()) {
                    applied(jdbc, stored, meter, now, actor, "meter.gbcs.execute", detail);
                } else {
                    owner.audit().append(jdbc, MeterService.entry(now, actor, "meter.gbcs.execute", id.toString(), null,
                            "failed", detail));
                }
                jdbc.update("UPDATE meter_deferred SET executed_at = :now WHERE device = :d AND counter = :c",
                        new MapSqlParameterSource("now", now.toEpochMilli()).addValue("d", id.toString())
                                .addValue("c", counter));
                return null;
            });
            alerts.add(new Alert(id, counter, ok, a.response().orElseThrow()));
        }
        return alerts;
    }

    /** Writes what the meter changed (cells, floors, supplier) and its audit row, in the caller's transaction. */
    private void applied(NamedParameterJdbcTemplate jdbc, StoredMeter stored, SimulatedMeter meter, Instant now,
            Actor actor, String action, Map<String, Object> detail) {
        Map<TrustAnchorCell, CellContent> next = new EnumMap<>(meter.cells());
        String supplierNow = Optional.ofNullable(next.get(TrustAnchorCell.SUPPLIER_DS)).flatMap(CellContent::eui)
                .flatMap(owner.pki()::partyByEui).map(PartySpec::name).orElse(stored.supplier());
        long set = owner.meters().cellSet(jdbc, next);
        owner.meters().update(jdbc, List.of(stored.after(meter).withCells(set, supplierNow)));
        new MeterStore().alerts(jdbc, meter.alerts().stream().map(a -> new Object[] {meter.eui().value(), a.alert().code(),
                a.at().toEpochMilli(), action}).toList());
        owner.audit().append(jdbc, MeterService.entry(now, actor, action, meter.eui().toString(), stored.supplier(),
                supplierNow, detail));
    }

    private static Map<String, Object> detail(GbcsMeter.Answer a) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("accepted", a.outcome().accepted());
        a.outcome().refusal().ifPresent(r -> detail.put("refused", r.toString()));
        detail.put("outcomes", a.outcome().outcomes().stream().map(o -> o.cell() + " " + o.status().code() + " "
                + o.status()).toList());
        return detail;
    }
}
