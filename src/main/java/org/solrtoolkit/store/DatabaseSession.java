package org.solrtoolkit.store;

import java.util.function.Function;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One connection for the reads and write transactions of one thread's bulk work (a campaign run),
 * closed with the session. Every {@link Database#jdbc()} read and {@link Database#write} otherwise
 * opens its own connection (open, pragmas, close), and in WAL mode the last connection to close
 * checkpoints the whole log into the file: a campaign would pay both for every batch. Not for use
 * by two threads. ({@link Database#pinned} does the same for code that reaches the database through
 * its services.)
 */
public final class DatabaseSession implements AutoCloseable {
    private final Database database;
    private final SingleConnectionDataSource connection;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    DatabaseSession(Database database, java.sql.Connection c) {
        this.database = database;
        this.connection = new SingleConnectionDataSource(c, true);
        this.jdbc = new NamedParameterJdbcTemplate(connection);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(connection));
    }

    public NamedParameterJdbcTemplate jdbc() {
        return jdbc;
    }

    /** As {@link Database#write}, on this session's connection. */
    public <T> T write(Function<NamedParameterJdbcTemplate, T> work) {
        return database.write(transactions, jdbc, work);
    }

    @Override
    public void close() {
        connection.destroy();
    }
}
