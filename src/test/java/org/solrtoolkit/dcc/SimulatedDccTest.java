package org.solrtoolkit.dcc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.device.DeviceType;
import org.solrtoolkit.device.GbcsMeter;
import org.solrtoolkit.device.SimulatedMeter;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.pki.CertificateIssuer;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.pki.SmkiEnvironment;
import org.solrtoolkit.wire.CoSRequest;
import org.solrtoolkit.wire.DuisResponse;
import org.solrtoolkit.wire.ExecutionOutcome;
import org.solrtoolkit.wire.GeneralSigning;
import org.solrtoolkit.wire.RequestId;
import org.solrtoolkit.wire.UpdateSecurityCredentialsResponse;

/**
 * The live loop in memory: the SoLR signs a DUIS 6.23 request with its XML-signing key, the
 * simulated DCC checks it, builds, signs and MACs the GBCS command, the meter checks the bytes and
 * answers signed, the DCC wraps the answer in a signed DUIS response, and the SoLR checks both
 * signatures and reads the per-cell outcome. Every rejection names only the DCC's reason.
 */
class SimulatedDccTest {

    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
    private static final CertificateIssuer ISSUER = new CertificateIssuer(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final ASN1ObjectIdentifier ORG = new ASN1ObjectIdentifier("1.2.826.0.1.8641679.1.2.1.3");
    private static final Eui64 ACME = Eui64.parse("00-DB-A0-00-00-00-00-01");
    private static final Eui64 BRAVO = Eui64.parse("00-DB-B0-00-00-00-00-02");
    private static final Eui64 DCC = Eui64.parse("00-DB-D0-00-00-00-00-04");
    /** Each DCC role is its own entity (PartySpec.eui(role)): the TCoS signs, the ACB MACs. */
    private static final Eui64 TCOS = Eui64.parse("00-DB-D0-00-00-00-05-04");
    private static final Eui64 ACB = Eui64.parse("00-DB-D0-00-00-00-04-04");
    private static final Eui64 METER = Eui64.parse("00-DB-12-34-56-78-90-A0");
    private static final String MPXN = "1312345678333";

    private final KeyPair rootKeys = ISSUER.newKeyPair();
    private final KeyPair ocaKeys = ISSUER.newKeyPair();
    private final X509CertificateHolder root = ISSUER.root("Root", rootKeys, SmkiEnvironment.ANY_POLICY, Duration.ofDays(9000));
    private final X509CertificateHolder oca = ISSUER.issuingCa("OCA", ocaKeys.getPublic(), root, rootKeys.getPrivate(),
            SmkiEnvironment.ANY_POLICY, Duration.ofDays(8000));
    private final KeyPair tcos = ISSUER.newKeyPair();
    private final KeyPair acb = ISSUER.newKeyPair();
    private final KeyPair dsp = ISSUER.newKeyPair();
    private final KeyPair meterKa = ISSUER.newKeyPair();
    private final KeyPair meterDs = ISSUER.newKeyPair();
    private final KeyPair bravoXml = ISSUER.newKeyPair();
    private final KeyPair bravoDs = ISSUER.newKeyPair();
    private final X509CertificateHolder bravoXmlCert = org("87", BRAVO, KeyUsageType.DS, bravoXml);
    private final X509CertificateHolder bravoDsCert = org("02", BRAVO, KeyUsageType.DS, bravoDs);
    private final X509CertificateHolder dspCert = org("89", DCC, KeyUsageType.DS, dsp);
    private Eui64 registered = BRAVO;
    private boolean reachable = true;
    private SimulatedMeter meter;
    private SimulatedDcc dcc;

    private X509CertificateHolder org(String ou, Eui64 eui, KeyUsageType u, KeyPair k) {
        return ISSUER.organisation("P", ou, eui, u, k.getPublic(), oca, ocaKeys.getPrivate(), ORG);
    }

    @BeforeEach
    void setUp() {
        Map<TrustAnchorCell, X509CertificateHolder> certs = new EnumMap<>(TrustAnchorCell.class);
        certs.put(TrustAnchorCell.ROOT, root);
        certs.put(TrustAnchorCell.RECOVERY_DS, org("01", DCC, KeyUsageType.DS, ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.SUPPLIER_DS, org("02", ACME, KeyUsageType.DS, ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.SUPPLIER_KA, org("02", ACME, KeyUsageType.KA, ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.SUPPLIER_KA_TOPUP, org("02", ACME, KeyUsageType.KA, ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.NETWORK_OPERATOR_DS, org("03", DCC, KeyUsageType.DS, ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.NETWORK_OPERATOR_KA, org("03", DCC, KeyUsageType.KA, ISSUER.newKeyPair()));
        certs.put(TrustAnchorCell.ACB_KA, org("04", ACB, KeyUsageType.KA, acb));
        certs.put(TrustAnchorCell.TCOS_DS, org("05", TCOS, KeyUsageType.DS, tcos));
        meter = new SimulatedMeter(METER, DeviceType.ESME, meterKa, certs);
        GbcsMeter onTheWire = new GbcsMeter(meter, meterDs.getPrivate());
        Map<java.math.BigInteger, X509CertificateHolder> repository = Map.of(bravoXmlCert.getSerialNumber(), bravoXmlCert,
                bravoDsCert.getSerialNumber(), bravoDsCert);
        SimulatedDcc.Directory directory = new SimulatedDcc.Directory() {
            public Optional<X509CertificateHolder> certificate(java.math.BigInteger serial) {
                return Optional.ofNullable(repository.get(serial));
            }

            public Optional<Eui64> registeredEntity(Eui64 user, String mpxn, Instant at) {
                return mpxn.equals(MPXN) && user.equals(registered) ? Optional.of(registered) : Optional.empty();
            }

            public Optional<String> mpxn(Eui64 device) {
                return device.equals(METER) ? Optional.of(MPXN) : Optional.empty();
            }

            public Optional<java.security.PublicKey> deviceKeyAgreement(Eui64 device) {
                return device.equals(METER) ? Optional.of(meterKa.getPublic()) : Optional.empty();
            }

            public OptionalLong lastCounter(Eui64 originator, Eui64 target) {
                return lastAnswered;
            }
        };
        AtomicLong counter = new AtomicLong(1_000);
        dcc = new SimulatedDcc(directory, (device, command, at) -> reachable
                ? onTheWire.handle(command, at).response() : Optional.empty(),
                new SimulatedDcc.Keys(TCOS, tcos.getPrivate(), acb.getPrivate(), dsp.getPrivate(), dspCert),
                counter::incrementAndGet);
    }

    private OptionalLong lastAnswered = OptionalLong.empty();

    private byte[] request(KeyPair signer, X509CertificateHolder signerCert) {
        return new CoSRequest(new RequestId(BRAVO, METER, 42), Optional.empty(), 100, OptionalLong.of(200),
                bravoDsCert, Optional.of(org("02", BRAVO, KeyUsageType.KA, ISSUER.newKeyPair())),
                Optional.of(org("02", BRAVO, KeyUsageType.KA, ISSUER.newKeyPair())), List.of(oca), false, MPXN)
                .signed(signer.getPrivate(), signerCert);
    }

    @Test
    void aCriticalRequestGetsAPreCommandAndOnlyThatPreCommandSignedIsSentOn() {
        RequestId id = new RequestId(BRAVO, METER, 42);
        byte[] xml = new org.solrtoolkit.wire.CriticalRequest(id, org.solrtoolkit.wire.CriticalService
                .ACTIVATE_EMERGENCY_CREDIT, org.solrtoolkit.wire.PrepaymentCommand.NONE).signed(bravoXml.getPrivate(),
                        bravoXmlCert);
        SimulatedDcc.Handled pre = dcc.preCommand(xml, "req.xml", NOW);
        assertThat(pre.outcome()).isEqualTo(DccOutcome.PRE_COMMAND);
        DuisResponse r = DuisResponse.read(pre.response(), "pre.xml", s -> Optional.of(dspCert)).response();
        assertThat(r.kind()).isEqualTo(DuisResponse.Kind.PRE_COMMAND);
        GeneralSigning unsigned = GeneralSigning.decode(r.gbcsPayload().orElseThrow());
        assertThat(unsigned.signature()).isNull();
        assertThat(unsigned.messageCode()).as("ECS09").isEqualTo(0x0020);
        assertThat(unsigned.originator()).isEqualTo(BRAVO);
        assertThat(unsigned.recipient()).isEqualTo(METER);
        assertThat(unsigned.counter()).isEqualTo(42);
        // the user changes the command before signing it: the DCC does not send it
        GeneralSigning edited = GeneralSigning.unsigned(org.solrtoolkit.wire.Cra.COMMAND, 42, BRAVO, METER, NOW, 0x001A,
                unsigned.payload()).sign(bravoDs.getPrivate());
        assertThat(dcc.signedPreCommand(org.solrtoolkit.wire.CriticalRequest.signedPreCommand(id,
                org.solrtoolkit.wire.CriticalService.ACTIVATE_EMERGENCY_CREDIT, edited.encode(), bravoXml.getPrivate(),
                bravoXmlCert), "signed.xml", NOW).outcome()).isEqualTo(DccOutcome.NOT_THE_PRE_COMMAND);
        // signed as issued: MACed and sent; this meter's Supplier DS cell holds Acme, so it does not answer
        SimulatedDcc.Handled again = dcc.preCommand(xml, "req.xml", NOW);
        GeneralSigning issued = GeneralSigning.decode(DuisResponse.read(again.response(), "pre.xml",
                s -> Optional.of(dspCert)).response().gbcsPayload().orElseThrow());
        SimulatedDcc.Handled sent = dcc.signedPreCommand(org.solrtoolkit.wire.CriticalRequest.signedPreCommand(id,
                org.solrtoolkit.wire.CriticalService.ACTIVATE_EMERGENCY_CREDIT, issued.sign(bravoDs.getPrivate()).encode(),
                bravoXml.getPrivate(), bravoXmlCert), "signed.xml", NOW);
        assertThat(sent.command()).isPresent();
        assertThat(sent.outcome()).isEqualTo(DccOutcome.NO_RESPONSE);
        assertThat(meter.prepayment().emergencyCreditActive()).isFalse();
        // a request from a supplier the DCC does not have registered gets E19 and no pre-command
        registered = ACME;
        SimulatedDcc.Handled e19 = dcc.preCommand(xml, "req.xml", NOW);
        assertThat(e19.outcome()).isEqualTo(DccOutcome.NOT_REGISTERED);
        assertThat(DuisResponse.read(e19.response(), "r.xml", s -> Optional.of(dspCert)).response().responseCode())
                .isEqualTo("E19");
    }

    @Test
    void aSignedRequestBecomesASignedMacedCommandAndTheMetersSignedAnswerComesBackInADuisResponse() {
        SimulatedDcc.Handled h = dcc.handle(request(bravoXml, bravoXmlCert), "req.xml", NOW);
        assertThat(h.outcome()).isEqualTo(DccOutcome.DELIVERED);
        DuisResponse.Signed back = DuisResponse.read(h.response(), "resp.xml", s -> s.serial()
                .equals(dspCert.getSerialNumber()) ? Optional.of(dspCert) : Optional.empty());
        assertThat(back.response().responseCode()).isEqualTo("I0");
        assertThat(back.response().requestId()).isEqualTo(new RequestId(BRAVO, METER, 42));
        GeneralSigning answer = GeneralSigning.decode(back.response().gbcsPayload().orElseThrow());
        assertThat(answer.verifies(meterDs.getPublic())).isTrue();
        assertThat(answer.recipient()).isEqualTo(TCOS);
        ExecutionOutcome o = UpdateSecurityCredentialsResponse.decode(answer.payload()).orElseThrow();
        assertThat(o.allSucceeded()).isTrue();
        assertThat(o.outcomes()).hasSize(3);
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_DS).orElseThrow().eui()).contains(BRAVO);
        assertThat(meter.floor(RemotePartyRole.SUPPLIER)).isEqualTo(100);
        assertThat(meter.prepaymentFloor()).isEqualTo(200);
        // the command the DCC sent is GBCS: General Ciphering, TCoS-signed, counter of the DCC's own
        GeneralSigning sent = GeneralSigning.decode(org.solrtoolkit.wire.GeneralCiphering.decode(h.command().orElseThrow())
                .apdu());
        assertThat(sent.originator()).isEqualTo(TCOS);
        assertThat(sent.counter()).isEqualTo(1_001);
        assertThat(sent.verifies(tcos.getPublic())).isTrue();
    }

    @Test
    void rejectionsNameOnlyTheDccsReasonAndSendNothing() {
        assertThat(dcc.handle(request(bravoDs, bravoDsCert), "req.xml", NOW).outcome())
                .isEqualTo(DccOutcome.NOT_AN_XML_SIGNING_CERTIFICATE);
        KeyPair stranger = ISSUER.newKeyPair();
        assertThat(dcc.handle(request(stranger, org("87", BRAVO, KeyUsageType.DS, stranger)), "req.xml", NOW).outcome())
                .isEqualTo(DccOutcome.AUTHENTICATION_FAILED);
        String edited = new String(request(bravoXml, bravoXmlCert), StandardCharsets.UTF_8).replace(">100<", ">101<");
        assertThat(dcc.handle(edited.getBytes(StandardCharsets.UTF_8), "req.xml", NOW).outcome())
                .isEqualTo(DccOutcome.AUTHENTICATION_FAILED);
        lastAnswered = OptionalLong.of(42); // a RequestID counter not above the last answered for the pair
        assertThat(dcc.handle(request(bravoXml, bravoXmlCert), "req.xml", NOW).outcome())
                .isEqualTo(DccOutcome.COUNTER_NOT_INCREASING);
        lastAnswered = OptionalLong.of(41);
        registered = ACME; // MP185: the Failing Supplier is still registered
        SimulatedDcc.Handled h = dcc.handle(request(bravoXml, bravoXmlCert), "req.xml", NOW);
        assertThat(h.outcome()).isEqualTo(DccOutcome.NOT_REGISTERED);
        assertThat(h.command()).isEmpty();
        assertThat(DuisResponse.read(h.response(), "r.xml", s -> Optional.of(dspCert)).response().responseCode())
                .isEqualTo("E19");
        assertThat(meter.cell(TrustAnchorCell.SUPPLIER_DS).orElseThrow().eui()).contains(ACME);
    }

    @Test
    void aDeviceThatDoesNotAnswerIsADccAlert() {
        reachable = false;
        SimulatedDcc.Handled h = dcc.handle(request(bravoXml, bravoXmlCert), "req.xml", NOW);
        assertThat(h.outcome()).isEqualTo(DccOutcome.NO_RESPONSE);
        DuisResponse r = DuisResponse.read(h.response(), "r.xml", s -> Optional.of(dspCert)).response();
        assertThat(r.kind()).isEqualTo(DuisResponse.Kind.DCC_ALERT);
        assertThat(r.alertCode()).contains("N24");
        assertThat(h.command()).isPresent();
    }
}
