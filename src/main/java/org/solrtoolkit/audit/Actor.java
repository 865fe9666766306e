package org.solrtoolkit.audit;

/**
 * Who did something, as an audit row records it: the person, their party and role, and the event
 * it happened in (null outside any event), and whether that event is a rehearsal (where the trainer
 * acts for the SMKI PMA).
 */
public record Actor(String name, String party, String role, String eventId, boolean rehearsal) {

    /** An actor in a live event, or outside any event. */
    public Actor(String name, String party, String role, String eventId) {
        this(name, party, role, eventId, false);
    }

    public Actor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
    }

    /** An action taken with no operator identified (e.g. setting up a test PKI). */
    public static Actor unidentified(String eventId) {
        return new Actor("unidentified (os user " + System.getProperty("user.name", "?") + ")", null, null, eventId);
    }
}
