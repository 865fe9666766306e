package org.solrtoolkit.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Every row of every toolkit table, out of one database and into another of either dialect (issue
 * 18: moving an event from a laptop's SQLite file to the server), without naming a table: the
 * tables come from the database's own catalogue, parents before children (its foreign keys), and
 * each row travels as one JSON object (binary values in base64), typed again from the target's
 * columns. Flyway's history stays behind: each database has its own, at the same version.
 */
public final class TableCopy {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int BATCH = 1_000;

    private TableCopy() {
    }

    /** The toolkit's tables, parents before children. */
    public static List<String> tables(NamedParameterJdbcTemplate jdbc) {
        return jdbc.getJdbcTemplate().execute((ConnectionCallback<List<String>>) c -> {
            DatabaseMetaData md = c.getMetaData();
            boolean pg = Connections.isServer(c);
            String schema = pg ? c.getSchema() : null;
            List<String> all = new ArrayList<>();
            try (ResultSet rs = md.getTables(null, schema, "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String t = rs.getString("TABLE_NAME");
                    if (!t.startsWith("sqlite_") && !t.equals("flyway_schema_history")) {
                        all.add(t);
                    }
                }
            }
            all.sort(null);
            Map<String, Set<String>> parents = new HashMap<>();
            for (String t : all) {
                Set<String> p = new LinkedHashSet<>();
                try (ResultSet rs = md.getImportedKeys(null, schema, t)) {
                    while (rs.next()) {
                        String parent = rs.getString("PKTABLE_NAME");
                        if (!parent.equals(t)) {
                            p.add(parent);
                        }
                    }
                }
                parents.put(t, p);
            }
            List<String> ordered = new ArrayList<>();
            Set<String> placed = new LinkedHashSet<>();
            while (ordered.size() < all.size()) {
                boolean progress = false;
                for (String t : all) {
                    if (!placed.contains(t) && placed.containsAll(parents.get(t))) {
                        ordered.add(t);
                        placed.add(t);
                        progress = true;
                    }
                }
                if (!progress) {
                    throw new IllegalStateException("foreign keys form a cycle among " + all);
                }
            }
            return ordered;
        });
    }

    /** Writes every row of {@code table} as JSON lines to {@code out}; returns how many. */
    public static long export(NamedParameterJdbcTemplate jdbc, String table, OutputStream out) {
        long[] n = {0};
        try {
            JsonGenerator g = JSON.createGenerator(out);
            g.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
            jdbc.getJdbcTemplate().query("SELECT * FROM " + quote(table), rs -> {
                ResultSetMetaData md = rs.getMetaData();
                try {
                    g.writeStartObject();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        g.writeFieldName(md.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                        if (v == null) {
                            g.writeNull();
                        } else if (v instanceof byte[] b) {
                            g.writeString(Base64.getEncoder().encodeToString(b));
                        } else if (v instanceof Boolean b) {
                            g.writeNumber(b ? 1 : 0);
                        } else if (v instanceof Number num) {
                            if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) {
                                g.writeNumber(num.doubleValue());
                            } else {
                                g.writeNumber(num.longValue());
                            }
                        } else {
                            g.writeString(v.toString());
                        }
                    }
                    g.writeEndObject();
                    n[0]++;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            g.writeRaw('\n');
            g.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return n[0];
    }

    /** Inserts the JSON lines of {@code in} into {@code table} (within the caller's transaction); returns how many. */
    public static long load(NamedParameterJdbcTemplate jdbc, String table, InputStream in) throws IOException {
        Map<String, Integer> types = columnTypes(jdbc, table);
        List<String> columns = new ArrayList<>(types.keySet());
        String sql = "INSERT INTO " + quote(table) + " (" + String.join(", ", columns.stream().map(TableCopy::quote)
                .toList()) + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
        List<Object[]> batch = new ArrayList<>(BATCH);
        long n = 0;
        try (JsonParser p = JSON.createParser(in)) {
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Map<String, Object> row = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken t = p.nextToken();
                    row.put(name, switch (t) {
                        case VALUE_NULL -> null;
                        case VALUE_NUMBER_INT -> p.getLongValue();
                        case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
                        default -> p.getText();
                    });
                }
                Object[] values = new Object[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = typed(row.get(columns.get(i)), types.get(columns.get(i)));
                }
                batch.add(values);
                n++;
                if (batch.size() == BATCH) {
                    jdbc.getJdbcTemplate().batchUpdate(sql, batch);
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            jdbc.getJdbcTemplate().batchUpdate(sql, batch);
        }
        return n;
    }

    /**
     * On the server, moves each identity column's sequence past the rows copied in (explicit ids do
     * not advance it), so the next row the toolkit adds gets a new id.
     */
    public static void advanceIdentities(NamedParameterJdbcTemplate jdbc) {
        if (Connections.login(jdbc).isEmpty()) {
            return; // SQLite takes max(rowid) + 1 by itself
        }
        for (Map<String, Object> c : jdbc.queryForList("SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = current_schema() AND is_identity = 'YES'", Map.of())) {
            String t = (String) c.get("table_name");
            String col = (String) c.get("column_name");
            jdbc.getJdbcTemplate().queryForObject("SELECT setval(pg_get_serial_sequence(?, ?), (SELECT coalesce(max("
                    + quote(col) + "), 0) + 1 FROM " + quote(t) + "), false)", Long.class, t, col);
        }
    }

    private static Map<String, Integer> columnTypes(NamedParameterJdbcTemplate jdbc, String table) {
        return jdbc.getJdbcTemplate().query("SELECT * FROM " + quote(table) + " WHERE 1 = 0", rs -> {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Integer> m = new LinkedHashMap<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                m.put(md.getColumnName(i).toLowerCase(java.util.Locale.ROOT), md.getColumnType(i));
            }
            return m;
        });
    }

    private static Object typed(Object v, int sqlType) {
        if (v == null) {
            return null;
        }
        return switch (sqlType) {
            case Types.BLOB, Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY -> Base64.getDecoder().decode((String) v);
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> v instanceof Number n ? n.longValue()
                    : Long.parseLong(v.toString());
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL -> v instanceof Number n
                    ? n.doubleValue() : Double.parseDouble(v.toString());
            case Types.BOOLEAN, Types.BIT -> v instanceof Number n ? n.longValue() != 0 : Boolean.parseBoolean(v.toString());
            default -> v instanceof String ? v : v.toString();
        };
    }

    static String quote(String identifier) {
        if (!identifier.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a table or column name: " + identifier);
        }
        return "\"" + identifier + "\"";
    }
}
