package org.solrtoolkit.device;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

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

    /** Every column, in the order {@link FleetCsvWriter#write} uses. */
    public static final List<String> COLUMNS = List.of("device_id", "device_type", "mpxn", "payment_mode",
            "credit_balance", "emergency_credit_limit", "debt", "debt_recovery_percent", "psr", "supplier",
            "supply_state", "consumption_per_hour");
    static final Map<String, Integer> POSITION = java.util.stream.IntStream.range(0, COLUMNS.size()).boxed()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(COLUMNS::get, i -> i));
    private static final Set<String> REQUIRED = Set.of("device_id", "device_type", "mpxn", "payment_mode");
    /** The most problems reported one by one; beyond, they are counted. */
    public static final int MAX_PROBLEMS = 1000;

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
        try (CSVParser parser = CSVParser.builder().setReader(new CsvText(in)).setFormat(format).get()) {
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
                MeterRecord m = FleetCsvRow.parse(r, index, columns.size(), line, rowProblems, seen);
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
            if (cause instanceof CsvText.BinaryContent b) {
                throw new DeviceException(DeviceException.Code.BAD_INPUT, name + " is not a text CSV (" + b.getMessage()
                        + "); save the spreadsheet as CSV UTF-8");
            }
            throw new DeviceException(DeviceException.Code.BAD_INPUT, name + " is not a readable CSV: "
                    + cause.getMessage());
        } catch (CsvText.BinaryContent e) {
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
}
