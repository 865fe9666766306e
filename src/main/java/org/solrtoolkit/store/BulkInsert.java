package org.solrtoolkit.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One batch of new rows, the fast way for each database (issue 18: imports use the server's bulk
 * paths). On a SQLite file: multi-row {@code INSERT} statements of {@value #ROWS_PER_STATEMENT}
 * rows, prepared once (in-process, so a statement step is cheap). On PostgreSQL: one
 * {@code COPY table (columns) FROM STDIN} in its text format, the server's own bulk load, inside
 * the caller's transaction, so a crash leaves all of a batch's transaction or none of it.
 *
 * <p>Values are {@link Long}, {@link Integer}, {@link String} or null.
 *
 * @param <T> what one row is made from
 */
public final class BulkInsert<T> {

    /** Rows per INSERT statement on a SQLite file. */
    static final int ROWS_PER_STATEMENT = 100;

    /** A column: its name and its value in a row. */
    public record Column<T>(String name, Function<T, Object> value) {
    }

    private final List<Column<T>> columns;
    private final String one;
    private final String many;
    private final String copy;

    public BulkInsert(String table, List<Column<T>> columns) {
        this.columns = List.copyOf(columns);
        String names = String.join(", ", columns.stream().map(Column::name).toList());
        String row = "(" + "?, ".repeat(columns.size() - 1) + "?)";
        this.one = "INSERT INTO " + TableCopy.quote(table) + " (" + names + ") VALUES " + row;
        this.many = one + (", " + row).repeat(ROWS_PER_STATEMENT - 1);
        this.copy = "COPY " + TableCopy.quote(table) + " (" + names + ") FROM STDIN";
    }

    /** Inserts {@code rows}, in order, within the caller's transaction. */
    public void run(NamedParameterJdbcTemplate jdbc, List<T> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.getJdbcTemplate().execute((ConnectionCallback<Void>) c -> {
            if (Connections.isServer(c)) {
                copy(c.unwrap(PGConnection.class), rows);
            } else {
                insert(c, rows);
            }
            return null;
        });
    }

    private void insert(java.sql.Connection c, List<T> rows) throws SQLException {
        int whole = rows.size() - rows.size() % ROWS_PER_STATEMENT;
        if (whole > 0) {
            try (PreparedStatement ps = c.prepareStatement(many)) {
                for (int from = 0; from < whole; from += ROWS_PER_STATEMENT) {
                    for (int i = 0; i < ROWS_PER_STATEMENT; i++) {
                        bind(ps, i * columns.size(), rows.get(from + i));
                    }
                    ps.executeUpdate();
                }
            }
        }
        if (whole < rows.size()) {
            try (PreparedStatement ps = c.prepareStatement(one)) {
                for (T r : rows.subList(whole, rows.size())) {
                    bind(ps, 0, r);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    private void bind(PreparedStatement ps, int at, T row) throws SQLException {
        for (int i = 0; i < columns.size(); i++) {
            ps.setObject(at + i + 1, columns.get(i).value().apply(row));
        }
    }

    private void copy(PGConnection c, List<T> rows) throws SQLException {
        StringBuilder text = new StringBuilder(rows.size() * columns.size() * 12);
        for (T r : rows) {
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) {
                    text.append('\t');
                }
                field(text, columns.get(i).value().apply(r));
            }
            text.append('\n');
        }
        try {
            c.getCopyAPI().copyIn(copy, new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY of " + rows.size() + " row(s) failed: " + e.getMessage(), "08006", e);
        }
    }

    /** One value in COPY's text format: {@code \N} for null; backslash, tab, newline and CR escaped. */
    static void field(StringBuilder out, Object v) {
        if (v == null) {
            out.append("\\N");
            return;
        }
        String s = v.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }
}
