package org.solrtoolkit.event;

import java.time.Instant;

/** A file attached to a step as evidence: where it was, its SHA-256 and size, who added it when. */
public record Evidence(String stepId, String path, String sha256, long size, Instant addedAt, String addedBy,
        long auditSeq) {
}
