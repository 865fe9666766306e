package org.solrtoolkit.rehearsal;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.solrtoolkit.event.Event;

/**
 * How people write simulated time (cli.md "Times"): durations such as {@code 30m}, {@code 6h},
 * {@code 3d} or {@code 1d12h} to move the clock, and moments as offsets from the appointment T
 * such as {@code T+6h30m}.
 */
public final class SimulatedTime {

    /** The longest single move of the clock. */
    static final Duration MAX_STEP = Duration.ofDays(366);
    private static final Pattern DURATION = Pattern.compile("(\\d{1,6})([mhd])");

    private SimulatedTime() {
    }

    /**
     * Parses {@code 30m}, {@code 6h}, {@code 3d} or a sequence such as {@code 1d12h}.
     *
     * @throws RehearsalException BAD_DURATION for a malformed, zero, negative or too long duration
     */
    private static final Pattern WORDS = Pattern.compile("(\\d+)\\s*(minutes?|mins?|hours?|hrs?|days?)\\b");

    /** "6 hours", "1 day 12 hours", "30 minutes" as people write them: 6h, 1d12h, 30m. */
    private static String words(String text) {
        Matcher m = WORDS.matcher(text.replace(',', ' ').toLowerCase(java.util.Locale.ROOT)); // "6,hours": two words
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, m.group(1) + m.group(2).charAt(0));
        }
        m.appendTail(sb);
        String joined = sb.toString();
        return joined.matches("[\\dmhd\\s,]+") ? joined.replaceAll("[\\s,]+", "") : text;
    }

    static Duration parseDuration(String text) {
        String t = words(text == null ? "" : text.trim());
        if (t.startsWith("-")) {
            throw bad("clock advance '" + t + "' is negative: the clock only moves forward; give a duration such as"
                    + " 30m, 6h or 3d");
        }
        Matcher m = DURATION.matcher(t);
        Duration d = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            d = d.plus(switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            end = m.end();
        }
        if (t.isEmpty() || end != t.length()) {
            throw bad("clock advance '" + t + "' is not a duration: use minutes, hours or days such as 30m, 6h, 3d or"
                    + " 1d12h");
        }
        if (d.isZero()) {
            throw bad("clock advance '" + t + "' is zero; give a duration such as 30m, 6h or 3d");
        }
        if (d.compareTo(MAX_STEP) > 0) {
            throw bad("clock advance '" + t + "' is more than 366 days; move the clock in smaller steps");
        }
        return d;
    }

    private static RehearsalException bad(String message) {
        return new RehearsalException(RehearsalException.Code.BAD_OPTION, message);
    }

    /** {@code at} as an offset from the event's T, e.g. {@code T+6h30m}. */
    public static String offset(Event e, Instant at) {
        return offset(e.appointedAt(), at);
    }

    /** {@code at} as an offset from {@code t}, e.g. {@code T+1d2h} or {@code T-30m}. */
    public static String offset(Instant t, Instant at) {
        Duration d = Duration.between(t, at);
        String sign = d.isNegative() ? "-" : "+";
        d = d.abs();
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        StringBuilder b = new StringBuilder("T").append(sign);
        if (days > 0) {
            b.append(days).append('d');
        }
        if (hours > 0 || days == 0 && minutes == 0) {
            b.append(hours).append('h');
        }
        if (minutes > 0) {
            b.append(minutes).append('m');
        }
        return b.toString();
    }
}
