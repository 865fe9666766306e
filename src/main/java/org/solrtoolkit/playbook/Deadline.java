package org.solrtoolkit.playbook;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a step is due, relative to T, the time of the SoLR appointment (domain.md section 5):
 * {@code T+4h}, {@code T+3d}, {@code T-1d}, {@code T+1d12h}, {@code T}, or {@code standing} for
 * preparedness that is kept up before any event and so has no due time.
 *
 * @param text the canonical text, as written in the playbook
 * @param offset the offset from T; empty for a standing step
 */
public record Deadline(String text, Optional<Duration> offset) {

    private static final Pattern OFFSET = Pattern.compile("T(?:([+-])((?:\\d{1,5}[dhm])+))?");
    private static final Pattern PART = Pattern.compile("(\\d{1,5})([dhm])");
    public static final String STANDING = "standing";

    public Deadline {
        if (text == null || offset == null) {
            throw new IllegalArgumentException("deadline text and offset are required");
        }
    }

    /**
     * Parses a deadline.
     *
     * @throws IllegalArgumentException with a message that says what is accepted
     */
    public static Deadline parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equals(STANDING)) {
            return new Deadline(STANDING, Optional.empty());
        }
        Matcher m = OFFSET.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad due '" + t
                    + "': use T+<n><unit> or T-<n><unit> with units d, h, m (e.g. T+4h, T+3d, T-1d) or 'standing'");
        }
        Duration offset = Duration.ZERO;
        if (m.group(2) != null) {
            Matcher part = PART.matcher(m.group(2));
            while (part.find()) {
                long n = Long.parseLong(part.group(1));
                offset = offset.plus(switch (part.group(2)) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofMinutes(n);
                });
            }
            if ("-".equals(m.group(1))) {
                offset = offset.negated();
            }
        }
        return new Deadline(t, Optional.of(offset));
    }

    public boolean isStanding() {
        return offset.isEmpty();
    }

    /** The due instant for an appointment at {@code appointedAt}; empty for a standing step. */
    public Optional<Instant> dueAt(Instant appointedAt) {
        return offset.map(appointedAt::plus);
    }

    @Override
    public String toString() {
        return text;
    }
}
