package org.solrtoolkit.rehearsal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.solrtoolkit.device.FleetSamples;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.device.PrepaymentState;
import org.solrtoolkit.event.Event;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The fleet's consumption over a window of simulated time (domain.md sections 4 and 7): every meter
 * settled to the window's start and end (in whole simulated hours, as any read would), nothing about
 * the meters written (they settle when next read). A meter off at the end that was on at the start
 * lost supply in the window at its {@code offSince}; one armed during the window comes back when its
 * customer presses the button. That gives the losses, the customer-hours off supply (per fuel), and
 * the count off supply at each simulated hour, which is sampled.
 */
final class Consumption {

    private static final Duration HOUR = Duration.ofHours(1);

    /**
     * What a window cost: customers who lost supply (PSR among them), customer-hours off supply in it
     * (all, and gas), off supply at the end (disabled or armed).
     */
    record Window(long lost, long lostPsr, double customerHours, double customerHoursGas, long offAtEnd) {
        /** This window followed by {@code next}: counts and hours add up, off at the end is the later one's. */
        Window plus(Window next) {
            return new Window(lost + next.lost, lostPsr + next.lostPsr, customerHours + next.customerHours,
                    customerHoursGas + next.customerHoursGas, next.offAtEnd);
        }
    }

    private final RehearsalRepository repo;
    private final MeterStore meters;
    private final FleetSamples samples;

    Consumption(RehearsalRepository repo, MeterStore meters, FleetSamples samples) {
        this.repo = repo;
        this.meters = meters;
        this.samples = samples;
    }

    /**
     * Off-supply time in a window is the growth of each meter's running total ({@link
     * PrepaymentState#offTotalMillis}) between the window's ends: it includes time armed, until the
     * customer pressed the button, and stops when they did, inside the window.
     */
    Window between(NamedParameterJdbcTemplate jdbc, Event e, Instant from, Instant to, String solr) {
        List<Instant> marks = marks(e.appointedAt(), from, to);
        long[] delta = new long[marks.size() + 1];
        long[] n = new long[3];
        double[] hours = {0, 0};
        List<Object[]> losses = new ArrayList<>();
        List<Object[]> alerts = new ArrayList<>();
        meters.walk(jdbc, stored -> {
            if (stored.prepayment().mode() != PrepaymentState.PaymentMode.PREPAYMENT && !stored.prepayment().off()) {
                return;
            }
            org.solrtoolkit.device.StoredMeter atStart = stored.settled(from);
            PrepaymentState before = atStart.prepayment();
            List<Instant> offs = new ArrayList<>();
            PrepaymentState s = atStart.settled(to, (what, t) -> {
                if (!t.isAfter(from)) {
                    return;
                }
                if (what == PrepaymentState.SupplyEvent.DISABLED) {
                    offs.add(t);
                } else { // the meter's own device alert, as for a remote 2.5 (domain.md section 6)
                    alerts.add(new Object[] {stored.id().value(), org.solrtoolkit.device.MeterAlert
                            .ARMED_AFTER_EMERGENCY_CREDIT.code(), t.toEpochMilli(), "the customer activated emergency"
                            + " credit at the meter"});
                }
            }).prepayment();
            double h = Math.max(0, s.offTotalMillis(to) - before.offTotalMillis(from)) / 3_600_000.0;
            hours[0] += h;
            if (stored.mpxn().fuel() == org.solrtoolkit.device.Mpxn.Fuel.GAS) {
                hours[1] += h;
            }
            if (s.off()) {
                n[2]++;
            }
            if (!offs.isEmpty()) {
                n[0]++;
                if (stored.psr()) {
                    n[1]++;
                }
                for (Instant t : offs) {
                    losses.add(new Object[] {e.id(), stored.id().value(), t.toEpochMilli(), stored.psr() ? 1 : 0});
                }
                if (losses.size() >= 5_000) {
                    repo.insertLosses(jdbc, losses);
                }
            }
            if (alerts.size() >= 5_000) {
                meters.alerts(jdbc, alerts);
                alerts.clear();
            }
            // the sampled count: off at a mark if an outage covers it (only the last outage of the window is
            // known exactly; an earlier one that began and ended between two marks is not sampled)
            Instant offFrom = s.off() ? (before.off() && !s.offSince().isAfter(from) ? from : s.offSince())
                    : before.off() ? from : null;
            if (offFrom != null) {
                delta[firstAtOrAfter(marks, offFrom)]++;
                if (!s.off()) {
                    delta[firstAtOrAfter(marks, s.supplySince())]--;
                }
            }
        });
        if (Thread.interrupted()) { // Ctrl-C during the walk: the clock's one transaction rolls back
            throw new RehearsalException(RehearsalException.Code.CANCELLED, "clock change cancelled (Ctrl-C):"
                    + " the clock did not move, nothing was settled; run it again");
        }
        repo.insertLosses(jdbc, losses);
        meters.alerts(jdbc, alerts);
        long unprotected = meters.unprotected(jdbc, solr);
        long notMigrated = meters.notMigrated(jdbc, solr);
        long running = 0;
        for (int i = 0; i < marks.size(); i++) {
            running += delta[i];
            samples.put(jdbc, e.id(), new FleetSamples.Sample(marks.get(i), running, unprotected, notMigrated));
        }
        return new Window(n[0], n[1], hours[0], hours[1], n[2]);
    }

    /** Every whole simulated hour after T in (from, to], and {@code to} itself. */
    private static List<Instant> marks(Instant t, Instant from, Instant to) {
        List<Instant> marks = new ArrayList<>();
        long first = Math.max(0, Duration.between(t, from).toHours() + 1);
        for (Instant m = t.plus(Duration.ofHours(first)); !m.isAfter(to); m = m.plus(HOUR)) {
            if (m.isAfter(from)) {
                marks.add(m);
            }
        }
        if (marks.isEmpty() || !marks.get(marks.size() - 1).equals(to)) {
            marks.add(to);
        }
        return marks;
    }

    private static int firstAtOrAfter(List<Instant> marks, Instant at) {
        int lo = 0;
        int hi = marks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (marks.get(mid).isBefore(at)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
