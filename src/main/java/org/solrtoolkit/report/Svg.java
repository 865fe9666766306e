package org.solrtoolkit.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's charts as inline SVG (no script, no external style): a timeline of steps against
 * their deadlines, and counts of meters over time. Axes are scaled to the data with round ticks,
 * so the same chart reads as well for 10 meters as for 1,000,000.
 */
final class Svg {

    private Svg() {
    }

    /** One step on the timeline: when it started and finished (if it did), when it was due, how it went. */
    record Bar(String label, String group, Instant start, Instant end, Instant due, Kind kind, String title) {
    }

    /** How a step went, and its colour. */
    enum Kind {
        ON_TIME("#2e7d32", "done on time"), LATE("#c62828", "done late"), OVERDUE("#ef6c00", "open, overdue"),
        OPEN("#9e9e9e", "open"), SKIPPED("#6d4c41", "skipped");

        final String colour;
        final String label;

        Kind(String colour, String label) {
            this.colour = colour;
            this.label = label;
        }
    }

    /** A series of counts over time. */
    record Series(String name, String colour, List<Instant> at, List<Long> values) {
        /** The largest value, for choosing whether it shares an axis with the others. */
        long peak() {
            return values.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }

    /**
     * The series that share the largest one's axis ({@code true}), or those ten times smaller or
     * more, which would lie flat on it and get an axis of their own ({@code false}).
     */
    static List<Series> onTheLargestScale(List<Series> series, boolean shared) {
        long largest = series.stream().mapToLong(Series::peak).max().orElse(0);
        return series.stream().filter(se -> (se.peak() * 10 >= largest) == shared).toList();
    }

    private static final int LEFT = 190;
    private static final int RIGHT = 30;
    private static final int WIDTH = 1000;
    /** Room between a step's LATE / OVERDUE label and the plot (a deadline diamond is 4 px either side). */
    static final int STATUS_GAP = 12;

    /** Steps as horizontal bars by role, each with a tick at its deadline; late ones marked. */
    static String timeline(String id, List<Bar> bars, Instant t, Instant now) {
        int row = 16;
        int top = 40;
        List<String> groups = new ArrayList<>();
        bars.forEach(b -> {
            if (!groups.contains(b.group())) {
                groups.add(b.group());
            }
        });
        int height = top + (bars.size() + groups.size()) * row + 50;
        // the axis covers what happened (up to now) and a little after; deadlines beyond it are written at the edge
        Instant end = max(now, t.plus(Duration.ofHours(24)));
        for (Bar b : bars) {
            end = max(end, b.end() == null ? end : b.end());
        }
        long spanHours = Math.max(1, (long) Math.ceil(Duration.between(t, end).toMinutes() / 60.0 * 1.15));
        Axis x = Axis.hours(spanHours);
        StringBuilder s = header(id, height, "Steps against their deadlines, by role");
        int plotW = WIDTH - LEFT - RIGHT;
        for (long v = 0; v <= x.max(); v += x.step()) {
            double px = LEFT + plotW * (double) v / x.max();
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e0e0e0\"/>",
                    px, top - 5, px, height - 40));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s"
                    + "</text>", px, height - 25, hours(v)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">time from appointment (T)</text>",
                LEFT, height - 8));
        int y = top;
        for (String g : groups) {
            s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"12\" font-weight=\"bold\">%s</text>",
                    y + 11, Html.escape(g)));
            y += row;
            for (Bar b : bars) {
                if (!b.group().equals(g)) {
                    continue;
                }
                s.append("<g><title>").append(Html.escape(b.title())).append("</title>");
                s.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%d\" font-size=\"11\"%s>%s</text>", y + 11,
                        b.kind() == Kind.LATE || b.kind() == Kind.OVERDUE ? " fill=\"" + b.kind().colour + "\"" : "",
                        Html.escape(b.label())));
                if (b.start() != null) {
                    double x1 = LEFT + plotW * hoursOf(t, b.start()) / x.max();
                    double x2 = LEFT + plotW * hoursOf(t, b.end() == null ? now : b.end()) / x.max();
                    s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"10\" fill=\"%s\""
                            + "%s/>", x1, y + 2, Math.max(3, x2 - x1), b.kind().colour, b.end() == null
                                    ? " fill-opacity=\"0.45\"" : ""));
                }
                if (b.due() != null && hoursOf(t, b.due()) > x.max()) {
                    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\""
                            + " text-anchor=\"end\" fill=\"#616161\">due %s &#9654;</text>", WIDTH - 2, y + 10,
                            hours((long) Math.ceil(hoursOf(t, b.due())))));
                } else if (b.due() != null) {
                    double xd = LEFT + plotW * hoursOf(t, b.due()) / x.max();
                    s.append(String.format(Locale.ROOT, "<path d=\"M%.1f %d l4 6 l-4 6 l-4 -6 z\" fill=\"#212121\"/>",
                            xd, y));
                }
                if (b.kind() == Kind.LATE || b.kind() == Kind.OVERDUE) {
                    // right-aligned a gap before the plot, so it never runs into a T+0h diamond (issue 14)
                    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"%s\""
                            + " font-weight=\"bold\" text-anchor=\"end\">%s</text>", LEFT - STATUS_GAP, y + 11,
                            b.kind().colour,
                            b.kind() == Kind.LATE ? "LATE" : "OVERDUE"));
                }
                s.append("</g>");
                y += row;
            }
        }
        legend(s, top - 28, List.of(Kind.values()).stream().map(k -> new String[] {k.colour, k.label}).toList(),
                "&#9670; deadline");
        return s.append("</svg>").toString();
    }

    /** Counts over time, one line per series, stepped (a count holds until the next sample). */
    static String lines(String id, String title, List<Series> series, Instant t) {
        int height = 320;
        int top = 40;
        int bottom = height - 45;
        int plotW = WIDTH - LEFT - RIGHT;
        Instant end = t.plus(Duration.ofHours(1));
        long maxValue = 1;
        for (Series se : series) {
            for (int i = 0; i < se.at().size(); i++) {
                end = max(end, se.at().get(i));
                maxValue = Math.max(maxValue, se.values().get(i));
            }
        }
        Axis x = Axis.hours((long) Math.ceil(Duration.between(t, end).toMinutes() / 60.0));
        Axis yAxis = Axis.of(maxValue);
        StringBuilder s = header(id, height, title);
        for (long v = 0; v <= yAxis.max(); v += yAxis.step()) {
            double py = bottom - (bottom - top) * (double) v / yAxis.max();
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e0e0e0\"/>",
                    LEFT, py, WIDTH - RIGHT, py));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s"
                    + "</text>", LEFT - 6, py + 4, count(v)));
        }
        for (long v = 0; v <= x.max(); v += x.step()) {
            double px = LEFT + plotW * (double) v / x.max();
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%s"
                    + "</text>", px, bottom + 16, hours(v)));
        }
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#616161\"/>", LEFT,
                bottom, WIDTH - RIGHT, bottom));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">time from appointment (T)</text>",
                LEFT, height - 8));
        for (Series se : series) {
            if (se.at().isEmpty()) {
                continue;
            }
            StringBuilder d = new StringBuilder();
            double lastY = 0;
            for (int i = 0; i < se.at().size(); i++) {
                double px = LEFT + plotW * hoursOf(t, se.at().get(i)) / x.max();
                double py = bottom - (bottom - top) * (double) se.values().get(i) / yAxis.max();
                if (i == 0) {
                    d.append(String.format(Locale.ROOT, "M%.1f %.1f", px, py));
                } else {
                    d.append(String.format(Locale.ROOT, " H%.1f V%.1f", px, py));
                }
                lastY = py;
            }
            d.append(String.format(Locale.ROOT, " H%.1f", LEFT + plotW * hoursOf(t, end) / x.max()));
            s.append("<path d=\"").append(d).append("\" fill=\"none\" stroke=\"").append(se.colour())
                    .append("\" stroke-width=\"2\"><title>").append(Html.escape(se.name())).append("</title></path>");
            if (lastY < 0) {
                throw new IllegalStateException("negative count in " + se.name());
            }
        }
        legend(s, top - 28, series.stream().map(se -> new String[] {se.colour(), se.name()}).toList(), null);
        return s.append("</svg>").toString();
    }

    private static StringBuilder header(String id, int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg id=\"%s\""
                + " viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\">",
                id, WIDTH, height, Html.escape(title))).append("<title>").append(Html.escape(title)).append("</title>");
    }

    private static void legend(StringBuilder s, int y, List<String[]> items, String extra) {
        int x = LEFT;
        for (String[] it : items) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", x, y, it[0], x + 16, y + 9,
                    Html.escape(it[1])));
            x += 24 + 7 * it[1].length();
        }
        if (extra != null) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>", x, y + 9, extra));
        }
    }

    /** A linear axis from 0 with a round step (1, 2 or 5 times a power of ten) and about 5 to 10 ticks. */
    record Axis(long max, long step) {
        /** An axis of hours whose ticks fall on 1, 2, 3, 6 or 12 hours, or whole days. */
        static Axis hours(long span) {
            long v = Math.max(1, span);
            for (long step : new long[] {1, 2, 3, 6, 12, 24, 48, 72, 168, 336, 720, 1440, 2160, 4320, 8760}) {
                long ticks = (v + step - 1) / step;
                if (ticks <= 12) {
                    return new Axis(ticks * step, step);
                }
            }
            return of(v);
        }

        static Axis of(long value) {
            long v = Math.max(1, value);
            for (long magnitude = 1; ; magnitude *= 10) {
                for (long m : new long[] {1, 2, 5}) {
                    long step = m * magnitude;
                    long ticks = (v + step - 1) / step;
                    if (ticks <= 10) {
                        return new Axis(ticks * step, step);
                    }
                }
            }
        }
    }

    static String count(long v) {
        if (v >= 1_000_000 && v % 100_000 == 0) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6).replace(".0M", "M");
        }
        if (v >= 10_000 && v % 1_000 == 0) {
            return (v / 1_000) + "k";
        }
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String hours(long h) {
        return h % 24 == 0 && h > 0 ? "T+" + h / 24 + "d" : h > 48 ? "T+" + h / 24 + "d" + h % 24 + "h" : "T+" + h + "h";
    }

    private static double hoursOf(Instant t, Instant at) {
        return Duration.between(t, at).toMillis() / 3_600_000.0;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
