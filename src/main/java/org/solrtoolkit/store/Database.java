package org.solrtoolkit.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The toolkit's SQLite database: one file per deployment, opened in WAL mode with a busy
 * timeout and foreign keys, its schema brought up to date by Flyway. Writes run in
 * {@code BEGIN IMMEDIATE} transactions so that two processes on one file serialise instead of
 * failing half-way. A file without write permission is opened read-only: reading commands work
 * (a PMA reviewing an archived event), writing ones are refused before anything is written.
 */
public final class Database {

    static {
        // For a null parameter Spring would otherwise ask the driver for parameter metadata on every
        // row of a batch; SQLite takes a plain NULL whatever the column type.
        org.springframework.core.SpringProperties.setFlag("spring.jdbc.getParameterType.ignore");
    }

    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int BUSY_TIMEOUT_MS = 10_000;

    private final Path file;
    private final boolean readOnly;
    private final SQLiteDataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    private Database(Path file, boolean readOnly) {
        this.file = file;
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
        this.dataSource = new SQLiteDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * Opens (creating if needed) the database at {@code file} and migrates its schema.
     *
     * @throws StoreException if the directory is missing, the file is not a SQLite database, or
     *     it was written by a newer schema version
     */
    public static Database open(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new StoreException(StoreException.Code.DIRECTORY_MISSING,
                    "database " + file + ": directory " + dir + " does not exist; create it or choose another {db}");
        }
        if (Files.isDirectory(absolute)) {
            throw new StoreException(StoreException.Code.NOT_A_DATABASE,
                    "database " + file + " is a directory; give a file name with {db}");
        }
        boolean exists = Files.exists(absolute);
        if (exists) {
            requireSqliteHeader(file, absolute);
        } else if (!isWritable(dir)) {
            throw new StoreException(StoreException.Code.READ_ONLY,
                    "database " + file + " does not exist and directory " + dir
                            + " is read-only; choose a writable place with {db}");
        }
        boolean readOnly = exists && !isWritable(absolute);
        Database db = new Database(absolute, readOnly);
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

    private static void requireSqliteHeader(Path file, Path absolute) {
        byte[] head = new byte[SQLITE_HEADER.length];
        int read;
        try (InputStream in = Files.newInputStream(absolute)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new StoreException(StoreException.Code.IO, "database " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (read > 0 && (read < head.length || !Arrays.equals(head, SQLITE_HEADER))) {
            throw new StoreException(StoreException.Code.NOT_A_DATABASE,
                    "database " + file + " is not a SQLite database; check {db} / SOLR_TOOLKIT_DB");
        }
    }

    /**
     * Writable means the OS lets us write and the owner-write bit is set: a file made read-only
     * with {@code chmod a-w} is treated as read-only even for root, which the OS would not stop.
     */
    private static boolean isWritable(Path path) {
        if (!Files.isWritable(path)) {
            return false;
        }
        PosixFileAttributeView posix = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (posix == null) {
            return true;
        }
        try {
            return posix.readAttributes().permissions().contains(PosixFilePermission.OWNER_WRITE);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The schema version of the newest migration in {@code db/migration} ({@code DatabaseTest}
     * keeps it equal to the files). A database at exactly this version, every migration applied
     * successfully, opens without Flyway: one query instead of scanning the classpath.
     */
    static final int SCHEMA_VERSION = 15;

    /** Whether the file's Flyway history says it is at {@link #SCHEMA_VERSION}, all applied. */
    private boolean current() {
        try {
            Map<String, Object> h = jdbc.queryForMap("SELECT count(*) AS n, sum(success) AS ok, max(CAST(version AS"
                    + " INTEGER)) AS v FROM flyway_schema_history WHERE version IS NOT NULL", Map.of());
            return ((Number) h.get("n")).intValue() == SCHEMA_VERSION && h.get("ok") != null
                    && ((Number) h.get("ok")).intValue() == SCHEMA_VERSION && h.get("v") != null
                    && ((Number) h.get("v")).intValue() == SCHEMA_VERSION;
        } catch (DataAccessException e) {
            return false; // a new file, or one Flyway has not touched: let Flyway look
        }
    }

    private void migrate() {
        if (current()) {
            return;
        }
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .cleanDisabled(true)
                .load();
        MigrationInfoService info = flyway.info();
        MigrationInfo[] future = Arrays.stream(info.all())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS)
                .toArray(MigrationInfo[]::new);
        if (future.length > 0) {
            String known = Arrays.stream(info.all())
                    .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS && m.getVersion() != null)
                    .map(m -> m.getVersion().getVersion())
                    .reduce((a, b) -> b).orElse("none");
            throw new StoreException(StoreException.Code.NEWER_SCHEMA, "database " + file
                    + " was written by a newer solr-toolkit (schema version "
                    + future[future.length - 1].getVersion().getVersion() + ", this version knows up to " + known
                    + "); open it with that version or newer");
        }
        if (info.pending().length == 0) {
            return;
        }
        if (readOnly) {
            throw new StoreException(StoreException.Code.READ_ONLY, "database " + file
                    + " is read-only and its schema needs an upgrade; make it writable once (chmod u+w) and retry");
        }
        flyway.migrate();
    }

    /** A session on one connection of its own (see {@link DatabaseSession}). */
    public DatabaseSession session() {
        try {
            return new DatabaseSession(this, dataSource.getConnection());
        } catch (java.sql.SQLException e) {
            throw new StoreException(StoreException.Code.IO, "database " + file + " cannot be opened: " + e.getMessage(),
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
            throw new StoreException(StoreException.Code.IO, "database " + file + " cannot be opened: " + e.getMessage(),
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

    /** The file this database lives in. */
    public Path file() {
        return file;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    /** Template for reads outside a transaction and for statements inside {@link #write}. */
    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
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
        if (readOnly) {
            throw new StoreException(StoreException.Code.READ_ONLY, "database " + file
                    + " is read-only (no write permission); reading commands work, changes need a writable copy");
        }
        try {
            return transactions.execute(status -> work.apply(jdbc));
        } catch (DataAccessException e) {
            if (e.getMessage() != null && e.getMessage().contains("SQLITE_READONLY")) {
                throw new StoreException(StoreException.Code.READ_ONLY,
                        "database " + file + " is read-only: " + e.getMostSpecificCause().getMessage(), e);
            }
            throw e;
        }
    }
}
