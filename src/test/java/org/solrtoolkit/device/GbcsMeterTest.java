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
import java.util.OptionalLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.pki.CertificateIssuer;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.pki.SmkiEnvironment;
import org.solrtoolkit.wire.Cra;
import org.solrtoolkit.wire.ExecutionOutcome;
import org.solrtoolkit.wire.GbcsKdf;
import org.solrtoolkit.wire.GeneralCiphering;
import org.solrtoolkit.wire.GeneralSigning;
import org.solrtoolkit.wire.ReplacementMode;
import org.solrtoolkit.wire.SeqNumberChange;
import org.solrtoolkit.wire.UpdateSecurityCredentials;
import org.solrtoolkit.wire.UpdateSecurityCredentialsResponse;

/**
 * The meter on the wire: a CS02b as GBCS octets, MAC and signature checked on the bytes, per-cell
 * outcomes in a response signed with the meter's DS key, a partial success, replay and tampering
 * refused with nothing changed, a future-dated command accepted and executed into an 8F66 alert.
 */
class GbcsMeterTest {

    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
    private static final CertificateIssuer ISSUER = new CertificateIssuer(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final ASN1ObjectIdentifier ORG = new ASN1ObjectIdentifier("1.2.826.0.1.8641679.1.2.1.3");
    private static final Eui64 ACME = Eui64.parse("00-DB-A0-00-00-00-00-01");
    private static final Eui64 BRAVO = Eui64.parse("00-DB-B0-00-00-00-00-02");
    private static final Eui64 TCOS = Eui64.parse("00-DB-D0-00-00-00-05-04");
    private static final Eui64 ACB = Eui64.parse("00-DB-D0-00-00-00-04-04");
    private static final Eui64 RECOVERY = Eui64.parse("00-DB-D0-00-00-00-01-04");
    private static final Eui64 METER = Eui64.parse("00-DB-12-34-56-78-90-A0");

    private final KeyPair rootKeys = ISSUER.newKeyPair();
    private final KeyPair ocaKeys = ISSUER.newKeyPair();
    private final X509CertificateHolder root = ISSUER.root("Root", rootKeys, SmkiEnvironment.ANY_POLICY,
            Duration.ofDays(36500));
    private final X509CertificateHolder oca = ISSUER.issuingCa("OCA", ocaKeys.getPublic(), root, rootKeys.getPrivate(),
            SmkiEnvironment.ANY_POLICY, Duration.ofDays(36000));
    private final KeyPair tcos = ISSUER.newKeyPair();
    private final KeyPair acb = ISSUER.newKeyPair();
    private final KeyPair meterKa = ISSUER.newKeyPair();
    private final KeyPair meterDs = ISSUER.newKeyPair();
    private final KeyPair bravoDs = ISSUER.newKeyPair();
    private SimulatedMeter meter;
    private GbcsMeter wire;

    private X509CertificateHolder org(RemotePartyRole role, Eui64 eui, KeyUsageType u, KeyPair k, X509CertificateHolder ca,
            KeyPair caKeys) {
        return ISSUER.organisation("P", role, eui, u, k.getPublic(), ca, caKeys.getPrivate(), ORG);
    }

    @BeforeEach
    void commission() {
        Map<TrustAnchorCell, X509CertificateHolder> certs = new EnumMap<>(TrustAnchorCell.class);
        certs.put(TrustAnchorCell.ROOT, root);
        certs.put(TrustAnchorCell.RECOVERY_DS, org(RemotePartyRole.RECOVERY, RECOVERY, KeyUsageType.DS, ISSUER.newKeyPair(),
                oca, ocaKeys));
        certs.put(TrustAnchorCell.SUPPLIER_DS, org(RemotePartyRole.SUPPLIER, ACME, KeyUsageType.DS, ISSUER.newKeyPair(),
                oca, ocaKeys));
        certs.put(TrustAnchorCell.SUPPLIER_KA, org(RemotePartyRole.SUPPLIER, ACME, KeyUsageType.KA, ISSUER.newKeyPair(),
                oca, ocaKeys));
        certs.put(TrustAnchorCell.SUPPLIER_KA_TOPUP, org(RemotePartyRole.SUPPLIER, ACME, KeyUsageType.KA,
                ISSUER.newKeyPair(), oca, ocaKeys));
        certs.put(TrustAnchorCell.ACB_KA, org(RemotePartyRole.ACCESS_CONTROL_BROKER, ACB, KeyUsageType.KA, acb, oca,
                ocaKeys));
        certs.put(TrustAnchorCell.TCOS_DS, org(RemotePartyRole.TRANSITIONAL_COS, TCOS, KeyUsageType.DS, tcos, oca, ocaKeys));
        Eui64 gasTransporter = Eui64.parse("00-DB-C1-00-00-00-00-05");
        certs.put(TrustAnchorCell.NETWORK_OPERATOR_DS, org(RemotePartyRole.NETWORK_OPERATOR, gasTransporter,
                KeyUsageType.DS, ISSUER.newKeyPair(), oca, ocaKeys));
        certs.put(TrustAnchorCell.NETWORK_OPERATOR_KA, org(RemotePartyRole.NETWORK_OPERATOR, gasTransporter,
                KeyUsageType.KA, ISSUER.newKeyPair(), oca, ocaKeys));
        meter = new SimulatedMeter(METER, DeviceType.GSME, meterKa, certs);
        wire = new GbcsMeter(meter, meterDs.getPrivate());
    }

    /** The 6.23 command the DCC builds: TCoS-signed, MACed by the ACB. */
    private byte[] command(long counter, X509CertificateHolder ka, Optional<Instant> at, KeyPair signer) {
        return command(counter, ka, at, signer, TCOS);
    }

    private byte[] command(long counter, X509CertificateHolder ka, Optional<Instant> at, KeyPair signer,
            Eui64 originator) {
        UpdateSecurityCredentials u = new UpdateSecurityCredentials(ReplacementMode.SUPPLIER_BY_TRANS_COS, true,
                Optional.of(GbcsMeter.identifier(TrustAnchorCell.TCOS_DS)), counter, OptionalLong.empty(),
                OptionalLong.empty(), List.of(new SeqNumberChange(RemotePartyRole.SUPPLIER, 100, OptionalLong.of(200))),
                List.of(new UpdateSecurityCredentials.Replacement(org(RemotePartyRole.SUPPLIER, BRAVO, KeyUsageType.DS,
                                bravoDs, oca, ocaKeys), GbcsMeter.identifier(TrustAnchorCell.SUPPLIER_DS)),
                        new UpdateSecurityCredentials.Replacement(ka, GbcsMeter.identifier(TrustAnchorCell.SUPPLIER_KA))),
                List.of(oca), at);
        GeneralSigning g = GeneralSigning.unsigned(Cra.COMMAND, counter, originator, METER, null, 0x0107, u.encode())
                .sign(signer.getPrivate());
        return GeneralCiphering.wrap(g.encode(), GbcsKdf.derive(acb.getPrivate(), meterKa.getPublic(), Cra.COMMAND,
                counter, originator, METER), originator).encode();
    }

    private X509CertificateHolder bravoKa() {
        return org(RemotePartyRole.SUPPLIER, BRAVO, KeyUsageType.KA, ISSUER.newKeyPair(), oca, ocaKeys);
    }

    @Test
    void theMeterChecksTheBytesAppliesTheCellsAndAnswersSignedPerCell() {
        GbcsMeter.Answer a = wire.handle(command(7, bravoKa(), Optional.empty(), tcos), NOW);
        assertThat(a.outcome().accepted()).isTrue();
        assertThat(a.outcome().fullySucceeded()).isTrue();
        GeneralSigning response = GeneralSigning.decode(a.response().orElseThrow());
        assertThat(response.cra()).isEqualTo(Cra.RESPONSE);
        assertThat(response.counter()).isEqualTo(7);
        assertThat(response.originator()).isEqualTo(METER);
        assertThat(response.recipient()).isEqualTo(TCOS);
        assertThat(response.verifies(meterDs.getPublic())).isTrue();
        ExecutionOutcome o = UpdateSecurityCredentialsResponse.decode(response.payload()).orElseThrow();
        assertThat(o.allSucceeded()).isTrue();
        assertThat(o.seqNumberChanges()).containsExactly(new SeqNumberChange(RemotePartyRole.SUPPLIER, 100,
                OptionalLong.of(200)));
        assertThat(o.outcomes().get(0).replacingSubjectUniqueId()).isEqualTo(BRAVO.toBytes());
        assertThat(o.outcomes().get(0).existingSubjectUniqueId()).isEqualTo(ACME.toBytes());
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_DS).orElseThrow().eui()).contains(BRAVO);
        assertThat(meter.floor(RemotePartyRole.TRANSITIONAL_COS)).isEqualTo(7);
    }

    @Test
    void aKaCertificateFromAnUnknownIssuerIsStatusTenWithItsExistingValuesKept() {
        KeyPair otherRoot = ISSUER.newKeyPair();
        X509CertificateHolder strangerCa = ISSUER.root("Other", otherRoot, SmkiEnvironment.ANY_POLICY, Duration.ofDays(9000));
        X509CertificateHolder stranger = org(RemotePartyRole.SUPPLIER, BRAVO, KeyUsageType.KA, ISSUER.newKeyPair(),
                strangerCa, otherRoot);
        GbcsMeter.Answer a = wire.handle(command(7, stranger, Optional.empty(), tcos), NOW);
        ExecutionOutcome o = UpdateSecurityCredentialsResponse.decode(GeneralSigning.decode(a.response().orElseThrow())
                .payload()).orElseThrow();
        assertThat(o.outcomes()).extracting(r -> r.statusCode()).containsExactly(0, 10);
        assertThat(o.outcomes().get(1).replacingSki()).isEqualTo(o.outcomes().get(1).existingSki());
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_KA).orElseThrow().eui()).contains(ACME);
    }

    @Test
    void aTamperedMacAWrongSignerAndAReplayAreRefusedWithNothingChanged() {
        byte[] good = command(7, bravoKa(), Optional.empty(), tcos);
        byte[] tampered = good.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(wire.handle(tampered, NOW).outcome().refusal().orElseThrow().check()).isEqualTo(MeterCheck.MAC);
        byte[] bare = GeneralCiphering.decode(good).apdu(); // the General Signing without the ACB's MAC
        assertThat(wire.handle(bare, NOW).outcome().refusal().orElseThrow().check()).isEqualTo(MeterCheck.MAC);
        assertThat(wire.handle(command(7, bravoKa(), Optional.empty(), bravoDs), NOW).outcome().refusal().orElseThrow()
                .check()).isEqualTo(MeterCheck.SIGNATURE);
        // signed by the TCoS key but sent as another DCC role (the ACB's system title): not the TCoS cell's entity
        assertThat(wire.handle(command(7, bravoKa(), Optional.empty(), tcos, ACB), NOW).outcome().refusal()
                .orElseThrow().check()).isEqualTo(MeterCheck.ORIGINATOR);
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_DS).orElseThrow().eui()).contains(ACME);
        assertThat(wire.handle(good, NOW).outcome().accepted()).isTrue();
        GbcsMeter.Answer replay = wire.handle(good, NOW);
        assertThat(replay.outcome().refusal().orElseThrow().check()).isEqualTo(MeterCheck.COUNTER_ABOVE_FLOOR);
        assertThat(replay.response()).isEmpty();
        assertThat(wire.handle(new byte[] {(byte) 0xDF, 9}, NOW).outcome().refusal().orElseThrow().check())
                .isEqualTo(MeterCheck.PARSE);
    }

    @Test
    void aFutureDatedCommandIsAcceptedNowAndItsOutcomeComesAsAn8F66Alert() {
        Instant at = NOW.plus(Duration.ofHours(6));
        GbcsMeter.Answer a = wire.handle(command(7, bravoKa(), Optional.of(at), tcos), NOW);
        assertThat(UpdateSecurityCredentialsResponse.decode(GeneralSigning.decode(a.response().orElseThrow()).payload()))
                .isEmpty();
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_DS).orElseThrow().eui()).contains(ACME);
        GbcsMeter.Answer done = wire.execute(a.deferred().orElseThrow(), 1, at);
        GeneralSigning alert = GeneralSigning.decode(done.response().orElseThrow());
        assertThat(alert.cra()).isEqualTo(Cra.ALERT);
        assertThat(alert.messageCode()).isEqualTo(UpdateSecurityCredentialsResponse.ALERT_MESSAGE_CODE);
        assertThat(alert.verifies(meterDs.getPublic())).isTrue();
        UpdateSecurityCredentialsResponse.Alert decoded = UpdateSecurityCredentialsResponse.Alert.decode(alert.payload());
        assertThat(decoded.alertCode()).isEqualTo(UpdateSecurityCredentialsResponse.ALERT_FUTURE_DATED_SUCCESS);
        assertThat(decoded.outcome().allSucceeded()).isTrue();
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_DS).orElseThrow().eui()).contains(BRAVO);
    }
}
