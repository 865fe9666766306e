package org.solrtoolkit.migration;

/**
 * Where one meter stands in a campaign: not yet commanded, all cells replaced, some replaced (the
 * rest with their status codes), none (or the command refused), or not reached (offline or busy,
 * retried with backoff up to the attempt limit). In a live event (DUIS, issue 16) also: a signed
 * 6.23 request exported and not yet answered (SENT), acknowledged by the DCC or accepted for a
 * future time (ACKNOWLEDGED), or rejected by the DCC with its response code (REJECTED).
 */
public enum ItemState {
    PENDING, APPLIED, PARTIAL, FAILED, UNREACHABLE, SENT, ACKNOWLEDGED, REJECTED;

    /** Not settled: waiting for a command, or for the DCC's or the device's answer to one. */
    public static final java.util.List<ItemState> OPEN = java.util.List.of(PENDING, SENT, ACKNOWLEDGED, UNREACHABLE);

    /** Whether the meter has its final outcome (an exception is a recorded outcome too). */
    public boolean settled(int attempts, int maxAttempts) {
        return this == APPLIED || this == PARTIAL || this == FAILED || this == REJECTED
                || this == UNREACHABLE && attempts >= maxAttempts;
    }
}
