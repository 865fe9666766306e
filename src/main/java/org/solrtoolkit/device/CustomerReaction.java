package org.solrtoolkit.device;

/**
 * How long prepayment customers take to press the button once their supply is armed (domain.md
 * section 7: time off supply runs until the customer acts, not until the top-up). A seeded draw per
 * meter, so a rehearsal replays identically: a share {@code withinHour} presses within the hour
 * (uniformly 1 to 60 minutes), a share {@code away} does not press while the simulation runs (away
 * from home), and the rest form a tail spread log-uniformly from one hour to {@code tailHours}.
 * The default, for a fleet outside a scenario: 70% within the hour, 5% away, the tail up to two days.
 */
public record CustomerReaction(double withinHour, double away, int tailHours) {

    public static final CustomerReaction DEFAULT = new CustomerReaction(0.70, 0.05, 48);

    public CustomerReaction {
        if (!(withinHour >= 0 && away >= 0 && withinHour + away <= 1.0 + 1e-9) || tailHours < 1 || tailHours > 24 * 30) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "customer reaction: within_hour and away are"
                    + " shares from 0 to 1 adding up to at most 1, tail_hours 1 to 720 (given " + withinHour + ", "
                    + away + ", " + tailHours + ")");
        }
    }

    /** The minutes meter {@code device} waits before pressing, or {@link StoredMeter#AWAY}. */
    public int minutes(long seed, long device) {
        double u = unit(seed, 0x5eed, device);
        if (u < withinHour) {
            return 1 + (int) Math.floor(unit(seed, 1, device) * 60);
        }
        if (u < withinHour + away) {
            return StoredMeter.AWAY;
        }
        double hours = Math.exp(unit(seed, 2, device) * Math.log(tailHours));
        return (int) Math.max(61, Math.round(hours * 60));
    }

    /**
     * A number in [0, 1) from the seed, a stream and the meter (SplitMix64 finaliser): the one seeded
     * draw per meter of the simulation (customers' reactions here, a rehearsal's fault shares).
     */
    public static double unit(long seed, long stream, long device) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L + device;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
