package org.solrtoolkit.device;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet as of now for {@code fleet stats}: one pass over every meter, each settled to now
 * (consumption drawn, nothing written): who is off supply and for how long, never disabled (calendar all day), emergency
 * credit, and counts by type, payment mode, supply state, PSR and supplier.
 */
final class SupplyStatistics {

    private final MeterService owner;

    SupplyStatistics(MeterService owner) {
        this.owner = owner;
    }

    MeterService.SupplyStats now() {
        Instant now = owner.now();
        long[] n = new long[6];
        Duration[] longest = {Duration.ZERO};
        double[] hours = {0};
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (String k : List.of("device_type", "payment_mode", "supply_state", "psr", "supplier")) {
            counts.put(k, new TreeMap<>());
        }
        owner.meters().forEach(owner.database().get().jdbc(), stored -> {
            StoredMeter m = stored.settled(now);
            PrepaymentState s = m.prepayment();
            n[0]++;
            counts.get("device_type").merge(m.type().name(), 1L, Long::sum);
            counts.get("payment_mode").merge(s.mode().name(), 1L, Long::sum);
            counts.get("supply_state").merge(s.supply().name(), 1L, Long::sum);
            counts.get("psr").merge(String.valueOf(m.psr()), 1L, Long::sum);
            counts.get("supplier").merge(m.supplier(), 1L, Long::sum);
            if (s.mode() == PrepaymentState.PaymentMode.PREPAYMENT) {
                n[1]++;
            }
            if (s.mode() == PrepaymentState.PaymentMode.PREPAYMENT && s.off()) {
                n[2]++;
                if (m.psr()) {
                    n[3]++;
                }
                Duration off = s.offSupplyFor(now);
                hours[0] += off.toMinutes() / 60.0;
                if (off.compareTo(longest[0]) > 0) {
                    longest[0] = off;
                }
            }
            if (s.mode() == PrepaymentState.PaymentMode.PREPAYMENT && s.calendar().allDay()) {
                n[4]++;
            }
            if (s.onEmergencyCredit()) {
                n[5]++;
            }
        });
        return new MeterService.SupplyStats(now, n[0], n[1], n[2], n[3], n[4], n[5], longest[0], hours[0], counts);
    }
}
