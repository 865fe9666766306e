package org.solrtoolkit.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.ToolkitException;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;
import org.solrtoolkit.wire.CoSRequest;
import org.solrtoolkit.wire.RequestId;

/**
 * {@code campaign export-duis} on a real database and SMKI: signed 6.23 requests in priority order
 * with the SoLR's certificates, a manifest whose SHA-256s match the files, items SENT, counters that
 * are never handed out twice, and the bad inputs refused with nothing written.
 */
class DuisExportTest {

    @TempDir
    Path dir;
    Database db;
    PkiService pki;
    CampaignService campaigns;
    Event event;
    Fixtures.MutableClock clock;

    /** The database the tests run on; {@link DuisExportOnServerTest} runs them again on PostgreSQL. */
    TestDatabase database() {
        return TestDatabase.SQLITE;
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void fleet() {
        LiveEventFixture f = new LiveEventFixture(dir, 12, database());
        db = f.db;
        pki = f.pki;
        campaigns = f.campaigns;
        event = f.event;
        clock = f.clock;
    }

    private DuisExport.Result export(Path out, long limit) {
        return campaigns.duis().export(event, new DuisExport.Options(out, limit, 1_000, OptionalLong.of(2_000),
                Optional.empty()), CampaignServiceTest.PASSWORD, CampaignServiceTest.BOB_SOLR);
    }

    @Test
    void signedRequestsWithAManifestTheItemsSentAndCountersNeverReused() throws Exception {
        Path out = dir.resolve("requests");
        DuisExport.Result r = export(out, 5);
        assertThat(r.requests()).isEqualTo(5);
        List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
        assertThat(manifest).hasSize(6).first().isEqualTo("request_id,device,mpxn,file,sha256");
        X509CertificateHolder xmlCert = pki.certificate("Bravo Power", "xml-sign").orElseThrow();
        X509CertificateHolder gasCert = pki.certificate("Bravo Power", "xml-sign-gas").orElseThrow();
        java.util.Set<String> users = new java.util.HashSet<>();
        for (String line : manifest.subList(1, 6)) {
            String[] f = line.split(",");
            byte[] xml = Files.readAllBytes(out.resolve(f[3]));
            assertThat(java.util.HexFormat.of().formatHex(org.solrtoolkit.pki.Crypto.sha256(xml))).isEqualTo(f[4]);
            // a gas meter's request (an MPRN) goes under the SoLR's gas user id, signed with that id's key
            boolean gas = f[2].length() != 13;
            CoSRequest.Signed s = CoSRequest.read(xml, f[3], signer -> Optional.of(gas ? gasCert : xmlCert));
            assertThat(s.request().requestId().originator()).isEqualTo(Eui64.parse(gas ? "00-DB-B1-00-00-00-00-02"
                    : "00-DB-B0-00-00-00-00-02"));
            users.add(s.request().requestId().originator().toString());
            assertThat(s.request().requestId()).isEqualTo(RequestId.parse(f[0]));
            assertThat(s.request().importMpxn()).isEqualTo(f[2]);
            assertThat(s.request().supplierFloor()).isEqualTo(1_000);
            assertThat(s.request().digitalSigning()).isEqualTo(pki.certificate("Bravo Power", "supplier-ds").orElseThrow());
            assertThat(s.request().requestId().counter()).isEqualTo(1);
        }
        assertThat(users).as("both fuels among the first five").hasSize(2);
        Map<ItemState, Long> states = campaigns.status(event).orElseThrow().states();
        assertThat(states).containsEntry(ItemState.SENT, 5L).containsEntry(ItemState.PENDING, 7L);
        // the first five were the most urgent: a second export takes the next ones, counters start at 1
        assertThat(export(out, 0).requests()).isEqualTo(7);
        assertThat(Files.readAllLines(out.resolve("manifest.csv"))).hasSize(13);
        // sent again (back to PENDING): new counters, never a RequestID twice
        db.write(jdbc -> jdbc.update("UPDATE campaign_item SET state = 'PENDING'", Map.of()));
        export(dir.resolve("again"), 0);
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM duis_request", Map.of(), Integer.class)).isEqualTo(24);
        assertThat(db.jdbc().queryForObject("SELECT count(DISTINCT request_id) FROM duis_request", Map.of(),
                Integer.class)).isEqualTo(24);
        assertThat(db.jdbc().queryForObject("SELECT max(counter) FROM duis_counter", Map.of(), Long.class)).isEqualTo(2);
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit WHERE action = 'campaign.export-duis'", Map.of(),
                Integer.class)).isEqualTo(3);
    }

    @Test
    void theSimulatedDccAndFleetAnswerTheExportedRequestsAndTheMetersChange() throws Exception {
        Path out = dir.resolve("requests");
        export(out, 4);
        Files.writeString(out.resolve("notes.xml"), "not a request");
        // answered first (the name sorts first): a request for an exported meter with a high counter, signed with
        // the SoLR's supplier DS key, not its XML-signing key; its counter must not lock the real request out
        String[] first = Files.readAllLines(out.resolve("manifest.csv")).get(1).split(",");
        RequestId real = RequestId.parse(first[0]);
        org.solrtoolkit.pki.Keystores.Entry ds = pki.partyKey("Bravo Power", "supplier-ds", CampaignServiceTest.PASSWORD);
        Files.write(out.resolve("00-0forged.xml"), new CoSRequest(new RequestId(real.originator(), real.target(), 99),
                Optional.empty(), 1_000, java.util.OptionalLong.empty(), ds.chain().get(0), Optional.empty(),
                Optional.empty(), List.of(pki.issuingOcaCertificate()), true, first[2]).signed(ds.key(),
                ds.chain().get(0)));
        org.solrtoolkit.device.MeterService meters = new org.solrtoolkit.device.MeterService(() -> db, new AuditLog(),
                clock, pki);
        DccSimulation.Result r = new DccSimulation(() -> db, new AuditLog(), clock, pki, meters).simulate(event, out,
                dir.resolve("responses"), Optional.of(dir.resolve("commands")), CampaignServiceTest.PASSWORD,
                CampaignServiceTest.BOB);
        assertThat(r.requests()).isEqualTo(6);
        assertThat(r.outcomes()).containsEntry(org.solrtoolkit.dcc.DccOutcome.DELIVERED, 4L)
                .containsEntry(org.solrtoolkit.dcc.DccOutcome.NOT_AN_XML_SIGNING_CERTIFICATE, 1L);
        Files.delete(dir.resolve("responses/00-0forged.response.xml")); // the rejection, checked by SimulatedDccTest
        assertThat(r.unreadable()).singleElement().asString().startsWith("notes.xml: notes.xml is not XML");
        X509CertificateHolder dsp = pki.certificate("DCC", "dsp-xml-sign").orElseThrow();
        try (var files = Files.list(dir.resolve("responses"))) {
            for (Path f : files.toList()) {
                org.solrtoolkit.wire.DuisResponse resp = org.solrtoolkit.wire.DuisResponse.read(Files.readAllBytes(f),
                        f.toString(), signer -> Optional.of(dsp)).response();
                assertThat(resp.responseCode()).isEqualTo("I0");
                var answer = org.solrtoolkit.wire.GeneralSigning.decode(resp.gbcsPayload().orElseThrow());
                assertThat(org.solrtoolkit.wire.UpdateSecurityCredentialsResponse.decode(answer.payload()).orElseThrow()
                        .allSucceeded()).isTrue();
                assertThat(meters.show(answer.originator()).meter().supplier()).isEqualTo("Bravo Power");
            }
        }
        try (var files = Files.list(dir.resolve("commands"))) {
            assertThat(files.count()).isEqualTo(4);
        }
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit WHERE action = 'meter.gbcs'", Map.of(),
                Integer.class)).isEqualTo(4);
    }

    @Test
    void withoutAnXmlSigningKeyOrAFolderNothingIsWritten() throws Exception {
        Path p12 = dir.resolve("smki/bravo-power/bravo-power.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(p12)) {
            ks.load(in, CampaignServiceTest.PASSWORD);
        }
        ks.deleteEntry("xml-sign");
        try (var o = Files.newOutputStream(p12)) {
            ks.store(o, CampaignServiceTest.PASSWORD);
        }
        Path out = dir.resolve("requests");
        refused(() -> export(out, 0), "the SoLR 'Bravo Power' has no DUIS XML-signing key (xml-sign)");
        assertThat(out).doesNotExist();
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        refused(() -> export(file, 0), "is not a directory");
        refused(() -> export(dir.resolve("no/such/folder"), 0), "is not a directory");
    }

    private void refused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(call).isInstanceOf(ToolkitException.class).hasMessageContaining(message);
        assertThat(Fixtures.snapshot(db)).as("nothing written").isEqualTo(before);
    }
}
