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
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.pki.CertificateInspector;
import org.solrtoolkit.pki.CertificateIssuer;
import org.solrtoolkit.pki.ContingencyKey;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.pki.SmkiEnvironment;

/**
 * The CS02b modes that touch the Root cell (rootBySupplier, anyByContingency) and the rule of which
 * floors a mode may set (Cs02bMode's table), on a meter whose Root carries a wrapped contingency key.
 */
class Cs02bModesTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");
    private static final CertificateIssuer ISSUER = new CertificateIssuer(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final ASN1ObjectIdentifier ORG = new ASN1ObjectIdentifier("1.2.826.0.1.8641679.1.2.1.3");
    private static final Eui64 ACME = Eui64.parse("00-DB-A0-00-00-00-00-01");
    private static final Eui64 NORTH = Eui64.parse("00-DB-C0-00-00-00-00-03");
    private static final Eui64 DCC = Eui64.parse("00-DB-D0-00-00-00-00-04");
    private static final Eui64 METER = Eui64.parse("00-DB-12-34-56-78-90-A0");

    /** A Root OCA with its Issuing OCA and Contingency Key Pair, as pki init makes one. */
    private record Smki(KeyPair rootKeys, X509CertificateHolder root, KeyPair ocaKeys, X509CertificateHolder oca,
            KeyPair contingency, SecretKey wrap) {
        static Smki create(String name) {
            KeyPair rootKeys = ISSUER.newKeyPair();
            KeyPair ocaKeys = ISSUER.newKeyPair();
            KeyPair contingency = ISSUER.newKeyPair();
            SecretKey wrap = ContingencyKey.newWrappingKey();
            X509CertificateHolder root = ISSUER.root(name, rootKeys, SmkiEnvironment.ANY_POLICY, Duration.ofDays(9000),
                    ContingencyKey.wrappedExtension(contingency, wrap));
            X509CertificateHolder oca = ISSUER.issuingCa(name + " OCA", ocaKeys.getPublic(), root, rootKeys.getPrivate(),
                    SmkiEnvironment.ANY_POLICY, Duration.ofDays(8000));
            return new Smki(rootKeys, root, ocaKeys, oca, contingency, wrap);
        }

        X509CertificateHolder org(String name, RemotePartyRole role, Eui64 eui, KeyUsageType u, KeyPair k) {
            return ISSUER.organisation(name, role, eui, u, k.getPublic(), oca, ocaKeys.getPrivate(), ORG);
        }
    }

    private final Smki old = Smki.create("Root OCA");
    private final Smki next = Smki.create("Root OCA 2");
    private final KeyPair supplierDs = ISSUER.newKeyPair();
    private final KeyPair northDs = ISSUER.newKeyPair();
    private SimulatedMeter meter;

    @BeforeEach
    void commission() {
        Map<TrustAnchorCell, X509CertificateHolder> certs = new EnumMap<>(TrustAnchorCell.class);
        certs.put(TrustAnchorCell.ROOT, old.root());
        certs.put(TrustAnchorCell.RECOVERY_DS, old.org("DCC", RemotePartyRole.RECOVERY, DCC, KeyUsageType.DS,
                ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.SUPPLIER_DS, old.org("Acme", RemotePartyRole.SUPPLIER, ACME, KeyUsageType.DS, supplierDs));
        certs.put(TrustAnchorCell.SUPPLIER_KA, old.org("Acme", RemotePartyRole.SUPPLIER, ACME, KeyUsageType.KA,
                ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.SUPPLIER_KA_TOPUP, old.org("Acme", RemotePartyRole.SUPPLIER, ACME, KeyUsageType.KA,
                ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.NETWORK_OPERATOR_DS, old.org("North", RemotePartyRole.NETWORK_OPERATOR, NORTH,
                KeyUsageType.DS, northDs));
        certs.put(TrustAnchorCell.NETWORK_OPERATOR_KA, old.org("North", RemotePartyRole.NETWORK_OPERATOR, NORTH,
                KeyUsageType.KA, ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.ACB_KA, old.org("DCC", RemotePartyRole.ACCESS_CONTROL_BROKER, DCC, KeyUsageType.KA,
                ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.TCOS_DS, old.org("DCC", RemotePartyRole.TRANSITIONAL_COS, DCC, KeyUsageType.DS,
                ISSUER.newKeyPair()));
        meter = new SimulatedMeter(METER, DeviceType.ESME, ISSUER.newKeyPair(), certs);
    }

    private static String ski(X509CertificateHolder c) {
        return new CertificateInspector().inspect(c).ski();
    }

    private Cs02bCommand contingency(long counter, byte[] key, List<Cs02bCommand.Replacement> reps) {
        return new Cs02bCommand(Cs02bMode.ANY_BY_CONTINGENCY, TrustAnchorCell.ROOT, counter, METER, reps,
                List.of(next.oca()), Optional.empty(), Optional.empty(), false, Map.of(), Optional.of(key));
    }

    @Test
    void theRootCellKeepsTheWrappedContingencyKeyOfItsCertificate() {
        assertThat(meter.cell(TrustAnchorCell.ROOT).orElseThrow().contingency()).hasValueSatisfying(w ->
                assertThat(ContingencyKey.unwrap(w, old.wrap().getEncoded())).contains(
                        org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(old.contingency().getPublic().getEncoded())));
        assertThat(ContingencyKey.unwrap(meter.cell(TrustAnchorCell.ROOT).orElseThrow().contingency().orElseThrow(),
                next.wrap().getEncoded())).as("another Root's symmetric key unwraps nothing").isEmpty();
    }

    @Test
    void theContingencyKeyReplacesTheRootAndTheCommandsOtherCertificatesChainToTheNewRoot() {
        KeyPair newDs = ISSUER.newKeyPair();
        X509CertificateHolder ds = next.org("Acme", RemotePartyRole.SUPPLIER, ACME, KeyUsageType.DS, newDs);
        Cs02bResponse r = meter.process(contingency(5, old.wrap().getEncoded(), List.of(
                new Cs02bCommand.Replacement(TrustAnchorCell.SUPPLIER_DS, ds),
                new Cs02bCommand.Replacement(TrustAnchorCell.ROOT, next.root()))).sign(old.contingency().getPrivate()), NOW);
        assertThat(r.accepted()).isTrue();
        assertThat(r.outcomes()).extracting(o -> o.cell() + "=" + o.status().code()).as("in the command's order")
                .containsExactly("SUPPLIER_DS=0", "ROOT=0");
        assertThat(meter.cell(TrustAnchorCell.ROOT).orElseThrow().ski()).isEqualTo(ski(next.root()));
        assertThat(meter.cell(TrustAnchorCell.ROOT).orElseThrow().contingency().orElseThrow()).as("the new Root's own"
                + " wrapped key").isEqualTo(ContingencyKey.extensionOf(next.root()).orElseThrow());
        assertThat(meter.floor(RemotePartyRole.ROOT)).isEqualTo(5);
        assertThat(r.checks()).extracting(Cs02bResponse.Check::code).contains(MeterCheck.CONTINGENCY_KEY,
                MeterCheck.SIGNATURE);

        // the symmetric key is public now: replaying it, even with a higher counter, unwraps nothing from the new Root
        Cs02bResponse again = meter.process(contingency(6, old.wrap().getEncoded(), List.of(new Cs02bCommand.Replacement(
                TrustAnchorCell.ROOT, old.root()))).sign(old.contingency().getPrivate()), NOW);
        assertThat(again.accepted()).isFalse();
        assertThat(again.refusal().orElseThrow().check()).isEqualTo(MeterCheck.CONTINGENCY_KEY);
    }

    @Test
    void aContingencyCommandWithTheWrongSymmetricKeyOrSignerOrAReplayedCounterIsRefusedWhole() {
        List<Cs02bCommand.Replacement> root = List.of(new Cs02bCommand.Replacement(TrustAnchorCell.ROOT, next.root()));
        Cs02bResponse wrongKey = meter.process(contingency(5, next.wrap().getEncoded(), root)
                .sign(old.contingency().getPrivate()), NOW);
        assertThat(wrongKey.refusal().orElseThrow().check()).isEqualTo(MeterCheck.CONTINGENCY_KEY);
        Cs02bResponse wrongSigner = meter.process(contingency(5, old.wrap().getEncoded(), root)
                .sign(old.rootKeys().getPrivate()), NOW);
        assertThat(wrongSigner.refusal().orElseThrow().check()).as("the Root's own key is not the contingency key")
                .isEqualTo(MeterCheck.SIGNATURE);
        Cs02bResponse noKey = meter.process(new Cs02bCommand(Cs02bMode.ANY_BY_CONTINGENCY, TrustAnchorCell.ROOT, 5, METER,
                root, List.of(), Optional.empty(), Optional.empty(), false).sign(old.contingency().getPrivate()), NOW);
        assertThat(noKey.refusal().orElseThrow().check()).isEqualTo(MeterCheck.CONTINGENCY_KEY);
        assertThat(meter.cell(TrustAnchorCell.ROOT).orElseThrow().ski()).isEqualTo(ski(old.root()));
        assertThat(meter.floor(RemotePartyRole.ROOT)).isZero();
    }

    @Test
    void theSupplierRollsTheRootOverWithASelfSignedRootOnly() {
        Cs02bCommand bySupplier = new Cs02bCommand(Cs02bMode.ROOT_BY_SUPPLIER, TrustAnchorCell.SUPPLIER_DS, 9, METER,
                List.of(new Cs02bCommand.Replacement(TrustAnchorCell.ROOT, next.root())), List.of(), Optional.empty(),
                Optional.empty(), false);
        Cs02bResponse r = meter.process(bySupplier.sign(supplierDs.getPrivate()), NOW);
        assertThat(r.fullySucceeded()).isTrue();
        assertThat(meter.cell(TrustAnchorCell.ROOT).orElseThrow().ski()).isEqualTo(ski(next.root()));
        assertThat(meter.floor(RemotePartyRole.SUPPLIER)).isEqualTo(9);

        Cs02bResponse notARoot = meter.process(new Cs02bCommand(Cs02bMode.ROOT_BY_SUPPLIER, TrustAnchorCell.SUPPLIER_DS,
                10, METER, List.of(new Cs02bCommand.Replacement(TrustAnchorCell.ROOT, next.oca())), List.of(),
                Optional.empty(), Optional.empty(), false).sign(supplierDs.getPrivate()), NOW);
        assertThat(notARoot.outcomes()).extracting(o -> o.cell() + "=" + o.status().code()).containsExactly("ROOT=5");

        Cs02bResponse otherCell = meter.process(new Cs02bCommand(Cs02bMode.ROOT_BY_SUPPLIER, TrustAnchorCell.SUPPLIER_DS,
                11, METER, List.of(new Cs02bCommand.Replacement(TrustAnchorCell.TCOS_DS, next.root())), List.of(),
                Optional.empty(), Optional.empty(), false).sign(supplierDs.getPrivate()), NOW);
        assertThat(otherCell.refusal().orElseThrow().check()).isEqualTo(MeterCheck.MODE_ALLOWS_CELL);
    }

    @Test
    void aModeSetsOnlyTheFloorsOfTheRolesWhoseCellsItReplaces() {
        X509CertificateHolder newNo = old.org("North", RemotePartyRole.NETWORK_OPERATOR, NORTH, KeyUsageType.DS,
                ISSUER.newKeyPair());
        List<Cs02bCommand.Replacement> reps = List.of(new Cs02bCommand.Replacement(TrustAnchorCell.NETWORK_OPERATOR_DS,
                newNo));
        // a Network Operator resetting the Supplier's floor would re-open the Supplier's old commands to replay
        Cs02bResponse resetsSupplier = meter.process(new Cs02bCommand(Cs02bMode.NETWORK_OPERATOR_BY_NETWORK_OPERATOR,
                TrustAnchorCell.NETWORK_OPERATOR_DS, 3, METER, reps, List.of(old.oca()), Optional.of(0L), Optional.empty(),
                false).sign(northDs.getPrivate()), NOW);
        assertThat(resetsSupplier.refusal().orElseThrow().check()).isEqualTo(MeterCheck.FLOORS_FOR_MODE);
        Cs02bResponse resetsTcos = meter.process(new Cs02bCommand(Cs02bMode.NETWORK_OPERATOR_BY_NETWORK_OPERATOR,
                TrustAnchorCell.NETWORK_OPERATOR_DS, 3, METER, reps, List.of(old.oca()), Optional.empty(), Optional.empty(),
                false, Map.of(RemotePartyRole.TRANSITIONAL_COS, 0L), Optional.empty()).sign(northDs.getPrivate()), NOW);
        assertThat(resetsTcos.refusal().orElseThrow().check()).isEqualTo(MeterCheck.FLOORS_FOR_MODE);
        assertThat(meter.floor(RemotePartyRole.NETWORK_OPERATOR)).isZero();

        Cs02bResponse own = meter.process(new Cs02bCommand(Cs02bMode.NETWORK_OPERATOR_BY_NETWORK_OPERATOR,
                TrustAnchorCell.NETWORK_OPERATOR_DS, 3, METER, reps, List.of(old.oca()), Optional.empty(), Optional.empty(),
                false, Map.of(RemotePartyRole.NETWORK_OPERATOR, 100L), Optional.empty()).sign(northDs.getPrivate()), NOW);
        assertThat(own.fullySucceeded()).isTrue();
        assertThat(meter.floor(RemotePartyRole.NETWORK_OPERATOR)).as("its own new floor").isEqualTo(100);
    }

    @Test
    void theContingencyKeyAndOtherFloorsRoundTripInTheToolkitsEncoding() {
        Cs02bCommand c = contingency(7, old.wrap().getEncoded(), List.of(new Cs02bCommand.Replacement(
                TrustAnchorCell.ROOT, next.root())));
        Cs02bCommand back = Cs02bCommand.decodeBody(c.encode());
        assertThat(back.contingencyKey()).hasValueSatisfying(k -> assertThat(k).isEqualTo(old.wrap().getEncoded()));
        assertThat(back.mode()).isEqualTo(Cs02bMode.ANY_BY_CONTINGENCY);
        Cs02bCommand floors = new Cs02bCommand(Cs02bMode.ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY, TrustAnchorCell.RECOVERY_DS,
                7, METER, List.of(), List.of(), Optional.empty(), Optional.empty(), false,
                Map.of(RemotePartyRole.NETWORK_OPERATOR, 1L << 40), Optional.empty());
        assertThat(Cs02bCommand.decodeBody(floors.encode()).otherFloors()).containsEntry(RemotePartyRole.NETWORK_OPERATOR,
                1L << 40);
    }
}
