package org.solrtoolkit.shell;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.springframework.shell.jline.PromptProvider;
import org.springframework.stereotype.Component;

/**
 * The interactive prompt names the current event and operator, so nobody acts in the wrong
 * event or as the wrong party; a rehearsal says REHEARSAL.
 */
@Component
class Prompt implements PromptProvider {

    private final EventService events;
    private final Session session;

    Prompt(EventService events, Session session) {
        this.events = events;
        this.session = session;
    }

    @Override
    public AttributedString getPrompt() {
        StringBuilder p = new StringBuilder("solr");
        try {
            events.current().ifPresent(e -> p.append(' ').append(label(e)));
            session.operator().ifPresent(op -> p.append(' ').append(op));
        } catch (RuntimeException e) {
            p.append(" (no database: ").append(e.getMessage().length() > 40 ? "see 'event list'" : e.getMessage())
                    .append(')');
        }
        return new AttributedString(p.append("> ").toString(), AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN));
    }

    private static String label(Event e) {
        return e.isRehearsal() ? "REHEARSAL " + e.id() : e.id();
    }
}
