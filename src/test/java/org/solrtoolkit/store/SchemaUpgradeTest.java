package org.solrtoolkit.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.sqlite.SQLiteDataSource;

/** A database written by the previous schema (7) opens in this version, keeps its data and its audit chain. */
class SchemaUpgradeTest {

    @TempDir
    Path dir;

    @Test
    void aSchema7DatabaseUpgradesToOneFleetSampleTableWithItsAuditChainValid() {
        Path file = dir.resolve("v7.db");
        SQLiteDataSource ds = new SQLiteDataSource();
        ds.setUrl("jdbc:sqlite:" + file);
        Flyway.configure().dataSource(ds).locations("classpath:db/migration/sqlite").target("7").load().migrate();
        NamedParameterJdbcTemplate v7 = new NamedParameterJdbcTemplate(ds);
        AuditLog audit = new AuditLog();
        Actor trainer = new Actor("Tess", "Trainer", "PMA", "ev-drill");
        audit.append(v7, AuditEntry.of(Fixtures.T, trainer, "rehearsal.start", "ev-drill", null, "RUNNING", Map.of()));
        for (String[] e : new String[][] {{"ev-drill", "REHEARSAL"}, {"ev-live", "LIVE"}}) {
            v7.update("INSERT INTO event VALUES (:id, 'drill', :mode, '2026-11-20T09:00:00Z', 'p', '1', 'P', 'ab', '',"
                    + " '2026-11-20T08:00:00Z', 'Tess')", Map.of("id", e[0], "mode", e[1]));
        }
        v7.update("INSERT INTO rehearsal (event_id, scenario_id, scenario_file, scenario_sha256, scenario_source, seed,"
                + " clock_at, started_at) VALUES ('ev-drill', 'drill', 'drill.yaml', 'ab', '', 1, 0, 0)", Map.of());
        v7.update("INSERT INTO rehearsal_sample VALUES ('ev-drill', 0, 1, 10, 20), ('ev-drill', 3600000, 2, 9, 19)",
                Map.of());
        // a safe-mode run in the rehearsal left a sample its report never showed; a live event's stays as recorded
        v7.update("INSERT INTO fleet_sample VALUES ('ev-drill', 1800000, 5, 5, 5), ('ev-live', 60000, 3, 7, 8)",
                Map.of());
        audit.append(v7, AuditEntry.of(Fixtures.T, trainer, "clock.advance", "ev-drill", null, "T+1h", Map.of()));

        Database db = Database.open(file);

        assertThat(db.jdbc().queryForList("SELECT event_id || ' ' || at || ' ' || off_supply || ' ' || unprotected"
                + " || ' ' || not_migrated FROM fleet_sample ORDER BY event_id, at", Map.of(), String.class))
                .containsExactly("ev-drill 0 1 10 20", "ev-drill 3600000 2 9 19", "ev-live 60000 3 7 8");
        assertThat(db.jdbc().queryForList("SELECT name FROM sqlite_master WHERE name = 'rehearsal_sample'", Map.of(),
                String.class)).isEmpty();
        assertThat(audit.verify(db.jdbc()).ok()).as("audit chain after the upgrade").isTrue();
        assertThat(audit.list(db.jdbc(), "ev-drill", null)).extracting(r -> r.entry().action())
                .isEqualTo(List.of("rehearsal.start", "clock.advance"));
    }
}
