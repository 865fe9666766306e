package org.solrtoolkit.store;

import java.util.Arrays;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Brings a database's schema to {@link Database#SCHEMA_VERSION} with Flyway, from the history of
 * its dialect ({@code db/migration/sqlite} or {@code db/migration/postgresql}: the same versions).
 * A database already there opens with one query; one written by a newer toolkit is refused.
 */
final class Migrations {

    private Migrations() {
    }

    /** Whether the file's Flyway history says it is at {@link Database#SCHEMA_VERSION}, all applied. */
    private static boolean current(NamedParameterJdbcTemplate jdbc) {
        try {
            Map<String, Object> h = jdbc.queryForMap("SELECT count(*) AS n, sum(CASE WHEN success THEN 1 ELSE 0 END) AS ok,"
                    + " max(CAST(version AS INTEGER)) AS v FROM flyway_schema_history WHERE version IS NOT NULL", Map.of());
            return ((Number) h.get("n")).intValue() == Database.SCHEMA_VERSION && h.get("ok") != null
                    && ((Number) h.get("ok")).intValue() == Database.SCHEMA_VERSION && h.get("v") != null
                    && ((Number) h.get("v")).intValue() == Database.SCHEMA_VERSION;
        } catch (DataAccessException e) {
            return false; // a new file, or one Flyway has not touched: let Flyway look
        }
    }

    static void migrate(NamedParameterJdbcTemplate jdbc, javax.sql.DataSource dataSource, Database.Dialect dialect,
            String name, boolean readOnly) {
        if (current(jdbc)) {
            return;
        }
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect == Database.Dialect.SQLITE ? "classpath:db/migration/sqlite"
                        : "classpath:db/migration/postgresql")
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
            throw new StoreException(StoreException.Code.NEWER_SCHEMA, "database " + name
                    + " was written by a newer solr-toolkit (schema version "
                    + future[future.length - 1].getVersion().getVersion() + ", this version knows up to " + known
                    + "); open it with that version or newer");
        }
        if (info.pending().length == 0) {
            return;
        }
        if (readOnly) {
            throw new StoreException(StoreException.Code.READ_ONLY, "database " + name
                    + " is read-only and its schema needs an upgrade; make it writable once (chmod u+w) and retry");
        }
        flyway.migrate();
    }

}
