package org.solrtoolkit.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The toolkit's database: a SQLite file (the embedded default: a rehearsal, a single organisation,
 * a laptop) or a PostgreSQL server (the shared record of a live event, issue 18), its schema brought
 * up to date by Flyway from one history in two dialects ({@code db/migration/sqlite},
 * {@code db/migration/postgresql}: the same versions, the same tables).
 *
 * <p>A SQLite file is opened in WAL mode with a busy timeout and foreign keys; writes run in
 * {@code BEGIN IMMEDIATE} transactions so that two processes on one file serialise instead of
 * failing half-way. A file without write permission is opened read-only: reading commands work
 * (a PMA reviewing an archived event), writing ones are refused before anything is written.
 *
 * <p>On the server every write transaction first takes one transaction-scoped advisory lock, so
 * writers serialise exactly as on the file: a read inside a write sees every earlier commit (the
 * optimistic step check, the audit chain's head), and two operators' audit rows never fork the
 * chain. Readers are not blocked.
 */
public final class Database implements AutoCloseable {

    /** The two kinds of database. */
    public enum Dialect { SQLITE, POSTGRESQL }

    /** The advisory lock every server write transaction takes first (any constant: one per database). */
    private static final long WRITE_LOCK = 7_394_156_990_786_306_048L;

    static {
        // For a null parameter Spring would otherwise ask the driver for parameter metadata on every
        // row of a batch; SQLite takes a plain NULL whatever the column type.
        org.springframework.core.SpringProperties.setFlag("spring.jdbc.getParameterType.ignore");
    }

    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Dialect dialect;
    private final Path file;
    private final String name;
    private final boolean readOnly;
    private final javax.sql.DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    private Database(Path file, boolean readOnly) {
        this.dialect = Dialect.SQLITE;
        this.file = file;
        this.name = file.toString();
        this.readOnly = readOnly;
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        if (readOnly) {
            config.setReadOnly(true);
        } else {
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        }
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        this.dataSource = ds;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    private Database(ServerConnection server, javax.sql.DataSource dataSource) {
        this.dialect = Dialect.POSTGRESQL;
        this.file = null;
        this.name = server.toString();
        this.readOnly = false;
        this.dataSource = dataSource;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * Opens the database {@code location} names: a {@code postgresql://} URL ({@link #server}) or a
     * SQLite file ({@link #open(Path)}, made if missing).
     */
    public static Database open(String location) {
        return ServerConnection.isUrl(location) ? server(location, System.getenv()) : open(Path.of(location));
    }

    /**
     * Connects to the server database at {@code url} as the login the environment gives, and
     * migrates its schema.
     *
     * @throws StoreException BAD_URL, UNREACHABLE, LOGIN_REFUSED or NEWER_SCHEMA, in one line
     */
    public static Database server(String url, Map<String, String> env) {
        ServerConnection server = ServerConnection.parse(url, env);
        Database db = new Database(server, server.open(env));
        try {
            db.migrate();
        } catch (DataAccessException | org.flywaydb.core.api.FlywayException e) {
            db.close();
            java.sql.SQLException sql = e.getCause() instanceof java.sql.SQLException x ? x : null;
            throw sql != null ? server.refused(sql) : new StoreException(StoreException.Code.IO, "database " + server
                    + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /** Releases the server connections (a SQLite file holds none between statements). */
    @Override
    public void close() {
        if (dataSource instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // the connections go with the process anyway
            }
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Whether this is the shared server database (the operator is the database login there). */
    public boolean isServer() {
        return dialect == Dialect.POSTGRESQL;
    }

    /** How this database is named in messages: the file, or the server URL without a password. */
    public String name() {
        return name;
    }

    /**
     * Opens (creating if needed) the database at {@code file} and migrates its schema.
     *
     * @throws StoreException if the directory is missing, the file is not a SQLite database, or
     *     it was written by a newer schema version
     */
    public static Database open(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Database db = new Database(absolute, SqliteFile.check(file));
        db.migrate();
        return db;
    }

    /**
     * Opens the database at {@code file}, which must exist: reading and working commands never
     * create one (issue 14), only the commands that set one up do ({@link #open}).
     *
     * @throws StoreException NO_DATABASE naming the file and what makes one
     */
    public static Database openExisting(Path file) {
        Path dir = file.toAbsolutePath().normalize().getParent();
        if (!Files.exists(file) && dir != null && Files.isDirectory(dir)) { // a missing folder: open() names it
            throw new StoreException(StoreException.Code.NO_DATABASE, "no database at " + file.toAbsolutePath()
                    .normalize() + ": 'event create', 'rehearsal start', 'pki init' or 'fleet import' makes one; or"
                    + " give {db} FILE of an existing one");
        }
        return open(file);
    }

    /**
     * The schema version of the newest migration in {@code db/migration} ({@code DatabaseTest}
     * keeps it equal to the files). A database at exactly this version, every migration applied
     * successfully, opens without Flyway: one query instead of scanning the classpath.
     */
    static final int SCHEMA_VERSION = 18;

    private void migrate() {
        Migrations.migrate(jdbc, dataSource, dialect, name, readOnly);
    }

    /** A session on one connection of its own (see {@link DatabaseSession}). */
    public DatabaseSession session() {
        try {
            return new DatabaseSession(this, dataSource.getConnection());
        } catch (java.sql.SQLException e) {
            throw new StoreException(StoreException.Code.IO, "database " + name + " cannot be opened: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Runs {@code work} with one connection bound to this thread: every {@link #jdbc()} read and
     * {@link #write} it makes, by whichever service, uses that connection instead of opening its own
     * (open, pragmas, and in WAL mode a checkpoint at close: several milliseconds per statement).
     * For a command that reads per file or per meter (an import of 100,000 DUIS responses). Within
     * an outer pinned call or transaction it simply runs.
     */
    public <T> T pinned(java.util.function.Supplier<T> work) {
        if (org.springframework.transaction.support.TransactionSynchronizationManager.hasResource(dataSource)) {
            return work.get();
        }
        java.sql.Connection c;
        try {
            c = dataSource.getConnection();
        } catch (java.sql.SQLException e) {
            throw new StoreException(StoreException.Code.IO, "database " + name + " cannot be opened: " + e.getMessage(),
                    e);
        }
        org.springframework.transaction.support.TransactionSynchronizationManager.bindResource(dataSource,
                new org.springframework.jdbc.datasource.ConnectionHolder(c));
        try {
            return work.get();
        } finally {
            org.springframework.transaction.support.TransactionSynchronizationManager.unbindResource(dataSource);
            try {
                c.close();
            } catch (java.sql.SQLException e) {
                // closing a connection whose work is done or rolled back: nothing is lost
            }
        }
    }

    /** The file this database lives in; null for a server database. */
    public Path file() {
        return file;
    }

    /**
     * A file without write permission; on a server, a login that may not append to the audit log
     * (the PMA's: it reads everything and writes nothing). Asked of the server once.
     */
    public boolean isReadOnly() {
        if (dialect == Dialect.POSTGRESQL) {
            if (serverReadOnly == null) {
                serverReadOnly = !Boolean.TRUE.equals(jdbc.queryForObject("SELECT has_table_privilege('audit', 'INSERT')",
                        Map.of(), Boolean.class));
            }
            return serverReadOnly;
        }
        return readOnly;
    }

    private volatile Boolean serverReadOnly;

    /** The schema version this toolkit brings databases to. */
    public static int schemaVersion() {
        return SCHEMA_VERSION;
    }

    /**
     * Whether this session may administer the database: on a server its owner (or a member of the
     * owner's role), the event administrator; a writable file's user always.
     */
    public boolean isOwner() {
        if (dialect == Dialect.SQLITE) {
            return !readOnly;
        }
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_has_role(current_user, d.datdba, 'MEMBER') FROM"
                + " pg_database d WHERE d.datname = current_database()", Map.of(), Boolean.class));
    }

    /** A server that went away mid-command, as one line (nothing of the failed transaction was committed). */
    private StoreException unreachable(org.springframework.core.NestedRuntimeException e) {
        return new StoreException(StoreException.Code.UNREACHABLE, "database " + name + " cannot be reached ("
                + Connections.rootMessage(e) + "); nothing of this change was written: retry when the server is back", e);
    }

    /** Template for reads outside a transaction and for statements inside {@link #write}. */
    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    /**
     * Refuses at once where {@link #write} would refuse: for a command that reads much before it
     * writes (an import of a million files), so the refusal comes before the work.
     *
     * @throws StoreException READ_ONLY, the same line {@link #write} gives
     */
    public void requireWritable() {
        if (isReadOnly()) {
            throw new StoreException(StoreException.Code.READ_ONLY, dialect == Dialect.POSTGRESQL ? "database " + name
                    + " is read-only for this login (the PMA's reads everything and writes nothing)"
                    : "database " + file + " is read-only (no write permission); reading commands work, changes need a"
                            + " writable copy");
        }
    }

    /**
     * Runs {@code work} in one write transaction: everything it writes commits together or not at
     * all.
     *
     * @throws StoreException if the database is read-only (nothing is attempted)
     */
    public <T> T write(Function<NamedParameterJdbcTemplate, T> work) {
        return write(transactions, jdbc, work);
    }

    <T> T write(TransactionTemplate transactions, NamedParameterJdbcTemplate jdbc,
            Function<NamedParameterJdbcTemplate, T> work) {
        requireWritable();
        try {
            return transactions.execute(status -> {
                if (dialect == Dialect.POSTGRESQL) {
                    // one writer at a time, as BEGIN IMMEDIATE on the file: released at commit or rollback
                    jdbc.getJdbcTemplate().query("SELECT pg_advisory_xact_lock(" + WRITE_LOCK + ")", rs -> { });
                }
                return work.apply(jdbc);
            });
        } catch (org.springframework.transaction.CannotCreateTransactionException e) {
            throw unreachable(e);
        } catch (org.springframework.transaction.TransactionException e) {
            if (Connections.lostConnection(e)) { // the server went away mid-transaction: the rollback itself failed
                throw unreachable(e);
            }
            throw e;
        } catch (DataAccessException e) {
            if (Connections.lostConnection(e)) {
                throw unreachable(e);
            }
            if (e.getMessage() != null && e.getMessage().contains("SQLITE_READONLY")) {
                throw new StoreException(StoreException.Code.READ_ONLY,
                        "database " + file + " is read-only: " + e.getMostSpecificCause().getMessage(), e);
            }
            throw e;
        }
    }
}
