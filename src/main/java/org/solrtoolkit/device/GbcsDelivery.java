package org.solrtoolkit.device;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PartySpec;

/**
 * A GBCS command delivered to a meter of the simulated fleet (issue 16): the meter is restored from
 * the database with its own key pairs ({@link MeterKeys}), handles the octets ({@link GbcsMeter}),
 * and what it changed (cells, floors) is written with an audit row in one transaction. Its signed
 * GBCS response is returned; a command it refuses as a whole changes nothing and gets none.
 */
public final class GbcsDelivery {

    private final MeterService owner;
    private final MeterKeys keys;

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

    /** Delivers the command; the meter's signed GBCS response, or empty when it refuses it as a whole. */
    public Optional<byte[]> deliver(Eui64 id, byte[] command, Actor actor) {
        Instant now = owner.now();
        StoredMeter stored = owner.require(id).settled(now);
        Map<TrustAnchorCell, CellContent> cells = owner.cells(stored);
        SimulatedMeter meter = stored.toMeter(cells, keys.keyPair(id, MeterKeys.Usage.KA));
        GbcsMeter.Answer a = new GbcsMeter(meter, keys.keyPair(id, MeterKeys.Usage.DS).getPrivate()).handle(command, now);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("accepted", a.outcome().accepted());
        a.outcome().refusal().ifPresent(r -> detail.put("refused", r.toString()));
        detail.put("outcomes", a.outcome().outcomes().stream().map(o -> o.cell() + " " + o.status().code() + " "
                + o.status()).toList());
        if (!a.outcome().accepted() || a.deferred().isPresent()) {
            owner.database().get().write(jdbc -> {
                owner.audit().append(jdbc, MeterService.entry(now, actor, "meter.gbcs", id.toString(), null,
                        a.outcome().accepted() ? "accepted for later" : "refused", detail));
                return null;
            });
            return a.response();
        }
        Map<TrustAnchorCell, CellContent> next = new EnumMap<>(meter.cells());
        String supplierNow = Optional.ofNullable(next.get(TrustAnchorCell.SUPPLIER_DS)).flatMap(CellContent::eui)
                .flatMap(owner.pki()::partyByEui).map(PartySpec::name).orElse(stored.supplier());
        owner.database().get().write(jdbc -> {
            long set = owner.meters().cellSet(jdbc, next);
            owner.meters().update(jdbc, List.of(stored.after(meter).withCells(set, supplierNow)));
            owner.audit().append(jdbc, MeterService.entry(now, actor, "meter.gbcs", id.toString(), stored.supplier(),
                    supplierNow, detail));
            return null;
        });
        return a.response();
    }
}
