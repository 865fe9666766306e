package org.solrtoolkit.device;

import java.security.PrivateKey;
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
import org.solrtoolkit.pki.RemotePartyRole;

/**
 * Safe mode on (or off) for one meter or every prepayment meter (domain.md sections 4 and 7), each
 * command signed with the Failing Supplier's Supplier DS key and checked by the meter on the bytes:
 * meters whose Supplier cells no longer hold that key refuse it. One meter: a refusal writes
 * nothing and is thrown. The whole fleet: accepted meters are written page by page with one audit
 * row per page, refusals are counted by the check that refused them ({@link MeterCheck}).
 */
final class SafeModeSender {

    private final MeterService owner;

    SafeModeSender(MeterService owner) {
        this.owner = owner;
    }

    MeterService.SafeModeResult send(Optional<Eui64> id, boolean on, String failingSupplier, char[] password,
            Actor actor) {
        PartySpec signer = owner.supplier(failingSupplier);
        owner.admitted(signer.name(), actor.party(), "supplier-ds", "safe mode");
        PrivateKey key = owner.pki().partyKey(signer.name(), "supplier-ds", password).key();
        if (id.isPresent()) {
            Instant now = owner.now();
            StoredMeter stored = owner.require(id.get()).settled(now);
            Optional<String> off = owner.network().unreachable(stored.id(), now);
            if (off.isPresent()) {
                throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "meter " + stored.id()
                        + " did not answer: " + off.get() + "; try again later");
            }
            SimulatedMeter meter = stored.toMeter(owner.cells(stored), null);
            Cs02bResponse r = meter.process(new SafeModeCommand(stored.id(), signer.eui(), MeterService.counter(now, stored.floor(
                    RemotePartyRole.SUPPLIER)), on).sign(key), now);
            if (!r.accepted()) {
                throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "meter " + stored.id()
                        + " refused safe mode " + (on ? "on" : "off") + " signed by " + signer.name() + ": "
                        + r.rejection().orElseThrow());
            }
            StoredMeter after = stored.after(meter);
            owner.database().get().write(jdbc -> {
                owner.meters().update(jdbc, List.of(after));
                owner.audit().append(jdbc, MeterService.entry(now, actor, "meter.safe-mode", stored.id().toString(),
                        String.valueOf(stored.prepayment().safeMode()), String.valueOf(on), Map.of("signer",
                                signer.name(), "checks", r.checks().stream().map(c -> c.name() + ": " + (c.passed()
                                        ? "pass" : "fail")).toList())));
                return null;
            });
            return new MeterService.SafeModeResult(1, Map.of(), Map.of(), Optional.of(r));
        }
        long accepted = 0;
        Map<MeterCheck, Long> refused = new java.util.EnumMap<>(MeterCheck.class);
        Map<MeterCheck, Eui64> example = new java.util.EnumMap<>(MeterCheck.class);
        Long after = null;
        while (true) {
            Instant now = owner.now();
            List<StoredMeter> page = owner.meters().page(owner.database().get().jdbc(), after, MeterService.PAGE, true);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id().value();
            record Done(StoredMeter meter, Cs02bResponse response) {
            }
            List<Done> done = page.parallelStream().map(s -> {
                StoredMeter m = s.settled(now);
                Optional<String> off = owner.network().unreachable(m.id(), now);
                if (off.isPresent()) {
                    return new Done(m, Cs02bResponse.refused(MeterCheck.DELIVERED, off.get()));
                }
                if (!m.commissioned()) {
                    return new Done(m, Cs02bResponse.refused(MeterCheck.HAS_CELLS, "the meter has no trust anchor"
                            + " cells"));
                }
                SimulatedMeter meter = m.toMeter(owner.cellsCached(m), null);
                Cs02bResponse r = meter.process(new SafeModeCommand(m.id(), signer.eui(), MeterService.counter(now,
                        m.floor(RemotePartyRole.SUPPLIER)), on).sign(key), now);
                return new Done(r.accepted() ? m.after(meter) : m, r);
            }).toList();
            List<StoredMeter> changed = new ArrayList<>();
            for (Done d : done) {
                if (d.response().accepted()) {
                    changed.add(d.meter());
                } else {
                    MeterCheck why = d.response().refusal().orElseThrow().check();
                    refused.merge(why, 1L, Long::sum);
                    example.putIfAbsent(why, d.meter().id());
                }
            }
            accepted += changed.size();
            if (!changed.isEmpty()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("signer", signer.name());
                detail.put("meters", changed.size());
                detail.put("first", changed.get(0).id().toString());
                detail.put("last", changed.get(changed.size() - 1).id().toString());
                owner.database().get().write(jdbc -> {
                    owner.meters().update(jdbc, changed);
                    owner.audit().append(jdbc, MeterService.entry(now, actor, "meter.safe-mode", "all prepayment meters", null,
                            String.valueOf(on), detail));
                    return null;
                });
            }
        }
        return new MeterService.SafeModeResult(accepted, refused, example, Optional.empty());
    }
}
