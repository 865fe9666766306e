package org.solrtoolkit.device;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVRecord;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PkiException;

/**
 * One row of a fleet CSV checked field by field (the columns and their rules are in
 * {@link FleetCsv}): every problem of the row is recorded with its column, so a user fixes a file
 * in one pass; a row with any problem gives no meter.
 */
final class FleetCsvRow {

    private static final long MAX_BALANCE_PENCE = 10_000_00;

    private FleetCsvRow() {
    }

    /** The row's values in {@link FleetCsv#COLUMNS} order ("" where the column is absent or the row short). */
    private static final class Values {
        private final CSVRecord r;
        private final int[] index;

        Values(CSVRecord r, int[] index) {
            this.r = r;
            this.index = index;
        }

        String get(String column) {
            int i = index[FleetCsv.POSITION.get(column)];
            return i < 0 || i >= r.size() ? "" : r.get(i);
        }
    }

    static MeterRecord parse(CSVRecord r, int[] index, int columns, long line, List<FleetCsv.Problem> problems,
            EuiLineIndex seen) {
        Values v = new Values(r, index);
        if (r.size() != columns) {
            problems.add(new FleetCsv.Problem(line, null, "has " + r.size() + " fields, the header has " + columns));
        }
        Eui64 id = field(line, "device_id", problems, () -> Eui64.parse(v.get("device_id")));
        if (id != null) {
            long first = seen.putIfAbsent(id.value(), line);
            if (first != 0) {
                problems.add(new FleetCsv.Problem(line, "device_id", "duplicate device " + id + " (first at line " + first + ")"));
            }
        }
        DeviceType type = field(line, "device_type", problems, () -> enumValue(DeviceType.class, v.get("device_type"),
                "ESME or GSME"));
        Mpxn mpxn = field(line, "mpxn", problems, () -> Mpxn.parse(v.get("mpxn")));
        if (type != null && mpxn != null && (type == DeviceType.ESME) != (mpxn.fuel() == Mpxn.Fuel.ELECTRICITY)) {
            problems.add(new FleetCsv.Problem(line, "mpxn", type + " needs " + (type == DeviceType.ESME
                    ? "a 13-digit MPAN" : "an MPRN of 6 to 10 digits") + ", got '" + mpxn + "'"));
        }
        PrepaymentState.PaymentMode mode = field(line, "payment_mode", problems, () -> enumValue(
                PrepaymentState.PaymentMode.class, v.get("payment_mode"), "prepayment or credit"));
        long ec = money(line, "emergency_credit_limit", v.get("emergency_credit_limit"), 15_00, 0,
                100_00, problems);
        long balance = money(line, "credit_balance", v.get("credit_balance"), 0, -ec,
                MAX_BALANCE_PENCE, problems);
        long debt = money(line, "debt", v.get("debt"), 0, 0, 100_000_00, problems);
        Integer recovery = field(line, "debt_recovery_percent", problems, () -> {
            String s = v.get("debt_recovery_percent");
            int p = s.isBlank() ? 25 : Integer.parseInt(s.trim());
            if (p < 0 || p > 100) {
                throw new IllegalArgumentException("'" + s + "' is not 0 to 100");
            }
            return p;
        });
        Boolean psr = field(line, "psr", problems, () -> bool(v.get("psr")));
        PrepaymentState.SupplyState supply = field(line, "supply_state", problems, () -> {
            String s = v.get("supply_state").trim();
            return s.isEmpty() ? PrepaymentState.SupplyState.ENABLED
                    : enumValue(PrepaymentState.SupplyState.class, s, "enabled, disabled or armed");
        });
        long use = money(line, "consumption_per_hour", v.get("consumption_per_hour"), -1, 0, 10_00, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new MeterRecord(id, type, mpxn, mode, balance, ec, debt, recovery, psr,
                v.get("supplier").trim(), supply, use < 0 ? MeterRecord.typicalConsumption(type) : use);
    }

    /** Pence from a GBP amount ("12.34", "-3", "£5.00"), with its range. */
    private static long money(long line, String column, String text, long dflt, long min, long max,
            List<FleetCsv.Problem> problems) {
        String t = text.indexOf('£') >= 0 || text.indexOf(',') >= 0 ? text.trim().replace("£", "").replace(",", "")
                : text.trim();
        if (t.isEmpty()) {
            return dflt;
        }
        try {
            long pence = pence(t);
            if (pence < min || pence > max) {
                problems.add(new FleetCsv.Problem(line, column, "£" + t + " is out of range (" + gbp(min) + " to " + gbp(max) + ")"));
                return dflt;
            }
            return pence;
        } catch (ArithmeticException | NumberFormatException e) {
            problems.add(new FleetCsv.Problem(line, column, "'" + text + "' is not an amount in pounds (e.g. 12.34)"));
            return dflt;
        }
    }

    /** Pence from "-12.34", "5", "0.5": a plain decimal with at most two places, without BigDecimal for the usual case. */
    private static long pence(String t) {
        int i = 0;
        boolean negative = t.charAt(0) == '-';
        if (negative || t.charAt(0) == '+') {
            i = 1;
        }
        long whole = 0;
        int wholeDigits = 0;
        for (; i < t.length() && t.charAt(i) != '.'; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9' || ++wholeDigits > 12) {
                return new BigDecimal(t).setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
            }
            whole = whole * 10 + (c - '0');
        }
        long fraction = 0;
        int places = 0;
        if (i < t.length()) {
            for (i++; i < t.length(); i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9' || ++places > 2) {
                    return new BigDecimal(t).setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
                }
                fraction = fraction * 10 + (c - '0');
            }
            if (places == 0 && wholeDigits == 0) {
                throw new NumberFormatException(t);
            }
        }
        if (wholeDigits == 0 && places == 0) {
            throw new NumberFormatException(t);
        }
        long pence = whole * 100 + (places == 1 ? fraction * 10 : fraction);
        return negative ? -pence : pence;
    }

    private static String gbp(long pence) {
        return (pence < 0 ? "-£" : "£") + BigDecimal.valueOf(Math.abs(pence), 2).toPlainString();
    }

    private static boolean bool(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "", "false", "no", "n", "0" -> false;
            case "true", "yes", "y", "1" -> true;
            default -> throw new IllegalArgumentException("'" + s + "' is not true/false, yes/no or 1/0");
        };
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String s, String accepted) {
        String t = s.trim();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException("'" + s + "' is not " + accepted);
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T field(long line, String column, List<FleetCsv.Problem> problems, Parse<T> parse) {
        try {
            return parse.get();
        } catch (DeviceException | PkiException | IllegalArgumentException e) {
            String m = e instanceof NumberFormatException ? "not a whole number" : e.getMessage();
            problems.add(new FleetCsv.Problem(line, column, m));
            return null;
        }
    }
}
