package org.solrtoolkit.report;

import org.solrtoolkit.migration.CampaignOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.Commissioning;
import org.solrtoolkit.device.FleetGenerator;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.NewEvent;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.event.StepAction;
import org.solrtoolkit.event.StepRequest;
import org.solrtoolkit.migration.CampaignService;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.SmkiEnvironment;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;

/**
 * The event report on a real database: the page and its CSV files, a manifest that sha256sum
 * accepts, late steps and overrides with their reasons, and each bad input refused with nothing
 * written; a broken audit chain is stated on the first page.
 */
class ReportServiceTest {

    static final char[] PASSWORD = "test-only-password".toCharArray();
    static final Operator ALICE = new Operator("Alice", "Acme Energy", PartyRole.FAILING_SUPPLIER);
    static final Operator BOB = new Operator("Bob", "Bravo Power", PartyRole.SOLR);
    static final Actor PMA = new Actor("Pat", "SMKI PMA", "PMA", null);

    @TempDir
    Path dir;
    Database db;
    Event event;
    ReportService reports;
    final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.T);

    /** The database the tests run on; {@link ReportServiceOnServerTest} runs them again on PostgreSQL. */
    TestDatabase database() {
        return TestDatabase.SQLITE;
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void event() {
        db = database().open(dir);
        AuditLog audit = new AuditLog();
        PkiService pki = new PkiService(() -> db, audit, clock);
        pki.init(dir.resolve("smki"), PartySpec.DEMO, SmkiEnvironment.preset("test", null, null), PASSWORD,
                Actor.unidentified(null));
        event = new EventService(() -> db, audit, clock).create(new NewEvent("Acme failure", "Acme Energy",
                "Bravo Power", List.of(), Fixtures.T, false), Fixtures.standardPlaybook(), Optional.empty());
        new FleetGenerator(() -> db, audit, clock, new Commissioning(pki)).generate(30, 0.5, 3, "Acme Energy",
                Actor.unidentified(event.id()), n -> { });
        ChecklistService checklist = new ChecklistService(() -> db, audit, clock);
        checklist.change(event, ALICE, new StepRequest("P1-01", StepAction.START, null, null, null, false));
        clock.advance(Duration.ofHours(3));
        checklist.change(event, ALICE, new StepRequest("P1-01", StepAction.DONE, "told the DCC", null, null, false));
        checklist.change(event, ALICE, new StepRequest("P1-09", StepAction.SKIP, null, "no <prepayment> changes pending",
                null, false));
        CampaignService campaigns = new CampaignService(() -> db, audit, clock, pki, checklist);
        campaigns.run(event, new CampaignOptions(2, 8, 2, 0), PASSWORD, BOB, (d, t) -> { });
        reports = new ReportService(() -> db, audit, checklist, campaigns, pki, clock);
    }

    @Test
    void theReportIsAPageWithChartsCsvFilesAndAManifestThatSha256sumAccepts() throws Exception {
        Path out = dir.resolve("report");
        ReportService.Written w = reports.write(event, out, false, PMA);
        assertThat(w.chain().ok()).isTrue();
        assertThat(w.files()).extracting(p -> p.getFileName().toString()).containsExactly("index.html", "steps.csv",
                "audit.csv", "campaign.csv", "certificates.csv", "MANIFEST.sha256");
        String html = Files.readString(out.resolve("index.html"));
        // ids, times and serials never wrap mid-token; only a table's last (free-text) column wraps
        assertThat(html).contains("th,td:not(:last-child){white-space:nowrap}").doesNotContain("break-all");
        assertThat(html).as("a live event's report: the DCC's words only, no trainer section")
                .contains("id=\"protection\"").doesNotContain("id=\"trainer\"");
        assertThat(html).contains("<svg id=\"chart-timeline\"", "<svg id=\"chart-fleet\"", "Audit chain verified",
                w.chain().headHash(), "done LATE (due T+0h)", "no &lt;prepayment&gt; changes pending",
                "APPLIED / status 0", ">prepayment customers off supply<", ">meters not yet migrated<")
                .doesNotContain("REHEARSAL", "<script", "http://",
                        "https://", "APPLIED=");
        assertThat(html).containsPattern("30 meters, certificates of Bravo Power: applied 30");
        assertThat(Files.readAllLines(out.resolve("campaign.csv"))).hasSize(31).first().isEqualTo(
                "device_id,priority_group,state,attempts,status_code,detail,updated_at");
        assertThat(Files.readString(out.resolve("steps.csv"))).contains("P1-01,FAILING_SUPPLIER,P1,")
                .contains(",DONE,2026-11-20T09:00:00Z,2026-11-20T12:00:00Z,true,");
        Process check = new ProcessBuilder("sha256sum", "-c", "MANIFEST.sha256").directory(out.toFile())
                .redirectErrorStream(true).start();
        String said = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(said).isZero();
        assertThat(said).contains("index.html: OK", "campaign.csv: OK");
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit WHERE action = 'report.event'", Map.of(),
                Long.class)).as("who wrote a report is audited").isEqualTo(1);
    }

    @Test
    void aFolderThatIsNotEmptyIsRefusedUnlessForced() throws Exception {
        Path out = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(() -> reports.write(event, out, false, PMA)).isInstanceOf(ReportException.class)
                .hasMessage("out " + out + " exists and is not empty; give a new or empty folder, or add force to"
                        + " replace the report's files in it");
        try (var files = Files.list(out)) {
            assertThat(files.toList()).containsExactly(out.resolve("notes.txt"));
        }
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
        assertThat(reports.write(event, out, true, PMA).files()).hasSize(6);
        assertThat(out.resolve("notes.txt")).hasContent("mine");
    }

    @Test
    void aFolderThatCannotBeMadeIsRefusedWithNothingWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("plain.txt"), "a file");
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(() -> reports.write(event, file.resolve("report"), false, PMA))
                .isInstanceOf(ReportException.class).hasMessageStartingWith("out " + file.resolve("report")
                        + " cannot be created").hasMessageEndingWith("choose a folder you can write to");
        assertThatThrownBy(() -> reports.write(event, file, false, PMA)).hasMessageContaining("is a file, not a folder");
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
    }

    @Test
    void aBrokenAuditChainIsStatedOnTheFirstPageAndTheReportIsStillWritten() throws Exception {
        Fixtures.tamperAudit(db, "UPDATE audit SET note = 'nobody was told' WHERE action = 'step.done'");
        ReportService.Written w = reports.write(event, dir.resolve("broken"), false, PMA);
        assertThat(w.chain().ok()).isFalse();
        String html = Files.readString(dir.resolve("broken/index.html"));
        assertThat(html.indexOf("AUDIT CHAIN BROKEN at row")).isPositive().isLessThan(html.indexOf("<h2"));
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit WHERE action = 'report.event'", Map.of(),
                Long.class)).as("nothing appended to a broken chain").isZero();
    }

    @Test
    void anOperatorIsWrittenOneWayAsTheShellWritesIt() {
        org.solrtoolkit.audit.AuditEntry a = new org.solrtoolkit.audit.AuditEntry(java.time.Instant.EPOCH, "ev",
                "Sam", "Acme SRP", "SRP", "step.done.override", "P2-03", "IN_PROGRESS", "DONE", null, "PMA call",
                null, "{}");
        assertThat(ReportPage.operator(a)).isEqualTo("Sam@Acme SRP:SRP");
    }
}
