package org.solrtoolkit.store;

import java.util.Optional;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** What the toolkit asks of a JDBC connection and its failures, for either kind of database. */
public final class Connections {

    private Connections() {
    }

    /**
     * The database login of {@code jdbc}'s connection on a server database (the operator there), or
     * empty on a SQLite file. Read from the connection's metadata: no round trip.
     */
    public static Optional<String> login(NamedParameterJdbcTemplate jdbc) {
        return Optional.ofNullable(jdbc.getJdbcTemplate().execute((org.springframework.jdbc.core.ConnectionCallback<String>)
                c -> isServer(c) ? c.getMetaData().getUserName() : null));
    }

    /** Whether {@code c} is a connection to the PostgreSQL server (else to a SQLite file); no round trip. */
    static boolean isServer(java.sql.Connection c) throws java.sql.SQLException {
        return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    }

    /**
     * Whether {@code e} comes from a server connection that is gone (SQL state class 08, or the
     * server shutting down, 57P0x): a server stopped or unreachable mid-command.
     */
    public static boolean lostConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException x && x.getSQLState() != null
                    && (x.getSQLState().startsWith("08") || x.getSQLState().startsWith("57P0"))) {
                return true;
            }
            if (t instanceof java.net.ConnectException || t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }

    /** The deepest message of {@code e}'s causes, first line. */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse("").trim();
    }

}
