package org.solrtoolkit.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/**
 * Where a server database is and who connects to it (issue 18): {@code --db} / {@code
 * SOLR_TOOLKIT_DB} as {@code postgresql://host:port/database} (optionally {@code user@host}).
 * Credentials come only from the standard PostgreSQL environment ({@code PGUSER}, {@code
 * PGPASSWORD}) or the password file ({@code PGPASSFILE}, else {@code ~/.pgpass}, which the driver
 * reads itself): a password written in the URL is refused, so it never reaches a shell's history.
 * The operator on a server database is this login.
 */
public record ServerConnection(String host, int port, String database, String user, String query) {

    /** Whether {@code location} names a server database rather than a SQLite file. */
    public static boolean isUrl(String location) {
        return location != null && (location.startsWith("postgresql://") || location.startsWith("postgres://"));
    }

    /**
     * @param env the process environment (PGUSER, PGPASSWORD)
     * @throws StoreException BAD_URL for a URL that is not {@code postgresql://host[:port]/database} or carries a password
     */
    public static ServerConnection parse(String url, Map<String, String> env) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw bad(url, "is not a URL (" + e.getReason() + ")");
        }
        String userInfo = u.getRawUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new StoreException(StoreException.Code.BAD_URL, "database URL " + redacted(url) + " carries a"
                    + " password: put it in ~/.pgpass (or PGPASSFILE, or PGPASSWORD), never in {db}");
        }
        if (u.getHost() == null || u.getPath() == null || u.getPath().length() < 2 || u.getPath().indexOf('/', 1) > 0) {
            throw bad(url, "must be postgresql://host[:port]/database");
        }
        String user = userInfo != null ? userInfo : Optional.ofNullable(env.get("PGUSER")).filter(s -> !s.isBlank())
                .orElse(System.getProperty("user.name"));
        return new ServerConnection(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort(), u.getPath().substring(1), user,
                u.getRawQuery());
    }

    private static StoreException bad(String url, String why) {
        return new StoreException(StoreException.Code.BAD_URL, "database URL " + redacted(url) + " " + why
                + "; check {db} / SOLR_TOOLKIT_DB");
    }

    /** The URL as it may be printed: without anything after the user name's colon. */
    static String redacted(String url) {
        return url.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@");
    }

    /** How this database is named in messages: never with a password. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    /**
     * A small pool of connections for this login, checked by one connection now.
     *
     * @throws StoreException UNREACHABLE when no server answers there, LOGIN_REFUSED when it refuses the login
     */
    HikariDataSource open(Map<String, String> env) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:postgresql://" + host + ":" + port + "/" + database + (query == null ? "" : "?" + query));
        c.setUsername(user);
        String pw = env.get("PGPASSWORD");
        if (pw != null && !pw.isEmpty()) {
            c.setPassword(pw);
        }
        c.setMaximumPoolSize(4);
        c.setMinimumIdle(0);
        c.setPoolName("solr-toolkit");
        c.setInitializationFailTimeout(-1); // the first connection below says what is wrong, in one line
        c.setConnectionTimeout(10_000);
        c.addDataSourceProperty("connectTimeout", "5");
        c.addDataSourceProperty("ApplicationName", "solr-toolkit");
        c.addDataSourceProperty("reWriteBatchedInserts", "true"); // a batch of inserts as multi-row statements
        // the first connection straight from the driver: a pool retries a refused connection or login
        // until its timeout, so a stopped server or a wrong password would take 10 s to be said
        java.util.Properties first = new java.util.Properties();
        first.putAll(c.getDataSourceProperties()); // the pool's: connect timeout, application name
        first.setProperty("user", user);
        if (pw != null && !pw.isEmpty()) {
            first.setProperty("password", pw);
        }
        try (Connection probe = new org.postgresql.Driver().connect(c.getJdbcUrl(), first)) {
            probe.isValid(5);
        } catch (SQLException e) {
            throw refused(e);
        }
        return new HikariDataSource(c);
    }

    /** A failure to connect as one line: unreachable, or the login refused. */
    StoreException refused(SQLException e) {
        String state = "";
        String message = e.getMessage();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException x && x.getSQLState() != null) {
                state = x.getSQLState();
                message = x.getMessage();
            } else if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        String m = String.valueOf(message);
        if (state.startsWith("28") || m.contains("password") || m.contains("authentication")) {
            return new StoreException(StoreException.Code.LOGIN_REFUSED, "database " + this + " refused the login '"
                    + user + "': " + firstLine(m) + "; check PGUSER and the password in ~/.pgpass (or PGPASSFILE)", e);
        }
        if (state.equals("42501")) {
            return new StoreException(StoreException.Code.LOGIN_REFUSED, "database login '" + user + "' may not use "
                    + this + " (" + firstLine(m) + "); an event administrator grants it by mapping it with 'operator"
                    + " add'", e);
        }
        if (state.equals("3D000")) {
            return new StoreException(StoreException.Code.UNREACHABLE, "database " + this + " does not exist on the"
                    + " server; check {db} / SOLR_TOOLKIT_DB", e);
        }
        return new StoreException(StoreException.Code.UNREACHABLE, "database server " + host + ":" + port
                + " cannot be reached (" + firstLine(m) + "); start it or check {db} / SOLR_TOOLKIT_DB", e);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
