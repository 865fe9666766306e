package org.solrtoolkit.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * One batch of row updates by key, the fast way for each database (issue 18: the campaign uses the
 * server's bulk paths). On a SQLite file: one prepared statement executed per row in a JDBC batch
 * (in-process, so that is cheap). On PostgreSQL: a single statement joining the table with the
 * batch sent as one array per column ({@code UPDATE t SET ... FROM unnest(?, ?, ...) AS v(...)}), so
 * a thousand meters cost one statement instead of a thousand.
 *
 * @param <T> what one row is made from
 */
public final class BulkUpdate<T> {

    /** A column: its name, its PostgreSQL element type (text, bigint, integer) and its value in a row. */
    public record Column<T>(String name, String pgType, Function<T, Object> value) {
    }

    private final String table;
    private final List<Column<T>> set;
    private final List<Column<T>> key;
    private final String fileSql;
    private final String serverSql;

    public BulkUpdate(String table, List<Column<T>> set, List<Column<T>> key) {
        this.table = TableCopy.quote(table);
        this.set = List.copyOf(set);
        this.key = List.copyOf(key);
        this.fileSql = "UPDATE " + this.table + " SET " + String.join(", ", set.stream().map(c -> c.name() + " = ?")
                .toList()) + " WHERE " + String.join(" AND ", key.stream().map(c -> c.name() + " = ?").toList());
        List<Column<T>> all = new ArrayList<>(set);
        all.addAll(key);
        this.serverSql = "UPDATE " + this.table + " t SET " + String.join(", ", set.stream().map(c -> c.name() + " = v."
                + c.name()).toList()) + " FROM unnest(" + String.join(", ", all.stream().map(c -> "?::" + c.pgType()
                        + "[]").toList()) + ") AS v(" + String.join(", ", all.stream().map(Column::name).toList())
                + ") WHERE " + String.join(" AND ", key.stream().map(c -> "t." + c.name() + " = v." + c.name()).toList());
    }

    /** Updates {@code rows} within the caller's transaction. */
    public void run(NamedParameterJdbcTemplate jdbc, List<T> rows) {
        if (rows.isEmpty()) {
            return;
        }
        if (Connections.login(jdbc).isEmpty()) {
            jdbc.getJdbcTemplate().batchUpdate(fileSql, rows, rows.size(), (ps, r) -> {
                int i = 1;
                for (Column<T> c : set) {
                    ps.setObject(i++, c.value().apply(r));
                }
                for (Column<T> c : key) {
                    ps.setObject(i++, c.value().apply(r));
                }
            });
            return;
        }
        jdbc.getJdbcTemplate().execute((ConnectionCallback<Void>) c -> {
            List<Column<T>> all = new ArrayList<>(set);
            all.addAll(key);
            try (PreparedStatement ps = c.prepareStatement(serverSql)) {
                int i = 1;
                for (Column<T> col : all) {
                    Object[] values = new Object[rows.size()];
                    for (int r = 0; r < values.length; r++) {
                        values[r] = col.value().apply(rows.get(r));
                    }
                    ps.setArray(i++, array(c, col.pgType(), values));
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static Array array(Connection c, String type, Object[] values) throws java.sql.SQLException {
        return c.createArrayOf(type, values);
    }
}
