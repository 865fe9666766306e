package org.solrtoolkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.pki.CertificateInspector;
import org.solrtoolkit.pki.CertificateKind;
import org.solrtoolkit.pki.CertificateIssuer;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.pki.SmkiEnvironment;

/** CS02b on the meter: every check on the bytes, per-cell outcomes, partial success, floors. */
class Cs02bProcessorTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    private static final CertificateIssuer ISSUER = new CertificateIssuer(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final ASN1ObjectIdentifier ORG = new ASN1ObjectIdentifier("1.2.826.0.1.8641679.1.2.1.3");
    private static final Eui64 ACME = Eui64.parse("00-DB-A0-00-00-00-00-01");
    private static final Eui64 BRAVO = Eui64.parse("00-DB-B0-00-00-00-00-02");
    private static final Eui64 NORTH = Eui64.parse("00-DB-C0-00-00-00-00-03");
    private static final Eui64 DCC = Eui64.parse("00-DB-D0-00-00-00-00-04");
    private static final Eui64 METER = Eui64.parse("00-DB-12-34-56-78-90-A0");

    private final KeyPair rootKeys = ISSUER.newKeyPair();
    private final KeyPair ocaKeys = ISSUER.newKeyPair();
    private final X509CertificateHolder root = ISSUER.root("Root", rootKeys, SmkiEnvironment.ANY_POLICY,
            Duration.ofDays(36500));
    private final X509CertificateHolder oca = ISSUER.issuingCa("OCA", ocaKeys.getPublic(), root, rootKeys.getPrivate(),
            SmkiEnvironment.ANY_POLICY, Duration.ofDays(36000));

    private record Party(KeyPair ds, X509CertificateHolder dsCert, KeyPair ka, X509CertificateHolder kaCert,
            KeyPair topUp, X509CertificateHolder topUpCert) {
    }

    private X509CertificateHolder org(String name, RemotePartyRole role, Eui64 eui, KeyUsageType u, KeyPair k) {
        return ISSUER.organisation(name, role, eui, u, k.getPublic(), oca, ocaKeys.getPrivate(), ORG);
    }

    private Party supplier(String name, Eui64 eui) {
        KeyPair ds = ISSUER.newKeyPair();
        KeyPair ka = ISSUER.newKeyPair();
        KeyPair top = ISSUER.newKeyPair();
        return new Party(ds, org(name, RemotePartyRole.SUPPLIER, eui, KeyUsageType.DS, ds), ka,
                org(name, RemotePartyRole.SUPPLIER, eui, KeyUsageType.KA, ka), top,
                org(name, RemotePartyRole.SUPPLIER, eui, KeyUsageType.KA, top));
    }

    private final Party acme = supplier("Acme Energy", ACME);
    private final Party bravo = supplier("Bravo Power", BRAVO);
    private final KeyPair tcos = ISSUER.newKeyPair();
    private final KeyPair recovery = ISSUER.newKeyPair();
    private final KeyPair meterKa = ISSUER.newKeyPair();
    private SimulatedMeter meter;

    @BeforeEach
    void commission() {
        Map<TrustAnchorCell, X509CertificateHolder> certs = new EnumMap<>(TrustAnchorCell.class);
        certs.put(TrustAnchorCell.ROOT, root);
        certs.put(TrustAnchorCell.RECOVERY_DS, org("DCC", RemotePartyRole.RECOVERY, DCC, KeyUsageType.DS, recovery));
        certs.put(TrustAnchorCell.SUPPLIER_DS, acme.dsCert());
        certs.put(TrustAnchorCell.SUPPLIER_KA, acme.kaCert());
        certs.put(TrustAnchorCell.SUPPLIER_KA_TOPUP, acme.topUpCert());
        certs.put(TrustAnchorCell.NETWORK_OPERATOR_DS, org("North", RemotePartyRole.NETWORK_OPERATOR, NORTH,
                KeyUsageType.DS, ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.NETWORK_OPERATOR_KA, org("North", RemotePartyRole.NETWORK_OPERATOR, NORTH,
                KeyUsageType.KA, ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.ACB_KA, org("DCC", RemotePartyRole.ACCESS_CONTROL_BROKER, DCC, KeyUsageType.KA,
                ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.TCOS_DS, org("DCC", RemotePartyRole.TRANSITIONAL_COS, DCC, KeyUsageType.DS, tcos));
        meter = new SimulatedMeter(METER, DeviceType.ESME, meterKa, certs);
    }

    private Cs02bCommand changeOfSupplier(long counter, X509CertificateHolder ka) {
        return new Cs02bCommand(Cs02bMode.SUPPLIER_BY_TRANS_COS, TrustAnchorCell.TCOS_DS, counter, METER,
                List.of(new Cs02bCommand.Replacement(TrustAnchorCell.SUPPLIER_DS, bravo.dsCert()),
                        new Cs02bCommand.Replacement(TrustAnchorCell.SUPPLIER_KA, ka),
                        new Cs02bCommand.Replacement(TrustAnchorCell.SUPPLIER_KA_TOPUP, bravo.topUpCert())),
                List.of(oca), Optional.of(0L), Optional.of(0L), false);
    }

    private String ski(X509CertificateHolder c) {
        return new CertificateInspector().inspect(c).ski();
    }

    @Test
    void theEncodingIsDistinguishedEncodingRulesAndRoundTrips() throws Exception {
        Cs02bCommand c = changeOfSupplier(1L << 40, bravo.kaCert());
        Cs02bCommand withFloors = new Cs02bCommand(c.mode(), c.authorisingCell(), -1L, c.targetDevice(),
                c.replacements(), c.certificationPath(), java.util.Optional.of(7L), java.util.Optional.of(1L << 33), true);
        for (Cs02bCommand x : java.util.List.of(c, withFloors)) {
            byte[] body = x.encode();
            assertThat(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(body).getEncoded("DER")).isEqualTo(body);
            assertThat(Cs02bCommand.decodeBody(body)).isEqualTo(x);
            assertThat(x.encode()).as("the same again, from the kept certificate encoding").isEqualTo(body);
        }
    }

    @Test
    void changeOfSupplierByTcosReplacesTheThreeSupplierCellsAndResetsTheirFloors() {
        Cs02bResponse r = meter.process(changeOfSupplier(10, bravo.kaCert()).sign(tcos.getPrivate()), NOW);
        assertThat(r.accepted()).isTrue();
        assertThat(r.fullySucceeded()).isTrue();
        assertThat(r.outcome(TrustAnchorCell.SUPPLIER_DS).orElseThrow().existing().ski()).isEqualTo(ski(acme.dsCert()));
        assertThat(r.outcome(TrustAnchorCell.SUPPLIER_DS).orElseThrow().replacing().eui()).contains(BRAVO);
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_DS).orElseThrow().ski()).isEqualTo(ski(bravo.dsCert()));
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_KA_TOPUP).orElseThrow().eui()).contains(BRAVO);
        assertThat(meter.floor(RemotePartyRole.TRANSITIONAL_COS)).isEqualTo(10);
        assertThat(meter.floor(RemotePartyRole.SUPPLIER)).isZero();
        assertThat(r.checks()).extracting(Cs02bResponse.Check::code).startsWith(MeterCheck.TARGET_DEVICE,
                MeterCheck.AUTHORISER_FOR_MODE, MeterCheck.AUTHORISING_CELL_PRESENT, MeterCheck.SIGNATURE,
                MeterCheck.COUNTER_ABOVE_FLOOR);
        assertThat(r.checks()).allMatch(Cs02bResponse.Check::passed);
    }

    @Test
    void kaFromAnUnknownIssuerIsStatusTenWhileTheOtherCellsSucceed() {
        KeyPair otherCa = ISSUER.newKeyPair();
        X509CertificateHolder otherOca = ISSUER.issuingCa("OCA", otherCa.getPublic(), root, ISSUER.newKeyPair()
                .getPrivate(), SmkiEnvironment.ANY_POLICY, Duration.ofDays(3650));
        X509CertificateHolder strayKa = ISSUER.organisation("Bravo Power", RemotePartyRole.SUPPLIER, BRAVO,
                KeyUsageType.KA, ISSUER.newKeyPair().getPublic(), otherOca, otherCa.getPrivate(), ORG);
        Cs02bResponse r = meter.process(changeOfSupplier(10, strayKa).sign(tcos.getPrivate()), NOW);
        assertThat(r.accepted()).isTrue();
        assertThat(r.outcomes()).extracting(o -> o.cell() + "=" + o.status().code()).containsExactly(
                "SUPPLIER_DS=0", "SUPPLIER_KA=10", "SUPPLIER_KA_TOPUP=0");
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_KA).orElseThrow().ski()).as("old SKI kept")
                .isEqualTo(ski(acme.kaCert()));
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_DS).orElseThrow().ski()).isEqualTo(ski(bravo.dsCert()));
    }

    @Test
    void signatureByTheWrongKeyIsRejectedAndChangesNothing() {
        Cs02bResponse r = meter.process(changeOfSupplier(10, bravo.kaCert()).sign(bravo.ds().getPrivate()), NOW);
        assertThat(r.accepted()).isFalse();
        assertThat(r.refusal().orElseThrow().check()).isEqualTo(MeterCheck.SIGNATURE);
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_DS).orElseThrow().ski()).isEqualTo(ski(acme.dsCert()));
        assertThat(meter.floor(RemotePartyRole.TRANSITIONAL_COS)).isZero();
    }

    @Test
    void counterAtOrBelowTheFloorIsAReplay() {
        Cs02bCommand.Signed first = changeOfSupplier(10, bravo.kaCert()).sign(tcos.getPrivate());
        assertThat(meter.process(first, NOW).accepted()).isTrue();
        Cs02bResponse replay = meter.process(first, NOW);
        assertThat(replay.accepted()).isFalse();
        assertThat(replay.refusal().orElseThrow().check()).isEqualTo(MeterCheck.COUNTER_ABOVE_FLOOR);
        assertThat(replay.checks()).filteredOn(c -> !c.passed()).extracting(Cs02bResponse.Check::code)
                .containsExactly(MeterCheck.COUNTER_ABOVE_FLOOR);
    }

    @Test
    void certificateWhoseRoleOrUsageDoesNotMatchTheCellIsABadCertificate() {
        Cs02bCommand c = new Cs02bCommand(Cs02bMode.SUPPLIER_BY_SUPPLIER, TrustAnchorCell.SUPPLIER_DS, 5, METER,
                List.of(new Cs02bCommand.Replacement(TrustAnchorCell.SUPPLIER_DS, bravo.kaCert())), List.of(oca),
                Optional.empty(), Optional.empty(), false);
        Cs02bResponse r = meter.process(c.sign(acme.ds().getPrivate()), NOW);
        assertThat(r.accepted()).isTrue();
        assertThat(r.outcome(TrustAnchorCell.SUPPLIER_DS).orElseThrow()).satisfies(o -> {
            assertThat(o.status()).isEqualTo(CellStatus.BAD_CERTIFICATE);
            assertThat(o.reason()).isEqualTo("certificate is ORGANISATION role 02 keyAgreement, the cell needs 02 DS");
        });
        assertThat(meter.floor(RemotePartyRole.SUPPLIER)).isEqualTo(5);
    }

    @Test
    void anXmlSigningCertificateIsNeverAcceptedIntoACell() {
        X509CertificateHolder xml = ISSUER.organisation("Bravo Power", "87", BRAVO, KeyUsageType.DS,
                ISSUER.newKeyPair().getPublic(), oca, ocaKeys.getPrivate(), ORG);
        assertThat(new CertificateInspector().inspect(xml).kind()).isEqualTo(CertificateKind.XML_SIGNING);
        Cs02bCommand c = new Cs02bCommand(Cs02bMode.SUPPLIER_BY_SUPPLIER, TrustAnchorCell.SUPPLIER_DS, 5, METER,
                List.of(new Cs02bCommand.Replacement(TrustAnchorCell.SUPPLIER_DS, xml)), List.of(oca),
                Optional.empty(), Optional.empty(), false);
        Cs02bResponse r = meter.process(c.sign(acme.ds().getPrivate()), NOW);
        assertThat(r.outcome(TrustAnchorCell.SUPPLIER_DS).orElseThrow()).satisfies(o -> {
            assertThat(o.status()).isEqualTo(CellStatus.BAD_CERTIFICATE);
            assertThat(o.reason()).isEqualTo("certificate is XML_SIGNING role 87 digitalSignature, the cell needs 02 DS");
        });
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_DS).orElseThrow().ski()).isEqualTo(ski(acme.dsCert()));
    }

    @Test
    void authoriserMayNotReplaceACellItsModeDoesNotCover() {
        Cs02bCommand c = new Cs02bCommand(Cs02bMode.SUPPLIER_BY_SUPPLIER, TrustAnchorCell.SUPPLIER_DS, 5, METER,
                List.of(new Cs02bCommand.Replacement(TrustAnchorCell.NETWORK_OPERATOR_DS, bravo.dsCert())),
                List.of(oca), Optional.empty(), Optional.empty(), false);
        Cs02bResponse r = meter.process(c.sign(acme.ds().getPrivate()), NOW);
        assertThat(r.accepted()).isFalse();
        assertThat(r.refusal().orElseThrow().check()).isEqualTo(MeterCheck.MODE_ALLOWS_CELL);
        assertThat(r.refusal().orElseThrow().name()).isEqualTo("mode allows NETWORK_OPERATOR_DS");
        Cs02bCommand wrongAuthoriser = new Cs02bCommand(Cs02bMode.SUPPLIER_BY_TRANS_COS, TrustAnchorCell.SUPPLIER_DS,
                5, METER, List.of(), List.of(oca), Optional.empty(), Optional.empty(), false);
        assertThat(meter.process(wrongAuthoriser.sign(acme.ds().getPrivate()), NOW).refusal().orElseThrow().check())
                .isEqualTo(MeterCheck.AUTHORISER_FOR_MODE);
    }

    @Test
    void commandForAnotherMeterIsRejected() {
        Cs02bCommand c = new Cs02bCommand(Cs02bMode.SUPPLIER_BY_TRANS_COS, TrustAnchorCell.TCOS_DS, 10,
                Eui64.parse("00-DB-12-34-56-78-90-A1"), List.of(), List.of(oca), Optional.empty(), Optional.empty(),
                false);
        assertThat(meter.process(c.sign(tcos.getPrivate()), NOW).refusal().orElseThrow().check())
                .isEqualTo(MeterCheck.TARGET_DEVICE);
    }

    @Test
    void expiredCertificateNeedsTimeChecksDisapplied() {
        CertificateIssuer past = new CertificateIssuer(Clock.fixed(NOW.minus(Duration.ofDays(4000)), ZoneOffset.UTC));
        X509CertificateHolder expired = past.organisation("Bravo Power", RemotePartyRole.SUPPLIER, BRAVO,
                KeyUsageType.DS, ISSUER.newKeyPair().getPublic(), oca, ocaKeys.getPrivate(), ORG);
        Cs02bCommand strict = new Cs02bCommand(Cs02bMode.SUPPLIER_BY_SUPPLIER, TrustAnchorCell.SUPPLIER_DS, 5, METER,
                List.of(new Cs02bCommand.Replacement(TrustAnchorCell.SUPPLIER_DS, expired)), List.of(oca),
                Optional.empty(), Optional.empty(), false);
        assertThat(meter.process(strict.sign(acme.ds().getPrivate()), NOW).outcomes()).singleElement()
                .extracting(Cs02bResponse.CellOutcome::status).isEqualTo(CellStatus.BAD_CERTIFICATE);
        Cs02bCommand lenient = new Cs02bCommand(Cs02bMode.SUPPLIER_BY_SUPPLIER, TrustAnchorCell.SUPPLIER_DS, 6, METER,
                List.of(new Cs02bCommand.Replacement(TrustAnchorCell.SUPPLIER_DS, expired)), List.of(oca),
                Optional.empty(), Optional.empty(), true);
        assertThat(meter.process(lenient.sign(acme.ds().getPrivate()), NOW).fullySucceeded()).isTrue();
    }

    @Test
    void recoveryKeyReplacesNetworkOperatorCells() {
        KeyPair newNo = ISSUER.newKeyPair();
        X509CertificateHolder noDs = org("North", RemotePartyRole.NETWORK_OPERATOR, NORTH, KeyUsageType.DS, newNo);
        Cs02bCommand c = new Cs02bCommand(Cs02bMode.ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY, TrustAnchorCell.RECOVERY_DS,
                1, METER, List.of(new Cs02bCommand.Replacement(TrustAnchorCell.NETWORK_OPERATOR_DS, noDs)),
                List.of(oca), Optional.empty(), Optional.empty(), false);
        assertThat(meter.process(c.sign(recovery.getPrivate()), NOW).fullySucceeded()).isTrue();
        assertThat(meter.cell(TrustAnchorCell.NETWORK_OPERATOR_DS).orElseThrow().ski()).isEqualTo(ski(noDs));
        assertThat(meter.floor(RemotePartyRole.RECOVERY)).isEqualTo(1);
    }

    @Test
    void afterTheChangeOfSupplierOnlyTheSolrsUtrnsAreAuthentic() {
        long counter = 1L << 32;
        Utrn fromAcme = Utrn.generate(acme.topUp().getPrivate(), ACME, meterKa.getPublic(), METER, counter, 10,
                Utrn.ValueClass.POUNDS);
        Utrn fromBravo = Utrn.generate(bravo.topUp().getPrivate(), BRAVO, meterKa.getPublic(), METER, counter, 10,
                Utrn.ValueClass.POUNDS);
        assertThat(meter.utrnAuthentic(fromAcme, ACME, counter)).isTrue();
        assertThat(meter.utrnAuthentic(fromBravo, BRAVO, counter)).isFalse();
        assertThat(meter.process(changeOfSupplier(10, bravo.kaCert()).sign(tcos.getPrivate()), NOW).fullySucceeded())
                .isTrue();
        assertThat(meter.utrnAuthentic(fromAcme, ACME, counter)).as("Failing Supplier's UTRN after CoS").isFalse();
        assertThat(meter.utrnAuthentic(fromBravo, BRAVO, counter)).as("SoLR's UTRN after CoS").isTrue();
    }

    @Test
    void meterAcceptsAUtrnOnceAndOnlyAboveItsFloor() {
        meter.prepayment(PrepaymentState.prepayment(100, 0, NOW));
        Utrn five = Utrn.generate(acme.topUp().getPrivate(), ACME, meterKa.getPublic(), METER, 1L << 32, 5,
                Utrn.ValueClass.POUNDS);
        assertThat(meter.offer(five, ACME, NOW)).isEqualTo(TopUpResult.ACCEPTED);
        assertThat(meter.prepayment().balance()).isEqualTo(600);
        assertThat(meter.prepaymentFloor()).isEqualTo(1L << 32);
        assertThat(meter.offer(five, ACME, NOW)).isEqualTo(TopUpResult.DUPLICATE);
        Utrn old = Utrn.generate(acme.topUp().getPrivate(), ACME, meterKa.getPublic(), METER, 1L << 32, 7,
                Utrn.ValueClass.POUNDS);
        assertThat(meter.offer(old, ACME, NOW)).isEqualTo(TopUpResult.COUNTER_AT_OR_BELOW_FLOOR);
        Utrn forged = Utrn.generate(bravo.topUp().getPrivate(), ACME, meterKa.getPublic(), METER, 2L << 32, 7,
                Utrn.ValueClass.POUNDS);
        assertThat(meter.offer(forged, ACME, NOW)).isEqualTo(TopUpResult.NOT_AUTHENTIC);
        assertThat(meter.prepayment().balance()).isEqualTo(600);
    }

    @Test
    void afterTheChangeOfSupplierTheFailingSuppliersTopUpIsRefusedAndTheSolrsAccepted() {
        meter.prepayment(PrepaymentState.prepayment(100, 0, NOW));
        assertThat(meter.process(changeOfSupplier(10, bravo.kaCert()).sign(tcos.getPrivate()), NOW).fullySucceeded())
                .isTrue();
        assertThat(meter.prepaymentFloor()).isZero();
        Utrn fromAcme = Utrn.generate(acme.topUp().getPrivate(), ACME, meterKa.getPublic(), METER, 1L << 32, 5,
                Utrn.ValueClass.POUNDS);
        Utrn fromBravo = Utrn.generate(bravo.topUp().getPrivate(), BRAVO, meterKa.getPublic(), METER, 1L << 32, 5,
                Utrn.ValueClass.POUNDS);
        assertThat(meter.offer(fromAcme, ACME, NOW)).isEqualTo(TopUpResult.NOT_AUTHENTIC);
        assertThat(meter.offer(fromBravo, BRAVO, NOW)).isEqualTo(TopUpResult.ACCEPTED);
    }

    @Test
    void commandEncodingRoundTrips() {
        Cs02bCommand c = changeOfSupplier(42, bravo.kaCert());
        Cs02bCommand.Signed s = Cs02bCommand.Signed.decode(c.sign(tcos.getPrivate()).encode());
        assertThat(s.command()).isEqualTo(c);
    }

    @Test
    void aGasMeterHoldsTheGasTransportersNetworkOperatorCells() {
        assertThat(TrustAnchorCell.of(DeviceType.GSME)).contains(TrustAnchorCell.NETWORK_OPERATOR_DS,
                TrustAnchorCell.NETWORK_OPERATOR_KA, TrustAnchorCell.SUPPLIER_KA_TOPUP)
                .isEqualTo(TrustAnchorCell.of(DeviceType.ESME));
    }
}
