package org.solrtoolkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.pki.CertificateFiles;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.pki.SmkiEnvironment;
import org.solrtoolkit.pki.SmkiPartyKind;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;

/**
 * Stored meters on a real SQLite database with a real SMKI (keys in PKCS#12 in a temp directory):
 * generation, credit over simulated hours, top-ups, safe mode and CS02b, and that every refusal
 * writes nothing. One SMKI for the class; each test generates its own meters.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeterServiceTest {

    static final char[] PASSWORD = "test-only-password".toCharArray();
    static final Actor SAM = new Actor("Sam", "Acme SRP", "SRP", null);
    static final String ACME = "Acme Energy";
    static final String BRAVO = "Bravo Power";

    @TempDir
    static Path dir;
    Database db;
    PkiService pki;
    Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.T);
    FleetGenerator generator;
    MeterService meters;
    /** A supplier DS certificate from another SMKI: it does not chain to this one's Root. */
    Path foreignDs;

    /** The database the tests run on; {@link MeterServiceOnServerTest} runs them again on PostgreSQL. */
    TestDatabase database() {
        return TestDatabase.SQLITE;
    }

    @AfterAll
    void closeDatabase() {
        db.close();
    }

    @BeforeAll
    void smki() {
        db = database().open(dir);
        pki = new PkiService(() -> db, new AuditLog(), clock);
        pki.init(dir.resolve("smki"), PartySpec.DEMO, SmkiEnvironment.preset("test", null, null), PASSWORD,
                Actor.unidentified(null));
        generator = new FleetGenerator(() -> db, new AuditLog(), clock, new Commissioning(pki));
        meters = new MeterService(() -> db, new AuditLog(), clock, pki);
        try (Database other = database().open(dir)) {
            new PkiService(() -> other, new AuditLog(), clock).init(dir.resolve("other-smki"), List.of(new PartySpec(
                    "Other Energy", SmkiPartyKind.SUPPLIER, Eui64.parse("00-DB-E0-00-00-00-00-09"))),
                    SmkiEnvironment.preset("test", null, null), PASSWORD, Actor.unidentified(null));
        }
        foreignDs = dir.resolve("other-smki/other-energy/supplier-ds.pem");
    }

    @BeforeEach
    void resetClock() {
        clock.set(Fixtures.T);
    }

    private List<StoredMeter> generate(int count, double share, long seed) {
        FleetGenerator.Generated g = generator.generate(count, share, seed, ACME, SAM, n -> { });
        FleetRepository repo = new FleetRepository();
        return repo.page(db.jdbc(), g.first().value() - 1, count, false);
    }

    private static StoredMeter prepaymentWithCredit(List<StoredMeter> fleet) {
        return fleet.stream().filter(m -> m.prepayment().mode() == PrepaymentState.PaymentMode.PREPAYMENT
                && m.prepayment().balance() > 500 && m.prepayment().atRisk()).findFirst().orElseThrow();
    }

    private void refused(ThrowingCallable call, String message) {
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(call).isInstanceOf(org.solrtoolkit.ToolkitException.class).hasMessageContaining(message);
        assertThat(Fixtures.snapshot(db)).as("nothing written").isEqualTo(before);
    }

    @Test
    void generatesARealisticFleetWhoseCellsHoldTheFailingSuppliersCertificatesAndTheSameSeedGivesTheSameFleet()
            throws Exception {
        List<StoredMeter> fleet = generate(4_000, 0.3, 7);
        assertThat(fleet).hasSize(4_000).allMatch(StoredMeter::commissioned).allMatch(m -> m.supplier().equals(ACME));
        long esme = fleet.stream().filter(m -> m.type() == DeviceType.ESME).count();
        assertThat(esme / 4000.0).isCloseTo(0.55, within(0.04));
        List<PrepaymentState> pre = fleet.stream().map(StoredMeter::prepayment)
                .filter(p -> p.mode() == PrepaymentState.PaymentMode.PREPAYMENT).toList();
        assertThat(pre.size() / 4000.0).isCloseTo(0.3, within(0.03));
        assertThat(pre.stream().filter(PrepaymentState::onEmergencyCredit).count()).isGreaterThan(pre.size() / 20);
        assertThat(pre.stream().filter(p -> p.balance() >= 0 && p.balance() < 300).count()).isGreaterThan(pre.size() / 20);
        assertThat(fleet.stream().filter(StoredMeter::psr).count()).isBetween(400L, 1_200L);
        // those generated off supply went off before the fleet was taken on, so the numbers agree (issue 14)
        List<PrepaymentState> off = pre.stream().filter(p -> p.supply() == PrepaymentState.SupplyState.DISABLED).toList();
        assertThat(off).isNotEmpty().allMatch(p -> !p.supplySince().isAfter(Fixtures.T.minus(Duration.ofHours(1)))
                && !p.supplySince().isBefore(Fixtures.T.minus(Duration.ofHours(72))));
        MeterService.SupplyStats stats = meters.stats(); // over the whole database, this fleet among them
        assertThat(stats.offSupply()).isGreaterThanOrEqualTo(off.size());
        assertThat(stats.longestOff()).isGreaterThanOrEqualTo(Duration.ofHours(1));
        assertThat(fleet.stream().map(StoredMeter::cellSetId).distinct().count())
                .as("one cell set: both fuels hold the same cells (the one network operator party plays the gas"
                        + " transporter)").isEqualTo(1);
        MeterService.MeterView gas = meters.show(fleet.stream().filter(m -> m.type() == DeviceType.GSME).findFirst()
                .orElseThrow().id());
        assertThat(gas.cells()).extracting(MeterService.CellView::cell).contains(
                TrustAnchorCell.NETWORK_OPERATOR_DS, TrustAnchorCell.NETWORK_OPERATOR_KA).hasSize(9);
        assertThat(gas.cells()).filteredOn(c -> c.cell() == TrustAnchorCell.SUPPLIER_KA_TOPUP)
                .extracting(c -> c.holder().orElseThrow()).containsExactly(ACME);

        // the same seed in another database with its own SMKI: the same meters
        List<List<String>> ours = fleet.subList(0, 300).stream().map(MeterServiceTest::withoutId).toList();
        List<List<String>> theirs = new java.util.ArrayList<>();
        try (Database twin = database().open(dir)) {
            PkiService twinPki = new PkiService(() -> twin, new AuditLog(), clock);
            twinPki.init(dir.resolve("twin-smki"), PartySpec.DEMO, SmkiEnvironment.preset("test", null, null),
                    PASSWORD, Actor.unidentified(null));
            new FleetGenerator(() -> twin, new AuditLog(), clock, new Commissioning(twinPki)).generate(300, 0.3, 7,
                    ACME, SAM, n -> { });
            new FleetRepository().forEach(twin.jdbc(), m -> theirs.add(withoutId(m)));
        }
        assertThat(theirs).isEqualTo(ours);
    }

    private static List<String> withoutId(StoredMeter m) {
        List<String> v = FleetCsvWriter.values(FleetRepository.record(m));
        return v.subList(1, v.size());
    }

    @Test
    void generationRefusesABadCountOrShareAndASupplierWithoutCertificatesAndWritesNothing() {
        refused(() -> generator.generate(0, 0.3, 1, ACME, SAM, n -> { }), "count 0 must be 1 to 10000000");
        refused(() -> generator.generate(10, 1.5, 1, ACME, SAM, n -> { }), "prepayment-share 1.5 must be 0 to 1");
        refused(() -> generator.generate(10, 0.3, 1, "Nobody Energy", SAM, n -> { }),
                "the SMKI holds no supplier 'Nobody Energy'");
    }

    @Test
    void creditRunsDownHourByHourUntilSupplyIsDisabledAndStatsSayForHowLong() {
        StoredMeter m = prepaymentWithCredit(generate(50, 1.0, 11));
        // this customer is away: nobody activates emergency credit at the meter when the supply goes off
        db.jdbc().update("UPDATE meter SET reaction_minutes = -1 WHERE device_id = :d", Map.of("d", m.id().value()));
        PrepaymentState p = m.prepayment();
        long room = p.balance() - p.disablementPoint();
        assertThat(p.disablementPoint()).as("emergency credit not activated: the disablement threshold").isZero();
        long hours = (room + m.consumptionPerHour() - 1) / m.consumptionPerHour();
        clock.set(Fixtures.T.plus(Duration.ofHours(hours - 1)).plusSeconds(1_800));
        assertThat(meters.show(m.id()).meter().prepayment().supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
        assertThat(meters.show(m.id()).meter().prepayment().lowCredit()).isTrue();
        clock.set(Fixtures.T.plus(Duration.ofHours(hours + 5)));
        PrepaymentState off = meters.show(m.id()).meter().prepayment();
        assertThat(off.supply()).isEqualTo(PrepaymentState.SupplyState.DISABLED);
        assertThat(off.supplySince()).isEqualTo(Fixtures.T.plus(Duration.ofHours(hours)));
        MeterService.SupplyStats stats = meters.stats();
        assertThat(stats.offSupply()).isGreaterThan(0);
        assertThat(stats.longestOff()).isGreaterThanOrEqualTo(Duration.ofHours(5));
        assertThat(stats.customerHoursOff()).isGreaterThanOrEqualTo(5.0);
    }

    @Test
    void aTopUpMadeWithTheSuppliersPrepaymentKeyIsAcceptedAndAnotherSuppliersIsNot() {
        StoredMeter m = prepaymentWithCredit(generate(50, 1.0, 12));
        long before = m.prepayment().balance();
        long debt = m.prepayment().debt();
        MeterService.TopUp t = meters.topUp(m.id(), ACME, 20_00, PASSWORD, SAM);
        assertThat(t.result()).isEqualTo(TopUpResult.ACCEPTED);
        long recovered = Math.min(debt, 20_00 * m.prepayment().debtRecoveryPerTopUpPercent() / 100);
        assertThat(t.after().balance()).isEqualTo(before + 20_00 - recovered);
        assertThat(t.counter()).isEqualTo(1L << 32);
        assertThat(meters.show(m.id()).meter().prepaymentFloor()).isEqualTo(1L << 32);
        assertThat(meters.topUp(m.id(), ACME, 5_50, PASSWORD, SAM).counter()).isEqualTo(2L << 32);

        MeterService.TopUp bravo = meters.topUp(m.id(), BRAVO, 10_00, PASSWORD, SAM);
        assertThat(bravo.result()).isEqualTo(TopUpResult.NOT_AUTHENTIC);
        assertThat(meters.show(m.id()).meter().prepayment().balance()).isEqualTo(before + 20_00 + 5_50 - recovered
                - Math.min(debt - recovered, 5_50 * m.prepayment().debtRecoveryPerTopUpPercent() / 100));
        assertThat(db.jdbc().queryForList("SELECT result FROM topup WHERE device_id = :d ORDER BY id",
                Map.of("d", m.id().value()), String.class)).containsExactly("ACCEPTED", "ACCEPTED", "NOT_AUTHENTIC");
        assertThat(dir.resolve("smki/fleet/fleet-secret.p12")).exists();

        refused(() -> meters.topUp(m.id(), "Northern Networks", 10_00, PASSWORD, SAM), "is a NETWORK_OPERATOR, not a supplier");
        refused(() -> meters.topUp(m.id(), ACME, 9_000_00, PASSWORD, SAM), "a UTRN carries whole pounds up to £8191");
        refused(() -> meters.topUp(Eui64.parse("00-DB-5E-FF-00-00-00-01"), ACME, 10_00, PASSWORD, SAM),
                "no meter 00-DB-5E-FF-00-00-00-01 in the fleet");
        refused(() -> meters.topUp(m.id(), ACME, 10_00, "wrong".toCharArray(), SAM), "wrong password");
    }

    private static MeterService.CredentialsRequest request(Cs02bMode mode, List<Cs02bCommand.Replacement> reps) {
        return new MeterService.CredentialsRequest(mode, Optional.empty(), Optional.empty(), Optional.empty(), reps, false);
    }

    @Test
    void changeOfSupplierReplacesTheThreeSupplierCellsAndMetersShareTheNewCellSet() {
        List<StoredMeter> fleet = generate(3, 1.0, 14);
        List<Cs02bCommand.Replacement> bravo = meters.replacementsFrom(BRAVO, Cs02bMode.SUPPLIER_BY_TRANS_COS);
        assertThat(bravo).extracting(Cs02bCommand.Replacement::cell).containsExactly(TrustAnchorCell.SUPPLIER_DS,
                TrustAnchorCell.SUPPLIER_KA, TrustAnchorCell.SUPPLIER_KA_TOPUP);
        meters.topUp(fleet.get(0).id(), ACME, 10_00, PASSWORD, SAM);
        for (StoredMeter m : fleet.subList(0, 2)) {
            Cs02bResponse r = meters.updateCredentials(m.id(), request(Cs02bMode.SUPPLIER_BY_TRANS_COS, bravo),
                    PASSWORD, SAM);
            assertThat(r.fullySucceeded()).isTrue();
        }
        StoredMeter a = meters.show(fleet.get(0).id()).meter();
        StoredMeter b = meters.show(fleet.get(1).id()).meter();
        assertThat(a.supplier()).isEqualTo(BRAVO);
        assertThat(a.cellSetId()).isEqualTo(b.cellSetId()).isNotEqualTo(fleet.get(2).cellSetId());
        assertThat(a.floor(RemotePartyRole.TRANSITIONAL_COS)).isPositive();
        assertThat(a.prepaymentFloor()).as("reset by supplierByTransCoS").isZero();
        assertThat(meters.show(a.id()).cells()).filteredOn(c -> c.cell().role() == RemotePartyRole.SUPPLIER)
                .extracting(c -> c.holder().orElseThrow()).containsOnly(BRAVO);
        assertThat(meters.topUp(a.id(), BRAVO, 10_00, PASSWORD, SAM).result()).isEqualTo(TopUpResult.ACCEPTED);
        assertThat(meters.topUp(a.id(), ACME, 10_00, PASSWORD, SAM).result()).isEqualTo(TopUpResult.NOT_AUTHENTIC);
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit WHERE action = 'meter.cs02b'", Map.of(),
                Integer.class)).isGreaterThanOrEqualTo(2);

        // the new supplier replaces its own certificates (supplierBySupplier), signed with its DS key
        assertThat(meters.updateCredentials(a.id(), request(Cs02bMode.SUPPLIER_BY_SUPPLIER, bravo.subList(0, 1)),
                PASSWORD, SAM).fullySucceeded()).isTrue();
    }

    @Test
    void commandsTheMeterRefusesWriteNothing() throws Exception {
        StoredMeter m = generate(1, 1.0, 15).get(0);
        List<Cs02bCommand.Replacement> bravo = meters.replacementsFrom(BRAVO, Cs02bMode.SUPPLIER_BY_TRANS_COS);
        // signature by the wrong key: the Failing Supplier signs what only the TCoS may
        refused(() -> meters.updateCredentials(m.id(), new MeterService.CredentialsRequest(
                Cs02bMode.SUPPLIER_BY_TRANS_COS, Optional.of(ACME), Optional.of("supplier-ds"), Optional.empty(), bravo,
                false), PASSWORD, SAM), "signature: signature does not verify with the key in the TCOS_DS cell");
        // counter at or below the floor (replay)
        meters.updateCredentials(m.id(), request(Cs02bMode.SUPPLIER_BY_SUPPLIER, meters.replacementsFrom(ACME,
                Cs02bMode.SUPPLIER_BY_SUPPLIER).subList(0, 1)), PASSWORD, SAM); // the Supplier floor moves above zero
        long floor = meters.show(m.id()).meter().floor(RemotePartyRole.SUPPLIER);
        refused(() -> meters.updateCredentials(m.id(), new MeterService.CredentialsRequest(
                Cs02bMode.SUPPLIER_BY_SUPPLIER, Optional.empty(), Optional.empty(), Optional.of(floor), bravo, false),
                PASSWORD, SAM), "is not above the SUPPLIER floor " + floor + " (replay)");
        // a replacement whose key usage does not match its cell
        X509 ka = new X509(dir.resolve("smki/bravo-power/supplier-ka.pem"));
        refused(() -> meters.updateCredentials(m.id(), request(Cs02bMode.SUPPLIER_BY_TRANS_COS, List.of(
                new Cs02bCommand.Replacement(TrustAnchorCell.SUPPLIER_DS, ka.cert))), PASSWORD, SAM),
                "SUPPLIER_DS status 5 BAD_CERTIFICATE (certificate is ORGANISATION role 02 keyAgreement, the cell needs 02 DS)");
        // a role that does not match: a network operator's DS certificate for the Supplier DS cell
        X509 no = new X509(dir.resolve("smki/northern-networks/network-operator-ds.pem"));
        refused(() -> meters.updateCredentials(m.id(), request(Cs02bMode.SUPPLIER_BY_TRANS_COS, List.of(
                new Cs02bCommand.Replacement(TrustAnchorCell.SUPPLIER_DS, no.cert))), PASSWORD, SAM),
                "SUPPLIER_DS status 5 BAD_CERTIFICATE (certificate is ORGANISATION role 03");
        // a certificate that does not chain to the Root cell
        X509 foreign = new X509(foreignDs);
        refused(() -> meters.updateCredentials(m.id(), request(Cs02bMode.SUPPLIER_BY_TRANS_COS, List.of(
                new Cs02bCommand.Replacement(TrustAnchorCell.SUPPLIER_DS, foreign.cert))), PASSWORD, SAM),
                "SUPPLIER_DS status 10 NO_TRUST_ANCHOR");
        // an authoriser the mode does not let replace that cell
        X509 root = new X509(dir.resolve("smki/ca/root-oca.pem"));
        refused(() -> meters.updateCredentials(m.id(), request(Cs02bMode.SUPPLIER_BY_TRANS_COS, List.of(
                new Cs02bCommand.Replacement(TrustAnchorCell.ROOT, root.cert))), PASSWORD, SAM),
                "mode allows ROOT: mode SUPPLIER_BY_TRANS_COS does not let TCOS_DS replace the ROOT cell");
        assertThat(meters.show(m.id()).meter().supplier()).isEqualTo(ACME);
    }

    /** A certificate file's first certificate. */
    private static final class X509 {
        final org.bouncycastle.cert.X509CertificateHolder cert;

        X509(Path file) {
            this.cert = CertificateFiles.read(file).get(0);
        }
    }

    @Test
    void recoveryReplacesAnyCellButTheRootSignedWithTheRecoveryKey() {
        StoredMeter m = generate(1, 0.0, 16).get(0);
        Cs02bResponse r = meters.updateCredentials(m.id(), request(Cs02bMode.ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY,
                meters.replacementsFrom(BRAVO, Cs02bMode.ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY)), PASSWORD, SAM);
        assertThat(r.fullySucceeded()).isTrue();
        StoredMeter after = meters.show(m.id()).meter();
        assertThat(after.supplier()).isEqualTo(BRAVO);
        assertThat(after.floor(RemotePartyRole.RECOVERY)).isPositive();
    }
}
