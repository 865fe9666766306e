package org.solrtoolkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;

class FleetServiceTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final Actor SAM = new Actor("Sam", "Acme SRP", "SRP", null);
    private static final String HEADER = "device_id,device_type,mpxn,payment_mode,credit_balance,psr,supplier\n";
    private static final String GOOD = HEADER
            + "00DB000000000001,ESME,1312345678907,prepayment,4.20,yes,Acme Energy\n"
            + "00DB000000000002,GSME,1234567,prepayment,-3.00,no,Acme Energy\n"
            + "00DB000000000003,GSME,7654321,credit,0,no,Acme Energy\n";

    @TempDir
    Path dir;
    private Database db;
    private FleetService fleet;

    /** The database the tests run on; {@link FleetServiceOnServerTest} runs them again on PostgreSQL. */
    TestDatabase database() {
        return TestDatabase.SQLITE;
    }

    @BeforeEach
    void setUp() {
        db = database().open(dir);
        fleet = service(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static FleetService service(Database d) {
        return new FleetService(() -> d, new AuditLog(), CLOCK, new Commissioning(new PkiService(() -> d, new AuditLog(),
                CLOCK)));
    }

    private Path file(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void importsAFileAndRecordsItInTheAuditLog() throws Exception {
        FleetService.ImportResult r = fleet.importCsv(file("fleet.csv", GOOD), false, null, SAM);
        assertThat(r.imported()).isEqualTo(3);
        assertThat(fleet.count()).isEqualTo(3);
        assertThat(new MeterService(() -> db, new AuditLog(), CLOCK, new PkiService(() -> db, new AuditLog(), CLOCK))
                .stats().counts().get("payment_mode")).isEqualTo(Map.of("CREDIT", 1L, "PREPAYMENT", 2L));
        assertThat(db.jdbc().queryForObject("SELECT eui FROM meter_eui WHERE credit_balance = -300", Map.of(), String.class))
                .isEqualTo("00-DB-00-00-00-00-00-02");
        assertThat(db.jdbc().queryForMap("SELECT actor, action, after FROM audit", Map.of()))
                .containsEntry("actor", "Sam").containsEntry("action", "fleet.import").containsEntry("after", "3");
    }

    @Test
    void anyBadRowMeansEveryProblemReportedAndNothingImported() throws Exception {
        Path f = file("bad.csv", GOOD + "00DB000000000004,ESME,1312345678908,prepayment,1,no,x\n"
                + "00DB000000000001,GSME,1234567,tariff,1,maybe,x\n");
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(() -> fleet.importCsv(f, false, null, SAM))
                .isInstanceOf(DeviceException.class)
                .hasMessageContaining(f + ": line 5, column mpxn: MPAN '1312345678908' has check digit 8, expected 7\n")
                .hasMessageContaining(f + ": line 6, column device_id: duplicate device 00-DB-00-00-00-00-00-01 (first at"
                        + " line 2)\n")
                .hasMessageContaining(f + ": line 6, column payment_mode: 'tariff' is not prepayment or credit\n")
                .hasMessageContaining(f + ": line 6, column psr: 'maybe' is not true/false, yes/no or 1/0\n")
                .hasMessageEndingWith(f + ": 4 problem(s) in 2 row(s); nothing imported (fix them, or use"
                        + " skip-invalid rejects FILE)");
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
    }

    @Test
    void skipInvalidImportsTheRestAndWritesTheRejectsWithReasons() throws Exception {
        Path f = file("bad.csv", GOOD + "00DB000000000004,ESME,1312345678908,prepayment,1,no,\"Acme, Energy\"\n");
        Path rejects = dir.resolve("rejects.csv");
        FleetService.ImportResult r = fleet.importCsv(f, true, rejects, SAM);
        assertThat(r.imported()).isEqualTo(3);
        assertThat(r.rejected()).isEqualTo(1);
        assertThat(Files.readString(rejects)).isEqualTo(String.join(",", FleetCsv.COLUMNS) + ",line,reasons\r\n"
                + "00DB000000000004,ESME,1312345678908,prepayment,1,,,,no,\"Acme, Energy\",,,5,"
                + "\"mpxn: MPAN '1312345678908' has check digit 8, expected 7\"\r\n");
    }

    @Test
    void aDeviceAlreadyInTheDatabaseIsAProblemOfItsLine() throws Exception {
        fleet.importCsv(file("fleet.csv", GOOD), false, null, SAM);
        Path again = file("again.csv", HEADER + "00DB000000000009,GSME,1234567,credit,0,no,x\n"
                + "00-db-00-00-00-00-00-02,GSME,1234567,credit,0,no,x\n");
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(() -> fleet.importCsv(again, false, null, SAM))
                .hasMessageStartingWith(again + ": line 3, column device_id: device 00-DB-00-00-00-00-00-02 is already"
                        + " in the database\n");
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
    }

    @Test
    void skipInvalidNeedsARejectsFile() throws Exception {
        Path f = file("fleet.csv", GOOD);
        assertThatThrownBy(() -> fleet.importCsv(f, true, null, SAM))
                .hasMessage("skip-invalid needs rejects FILE for the rejected rows and their reasons");
    }

    @Test
    void nonUtf8AndBinaryFilesAreRefused() throws Exception {
        Path latin1 = Files.write(dir.resolve("latin1.csv"), (HEADER + "00DB000000000001,GSME,1234567,credit,0,no,"
                + "Caf\u00e9\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> fleet.importCsv(latin1, false, null, SAM))
                .hasMessage(latin1 + " is not UTF-8 text (MalformedInputException); save the spreadsheet as CSV UTF-8");
        Path zip = Files.write(dir.resolve("fleet.xlsx"), new byte[] {0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00});
        assertThatThrownBy(() -> fleet.importCsv(zip, false, null, SAM))
                .hasMessage(zip + " is not a text CSV (binary content at character 3); save the spreadsheet as CSV UTF-8");
        assertThat(fleet.count()).isZero();
    }

    @Test
    void exportThenImportGivesTheSameFleet(@TempDir Path other) throws Exception {
        fleet.importCsv(file("fleet.csv", GOOD), false, null, SAM);
        Path out = dir.resolve("export.csv");
        assertThat(fleet.export(out, SAM)).isEqualTo(3);
        try (Database db2 = database().open(other)) {
            FleetService copy = service(db2);
            copy.importCsv(out, false, null, SAM);
            copy.export(other.resolve("export2.csv"), SAM);
        }
        Path out2 = other.resolve("export2.csv");
        assertThat(Files.readString(out2)).isEqualTo(Files.readString(out));
        assertThat(Files.readString(out)).contains("00-DB-00-00-00-00-00-01,ESME,1312345678907,prepayment,4.20,15.00,"
                + "0.00,25,true,Acme Energy,enabled");
    }

    @Test
    void aRehearsalsExportSaysSoOnItsFirstLineAndImportsBack(@TempDir Path other) throws Exception {
        fleet.importCsv(file("fleet.csv", GOOD), false, null, SAM);
        Path marked = dir.resolve("rehearsal.csv");
        fleet.export(marked, SAM, "REHEARSAL ev-20261120-acme: simulated fleet");
        assertThat(Files.readAllLines(marked).get(0)).isEqualTo("# REHEARSAL ev-20261120-acme: simulated fleet");
        Path plain = other.resolve("plain.csv");
        try (Database db2 = database().open(other)) {
            FleetService copy = service(db2);
            assertThat(copy.importCsv(marked, false, null, SAM).imported()).isEqualTo(3);
            copy.export(plain, SAM);
        }
        assertThat(Files.readString(marked)).endsWith(Files.readString(plain));
    }
}
