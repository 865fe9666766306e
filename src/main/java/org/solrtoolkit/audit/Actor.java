package org.solrtoolkit.audit;

/**
 * Who did something, as an audit row records it: the person, their party and role, and the event
 * it happened in (null outside any event).
 */
public record Actor(String name, String party, String role, String eventId) {

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
