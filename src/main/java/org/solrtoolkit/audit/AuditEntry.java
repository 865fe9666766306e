package org.solrtoolkit.audit;

import java.time.Instant;
import org.solrtoolkit.Json;

/**
 * What one audited change says before it is chained: when, who (operator, party, role), what
 * (action on subject, state before and after), why (note, reason) and the evidence's SHA-256.
 * {@code detail} is optional JSON for anything else a later reader needs.
 */
public record AuditEntry(
        Instant at,
        String eventId,
        String actor,
        String party,
        String role,
        String action,
        String subject,
        String before,
        String after,
        String note,
        String reason,
        String evidenceSha256,
        String detail) {


    public AuditEntry {
        if (at == null || actor == null || action == null) {
            throw new IllegalArgumentException("an audit entry needs a time, an actor and an action");
        }
    }

    /** An entry by {@code by} with no note, reason or evidence, its detail serialised as JSON. */
    public static AuditEntry of(Instant at, Actor by, String action, String subject, String before, String after,
            java.util.Map<String, ?> detail) {
        try {
            return new AuditEntry(at, by.eventId(), by.name(), by.party(), by.role(), action, subject, before, after,
                    null, null, null, Json.mapper().writeValueAsString(detail));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
