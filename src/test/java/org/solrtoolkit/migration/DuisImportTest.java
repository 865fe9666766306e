package org.solrtoolkit.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.ToolkitException;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.GbcsDelivery;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.NewEvent;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.Keystores;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;
import org.solrtoolkit.wire.CellIdentifier;
import org.solrtoolkit.wire.CellKeyUsage;
import org.solrtoolkit.wire.Cra;
import org.solrtoolkit.wire.DuisResponse;
import org.solrtoolkit.wire.ExecutionOutcome;
import org.solrtoolkit.wire.GeneralSigning;
import org.solrtoolkit.wire.ReplacementMode;
import org.solrtoolkit.wire.ReplacementOutcome;
import org.solrtoolkit.wire.RequestId;
import org.solrtoolkit.wire.UpdateSecurityCredentialsResponse;

/**
 * {@code campaign import-duis} on a real database after a real export and simulation: outcomes into
 * the campaign, a partial success, the same file twice, and each bad response of issue 16 refused
 * in one line with nothing written.
 */
class DuisImportTest {

    @TempDir
    Path dir;
    Database db;
    PkiService pki;
    CampaignService campaigns;
    MeterService meters;
    GbcsDelivery fleet;
    Event event;
    Path requests;
    final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.T);
    /** A second event's database, where a test makes one. */
    Database second;

    /** The database the tests run on; {@link DuisImportOnServerTest} runs them again on PostgreSQL. */
    TestDatabase database() {
        return TestDatabase.SQLITE;
    }

    @AfterEach
    void closeDatabase() {
        db.close();
        if (second != null) {
            second.close();
        }
    }

    @BeforeEach
    void loop() {
        LiveEventFixture f = new LiveEventFixture(dir, 6, database());
        db = f.db;
        pki = f.pki;
        event = f.event;
        campaigns = f.campaigns;
        meters = new MeterService(() -> db, new AuditLog(), clock, pki);
        fleet = meters.onTheWire(CampaignServiceTest.PASSWORD);
        requests = dir.resolve("requests");
        campaigns.duis().export(event, new DuisExport.Options(requests, 0, 1_000, OptionalLong.of(2_000), Optional.empty()),
                CampaignServiceTest.PASSWORD, CampaignServiceTest.BOB_SOLR);
    }

    /** A simulated meter's own DS private key, from the fleet secret (to make or forge its answer). */
    private java.security.PrivateKey deviceKey(Eui64 meter) {
        return org.solrtoolkit.device.MeterKeys.openOrCreate(dir.resolve("smki/fleet/fleet-secret.p12"),
                CampaignServiceTest.PASSWORD).keyPair(meter, org.solrtoolkit.device.MeterKeys.Usage.DS).getPrivate();
    }

    private Function<Eui64, List<PublicKey>> deviceKeys() {
        return eui -> List.of(fleet.signing(eui));
    }

    private DuisImport.Result importing(Path... files) {
        return new DuisImport(() -> db, new AuditLog(), pki).importFiles(event, List.of(files), false, deviceKeys(),
                CampaignServiceTest.BOB, Fixtures.T);
    }

    private void refused(Path file, String message) {
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(() -> importing(file)).isInstanceOf(ToolkitException.class).hasMessageContaining(message)
                .hasMessageEndingWith("; nothing imported");
        assertThat(Fixtures.snapshot(db)).as("nothing written").isEqualTo(before);
    }

    /** A response the DCC signs (its real key) around a GBCS answer signed by {@code signer}. */
    private Path response(String name, RequestId id, ExecutionOutcome outcome, java.security.PrivateKey signer) throws Exception {
        byte[] gbcs = GeneralSigning.unsigned(Cra.RESPONSE, 9, id.target(), Eui64.parse("00-DB-D0-00-00-00-00-04"),
                Fixtures.T, 0x0107, UpdateSecurityCredentialsResponse.encode(Optional.of(outcome))).sign(signer).encode();
        return response(name, DuisResponse.response(id, "I0", Fixtures.T, "6.23", gbcs));
    }

    private Path response(String name, DuisResponse r) throws Exception {
        Keystores.Entry dsp = pki.partyKey("DCC", "dsp-xml-sign", CampaignServiceTest.PASSWORD);
        return Files.write(dir.resolve(name), r.signed(dsp.key(), dsp.chain().get(0)));
    }

    private RequestId exported(int i) throws Exception {
        return RequestId.parse(Files.readAllLines(requests.resolve("manifest.csv")).get(i).split(",")[0]);
    }

    private static ExecutionOutcome partial() {
        CellIdentifier ds = new CellIdentifier(RemotePartyRole.SUPPLIER, CellKeyUsage.DIGITAL_SIGNATURE,
                org.solrtoolkit.pki.CellUsage.MANAGEMENT);
        CellIdentifier ka = new CellIdentifier(RemotePartyRole.SUPPLIER, CellKeyUsage.KEY_AGREEMENT,
                org.solrtoolkit.pki.CellUsage.MANAGEMENT);
        return new ExecutionOutcome(9, ReplacementMode.SUPPLIER_BY_TRANS_COS, List.of(), List.of(
                new ReplacementOutcome(ds, 0, new byte[8], new byte[8], new byte[8], new byte[8]),
                new ReplacementOutcome(ka, 10, new byte[8], new byte[8], new byte[8], new byte[8])));
    }

    @Test
    void theSimulatedLoopEndsInTheCampaignsOutcomesAndASecondImportChangesNothing() throws Exception {
        new DccSimulation(() -> db, new AuditLog(), clock, pki, meters).simulate(event, requests, dir.resolve("responses"),
                Optional.empty(), CampaignServiceTest.PASSWORD, CampaignServiceTest.BOB);
        Path one;
        try (var files = Files.list(dir.resolve("responses"))) {
            one = files.filter(p -> p.toString().endsWith(".xml")).findFirst().orElseThrow();
        }
        // an empty folder, the responses, and one of them given again: each file counts once
        DuisImport.Result r = campaigns.duis().importResponses(event, List.of(Files.createDirectories(dir.resolve(
                "empty")), dir.resolve("responses"), one), false, deviceKeys(), CampaignServiceTest.BOB_SOLR);
        assertThat(r.states()).containsEntry(ItemState.APPLIED, 6L);
        assertThat(r.alreadyImported()).isEqualTo(1);
        assertThat(r.files()).isEqualTo(7);
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM duis_response", Map.of(), Long.class)).isEqualTo(6);
        assertThat(campaigns.status(event).orElseThrow().states()).containsEntry(ItemState.APPLIED, 6L);
        // the playbook's campaign steps follow the imported outcomes under the checklist's rules, as after a run
        assertThat(r.steps()).isNotEmpty().allMatch(x -> x.startsWith("P3-0"));
        String before = Fixtures.snapshot(db);
        DuisImport.Result again = importing(dir.resolve("responses"));
        assertThat(again.states()).isEmpty();
        assertThat(again.alreadyImported()).isEqualTo(6);
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
        // the report shows the exchange as DUIS reported it
        assertThat(campaigns.duisExchange(event)).containsEntry("6.23 requests exported (signed, to the DCC adapter)",
                6L).containsEntry("response I0 -> APPLIED", 6L).containsEntry("awaiting the DCC's answer (SENT)", 0L);
        org.solrtoolkit.report.ReportService reports = new org.solrtoolkit.report.ReportService(() -> db, new AuditLog(),
                new org.solrtoolkit.event.ChecklistService(() -> db, new AuditLog(), clock), campaigns, pki, clock);
        Path out = dir.resolve("report");
        reports.write(event, out, false, new org.solrtoolkit.audit.Actor("Pat", "SMKI PMA", "PMA", null));
        assertThat(Files.readString(out.resolve("index.html"))).contains("Exchange with the DCC (DUIS)")
                .contains("response I0 -&gt; APPLIED</td><td>6<");
    }

    @Test
    void aFutureDatedCampaignIsAcknowledgedFirstAndAppliedByThe8F66AlertsOnceItsTimeHasCome() throws Exception {
        LiveEventFixture f = new LiveEventFixture(Files.createDirectories(dir.resolve("fd")), 3, database());
        second = f.db;
        MeterService fdMeters = new MeterService(() -> f.db, new AuditLog(), clock, f.pki);
        GbcsDelivery fdFleet = fdMeters.onTheWire(CampaignServiceTest.PASSWORD);
        Path out = dir.resolve("fd-requests");
        Path responses = dir.resolve("fd-responses");
        Instant at = Fixtures.T.plus(java.time.Duration.ofHours(6));
        f.campaigns.duis().export(f.event, new DuisExport.Options(out, 0, 1_000, OptionalLong.empty(), Optional.of(at)),
                CampaignServiceTest.PASSWORD, CampaignServiceTest.BOB_SOLR);
        DccSimulation dcc = new DccSimulation(() -> f.db, new AuditLog(), clock, f.pki, fdMeters);
        DccSimulation.Result first = dcc.simulate(f.event, out, responses, Optional.empty(), CampaignServiceTest.PASSWORD,
                CampaignServiceTest.BOB);
        assertThat(first.outcomes()).containsEntry(org.solrtoolkit.dcc.DccOutcome.DELIVERED, 3L);
        assertThat(first.alerts()).isZero();
        Function<Eui64, List<PublicKey>> keys = eui -> List.of(fdFleet.signing(eui));
        DuisImport.Result accepted = f.campaigns.duis().importResponses(f.event, List.of(responses), false, keys,
                CampaignServiceTest.BOB_SOLR);
        assertThat(accepted.states()).containsEntry(ItemState.ACKNOWLEDGED, 3L);
        // nothing changes on the meters before the time; the DCC answers each request once
        assertThat(f.db.jdbc().queryForObject("SELECT count(*) FROM meter_deferred WHERE executed_at IS NULL", Map.of(),
                Long.class)).isEqualTo(3);
        clock.set(at.minusSeconds(1));
        DccSimulation.Result early = dcc.simulate(f.event, out, responses, Optional.empty(),
                CampaignServiceTest.PASSWORD, CampaignServiceTest.BOB);
        assertThat(early.alreadyAnswered()).isEqualTo(3);
        assertThat(early.alerts()).isZero();
        assertThat(early.outcomes()).isEmpty();
        clock.set(at);
        DccSimulation.Result due = dcc.simulate(f.event, out, responses, Optional.empty(), CampaignServiceTest.PASSWORD,
                CampaignServiceTest.BOB);
        assertThat(due.alerts()).isEqualTo(3);
        try (var files = Files.list(responses)) {
            assertThat(files.filter(p -> p.toString().endsWith(".alert.xml")).count()).isEqualTo(3);
        }
        DuisImport.Result applied = f.campaigns.duis().importResponses(f.event, List.of(responses), false, keys,
                CampaignServiceTest.BOB_SOLR);
        assertThat(applied.states()).containsEntry(ItemState.APPLIED, 3L);
        assertThat(f.campaigns.status(f.event).orElseThrow().states()).containsEntry(ItemState.APPLIED, 3L);
        assertThat(f.db.jdbc().queryForObject("SELECT count(*) FROM meter WHERE supplier = 'Bravo Power'", Map.of(),
                Long.class)).isEqualTo(3);
        // the alerts went out once: a later run sends none again
        clock.set(at.plusSeconds(60));
        assertThat(dcc.simulate(f.event, out, responses, Optional.empty(), CampaignServiceTest.PASSWORD,
                CampaignServiceTest.BOB).alerts()).isZero();
    }

    @Test
    void aPartialSuccessARejectionAndADccAlertAreRecordedAsTheDccReportsThem() throws Exception {
        Path partial = response("partial.xml", exported(1), partial(), deviceKey(exported(1).target()));
        Path rejected = response("rejected.xml", DuisResponse.response(exported(2), "E19", Fixtures.T, "6.23", null));
        Path alert = response("alert.xml", DuisResponse.dccAlert(exported(3), "N24", Fixtures.T));
        DuisImport.Result r = importing(partial, rejected, alert);
        assertThat(r.states()).containsEntry(ItemState.PARTIAL, 1L).containsEntry(ItemState.REJECTED, 1L)
                .containsEntry(ItemState.UNREACHABLE, 1L);
        List<Map<String, Object>> rows = db.jdbc().queryForList("SELECT state, status_code, detail FROM campaign_item"
                + " WHERE state = 'PARTIAL'", Map.of());
        assertThat(rows).singleElement().satisfies(row -> {
            assertThat(((Number) row.get("status_code")).intValue()).isEqualTo(10);
            assertThat((String) row.get("detail")).contains("KEY_AGREEMENT 10 noTrustAnchor");
        });
    }

    @Test
    void withTheMetersCertificatesRecordedTheirAnswersAreCheckedWithThemAlone() throws Exception {
        org.solrtoolkit.device.FleetCertificates certs = new org.solrtoolkit.device.FleetCertificates(meters);
        assertThat(certs.export(dir.resolve("devices"), CampaignServiceTest.PASSWORD, CampaignServiceTest.BOB))
                .isEqualTo(6);
        int rows = db.jdbc().queryForObject("SELECT count(*) FROM certificate WHERE kind = 'DEVICE'", Map.of(),
                Integer.class);
        assertThat(rows).isEqualTo(12);
        certs.export(dir.resolve("devices"), CampaignServiceTest.PASSWORD, CampaignServiceTest.BOB); // kept, not reissued
        assertThat(certs.importFiles(List.of(dir.resolve("devices").resolve(exported(1).target() + "-ds.pem")),
                CampaignServiceTest.BOB)).isZero();
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM certificate WHERE kind = 'DEVICE'", Map.of(),
                Integer.class)).isEqualTo(rows);
        Path answer = response("answer.xml", exported(1), partial(), deviceKey(exported(1).target()));
        DuisImport.Result r = new DuisImport(() -> db, new AuditLog(), pki).importFiles(event, List.of(answer), false,
                pki::signingKeys, CampaignServiceTest.BOB, Fixtures.T);
        assertThat(r.states()).containsEntry(ItemState.PARTIAL, 1L);
        // a file that is not a Device Certificate is refused, nothing recorded
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(() -> certs.importFiles(List.of(dir.resolve("smki/bravo-power/xml-sign.pem")),
                CampaignServiceTest.BOB)).hasMessageContaining("is not a Device Certificate (it is XML_SIGNING)");
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
    }

    @Test
    void eachBadResponseIsOneLineAndNothingIsWritten() throws Exception {
        refused(response("forged.xml", exported(1), partial(), deviceKey(exported(2).target())),
                "the device's signature on the GBCS response does not verify");
        refused(response("stranger.xml", new RequestId(Eui64.parse("00-DB-B0-00-00-00-00-02"),
                exported(1).target(), 999), partial(), deviceKey(exported(1).target())),
                "which this database never exported");
        refused(response("truncated.xml", DuisResponse.response(exported(1), "I0", Fixtures.T, "6.23",
                new byte[] {(byte) 0xDF, 0x09, 0x02, 0x00})), "GBCS message: ");
        refused(Files.writeString(dir.resolve("bill.xml"), "<invoice/>"), "is not a DUIS Response");
        EventService events = new EventService(() -> db, new AuditLog(), clock);
        Event other = events.create(new NewEvent("Zed failure", "Zed Gas", "Bravo Power", List.of(), Fixtures.T, false),
                Fixtures.standardPlaybook(), Optional.empty());
        Path good = response("good.xml", exported(1), partial(), deviceKey(exported(1).target()));
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(() -> new DuisImport(() -> db, new AuditLog(), pki).importFiles(other, List.of(good), false,
                deviceKeys(), CampaignServiceTest.BOB, Fixtures.T)).hasMessageContaining("answers a request of event "
                        + event.id());
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
    }
}
