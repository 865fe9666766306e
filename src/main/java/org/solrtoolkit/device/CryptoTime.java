package org.solrtoolkit.device;

import java.util.concurrent.atomic.LongAdder;

/**
 * Time spent inside ECDSA signing and verification (commands, their checks, certificate chains)
 * across every thread of this JVM, so a benchmark can say how much of a campaign's time is crypto
 * and how much is everything else (issue 15: "the share of time outside crypto"). Two clock reads
 * per operation of about 100 microseconds: nothing measurable.
 */
public final class CryptoTime {

    private static final LongAdder NANOS = new LongAdder();
    private static final LongAdder OPERATIONS = new LongAdder();

    private CryptoTime() {
    }

    static void add(long startedNanos) {
        NANOS.add(System.nanoTime() - startedNanos);
        OPERATIONS.increment();
    }

    /** Nanoseconds spent in signing and verifying since the last {@link #reset()}, summed over threads. */
    public static long nanos() {
        return NANOS.sum();
    }

    /** Signs and verifies timed since the last {@link #reset()}. */
    public static long operations() {
        return OPERATIONS.sum();
    }

    public static void reset() {
        NANOS.reset();
        OPERATIONS.reset();
    }
}
