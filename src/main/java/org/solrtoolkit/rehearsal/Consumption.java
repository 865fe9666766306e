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
 * The fleet's consumption over a window of simulated time (domain.md section 4): every meter settled
 * to the window's end (in whole simulated hours, as any read would), nothing about the meters written
 * (they settle when next read). A prepayment meter off supply at the end went off at its
 * {@code supplySince}; that gives the losses in the window, the customer-hours off supply in it, and
 * the count off supply at each simulated hour, which is sampled.
 */
final class Consumption {

    private static final Duration HOUR = Duration.ofHours(1);

    /** What a window cost: customers who lost supply (PSR among them), customer-hours, off supply at the end. */
    record Window(long lost, long lostPsr, double customerHours, long offAtEnd) {
    }

    private final RehearsalRepository repo;
    private final MeterStore meters;
    private final FleetSamples samples;

    Consumption(RehearsalRepository repo, MeterStore meters, FleetSamples samples) {
        this.repo = repo;
        this.meters = meters;
        this.samples = samples;
    }

    Window between(NamedParameterJdbcTemplate jdbc, Event e, Instant from, Instant to, String solr) {
        List<Instant> marks = marks(e.appointedAt(), from, to);
        long[] offAt = new long[marks.size()];
        long[] n = new long[3];
        double[] hours = {0};
        List<Object[]> losses = new ArrayList<>();
        meters.walk(jdbc, stored -> {
            PrepaymentState s = stored.settled(to).prepayment();
            if (s.mode() != PrepaymentState.PaymentMode.PREPAYMENT || s.supply() != PrepaymentState.SupplyState.DISABLED) {
                return;
            }
            Instant since = s.supplySince();
            Instant offFrom = since.isAfter(from) ? since : from;
            hours[0] += Duration.between(offFrom, to).toMillis() / 3_600_000.0;
            n[2]++;
            if (since.isAfter(from)) {
                n[0]++;
                if (stored.psr()) {
                    n[1]++;
                }
                losses.add(new Object[] {e.id(), stored.id().value(), since.toEpochMilli(), stored.psr() ? 1 : 0});
                if (losses.size() >= 5_000) {
                    repo.insertLosses(jdbc, losses);
                }
            }
            int i = firstAtOrAfter(marks, since);
            if (i < offAt.length) {
                offAt[i]++;
            }
        });
        if (Thread.interrupted()) { // Ctrl-C during the walk: the clock's one transaction rolls back
            throw new RehearsalException(RehearsalException.Code.CANCELLED, "clock change cancelled (Ctrl-C):"
                    + " the clock did not move, nothing was settled; run it again");
        }
        repo.insertLosses(jdbc, losses);
        long unprotected = meters.unprotected(jdbc, solr);
        long notMigrated = meters.notMigrated(jdbc, solr);
        long running = 0;
        for (int i = 0; i < marks.size(); i++) {
            running += offAt[i];
            samples.put(jdbc, e.id(), new FleetSamples.Sample(marks.get(i), running, unprotected, notMigrated));
        }
        return new Window(n[0], n[1], hours[0], n[2]);
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
