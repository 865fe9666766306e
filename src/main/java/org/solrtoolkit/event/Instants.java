package org.solrtoolkit.event;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Parsing of user-given times: ISO-8601 instants, always with a zone, stored as UTC. */
public final class Instants {

    private Instants() {
    }

    /**
     * Parses {@code 2026-11-20T09:00:00Z} or {@code 2026-11-20T09:00:00+01:00}.
     *
     * @param option the option the text came from, named in the error
     * @throws EventException BAD_INPUT naming the option and the accepted form
     */
    public static Instant parse(String option, String text) {
        String t = text == null ? "" : text.trim();
        try {
            return Instant.parse(t);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e2) {
                throw new EventException(EventException.Code.BAD_OPTION, option + " '" + t
                        + "' is not an ISO-8601 instant with a zone; use e.g. 2026-11-20T09:00:00Z");
            }
        }
    }
}
