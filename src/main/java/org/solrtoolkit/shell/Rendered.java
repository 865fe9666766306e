package org.solrtoolkit.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.solrtoolkit.Json;

/**
 * Renders rows (ordered maps of column to value) as an aligned text table, a JSON document or CSV
 * with a header row (RFC 4180, CRLF, as spreadsheets expect).
 */
final class Rendered {

    private static final int MAX_CELL = 60;

    private Rendered() {
    }

    static String rows(Format format, List<? extends Map<String, ?>> rows, List<String> columns) {
        return switch (format) {
            case JSON -> json(rows);
            case CSV -> csv(rows, columns);
            case TABLE -> table(rows, columns);
        };
    }

    static String json(Object value) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rendered values are plain data", e);
        }
    }

    static String csv(List<? extends Map<String, ?>> rows, List<String> columns) {
        StringWriter out = new StringWriter();
        try (CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(columns.toArray(String[]::new))
                .get())) {
            for (Map<String, ?> r : rows) {
                List<Object> values = new ArrayList<>();
                for (String c : columns) {
                    values.add(text(r.get(c)));
                }
                p.printRecord(values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String s = out.toString();
        return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s;
    }

    static String table(List<? extends Map<String, ?>> rows, List<String> columns) {
        if (rows.isEmpty()) {
            return "(none)";
        }
        int[] width = new int[columns.size()];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            width[i] = columns.get(i).length();
        }
        for (Map<String, ?> r : rows) {
            String[] line = new String[columns.size()];
            for (int i = 0; i < columns.size(); i++) {
                String v = text(r.get(columns.get(i))).replace('\n', ' ');
                line[i] = v.length() > MAX_CELL ? v.substring(0, MAX_CELL - 1) + "…" : v;
                width[i] = Math.max(width[i], line[i].length());
            }
            cells.add(line);
        }
        StringBuilder sb = new StringBuilder();
        appendLine(sb, columns.stream().map(c -> c.toUpperCase().replace('_', ' ')).toArray(String[]::new), width);
        for (String[] line : cells) {
            sb.append('\n');
            appendLine(sb, line, width);
        }
        return sb.toString();
    }

    private static void appendLine(StringBuilder sb, String[] cells, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            line.append(cells[i]);
            if (i < cells.length - 1) {
                line.append(" ".repeat(width[i] - cells[i].length() + 2));
            }
        }
        sb.append(line.toString().stripTrailing());
    }

    /** "key: value" lines for one record, for show commands in table format. */
    static String record(Map<String, ?> fields) {
        int w = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(k.replace('_', ' ')).append(':').append(" ".repeat(w - k.length() + 1)).append(text(v));
        });
        return sb.toString();
    }

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> l) {
            return String.join(" ", l.stream().map(Rendered::text).toList());
        }
        return v.toString();
    }

    static Map<String, Object> map() {
        return new LinkedHashMap<>();
    }
}
