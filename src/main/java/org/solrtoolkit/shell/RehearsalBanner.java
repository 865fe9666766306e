package org.solrtoolkit.shell;

import java.util.Optional;
import org.jline.terminal.Terminal;
import org.solrtoolkit.rehearsal.SimulatedTime;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.rehearsal.SimulatedClock;
import org.springframework.shell.ResultHandler;
import org.springframework.stereotype.Component;

/**
 * Prints every command's text result, preceded by a REHEARSAL line while the current event is a
 * rehearsal, so nobody mistakes an exercise for a live event (issue 6, "Safety"). The line goes to
 * stdout above tables and text, and to stderr when the command writes JSON or CSV, which stay one
 * clean document. The database is only looked at if the command opened it.
 */
@Component
class RehearsalBanner implements ResultHandler<String> {

    private final Terminal terminal;
    private final ToolkitConfiguration.DatabaseHolder db;
    private final EventService events;
    private final SimulatedClock clock;

    RehearsalBanner(Terminal terminal, ToolkitConfiguration.DatabaseHolder db, EventService events,
            SimulatedClock clock) {
        this.terminal = terminal;
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void handleResult(String result) {
        Format asked = Format.takeAsked();
        banner().ifPresent(b -> {
            if (asked == Format.TABLE) {
                terminal.writer().println(b);
            } else {
                System.err.println(b);
                System.err.flush();
            }
        });
        terminal.writer().println(result);
        terminal.writer().flush();
    }

    /** "REHEARSAL event-id" while the current event is a rehearsal (the database already open); for error lines. */
    Optional<String> marking() {
        Format.takeAsked(); // a failed command's --format must not follow the next command
        if (!db.isOpen()) {
            return Optional.empty();
        }
        try {
            return events.current().filter(Event::isRehearsal).map(e -> "REHEARSAL " + e.id());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<String> banner() {
        if (!db.isOpen()) {
            return Optional.empty();
        }
        try {
            return events.current().filter(Event::isRehearsal).map(e -> clock.simulated().map(at -> "REHEARSAL "
                    + e.id() + " | simulated time " + at + " (" + SimulatedTime.offset(e, at) + ")")
                    .orElse("REHEARSAL " + e.id()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
