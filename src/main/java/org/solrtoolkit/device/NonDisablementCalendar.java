package org.solrtoolkit.device;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * A prepayment meter's non-disablement calendar (domain.md section 7; DUIS 2.1 Update Prepay
 * Configuration, GBCS ECS08 / GCS05): periods in which the supply is never disabled for lack of
 * credit. Two kinds of period, as the meter's calendar has them: a daily window {@code HH:MM-HH:MM}
 * (UTC; an end at or before its start runs past midnight, {@code 00:00-24:00} is the whole day) and a
 * special day {@code YYYY-MM-DD} (the whole UTC day). Written as the periods joined by {@code ;}, the
 * form the meter table stores and the command line takes.
 *
 * <p>Limits (INFERENCE from SMETS2's calendar tables: a day profile holds a handful of switch times
 * and the special days table a bounded list): at most {@value #MAX_DAILY} daily windows and
 * {@value #MAX_SPECIAL_DAYS} special days. Overlapping periods are refused, as the meter's day profile
 * cannot hold two actions for one minute: merge them into one window.
 */
public final class NonDisablementCalendar {

    public static final int MAX_DAILY = 8;
    public static final int MAX_SPECIAL_DAYS = 20;
    private static final int DAY = 24 * 60;

    /** The calendar with no period: the supply may be disabled at any time. */
    public static final NonDisablementCalendar NONE = new NonDisablementCalendar(List.of(), new TreeSet<>(), new BitSet());
    /** Every minute of every day: the supply is never disabled for lack of credit. */
    public static final String ALL_DAY = "00:00-24:00";

    private final List<int[]> daily;
    private final TreeSet<LocalDate> specialDays;
    private final BitSet minutes;

    private NonDisablementCalendar(List<int[]> daily, TreeSet<LocalDate> specialDays, BitSet minutes) {
        this.daily = daily;
        this.specialDays = specialDays;
        this.minutes = minutes;
    }

    private static final java.util.Map<String, NonDisablementCalendar> STORED = new java.util.concurrent.ConcurrentHashMap<>();

    /** A calendar as the meter table stores it (written by {@link #toString()}), read once per distinct text. */
    static NonDisablementCalendar stored(String text) {
        if (text == null || text.isEmpty()) {
            return NONE;
        }
        return STORED.size() > 1_000 ? parse(text) : STORED.computeIfAbsent(text, NonDisablementCalendar::parse);
    }

    /**
     * Reads a calendar; blank is {@link #NONE}.
     *
     * @throws DeviceException BAD_INPUT naming the period and the rule it breaks
     */
    public static NonDisablementCalendar parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<int[]> daily = new ArrayList<>();
        TreeSet<LocalDate> days = new TreeSet<>();
        BitSet minutes = new BitSet(DAY);
        for (String raw : text.split(";")) {
            String p = raw.trim();
            if (p.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate d;
                try {
                    d = LocalDate.parse(p);
                } catch (DateTimeParseException e) {
                    throw bad("special day '" + p + "' is not a date");
                }
                if (!days.add(d)) {
                    throw bad("special day " + p + " is given twice (periods overlap)");
                }
                continue;
            }
            if (!p.matches("\\d{2}:\\d{2}-\\d{2}:\\d{2}")) {
                throw bad("period '" + p + "' is neither HH:MM-HH:MM (a daily window, UTC) nor YYYY-MM-DD (a"
                        + " special day)");
            }
            int from = minute(p.substring(0, 5), p, false);
            int to = minute(p.substring(6), p, true);
            if (from == to) {
                throw bad("period " + p + " is empty or ambiguous; write 00:00-24:00 for the whole day");
            }
            BitSet window = new BitSet(DAY);
            if (from < to) {
                window.set(from, to);
            } else {
                window.set(from, DAY);
                window.set(0, to);
            }
            if (window.intersects(minutes)) {
                throw bad("period " + p + " overlaps another daily window; merge them into one");
            }
            minutes.or(window);
            daily.add(new int[] {from, to});
        }
        if (daily.size() > MAX_DAILY) {
            throw bad(daily.size() + " daily windows; the meter holds at most " + MAX_DAILY);
        }
        if (days.size() > MAX_SPECIAL_DAYS) {
            throw bad(days.size() + " special days; the meter holds at most " + MAX_SPECIAL_DAYS);
        }
        daily.sort((a, b) -> Integer.compare(a[0], b[0]));
        return new NonDisablementCalendar(List.copyOf(daily), days, minutes);
    }

    private static int minute(String hhmm, String period, boolean end) {
        int h = Integer.parseInt(hhmm.substring(0, 2));
        int m = Integer.parseInt(hhmm.substring(3));
        if (m > 59 || h > 24 || (h == 24 && (m != 0 || !end))) {
            throw bad("period " + period + ": " + hhmm + " is not a time of day (00:00 to 23:59, or 24:00 as an end)");
        }
        return h * 60 + m;
    }

    private static DeviceException bad(String why) {
        return new DeviceException(DeviceException.Code.BAD_INPUT, "non-disablement calendar: " + why);
    }

    /** Whether the supply may not be disabled at {@code at}. */
    public boolean covers(Instant at) {
        if (minutes.isEmpty() && specialDays.isEmpty()) {
            return false;
        }
        long epochMinute = Math.floorDiv(at.getEpochSecond(), 60);
        if (minutes.get((int) Math.floorMod(epochMinute, DAY))) {
            return true;
        }
        return !specialDays.isEmpty() && specialDays.contains(LocalDate.ofInstant(at, ZoneOffset.UTC));
    }

    /** Whether every minute of every day is covered: the supply is never disabled. */
    public boolean allDay() {
        return minutes.cardinality() == DAY;
    }

    public boolean isEmpty() {
        return daily.isEmpty() && specialDays.isEmpty();
    }

    /** The canonical text: daily windows by start, then special days, joined by {@code ;}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        for (int[] w : daily) {
            parts.add(String.format("%02d:%02d-%02d:%02d", w[0] / 60, w[0] % 60, w[1] / 60, w[1] % 60));
        }
        specialDays.forEach(d -> parts.add(d.toString()));
        return String.join(";", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NonDisablementCalendar c && c.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
