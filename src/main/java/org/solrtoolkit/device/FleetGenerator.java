package org.solrtoolkit.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.store.Database;

/**
 * Makes a realistic fleet for an event's Failing Supplier (domain.md sections 3 and 4): electricity
 * and gas meters (55% ESME), a share on prepayment whose credit is spread as a failing supplier's
 * customers' is (most with a few pounds to tens of pounds; about one in eight near zero, one in
 * twelve already on emergency credit, one in a hundred already off supply), debts on about a third,
 * Priority Services Register flags (30% of prepayment, 18% of credit customers), and use per hour of
 * 5p to 30p. Every meter's cells hold the Failing Supplier's certificates and the DCC's and network
 * operator's from the SMKI. The same seed gives the same fleet in a fresh database. Meters are
 * streamed into the database in batches inside one transaction: memory stays flat, and a crash
 * leaves all of them or none.
 */
public final class FleetGenerator {

    /** Generated device ids start here (an EUI-64 block the simulation keeps for its meters) and run up. */
    public static final long FIRST_ID = 0x00DB5E0000000001L;
    private static final long BLOCK = 1L << 32;
    private static final int BATCH = 5_000;
    /** The most meters one run makes (10 million: more than any GB supplier has). */
    public static final int MAX_COUNT = 10_000_000;

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    private final Commissioning commissioning;
    private final FleetRepository meters = new FleetRepository();

    public FleetGenerator(Supplier<Database> db, AuditLog audit, Clock clock, Commissioning commissioning) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.commissioning = commissioning;
    }

    /** What was made. */
    public record Generated(long count, Eui64 first, Eui64 last, long prepayment, long seed) {
    }

    /**
     * Makes {@code count} meters supplied by {@code supplier}.
     *
     * @param progress told how many meters are written so far, every batch
     * @throws DeviceException BAD_INPUT for a count or share out of range, or an SMKI without the
     *     certificates the cells need (nothing is written)
     */
    public Generated generate(long count, double prepaymentShare, long seed, String supplier, Actor actor,
            LongConsumer progress) {
        if (count < 1 || count > MAX_COUNT) {
            throw new DeviceException(DeviceException.Code.BAD_OPTION, "{count} " + count + " must be 1 to " + MAX_COUNT);
        }
        if (!(prepaymentShare >= 0 && prepaymentShare <= 1)) {
            throw new DeviceException(DeviceException.Code.BAD_OPTION, "{prepayment-share} " + prepaymentShare
                    + " must be 0 to 1 (e.g. 0.3 for 30%)");
        }
        Commissioning.Result esme = commissioning.certificates(DeviceType.ESME, supplier);
        Commissioning.Result gsme = commissioning.certificates(DeviceType.GSME, supplier);
        if (esme.certificates() == null || gsme.certificates() == null) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "cannot fill the meters' cells: "
                    + (esme.missing() != null ? esme.missing() : gsme.missing()) + "; run 'pki init' with the event"
                    + " current (it makes the Failing Supplier's, the network operator's and the DCC's certificates)");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return db.get().write(jdbc -> {
            Long max = jdbc.queryForObject("SELECT max(device_id) FROM meter WHERE device_id >= :lo AND device_id < :hi",
                    Map.of("lo", FIRST_ID, "hi", FIRST_ID + BLOCK), Long.class);
            long first = max == null ? FIRST_ID : max + 1;
            if (first + count > FIRST_ID + BLOCK) {
                throw new DeviceException(DeviceException.Code.BAD_INPUT, "the generated-meter id block is full");
            }
            long esmeSet = meters.cellSet(jdbc, esme.contents());
            long gsmeSet = meters.cellSet(jdbc, gsme.contents());
            SplittableRandom rnd = new SplittableRandom(seed);
            List<FleetRepository.NewMeter> batch = new ArrayList<>(BATCH);
            long prepayment = 0;
            for (long i = 0; i < count; i++) {
                MeterRecord m = meter(new Eui64(first + i), rnd, prepaymentShare, supplier);
                if (m.paymentMode() == PrepaymentState.PaymentMode.PREPAYMENT) {
                    prepayment++;
                }
                batch.add(new FleetRepository.NewMeter(m, now, m.type() == DeviceType.ESME ? esmeSet : gsmeSet,
                        supplySince(m, now)));
                if (batch.size() == BATCH) {
                    if (Thread.interrupted()) { // Ctrl-C: the one transaction rolls back
                        throw new DeviceException(DeviceException.Code.CANCELLED, "fleet generation cancelled (Ctrl-C)"
                                + " after " + String.format("%,d of %,d", i, count) + " meters: none kept (the fleet is made in one"
                                + " transaction); run it again");
                    }
                    meters.insert(jdbc, batch);
                    batch.clear();
                    progress.accept(i + 1);
                }
            }
            meters.insert(jdbc, batch);
            progress.accept(count);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("count", count);
            detail.put("prepayment_share", prepaymentShare);
            detail.put("seed", seed);
            detail.put("supplier", supplier);
            detail.put("first", new Eui64(first).toString());
            detail.put("last", new Eui64(first + count - 1).toString());
            detail.put("prepayment", prepayment);
            audit.append(jdbc, AuditEntry.of(now, actor, "fleet.generate", supplier, null, String.valueOf(count),
                    detail));
            return new Generated(count, new Eui64(first), new Eui64(first + count - 1), prepayment, seed);
        });
    }

    /**
     * Since when a generated meter's supply state holds. A meter generated off supply ran out of
     * credit before the fleet was taken on: 1 to 72 hours earlier, derived from its id (not drawn
     * from the random stream, so the same seed still gives the same fleet), so that {@code fleet
     * stats} on a new fleet reports how long its customers have been off, not 0.0 h.
     */
    static Instant supplySince(MeterRecord m, Instant now) {
        if (m.supply() != PrepaymentState.SupplyState.DISABLED) {
            return now;
        }
        long mixed = m.deviceId().value() * 0x9E3779B97F4A7C15L;
        return now.minus(Duration.ofHours(1 + Long.remainderUnsigned(mixed >>> 7, 72)));
    }

    /** One meter from the random stream (the order of draws is part of "same seed, same fleet"). */
    static MeterRecord meter(Eui64 id, SplittableRandom rnd, double prepaymentShare, String supplier) {
        DeviceType type = rnd.nextDouble() < 0.55 ? DeviceType.ESME : DeviceType.GSME;
        Mpxn mpxn;
        if (type == DeviceType.ESME) {
            String first12 = String.format("%02d%010d", 10 + rnd.nextInt(14), rnd.nextLong(10_000_000_000L));
            mpxn = Mpxn.parse(first12 + Mpxn.mpanCheckDigit(first12));
        } else {
            mpxn = Mpxn.parse(String.valueOf(1_000_000_000L + rnd.nextLong(9_000_000_000L)));
        }
        boolean prepay = rnd.nextDouble() < prepaymentShare;
        double band = rnd.nextDouble();
        long ec = prepay ? 15_00 : 0;
        long balance;
        PrepaymentState.SupplyState supply = PrepaymentState.SupplyState.ENABLED;
        if (!prepay) {
            balance = 0;
        } else if (band < 0.01) {
            balance = -ec;
            supply = PrepaymentState.SupplyState.DISABLED;
        } else if (band < 0.09) {
            balance = -1 - rnd.nextLong(ec - 50);
        } else if (band < 0.21) {
            balance = rnd.nextLong(300);
        } else {
            double r = rnd.nextDouble();
            balance = 300 + (long) (r * r * 5_700);
        }
        boolean debt = prepay && rnd.nextDouble() < 0.33;
        long debtPence = debt ? 50_00 + rnd.nextLong(750_00) : 0;
        boolean psr = rnd.nextDouble() < (prepay ? 0.30 : 0.18);
        long use = type == DeviceType.ESME ? 6 + rnd.nextLong(20) : 5 + rnd.nextLong(26);
        return new MeterRecord(id, type, mpxn, prepay ? PrepaymentState.PaymentMode.PREPAYMENT
                : PrepaymentState.PaymentMode.CREDIT, balance, ec, debtPence, debt ? 25 : 0, psr, supplier, supply, use);
    }
}
