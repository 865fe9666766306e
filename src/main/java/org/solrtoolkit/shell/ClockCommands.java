package org.solrtoolkit.shell;

import java.time.Instant;
import java.util.Optional;
import org.solrtoolkit.rehearsal.SimulatedTime;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.rehearsal.RehearsalService;
import org.solrtoolkit.rehearsal.SimulatedClock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code clock show|advance|set}: the simulated time of a rehearsal. */
@Command(command = "clock", group = "Rehearsal")
public class ClockCommands {

    private final ObjectProvider<RehearsalService> rehearsals;
    private final EventService events;
    private final SimulatedClock clock;
    private final Actors actors;

    ClockCommands(ObjectProvider<RehearsalService> rehearsals, EventService events, SimulatedClock clock, Actors actors) {
        this.rehearsals = rehearsals;
        this.events = events;
        this.clock = clock;
        this.actors = actors;
    }

    @Command(command = "show", description = "The time now: simulated in a rehearsal, real for a live event")
    String show() {
        Optional<Event> e = events.current();
        Optional<Instant> simulated = clock.simulated();
        if (simulated.isPresent()) {
            return "simulated time " + simulated.get() + " (" + SimulatedTime.offset(e.orElseThrow(), simulated.get())
                    + ")" + rehearsals.getObject().current().filter(r -> !r.running()).map(r -> "; the rehearsal ended at "
                            + r.endedAt().get()).orElse("");
        }
        return "real time " + clock.instant() + e.map(ev -> " (" + SimulatedTime.offset(ev, clock.instant())
                + " for " + ev.id() + ", LIVE: the clock cannot be moved)").orElse("");
    }

    @Command(command = "advance", description = "Move the simulated clock forward: consumption, faults and deadlines follow")
    String advance(@Option(longNames = "by", required = true, description = "30m, 6h, 3d or 1d12h") String by) {
        return moved(rehearsals.getObject().advance(by, actors.current()));
    }

    @Command(command = "set", description = "Set the simulated clock to a later instant")
    String set(@Option(longNames = "to", required = true, description = "ISO-8601 instant") String to) {
        return moved(rehearsals.getObject().set(to, actors.current()));
    }

    private String moved(RehearsalService.Moved m) {
        Event e = events.requireCurrent();
        StringBuilder b = new StringBuilder(String.format("clock %s -> %s (%s)", SimulatedTime.offset(e, m.from()),
                SimulatedTime.offset(e, m.to()), m.to()));
        b.append(String.format("%n%,d prepayment customer(s) lost supply (%,d on the PSR); %,d off supply now;"
                + " %.1f customer-hours off supply in this time", m.lostSupply(), m.lostSupplyPsr(), m.offSupply(),
                m.customerHours()));
        m.faults().forEach(f -> b.append("\nFAULT ").append(f));
        m.deadlinesPassed().forEach(d -> b.append("\ndeadline passed: ").append(d));
        return b.toString();
    }
}
