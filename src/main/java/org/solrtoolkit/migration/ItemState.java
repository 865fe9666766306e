package org.solrtoolkit.migration;

/**
 * Where one meter stands in a campaign: not yet commanded, all cells replaced, some replaced (the
 * rest with their status codes), none (or the command refused), or not reached (offline or busy,
 * retried with backoff up to the attempt limit).
 */
public enum ItemState {
    PENDING, APPLIED, PARTIAL, FAILED, UNREACHABLE;

    /** Whether the meter has its final outcome (an exception is a recorded outcome too). */
    public boolean settled(int attempts, int maxAttempts) {
        return this == APPLIED || this == PARTIAL || this == FAILED || this == UNREACHABLE && attempts >= maxAttempts;
    }
}
