package org.solrtoolkit.shell;

import java.util.Optional;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.springframework.stereotype.Component;

/** Who an audit row names for a command: the session's operator (if any) in the current event (if any). */
@Component
class Actors {

    private final Session session;
    private final EventService events;

    Actors(Session session, EventService events) {
        this.session = session;
        this.events = events;
    }

    Actor current() {
        return of(events.current());
    }

    Actor of(Optional<Event> event) {
        String eventId = event.map(Event::id).orElse(null);
        boolean rehearsal = event.map(Event::isRehearsal).orElse(false);
        return session.operator().map(o -> new Actor(o.name(), o.party(), o.role().name(), eventId, rehearsal))
                .orElse(Actor.unidentified(eventId));
    }
}
