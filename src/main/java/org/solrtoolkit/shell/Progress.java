package org.solrtoolkit.shell;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress of long work (import, generation, a campaign) on stderr, so stdout stays clean for
 * scripts: on a terminal a bar redrawn in place with done / total, rate and ETA; otherwise one line
 * every few seconds. Thread-safe; call {@link #finish()} at the end.
 */
final class Progress {

    private static final long LINE_EVERY_NANOS = Duration.ofSeconds(5).toNanos();
    private static final long BAR_EVERY_NANOS = Duration.ofMillis(200).toNanos();

    private final String what;
    private final long total;
    private final PrintStream err;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private long lastShown;
    private boolean drawn;

    Progress(String what, long total) {
        this(what, total, System.err, System.console() != null);
    }

    Progress(String what, long total, PrintStream err, boolean terminal) {
        this.what = what;
        this.total = total;
        this.err = err;
        this.terminal = terminal;
        this.lastShown = start;
    }

    synchronized void update(long done) {
        long now = System.nanoTime();
        if (now - lastShown < (terminal ? BAR_EVERY_NANOS : LINE_EVERY_NANOS) || done >= total) {
            return;
        }
        lastShown = now;
        show(done, now);
    }

    synchronized void finish() {
        if (drawn && terminal) {
            err.print("\r\033[K");
            err.flush();
        }
    }

    private void show(long done, long now) {
        double seconds = (now - start) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        long eta = rate > 0 ? (long) ((total - done) / rate) : -1;
        String figures = String.format("%,d / %,d (%.0f%%), %,.0f/s, ETA %s", done, total, 100.0 * done / total, rate,
                eta < 0 ? "?" : Duration.ofSeconds(eta).toString().substring(2).toLowerCase());
        if (terminal) {
            int width = 30;
            int filled = (int) (width * done / Math.max(1, total));
            err.print("\r\033[K" + what + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + figures);
        } else {
            err.println(what + ": " + figures);
        }
        err.flush();
        drawn = true;
    }

    /** Peak heap use from now on ({@link org.solrtoolkit.HeapPeak}: an upper bound). */
    record Heap() {
        static Heap start() {
            org.solrtoolkit.HeapPeak.reset();
            return new Heap();
        }

        long peakMegabytes() {
            return org.solrtoolkit.HeapPeak.bytes() >> 20;
        }
    }
}
