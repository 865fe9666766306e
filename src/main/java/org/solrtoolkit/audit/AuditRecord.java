package org.solrtoolkit.audit;

/**
 * An audit row as stored: its sequence number, its entry (time kept as the exact text that was
 * hashed), and the hash chain fields.
 */
public record AuditRecord(long seq, String at, AuditEntry entry, String prevHash, String hash, String login) {

    /** A row written on a SQLite file (no login). */
    public AuditRecord(long seq, String at, AuditEntry entry, String prevHash, String hash) {
        this(seq, at, entry, prevHash, hash, null);
    }
}
