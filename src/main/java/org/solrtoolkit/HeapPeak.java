package org.solrtoolkit;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The peak heap use the benchmarks and bulk commands print: the heap pools' peaks since
 * {@link #reset}, summed, and never more than the heap's maximum. The pools peak at different
 * moments, so the sum alone can exceed {@code -Xmx}; either way the figure is an upper bound of
 * the true peak.
 */
public final class HeapPeak {

    private HeapPeak() {
    }

    /** Starts a measured stretch. */
    public static void reset() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The peak since {@link #reset} (or since the JVM started), in bytes: at most the maximum heap. */
    public static long bytes() {
        long pools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long max = Runtime.getRuntime().maxMemory();
        return max == Long.MAX_VALUE ? pools : Math.min(pools, max);
    }
}
