package org.solrtoolkit.device;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PartySpec;

/**
 * A top-up (domain.md section 4; GBCS section 14): a UTRN made with the supplier's prepayment
 * top-up key for one meter, its counter stepping by 2^32 per supplier and meter, offered to the
 * meter, which checks it on its own key. The offer and the meter's answer are recorded with the
 * balance (a refused UTRN is something the PMA wants to see).
 */
final class TopUpSender {

    private static final TopUpRepository TOPUPS = new TopUpRepository();
    private final MeterService owner;

    TopUpSender(MeterService owner) {
        this.owner = owner;
    }

    MeterService.TopUp send(Eui64 id, String party, long pence, char[] password, Actor actor) {
        Instant now = owner.now();
        StoredMeter stored = owner.require(id).settled(now);
        Map<TrustAnchorCell, CellContent> cells = owner.cells(stored);
        PartySpec supplier = owner.supplier(party);
        int value;
        Utrn.ValueClass valueClass;
        if (pence <= 0) {
            throw new DeviceException(DeviceException.Code.BAD_OPTION, "{amount} must be more than zero");
        } else if (pence % 100 == 0 && pence / 100 <= Utrn.MAX_VALUE) {
            value = (int) (pence / 100);
            valueClass = Utrn.ValueClass.POUNDS;
        } else if (pence <= Utrn.MAX_VALUE) {
            value = (int) pence;
            valueClass = Utrn.ValueClass.PENNIES;
        } else {
            throw new DeviceException(DeviceException.Code.BAD_OPTION, "{amount} £" + java.math.BigDecimal.valueOf(pence, 2)
                    + ": a UTRN carries whole pounds up to £8191 or pennies up to £81.91");
        }
        PrivateKey key = owner.pki().partyKey(supplier.name(), "supplier-ka-topup", password).key();
        KeyPair meterKa = owner.meterKeys(password).keyPair(id, MeterKeys.Usage.KA);
        long counter = TOPUPS.lastTopUpCounter(owner.database().get().jdbc(), id, supplier.name()) + (1L << 32);
        Utrn utrn = Utrn.generate(key, supplier.eui(), meterKa.getPublic(), id, counter, value, valueClass);
        SimulatedMeter meter = stored.toMeter(cells, meterKa);
        TopUpResult result = meter.offer(utrn, supplier.eui(), now);
        StoredMeter after = stored.after(meter);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("party", supplier.name());
        detail.put("originator", supplier.eui().toString());
        detail.put("counter", Long.toUnsignedString(counter));
        detail.put("utrn", utrn.digits());
        detail.put("pence", pence);
        detail.put("result", result.name());
        detail.put("balance", after.prepayment().balance());
        detail.put("supply", after.prepayment().supply().name());
        owner.database().get().write(jdbc -> {
            owner.meters().update(jdbc, List.of(after));
            TOPUPS.insertTopUp(jdbc, id, supplier.name(), supplier.eui(), counter, utrn, now, result);
            owner.audit().append(jdbc, MeterService.entry(now, actor, "meter.topup", id.toString(), String.valueOf(stored.prepayment()
                    .balance()), result.name(), detail));
            return null;
        });
        return new MeterService.TopUp(id, supplier.name(), utrn, counter, result, after.prepayment());
    }
}
