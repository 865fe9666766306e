package org.solrtoolkit.rehearsal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.solrtoolkit.event.CurrentEvent;
import org.solrtoolkit.store.Database;

/**
 * The toolkit's clock (design.md "Simulation rules"): while the current event is a rehearsal, the
 * simulated time stored with it, which only {@code clock advance} and {@code clock set} move (and
 * which stays where it was when the rehearsal ended); otherwise the system clock. Every service
 * takes its time from here, so deadlines, overdue flags, credit consumption and audit times follow
 * the rehearsal's time. Read from the database on each call: a command that moves the clock inside
 * a transaction sees its own change at once.
 */
public final class SimulatedClock extends Clock {

    private static final RehearsalRepository REHEARSALS = new RehearsalRepository();

    private final Supplier<Database> db;
    private final Clock system;

    public SimulatedClock(Supplier<Database> db, Clock system) {
        this.db = db;
        this.system = system;
    }

    @Override
    public Instant instant() {
        return simulated().orElseGet(system::instant);
    }

    /** The current event's simulated time, if the current event is a rehearsal. */
    public java.util.Optional<Instant> simulated() {
        var jdbc = db.get().jdbc();
        return CurrentEvent.id(jdbc).flatMap(id -> REHEARSALS.clockAt(jdbc, id));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the toolkit's clock is UTC");
    }
}
