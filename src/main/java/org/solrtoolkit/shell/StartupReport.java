package org.solrtoolkit.shell;

import java.lang.management.ManagementFactory;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;

/**
 * Where a start-up goes, for whoever measures it (issue 13): with {@code -Dsolr.startup-report=N}
 * the toolkit prints to stderr, after the command, the JVM's time to {@code main}, then the N
 * slowest steps Spring recorded (bean instantiation, configuration classes, condition evaluation,
 * context refresh). Off by default: recording costs a little.
 */
final class StartupReport {

    private static final StartupReport OFF = new StartupReport(null, 0, 0);

    private final BufferingApplicationStartup startup;
    private final int top;
    private final long mainAt;

    private StartupReport(BufferingApplicationStartup startup, int top, long mainAt) {
        this.startup = startup;
        this.top = top;
        this.mainAt = mainAt;
    }

    static StartupReport ifRequested(SpringApplication app) {
        String n = System.getProperty("solr.startup-report");
        if (n == null) {
            return OFF;
        }
        BufferingApplicationStartup startup = new BufferingApplicationStartup(20_000);
        app.setApplicationStartup(startup);
        return new StartupReport(startup, n.isBlank() ? 25 : Integer.parseInt(n.trim()), System.currentTimeMillis());
    }

    void print() {
        if (startup == null) {
            return;
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.printf("startup: JVM start to main %d ms, main to end %d ms%n", mainAt - jvmStart,
                System.currentTimeMillis() - mainAt);
        List<StartupTimeline.TimelineEvent> events = startup.getBufferedTimeline().getEvents();
        events.stream().sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed()).limit(top)
                .forEach(e -> System.err.printf("%6d ms  %s %s%n", e.getDuration().toMillis(),
                        e.getStartupStep().getName(), tags(e)));
        System.err.printf("startup: %d steps recorded%n", events.size());
    }

    private static String tags(StartupTimeline.TimelineEvent e) {
        StringBuilder sb = new StringBuilder();
        e.getStartupStep().getTags().forEach(t -> sb.append(t.getKey()).append('=').append(t.getValue()).append(' '));
        return sb.toString().strip();
    }
}
