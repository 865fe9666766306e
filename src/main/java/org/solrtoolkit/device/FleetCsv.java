package org.solrtoolkit.device;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PkiException;

/**
 * The fleet inventory CSV (Apache Commons CSV): what spreadsheets write (UTF-8 BOM, CRLF, quoted
 * commas and newlines, headers in any order and case). Reading streams the rows to a sink and
 * collects <em>every</em> problem as {@code line N, column C: reason}; the caller decides whether a
 * problem stops the import. Columns:
 *
 * <table>
 * <tr><th>column</th><th>required</th><th>meaning</th></tr>
 * <tr><td>device_id</td><td>yes</td><td>EUI-64 of the meter (ESME/GSME)</td></tr>
 * <tr><td>device_type</td><td>yes</td><td>ESME or GSME</td></tr>
 * <tr><td>mpxn</td><td>yes</td><td>MPAN core (13 digits, ESME) or MPRN (6-10 digits, GSME)</td></tr>
 * <tr><td>payment_mode</td><td>yes</td><td>prepayment or credit</td></tr>
 * <tr><td>credit_balance</td><td>no (0)</td><td>GBP, negative while on emergency credit</td></tr>
 * <tr><td>emergency_credit_limit</td><td>no (15.00)</td><td>GBP, 0 to 100</td></tr>
 * <tr><td>debt</td><td>no (0)</td><td>GBP, 0 to 100000</td></tr>
 * <tr><td>debt_recovery_percent</td><td>no (25)</td><td>share of each top-up that repays debt, 0-100</td></tr>
 * <tr><td>psr</td><td>no (false)</td><td>on the Priority Services Register: true/false, yes/no, 1/0</td></tr>
 * <tr><td>supplier</td><td>no</td><td>party whose certificates are in the Supplier cells</td></tr>
 * <tr><td>supply_state</td><td>no (enabled)</td><td>enabled or disabled</td></tr>
 * <tr><td>consumption_per_hour</td><td>no (0.12 ESME, 0.10 GSME)</td><td>GBP used per simulated hour, 0 to 10.00</td></tr>
 * </table>
 */
public final class FleetCsv {

    /** Every column, in the order {@link #write} uses. */
    public static final List<String> COLUMNS = List.of("device_id", "device_type", "mpxn", "payment_mode",
            "credit_balance", "emergency_credit_limit", "debt", "debt_recovery_percent", "psr", "supplier",
            "supply_state", "consumption_per_hour");
    private static final Map<String, Integer> POSITION = java.util.stream.IntStream.range(0, COLUMNS.size()).boxed()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(COLUMNS::get, i -> i));
    private static final Set<String> REQUIRED = Set.of("device_id", "device_type", "mpxn", "payment_mode");
    /** The most problems reported one by one; beyond, they are counted. */
    public static final int MAX_PROBLEMS = 1000;
    private static final long MAX_BALANCE_PENCE = 10_000_00;

    /** One problem: where and why. */
    public record Problem(long line, String column, String reason) {
        @Override
        public String toString() {
            return "line " + line + (column == null ? "" : ", column " + column) + ": " + reason;
        }
    }

    /** What reading found: rows accepted, and the problems (at most {@link #MAX_PROBLEMS}, with the total). */
    public record Result(long rows, long rejectedRows, List<Problem> problems, long problemCount) {
        public boolean clean() {
            return problemCount == 0;
        }
    }

    /** A valid row and the line it starts on. */
    public record Line(long line, MeterRecord meter) {
    }

    /** A rejected row: its line, its original values and its reasons (for {@code --rejects}). */
    public record Rejected(long line, Map<String, String> values, List<Problem> problems) {
    }

    private FleetCsv() {
    }

    /**
     * Reads {@code in}, handing each valid row to {@code accepted} and each invalid one to {@code rejected}.
     *
     * @throws DeviceException BAD_INPUT for a file that is empty, binary or has no usable header (one
     *     problem for the whole file)
     */
    public static Result read(Reader in, String name, Consumer<Line> accepted, Consumer<Rejected> rejected) {
        // values are trimmed where they are parsed, which costs less than trimming every field
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .setCommentMarker('#').get(); // '# REHEARSAL ...' heads a rehearsal's export
        List<Problem> problems = new ArrayList<>();
        long[] counts = new long[3]; // rows, rejected rows, problems
        try (CSVParser parser = CSVParser.builder().setReader(new BomSkippingReader(in)).setFormat(format).get()) {
            Map<String, String> columns = header(parser, name);
            int[] index = new int[COLUMNS.size()];
            for (int c = 0; c < index.length; c++) {
                String actual = columns.get(COLUMNS.get(c));
                index[c] = actual == null ? -1 : parser.getHeaderMap().get(actual);
            }
            EuiLineIndex seen = new EuiLineIndex();
            long lineOfNext = 2;
            for (CSVRecord r : parser) {
                long line = lineOfNext;
                lineOfNext = parser.getCurrentLineNumber() + 1;
                List<Problem> rowProblems = new ArrayList<>();
                MeterRecord m = row(r, index, columns.size(), line, rowProblems, seen);
                if (rowProblems.isEmpty()) {
                    counts[0]++;
                    accepted.accept(new Line(line, m));
                } else {
                    counts[1]++;
                    counts[2] += rowProblems.size();
                    for (Problem p : rowProblems) {
                        if (problems.size() < MAX_PROBLEMS) {
                            problems.add(p);
                        }
                    }
                    Map<String, String> values = new LinkedHashMap<>();
                    columns.forEach((canonical, actual) -> values.put(canonical, r.isMapped(actual) && r.isSet(actual)
                            ? r.get(actual).trim() : ""));
                    rejected.accept(new Rejected(line, values, rowProblems));
                }
            }
            if (counts[0] + counts[1] == 0) {
                throw new DeviceException(DeviceException.Code.BAD_INPUT, name + " has a header but no rows;"
                        + " nothing to import");
            }
        } catch (UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof java.nio.charset.CharacterCodingException) {
                throw notUtf8(name, cause);
            }
            if (cause instanceof BinaryContent b) {
                throw new DeviceException(DeviceException.Code.BAD_INPUT, name + " is not a text CSV (" + b.getMessage()
                        + "); save the spreadsheet as CSV UTF-8");
            }
            throw new DeviceException(DeviceException.Code.BAD_INPUT, name + " is not a readable CSV: "
                    + cause.getMessage());
        } catch (BinaryContent e) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, name + " is not a text CSV (" + e.getMessage()
                    + "); save the spreadsheet as CSV UTF-8");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw notUtf8(name, e);
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, name + " cannot be read: " + e.getMessage());
        }
        return new Result(counts[0], counts[1], problems, counts[2]);
    }

    private static DeviceException notUtf8(String name, Throwable e) {
        return new DeviceException(DeviceException.Code.BAD_INPUT, name + " is not UTF-8 text ("
                + e.getClass().getSimpleName() + "); save the spreadsheet as CSV UTF-8");
    }

    /** Canonical column name to the header as written; refuses missing required and unknown columns. */
    private static Map<String, String> header(CSVParser parser, String name) {
        List<String> names = parser.getHeaderNames();
        if (names.isEmpty()) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, name + " is empty: expected a header row with "
                    + String.join(", ", COLUMNS.subList(0, 4)) + " and the optional columns");
        }
        Map<String, String> columns = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String h : names) {
            String canonical = h.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
            if (!COLUMNS.contains(canonical)) {
                problems.add("unknown column '" + h + "'");
            } else if (columns.containsKey(canonical)) {
                problems.add("column '" + h + "' appears twice");
            } else {
                columns.put(canonical, h);
            }
        }
        for (String required : REQUIRED.stream().sorted().toList()) {
            if (!columns.containsKey(required)) {
                problems.add("missing required column '" + required + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, name + " line 1: " + String.join("; ", problems)
                    + " (columns: " + String.join(", ", COLUMNS) + ")");
        }
        return columns;
    }

    /** The row's values in {@link #COLUMNS} order ("" where the column is absent or the row short). */
    private static final class Values {
        private final CSVRecord r;
        private final int[] index;

        Values(CSVRecord r, int[] index) {
            this.r = r;
            this.index = index;
        }

        String get(String column) {
            int i = index[POSITION.get(column)];
            return i < 0 || i >= r.size() ? "" : r.get(i);
        }
    }

    private static MeterRecord row(CSVRecord r, int[] index, int columns, long line, List<Problem> problems,
            EuiLineIndex seen) {
        Values v = new Values(r, index);
        if (r.size() != columns) {
            problems.add(new Problem(line, null, "has " + r.size() + " fields, the header has " + columns));
        }
        Eui64 id = field(line, "device_id", problems, () -> Eui64.parse(v.get("device_id")));
        if (id != null) {
            long first = seen.putIfAbsent(id.value(), line);
            if (first != 0) {
                problems.add(new Problem(line, "device_id", "duplicate device " + id + " (first at line " + first + ")"));
            }
        }
        DeviceType type = field(line, "device_type", problems, () -> enumValue(DeviceType.class, v.get("device_type"),
                "ESME or GSME"));
        Mpxn mpxn = field(line, "mpxn", problems, () -> Mpxn.parse(v.get("mpxn")));
        if (type != null && mpxn != null && (type == DeviceType.ESME) != (mpxn.fuel() == Mpxn.Fuel.ELECTRICITY)) {
            problems.add(new Problem(line, "mpxn", type + " needs " + (type == DeviceType.ESME
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
                    : enumValue(PrepaymentState.SupplyState.class, s, "enabled or disabled");
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
            List<Problem> problems) {
        String t = text.indexOf('£') >= 0 || text.indexOf(',') >= 0 ? text.trim().replace("£", "").replace(",", "")
                : text.trim();
        if (t.isEmpty()) {
            return dflt;
        }
        try {
            long pence = pence(t);
            if (pence < min || pence > max) {
                problems.add(new Problem(line, column, "£" + t + " is out of range (" + gbp(min) + " to " + gbp(max) + ")"));
                return dflt;
            }
            return pence;
        } catch (ArithmeticException | NumberFormatException e) {
            problems.add(new Problem(line, column, "'" + text + "' is not an amount in pounds (e.g. 12.34)"));
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

    private static <T> T field(long line, String column, List<Problem> problems, Parse<T> parse) {
        try {
            return parse.get();
        } catch (DeviceException | PkiException | IllegalArgumentException e) {
            String m = e instanceof NumberFormatException ? "not a whole number" : e.getMessage();
            problems.add(new Problem(line, column, m));
            return null;
        }
    }

    /** Writes meters as CSV with every column (UTF-8 without BOM, CRLF), readable by {@link #read}. */
    public static void write(Writer out, Iterable<MeterRecord> meters) {
        Consumer<MeterRecord> sink = writer(out);
        meters.forEach(sink);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A sink that writes the header now and one row per meter given, for exports too big to hold. */
    public static Consumer<MeterRecord> writer(Writer out) {
        return writer(out, null);
    }

    /** The same, with {@code comment} (e.g. a rehearsal's marking) as a '#' line above the header. */
    public static Consumer<MeterRecord> writer(Writer out, String comment) {
        try {
            CSVFormat.Builder b = CSVFormat.RFC4180.builder().setHeader(COLUMNS.toArray(String[]::new));
            if (comment != null) {
                b.setCommentMarker('#').setHeaderComments(comment);
            }
            CSVPrinter p = new CSVPrinter(out, b.get());
            return m -> {
                try {
                    p.printRecord(values(m));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A meter's fields as CSV text, in {@link #COLUMNS} order. */
    public static List<String> values(MeterRecord m) {
        return List.of(m.deviceId().toString(), m.type().name(), m.mpxn().value(),
                m.paymentMode().name().toLowerCase(Locale.ROOT), BigDecimal.valueOf(m.creditBalance(), 2).toPlainString(),
                BigDecimal.valueOf(m.emergencyCreditLimit(), 2).toPlainString(),
                BigDecimal.valueOf(m.debt(), 2).toPlainString(), String.valueOf(m.debtRecoveryPercent()),
                String.valueOf(m.psr()), m.supplier(), m.supply().name().toLowerCase(Locale.ROOT),
                BigDecimal.valueOf(m.consumptionPerHour(), 2).toPlainString());
    }

    /** A NUL or other control character that no CSV text holds: the file is binary. */
    private static final class BinaryContent extends IOException {
        BinaryContent(long at) {
            super("binary content at character " + at);
        }
    }

    /**
     * Drops a UTF-8 byte order mark at the start, as Excel writes one, and refuses binary content
     * (control characters other than tab, CR and LF).
     */
    private static final class BomSkippingReader extends java.io.FilterReader {
        private boolean first = true;
        private long position;

        BomSkippingReader(Reader in) {
            super(in);
        }

        @Override
        public int read(char[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (first && n > 0) {
                first = false;
                if (buf[off] == '\uFEFF') {
                    System.arraycopy(buf, off + 1, buf, off, n - 1);
                    n--;
                    if (n == 0) {
                        return read(buf, off, len);
                    }
                }
            }
            for (int i = off; i < off + n; i++) {
                char c = buf[i];
                if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
                    throw new BinaryContent(position + i - off + 1);
                }
            }
            position += Math.max(0, n);
            return n;
        }

        @Override
        public int read() throws IOException {
            char[] one = new char[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0];
        }
    }
}
