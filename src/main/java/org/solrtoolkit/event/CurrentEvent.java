package org.solrtoolkit.event;

import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The current event of a database, read inside the caller's connection or transaction: for the
 * toolkit's clock and a rehearsal's network, which are consulted on every read and cannot go
 * through {@link EventService} (it takes its time from that clock).
 */
public final class CurrentEvent {

    private static final EventRepository EVENTS = new EventRepository();

    private CurrentEvent() {
    }

    /** The current event's id, if one is chosen. */
    public static Optional<String> id(NamedParameterJdbcTemplate jdbc) {
        return EVENTS.currentEventId(jdbc);
    }

    /** The current event, if one is chosen. */
    public static Optional<Event> of(NamedParameterJdbcTemplate jdbc) {
        return id(jdbc).flatMap(id -> EVENTS.find(jdbc, id));
    }
}
