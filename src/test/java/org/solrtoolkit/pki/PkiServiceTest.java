package org.solrtoolkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.cert.X509CRLHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;

/** The SMKI service on a real SQLite database and real files in a temp directory; one SMKI for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PkiServiceTest {

    static final char[] PASSWORD = "test-only-password".toCharArray();
    static final Actor ALICE = new Actor("Alice", "Acme Energy", "FAILING_SUPPLIER", null);

    @TempDir
    static Path dir;
    private Database db;
    private PkiService pki;
    private PkiService.InitResult smki;

    /** The database the tests run on; {@link PkiServiceOnServerTest} runs them again on PostgreSQL. */
    TestDatabase database() {
        return TestDatabase.SQLITE;
    }

    @AfterAll
    void closeDatabase() {
        db.close();
    }

    @BeforeAll
    void initOnce() {
        db = database().open(dir);
        pki = new PkiService(() -> db, new AuditLog(), TestPki.CLOCK);
        smki = pki.init(dir.resolve("smki"), PartySpec.DEMO, SmkiEnvironment.preset("test", null, null), PASSWORD,
                Actor.unidentified(null));
    }

    private void refused(ThrowingCallable call, PkiException.Code code, String message) {
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(call).isInstanceOf(PkiException.class).hasMessageContaining(message)
                .extracting(e -> ((PkiException) e).errorCode()).isEqualTo(code);
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
    }

    private String serialOf(String party, String alias) {
        return pki.list(party).stream().filter(r -> r.alias().orElse("").equals(alias)).findFirst().orElseThrow().serial();
    }

    @Test
    void initWritesEveryCertificateAsPemAndKeysInPkcs12AndRecordsThem() {
        // the CAs, the parties', an XML-signing each, and the two demo suppliers' gas user ids
        assertThat(smki.certificates()).isEqualTo(3 + 3 + 3 + 2 + 4 + 4 + 2);
        Path smkiDir = dir.resolve("smki");
        assertThat(smkiDir.resolve("ca/ca.p12")).exists();
        assertThat(smkiDir.resolve("acme-energy/supplier-ka-topup.pem")).exists();
        assertThat(smkiDir.resolve("dcc/tcos-ds.pem")).exists();
        assertThat(pki.lint(smki.files().stream().filter(f -> f.toString().endsWith(".pem")).toList())).isEmpty();
        assertThat(pki.list("Acme Energy")).extracting(r -> r.alias().orElseThrow() + " " + r.kind() + " "
                + r.cellUsage().map(Enum::name).orElse("no cell"))
                .containsExactlyInAnyOrder("supplier-ds ORGANISATION MANAGEMENT", "supplier-ka ORGANISATION MANAGEMENT",
                        "supplier-ka-topup ORGANISATION PREPAYMENT_TOP_UP", "xml-sign XML_SIGNING no cell",
                        "xml-sign-gas XML_SIGNING no cell");
        // the demo suppliers' gas user ids: an XML-signing certificate of their own, never in a cell
        assertThat(new CertificateInspector().inspect(pki.certificate("Acme Energy", "xml-sign-gas").orElseThrow()).eui())
                .contains(Eui64.parse("00-DB-A1-00-00-00-00-01"));
        assertThat(pki.partyByEui(Eui64.parse("00-DB-A1-00-00-00-00-01"))).isEmpty(); // not a cell holder
        assertThat(pki.list("DCC")).extracting(r -> r.alias().orElseThrow()).contains("dsp-xml-sign");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("staging"));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit WHERE action = 'pki.init'", Map.of(),
                Integer.class)).isEqualTo(1);
    }

    @Test
    void partyKeysAreFoundByPartyNameAndSignForTheirCertificate() {
        Keystores.Entry topup = pki.partyKey("bravo power", "supplier-ka-topup", PASSWORD);
        assertThat(new CertificateInspector().inspect(topup.chain().get(0)).eui())
                .contains(Eui64.parse("00-DB-B0-00-00-00-00-02"));
        assertThat(topup.chain()).hasSize(3);
        assertThat(topup.toString()).doesNotContain("PRIVATE").startsWith("key for CN=Bravo Power");
        refused(() -> pki.partyKey("Zed Gas", "supplier-ds", PASSWORD), PkiException.Code.UNKNOWN_PARTY,
                "no SMKI keys for party 'Zed Gas' (parties: Acme Energy, Bravo Power, DCC, Northern Networks)");
    }

    @Test
    void eachDccRoleIsItsOwnEntitySoAKeyIsFoundByItsEui() {
        java.util.Set<Eui64> seen = new java.util.HashSet<>();
        for (String alias : List.of("acb-ka", "tcos-ds", "recovery-ds", "wan-provider-ds", "dsp-xml-sign")) {
            Eui64 eui = new CertificateInspector().inspect(pki.certificate("DCC", alias).orElseThrow()).eui()
                    .orElseThrow();
            assertThat(seen.add(eui)).as(alias + " " + eui).isTrue();
            assertThat(pki.partyByEui(eui).orElseThrow().name()).isEqualTo("DCC");
        }
        assertThat(seen).contains(Eui64.parse("00-DB-D0-00-00-00-05-04"), Eui64.parse("00-DB-D0-00-00-00-04-04"),
                Eui64.parse("00-DB-D0-00-00-00-00-04"));
        // a supplier is one entity under all its roles
        assertThat(new CertificateInspector().inspect(pki.certificate("Acme Energy", "supplier-ka").orElseThrow()).eui())
                .contains(Eui64.parse("00-DB-A0-00-00-00-00-01"));
    }

    @Test
    void wrongKeystorePasswordIsRefused() {
        refused(() -> pki.partyKey("Acme Energy", "supplier-ds", "not-the-password".toCharArray()),
                PkiException.Code.KEYSTORE_PASSWORD, "acme-energy.p12: wrong password");
        Path crl = dir.resolve("wrong.crl");
        refused(() -> pki.crl(crl, "not-the-password".toCharArray(), ALICE), PkiException.Code.KEYSTORE_PASSWORD,
                "ca.p12: wrong password");
        assertThat(crl).doesNotExist();
    }

    @Test
    void keystoreWithoutTheAliasNamesWhatItHas() {
        refused(() -> pki.partyKey("Northern Networks", "supplier-ds", PASSWORD), PkiException.Code.KEYSTORE_ALIAS,
                "northern-networks.p12 has no key 'supplier-ds' (it has: network-operator-ds, network-operator-ka, xml-sign)");
    }

    @Test
    void secondInitIsRefusedAndWritesNothing() {
        Path other = dir.resolve("smki2");
        refused(() -> pki.init(other, PartySpec.DEMO, SmkiEnvironment.preset("test", null, null), PASSWORD,
                Actor.unidentified(null)), PkiException.Code.ALREADY_INITIALISED, "this database already has an SMKI");
        assertThat(other).doesNotExist();
    }

    @Test
    void revokeIsForTheCertificatesOwnPartyAndIsAudited() {
        String serial = serialOf("Bravo Power", "supplier-ka");
        Actor bob = new Actor("Bob", "Bravo Power", "SOLR", null);
        refused(() -> pki.revoke(serial, "keyCompromise", ALICE), PkiException.Code.NOT_ALLOWED,
                "belongs to Bravo Power; Alice@Acme Energy:FAILING_SUPPLIER may not revoke it");
        refused(() -> pki.revoke(serial, "because", bob), PkiException.Code.BAD_INPUT,
                "reason 'because' is not an RFC 5280 reason");
        CertificateRecord r = pki.revoke(serial.toLowerCase(), "KEYCOMPROMISE", bob);
        assertThat(r.status()).isEqualTo(CertificateRecord.Status.REVOKED);
        assertThat(r.revocationReason()).contains("keyCompromise");
        refused(() -> pki.revoke(serial, "keyCompromise", bob), PkiException.Code.ALREADY_REVOKED,
                "was already revoked");
        assertThat(db.jdbc().queryForList("SELECT subject, reason FROM audit WHERE action = 'pki.revoke'", Map.of()))
                .contains(Map.of("subject", serial, "reason", "keyCompromise"));
    }

    @Test
    void thePmaMayRevokeInARehearsal() {
        String serial = serialOf("Northern Networks", "network-operator-ka");
        Actor pma = new Actor("Pat", "SMKI PMA", "PMA", "ev-drill");
        refused(() -> pki.revoke(serial, "superseded", pma), PkiException.Code.NOT_ALLOWED, "may not revoke it");
        assertThat(pki.refusal(pma)).hasValueSatisfying(why -> assertThat(why).contains("holds no certificates"));
        refused(() -> pki.renew("Northern Networks", "network-operator-ka", PASSWORD, pma), PkiException.Code.NOT_ALLOWED,
                "a party requests its own certificates");
        Actor pmaInRehearsal = new Actor(pma.name(), pma.party(), pma.role(), "ev-rehearsal", true);
        assertThat(pki.refusal(pmaInRehearsal)).isEmpty();
        assertThat(pki.refusal(ALICE)).isEmpty();
        assertThat(pki.revoke(serial, "superseded", pmaInRehearsal).status()).isEqualTo(CertificateRecord.Status.REVOKED);
    }

    @Test
    void unknownSerialIsRefused() {
        refused(() -> pki.revoke("ABCDEF", "keyCompromise", ALICE), PkiException.Code.UNKNOWN_SERIAL,
                "unknown serial 'ABCDEF': no certificate with that serial is recorded in this database");
    }

    @Test
    void crlListsRevokedCertificatesAndIsSignedByTheIssuingOca() throws Exception {
        String serial = serialOf("Acme Energy", "supplier-ka-topup");
        pki.revoke(serial, "cessationOfOperation", ALICE);
        Path out = dir.resolve("oca.crl");
        X509CRLHolder crl = pki.crl(out, PASSWORD, ALICE);
        assertThat(out).exists();
        assertThat(crl.getRevokedCertificate(new java.math.BigInteger(serial, 16))).isNotNull();
        var oca = Keystores.read(dir.resolve("smki/ca/ca.p12"), PASSWORD, PkiService.OCA_ALIAS).chain().get(0);
        assertThat(crl.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                .setProvider(Gbcs.BC).build(oca))).isTrue();
    }

    @Test
    void devicesAreIssuedInBulkByTheDcaAndRecorded() {
        DeviceIssuance issuance = new DeviceIssuance(pki);
        Path out = dir.resolve("devices.pem");
        DeviceIssuance.Result r = issuance.issue(Eui64.parse("00-DB-12-34-56-78-90-A0"), 50,
                List.of(KeyUsageType.DS, KeyUsageType.KA), 2, out, PASSWORD, ALICE);
        assertThat(r.certificates()).isEqualTo(100);
        assertThat(r.last()).isEqualTo(Eui64.parse("00-DB-12-34-56-78-90-D1"));
        var certs = CertificateFiles.read(out);
        assertThat(certs).hasSize(100);
        assertThat(pki.lint(List.of(out))).isEmpty();
        var dca = CertificateFiles.read(dir.resolve("smki/ca/issuing-dca.pem")).get(0);
        var root = CertificateFiles.read(dir.resolve("smki/ca/root-oca.pem")).get(0);
        assertThat(new PathValidator().validate(certs.get(99), List.of(dca), root,
                java.util.Optional.of(TestPki.NOW)).ok()).isTrue();
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM certificate WHERE kind = 'DEVICE'", Map.of(),
                Integer.class)).isEqualTo(100);
        // the rows written from what was built say what inspecting the certificates says
        CertificateInfo read = new CertificateInspector().inspect(certs.get(99));
        Map<String, Object> row = db.jdbc().queryForMap("SELECT kind, role, key_usage, eui, subject, issuer, not_before,"
                + " not_after, ski, aki, sha256 FROM certificate WHERE serial = :s", Map.of("s", read.serial()));
        assertThat(row).containsEntry("kind", "DEVICE").containsEntry("role", null).containsEntry("key_usage", "KA")
                .containsEntry("eui", read.eui().orElseThrow().toString()).containsEntry("subject", read.subject())
                .containsEntry("issuer", read.issuer()).containsEntry("not_before", read.notBefore().toString())
                .containsEntry("not_after", read.notAfter().toString()).containsEntry("ski", read.ski())
                .containsEntry("aki", read.aki()).containsEntry("sha256", read.sha256());
    }

    @Test
    void badIssueRequestsWriteNothing() {
        DeviceIssuance issuance = new DeviceIssuance(pki);
        Path out = dir.resolve("none.pem");
        refused(() -> issuance.issue(Eui64.parse("00-DB-00-00-00-00-00-01"), 0, List.of(KeyUsageType.DS), 2, out,
                PASSWORD, ALICE), PkiException.Code.BAD_OPTION, "count 0 must be 1 to");
        refused(() -> issuance.issue(Eui64.parse("00-DB-00-00-00-00-00-01"), 5, List.of(KeyUsageType.DS), 2, out,
                "wrong-password".toCharArray(), ALICE), PkiException.Code.KEYSTORE_PASSWORD, "wrong password");
        assertThat(out).doesNotExist();
    }

    @Test
    void partyOptionsParseOrSayWhatIsWrong() {
        assertThat(PartySpec.parse("Zed Gas:SOLR:00DB000000000009").kind()).isEqualTo(SmkiPartyKind.SUPPLIER);
        assertThatThrownBy(() -> PartySpec.parse("Zed Gas:SUPPLIER:00-DB-01")).hasMessageContaining("must be 8 octets");
        assertThatThrownBy(() -> PartySpec.parse("Zed Gas:WIZARD:00DB000000000009"))
                .hasMessageContaining("kind 'WIZARD' is not SUPPLIER, NETWORK_OPERATOR or DCC");
        assertThatThrownBy(() -> PartySpec.parse("Zed Gas")).hasMessageContaining("use NAME:KIND:EUI");
        // a supplier's separate gas user id; only a supplier has one, and it is not the party's own EUI
        assertThat(PartySpec.parse("Zed Gas:SUPPLIER:00DB000000000009:00DB000000000019").gasUserId())
                .contains(Eui64.parse("00-DB-00-00-00-00-00-19"));
        assertThatThrownBy(() -> PartySpec.parse("Grid:NETWORK_OPERATOR:00DB000000000009:00DB000000000019"))
                .hasMessageContaining("only a supplier has a gas user id");
        assertThatThrownBy(() -> PartySpec.parse("Zed Gas:SUPPLIER:00DB000000000009:00DB000000000009"))
                .hasMessageContaining("must differ");
        assertThat(PartySpec.derived("Zed Gas", SmkiPartyKind.SUPPLIER).eui())
                .isEqualTo(PartySpec.derived("zed gas", SmkiPartyKind.SUPPLIER).eui());
    }
}
