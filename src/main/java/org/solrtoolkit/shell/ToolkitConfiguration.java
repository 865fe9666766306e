package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.event.AuditTrail;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.device.Commissioning;
import org.solrtoolkit.device.FleetGenerator;
import org.solrtoolkit.device.FleetService;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.migration.CampaignService;
import org.solrtoolkit.migration.ProtectionService;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.playbook.PlaybookCatalog;
import org.solrtoolkit.playbook.PlaybookLoader;
import org.solrtoolkit.rehearsal.RehearsalNetwork;
import org.solrtoolkit.report.ReportService;
import org.solrtoolkit.rehearsal.RehearsalService;
import org.solrtoolkit.rehearsal.ScenarioLoader;
import org.solrtoolkit.rehearsal.SimulatedClock;
import org.solrtoolkit.store.Database;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the feature services (plain classes, testable without Spring) for the shell. The database
 * opens on first use, so commands that need none (playbook validate, help) never touch it.
 */
@Configuration(proxyBeanMethods = false)
class ToolkitConfiguration {

    /** System time, or the current rehearsal's simulated time (see {@link SimulatedClock}). */
    @Bean
    SimulatedClock clock(DatabaseHolder db) {
        return new SimulatedClock(db, Clock.systemUTC());
    }

    @Bean
    ReportService reportService(DatabaseHolder db, AuditLog audit, ChecklistService checklist, CampaignService campaigns,
            Smki smki, Clock clock) {
        return new ReportService(db, audit, checklist, campaigns, smki.pki(), clock);
    }

    @Bean
    RehearsalNetwork rehearsalNetwork(DatabaseHolder db) {
        return new RehearsalNetwork(db);
    }

    @Bean
    ScenarioLoader scenarioLoader(PlaybookCatalog catalog) {
        return new ScenarioLoader(catalog);
    }

    @Bean
    RehearsalService rehearsalService(DatabaseHolder db, AuditLog audit, SimulatedClock clock, RehearsalNetwork network,
            EventService events, ChecklistService checklist, Smki smki, FleetGenerator generator,
            FleetService fleet, CampaignService campaigns, ScenarioLoader loader,
            org.springframework.beans.factory.ObjectProvider<ProtectionService> protection,
            org.springframework.beans.factory.ObjectProvider<Passwords> passwords) {
        return new RehearsalService(db, audit, clock, network, events, checklist, smki.pki(), generator, fleet, campaigns,
                loader).protection(protection::getObject, () -> passwords.getObject().get(null));
    }

    /**
     * Without a console (input or output is a pipe or a file: scripts, loops, tests) JLine can only
     * make its plain terminal, and finding that out (a native library unpacked to the temporary
     * folder, then {@code stty}) costs a start about 0.07 s, so the plain terminal is asked for
     * straight away (issue 13). A person at a terminal gets JLine's full probe, as before.
     */
    @Bean
    org.springframework.shell.boot.TerminalCustomizer plainTerminalWithoutConsole() {
        return builder -> {
            if (System.console() == null) {
                builder.provider(org.jline.terminal.TerminalBuilder.PROP_PROVIDER_DUMB);
            }
        };
    }

    @Bean
    DatabaseHolder database(Launch launch) {
        return new DatabaseHolder(launch.location());
    }

    @Bean
    AuditLog auditLog() {
        return new AuditLog();
    }

    @Bean
    PlaybookLoader playbookLoader() {
        return new PlaybookLoader();
    }

    @Bean
    PlaybookCatalog playbookCatalog(PlaybookLoader loader) {
        return new PlaybookCatalog(loader);
    }

    @Bean
    EventService eventService(DatabaseHolder db, AuditLog audit, Clock clock) {
        return new EventService(db, audit, clock);
    }

    @Bean
    org.solrtoolkit.event.EventTransfer eventTransfer(DatabaseHolder db, AuditLog audit, Clock clock) {
        return new org.solrtoolkit.event.EventTransfer(db, audit, clock);
    }

    @Bean
    org.solrtoolkit.event.OperatorDirectory operatorDirectory(DatabaseHolder db, AuditLog audit, Clock clock) {
        return new org.solrtoolkit.event.OperatorDirectory(db, audit, clock);
    }

    @Bean
    ChecklistService checklistService(DatabaseHolder db, AuditLog audit, Clock clock) {
        return new ChecklistService(db, audit, clock);
    }

    @Bean
    AuditTrail auditTrail(DatabaseHolder db, AuditLog audit) {
        return new AuditTrail(db, audit);
    }

    /**
     * The SMKI service, held rather than a bean of its own: Spring looks at every bean's methods at
     * start-up, and PkiService's name Bouncy Castle types, whose signed jars cost every command about
     * 0.1 s to open even when it touches no certificate (issue 13).
     */
    @Bean
    Smki smki(DatabaseHolder db, AuditLog audit, Clock clock) {
        return new Smki(new PkiService(db, audit, clock));
    }

    /** The SMKI service (see {@link #smki}). */
    record Smki(PkiService pki) {
    }

    @Bean
    Commissioning commissioning(Smki smki) {
        return new Commissioning(smki.pki());
    }

    @Bean
    FleetService fleetService(DatabaseHolder db, AuditLog audit, Clock clock, Commissioning commissioning) {
        return new FleetService(db, audit, clock, commissioning);
    }

    @Bean
    FleetGenerator fleetGenerator(DatabaseHolder db, AuditLog audit, Clock clock, Commissioning commissioning) {
        return new FleetGenerator(db, audit, clock, commissioning);
    }

    @Bean
    CampaignService campaignService(DatabaseHolder db, AuditLog audit, Clock clock, Smki smki,
            ChecklistService checklist, RehearsalNetwork network) {
        return new CampaignService(db, audit, clock, smki.pki(), checklist).link(network);
    }

    @Bean
    MeterService meterService(DatabaseHolder db, AuditLog audit, Clock clock, Smki smki,
            RehearsalNetwork network) {
        return new MeterService(db, audit, clock, smki.pki()).network(network);
    }

    @Bean
    org.solrtoolkit.migration.DccSimulation dccSimulation(DatabaseHolder db, AuditLog audit, Clock clock, Smki smki,
            MeterService meters) {
        return new org.solrtoolkit.migration.DccSimulation(db, audit, clock, smki.pki(), meters);
    }

    @Bean
    org.solrtoolkit.migration.ProtectiveDuis protectiveDuis(DatabaseHolder db, AuditLog audit, Clock clock, Smki smki,
            MeterService meters) {
        return new org.solrtoolkit.migration.ProtectiveDuis(db, audit, clock, smki.pki(), meters);
    }

    @Bean
    ProtectionService protectionService(DatabaseHolder db, MeterService meters, Clock clock, Smki smki, AuditLog audit,
            RehearsalNetwork network) {
        return new ProtectionService(db, meters, clock, smki.pki(), audit, network);
    }

    /** Opens the database once, on first use. */
    static final class DatabaseHolder implements Supplier<Database> {
        private final String location;
        /** The SQLite file, or null for a server database (which a command never makes or removes). */
        private final Path file;
        private Database db;
        /** Whether this process made the file, so that a refused command can take it away again. */
        private boolean createdHere;

        DatabaseHolder(String location) {
            this.location = location;
            this.file = org.solrtoolkit.store.ServerConnection.isUrl(location) ? null : Path.of(location);
        }

        /** Opens the database, making it if there is none: for the commands that set one up. */
        synchronized Database create() {
            if (db == null) {
                boolean existed = exists();
                db = Database.open(location);
                createdHere = !existed;
            }
            return db;
        }

        /** After a refused command: a database this process made (and so holds nothing else) goes. */
        synchronized void discardIfCreated() {
            if (createdHere) {
                db = null;
                createdHere = false;
                for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                    try {
                        java.nio.file.Files.deleteIfExists(Path.of(file + suffix));
                    } catch (java.io.IOException e) {
                        // a file that cannot go stays; the database it holds is valid and empty
                    }
                }
            }
        }

        /** Forgets a server database that could not be reached, so the next use connects again. */
        synchronized void reset() {
            if (file == null) {
                db = null;
            }
        }

        /** A successful command keeps what it made. */
        synchronized void keep() {
            createdHere = false;
        }

        /** Whether the database file is there (a command that can work without one asks first). */
        boolean exists() {
            return file == null || java.nio.file.Files.exists(file);
        }

        /** Whether a command has opened the database yet. */
        synchronized boolean isOpen() {
            return db != null;
        }

        @Override
        public synchronized Database get() {
            if (db == null) {
                db = file == null ? Database.open(location) : Database.openExisting(file);
            }
            return db;
        }
    }
}
