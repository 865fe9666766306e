package org.solrtoolkit.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.ToolkitException;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.Commissioning;
import org.solrtoolkit.device.FleetGenerator;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.device.Mpxn;
import org.solrtoolkit.device.PrepaymentState;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.NewEvent;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.pki.SmkiEnvironment;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;
import org.solrtoolkit.wire.CriticalService;
import org.solrtoolkit.wire.PrepaymentCommand;

/**
 * Protective critical requests (issue 17) on a real database, a real SMKI and real signatures: each
 * one a signed DUIS request, a GBCS pre-command signed with the supplier's DS key, the ACB's MAC and
 * the meter's own checks; the DCC's registration; and each bad input refused with nothing written.
 */
class ProtectionServiceTest {

    static final char[] PASSWORD = CampaignServiceTest.PASSWORD;
    static final Operator SAM = new Operator("Sam", "Acme SRP", PartyRole.SRP);
    static final Actor SAM_ACTOR = new Actor("Sam", "Acme SRP", "SRP", null);
    static final Operator BOB = CampaignServiceTest.BOB_SOLR;

    @TempDir
    Path dir;
    Database db;
    PkiService pki;
    ProtectionService protection;
    MeterService meters;
    Event event;
    final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.T.plus(Duration.ofHours(1)));

    /** The database the tests run on; {@link ProtectionServiceOnServerTest} runs them again on PostgreSQL. */
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
        pki = new PkiService(() -> db, new AuditLog(), clock);
        pki.init(dir.resolve("smki"), PartySpec.DEMO, SmkiEnvironment.preset("test", null, null), PASSWORD,
                Actor.unidentified(null));
        event = new EventService(() -> db, new AuditLog(), clock).create(new NewEvent("Acme failure", "Acme Energy",
                "Bravo Power", List.of(new NewEvent.Srp("Acme SRP", "Acme Energy")), Fixtures.T, false),
                Fixtures.standardPlaybook(), Optional.empty());
        new FleetGenerator(() -> db, new AuditLog(), clock, new Commissioning(pki)).generate(30, 1.0, 21, "Acme Energy",
                SAM_ACTOR, n -> { });
        meters = new MeterService(() -> db, new AuditLog(), clock, pki);
        protection = new ProtectionService(() -> db, meters, clock, pki, new AuditLog(), MeterLink.DIRECT);
    }

    private void refused(ThrowingCallable call, String... messages) {
        String before = Fixtures.snapshot(db);
        var t = assertThatThrownBy(call).isInstanceOf(ToolkitException.class);
        for (String m : messages) {
            t.hasMessageContaining(m);
        }
        assertThat(Fixtures.snapshot(db)).as("nothing written").isEqualTo(before);
    }

    private StoredMeter meter(Mpxn.Fuel fuel) {
        return new MeterStore().page(db.jdbc(), null, 100).stream().filter(m -> m.mpxn().fuel() == fuel
                && m.prepayment().mode() == PrepaymentState.PaymentMode.PREPAYMENT).findFirst().orElseThrow();
    }

    /** Puts a meter off supply with nothing left, as running out of credit does. */
    private StoredMeter offSupply(StoredMeter m) {
        long at = clock.instant().toEpochMilli();
        db.jdbc().update("UPDATE meter SET credit_balance = 0, supply_state = 'DISABLED', supply_since = :t, off_since = :t,"
                + " settled_at = :t, reaction_minutes = -1 WHERE device_id = :d", Map.of("t", at, "d", m.id().value()));
        return meters.show(m.id()).meter();
    }

    @Test
    void emergencyCreditGoesOverDuisAndGbcsAndArmsTheSupplyOnlyTheCustomerEnablesIt() {
        StoredMeter m = offSupply(meter(Mpxn.Fuel.ELECTRICITY));
        ProtectionService.Result r = protection.protect(event, SAM, Optional.of(m.id()),
                List.of(ProtectionService.Step.emergencyCredit()), PASSWORD, SAM_ACTOR);
        assertThat(r.signer()).isEqualTo("Acme Energy");
        assertThat(r.single()).singleElement().asString().startsWith("2.5 executed").contains("supply ARMED");
        StoredMeter after = meters.show(m.id()).meter();
        assertThat(after.prepayment().supply()).isEqualTo(PrepaymentState.SupplyState.ARMED);
        assertThat(after.prepayment().emergencyCreditActive()).isTrue();
        assertThat(after.floor(RemotePartyRole.SUPPLIER)).as("the GBCS counter the meter accepted").isPositive();
        assertThat(db.jdbc().queryForList("SELECT code FROM meter_alert WHERE device_id = :d", Map.of("d",
                m.id().value()), String.class)).containsExactly("8168");
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit WHERE action = 'meter.protect'", Map.of(),
                Integer.class)).isEqualTo(1);
        // 7.1 Enable Supply works remotely on an electricity meter
        protection.protect(event, SAM, Optional.of(m.id()), List.of(new ProtectionService.Step(
                CriticalService.ENABLE_SUPPLY, PrepaymentCommand.NONE)), PASSWORD, SAM_ACTOR);
        assertThat(meters.show(m.id()).meter().prepayment().supply()).isEqualTo(PrepaymentState.SupplyState.ENABLED);
    }

    @Test
    void theSafeModeShortcutIsACalendarCoveringEveryMinuteAndProtectsTheWholeFleet() {
        long before = new MeterStore().unprotected(db.jdbc(), "Bravo Power");
        assertThat(before).isEqualTo(30);
        ProtectionService.Result r = protection.protect(event, SAM, Optional.empty(),
                ProtectionService.safeModeShortcut(), PASSWORD, SAM_ACTOR);
        assertThat(r.meters()).isEqualTo(30);
        assertThat(r.seen()).containsEntry("2.1 executed", 30L);
        assertThat(new MeterStore().unprotected(db.jdbc(), "Bravo Power")).isZero();
        clock.set(clock.instant().plus(Duration.ofDays(60)));
        assertThat(new MeterStore().page(db.jdbc(), null, 100)).allSatisfy(m -> assertThat(m.settled(clock.instant())
                .prepayment().supply()).as("never disabled").isNotEqualTo(PrepaymentState.SupplyState.DISABLED));
    }

    @Test
    void aSupplierTheDccDoesNotHaveRegisteredIsRejectedWithE19AndNothingIsWritten() {
        StoredMeter m = meter(Mpxn.Fuel.ELECTRICITY);
        db.write(jdbc -> {
            DccRegistration.transferMpids(jdbc, event, Fixtures.T.plus(Duration.ofMinutes(30)));
            return null;
        });
        refused(() -> protection.protect(event, SAM, Optional.of(m.id()), List.of(ProtectionService.Step.emergencyCredit()),
                PASSWORD, SAM_ACTOR), "2.5 signed by Acme Energy rejected by the DCC: E19", "MP185");
        refused(() -> protection.protect(event, SAM, Optional.empty(), ProtectionService.safeModeShortcut(), PASSWORD,
                SAM_ACTOR), "no prepayment meter took the request", "rejected by the DCC E19");
        // before T the SoLR is not registered either
        clock.set(Fixtures.T.minus(Duration.ofHours(1)));
        refused(() -> protection.protect(event, BOB, Optional.of(m.id()), List.of(ProtectionService.Step.emergencyCredit()),
                PASSWORD, SAM_ACTOR), "signed by Bravo Power rejected by the DCC: E19");
    }

    @Test
    void aPreCommandSignedWithAKeyThatIsNotInTheSupplierCellsGetsNoResponse() {
        // the SoLR is registered from T, but until its certificates are placed the meter holds Acme's key
        StoredMeter m = meter(Mpxn.Fuel.ELECTRICITY);
        refused(() -> protection.protect(event, BOB, Optional.of(m.id()), List.of(ProtectionService.Step.emergencyCredit()),
                PASSWORD, SAM_ACTOR), "2.5 signed by Bravo Power DCC alert N24: no response from the device");
        // the trainer sees why; the trainee only the DCC's alert
        assertThatThrownBy(() -> protection.protect(event, BOB, Optional.empty(), ProtectionService.safeModeShortcut(),
                PASSWORD, SAM_ACTOR)).hasMessageContaining("DCC alert N24");
    }

    @Test
    void whatTheSenderSeesIsTheDccsWordAndTheTrainerSeesTheMetersOwnReasons() {
        ProtectionService.Result r = protection.protect(event, SAM, Optional.empty(),
                List.of(ProtectionService.Step.emergencyCredit()), PASSWORD, SAM_ACTOR);
        assertThat(r.seen().keySet()).containsOnly("2.5 executed", "2.5 not executed by the device");
        assertThat(r.seen().keySet()).noneMatch(k -> k.contains("balance"));
        assertThat(r.trainer().keySet()).allMatch(k -> k.startsWith("2.5 EXECUTED: emergency credit is not available:"
                + " balance "));
    }

    @Test
    void badInputIsOneLineAndNothingIsSentOrWritten() {
        StoredMeter e = meter(Mpxn.Fuel.ELECTRICITY);
        StoredMeter g = meter(Mpxn.Fuel.GAS);
        refused(() -> protection.protect(event, SAM, Optional.of(e.id()), List.of(ProtectionService.Step.calendar(
                "18:00-22:00;21:00-23:00")), PASSWORD, SAM_ACTOR), "non-disablement calendar: period 21:00-23:00 overlaps");
        refused(() -> protection.protect(event, SAM, Optional.of(e.id()), List.of(ProtectionService.Step.calendar(
                "evenings")), PASSWORD, SAM_ACTOR), "neither HH:MM-HH:MM");
        refused(() -> protection.protect(event, SAM, Optional.of(e.id()), List.of(new ProtectionService.Step(
                CriticalService.UPDATE_PREPAY_CONFIGURATION, PrepaymentCommand.emergencyCreditLimit(6_000))), PASSWORD, SAM_ACTOR),
                "emergency credit limit 6000p: a meter accepts 0 to 5000p");
        refused(() -> protection.protect(event, SAM, Optional.of(g.id()), List.of(new ProtectionService.Step(
                CriticalService.ENABLE_SUPPLY, PrepaymentCommand.NONE)), PASSWORD, SAM_ACTOR),
                "is gas: 7.1 Enable Supply works remotely for electricity only");
        refused(() -> protection.protect(event, new Operator("Pat", "SMKI PMA", PartyRole.PMA), Optional.of(e.id()),
                List.of(ProtectionService.Step.emergencyCredit()), PASSWORD, SAM_ACTOR), "is not a PMA party of event");
        refused(() -> protection.protect(event, SAM, Optional.of(e.id()), List.of(ProtectionService.Step.emergencyCredit()),
                "wrong".toCharArray(), SAM_ACTOR), "wrong password");
    }

    @Test
    void aLiveEventSendsProtectiveRequestsAsDuisFilesInTwoStepsAndImportsTheAnswers() throws Exception {
        StoredMeter m = offSupply(meter(Mpxn.Fuel.ELECTRICITY));
        ProtectiveDuis duis = new ProtectiveDuis(() -> db, new AuditLog(), clock, pki, meters);
        DccSimulation dcc = new DccSimulation(() -> db, new AuditLog(), clock, pki, meters);
        Path requests = dir.resolve("requests");
        ProtectiveDuis.Exported e = duis.export(event, SAM, Optional.of(m.id()), ProtectionService.Step.emergencyCredit(),
                requests, PASSWORD, SAM_ACTOR);
        assertThat(e.requests()).isEqualTo(1);
        assertThat(java.nio.file.Files.readAllLines(e.manifest())).hasSize(2);
        // step 1 at the DCC: a pre-command comes back; the supplier signs it after checking it
        dcc.simulate(event, requests, dir.resolve("pre"), Optional.empty(), PASSWORD, Actor.unidentified(event.id()));
        // a pre-command the DCC did not sign as the DCC, or that is edited, is not signed
        Path tampered = java.nio.file.Files.createDirectories(dir.resolve("tampered"));
        Path preFile = java.nio.file.Files.list(dir.resolve("pre")).findFirst().orElseThrow();
        java.nio.file.Files.writeString(tampered.resolve("x.xml"), java.nio.file.Files.readString(preFile)
                .replace("<sr:ResponseCode>I0", "<sr:ResponseCode>I99"));
        refused(() -> duis.signPreCommands(event, SAM, List.of(tampered), dir.resolve("signed-bad"), PASSWORD, SAM_ACTOR)
                .refused().forEach(r -> {
                    throw new org.solrtoolkit.migration.CampaignException(CampaignException.Code.BAD_INPUT, r);
                }), "x.xml");
        ProtectiveDuis.Signed signed = duis.signPreCommands(event, SAM, List.of(dir.resolve("pre")), dir.resolve("signed"),
                PASSWORD, SAM_ACTOR);
        assertThat(signed.signed()).isEqualTo(1);
        assertThat(signed.refused()).isEmpty();
        assertThat(duis.signPreCommands(event, SAM, List.of(dir.resolve("pre")), dir.resolve("signed2"), PASSWORD,
                SAM_ACTOR).refused()).singleElement().asString().contains("answers no request exported and not yet signed");
        // step 2 at the DCC: MACed, sent, executed; the device's signed answer comes back and is imported
        dcc.simulate(event, dir.resolve("signed"), dir.resolve("answers"), Optional.empty(), PASSWORD,
                Actor.unidentified(event.id()));
        var keys = (java.util.function.Function<org.solrtoolkit.pki.Eui64, List<java.security.PublicKey>>) id ->
                List.of(meters.onTheWire(PASSWORD).signing(id));
        ProtectiveDuis.Imported r = duis.importResponses(event, List.of(dir.resolve("answers")), keys, SAM_ACTOR);
        assertThat(r.states()).containsExactly(Map.entry("EXECUTED", 1L));
        assertThat(duis.importResponses(event, List.of(dir.resolve("answers")), keys, SAM_ACTOR).already()).isEqualTo(1);
        assertThat(meters.show(m.id()).meter().prepayment().supply()).isEqualTo(PrepaymentState.SupplyState.ARMED);
        assertThat(db.jdbc().queryForList("SELECT code FROM meter_alert WHERE device_id = :d", Map.of("d",
                m.id().value()), String.class)).containsExactly("8168");
        assertThat(duis.states(event)).containsExactly(Map.entry("EXECUTED", 1L));
        // an answer to a request this event never exported is refused with the reason
        ProtectiveDuis.Imported other = duis.importResponses(new EventService(() -> db, new AuditLog(), clock).create(
                new NewEvent("Other", "Acme Energy", "Bravo Power", List.of(), Fixtures.T, false),
                Fixtures.standardPlaybook(), Optional.empty()), List.of(dir.resolve("answers")), keys, SAM_ACTOR);
        assertThat(other.refused()).singleElement().asString().contains("answers no protective request of event");
    }

    @Test
    void theSolrRecordsTheMpidTransferOnceAndFromThenTheFailingSuppliersRequestsGetE19() {
        DccRegistrations dcc = new DccSimulation(() -> db, new AuditLog(), clock, pki, meters).registrations();
        Instant at = Fixtures.T.plus(Duration.ofMinutes(30));
        refused(() -> dcc.transferMpids(event, SAM, at, SAM_ACTOR), "the SoLR records the MPID transfer");
        refused(() -> dcc.transferMpids(event, BOB, Fixtures.T.minus(Duration.ofHours(1)), SAM_ACTOR),
                "is before the appointment");
        dcc.transferMpids(event, BOB, at, SAM_ACTOR);
        assertThat(dcc.registration(event)).filteredOn(r -> r.supplier().equals("Acme Energy")).singleElement()
                .satisfies(r -> assertThat(r.until()).isEqualTo(at));
        refused(() -> dcc.transferMpids(event, BOB, at.plusSeconds(60), SAM_ACTOR), "were already transferred at");
        refused(() -> protection.protect(event, SAM, Optional.of(meter(Mpxn.Fuel.ELECTRICITY).id()),
                List.of(ProtectionService.Step.emergencyCredit()), PASSWORD, SAM_ACTOR), "rejected by the DCC: E19");
    }

    @Test
    void theDccRegistrationDefaultsAndTheMpidTransfer() {
        List<DccRegistration.Row> rows = DccRegistration.rows(db.jdbc(), event);
        assertThat(rows).extracting(DccRegistration.Row::supplier).containsExactly("Acme Energy", "Bravo Power");
        assertThat(rows.get(1).from()).isEqualTo(Fixtures.T);
        Instant at = Fixtures.T.plus(Duration.ofDays(2));
        db.write(jdbc -> {
            DccRegistration.transferMpids(jdbc, event, at);
            return null;
        });
        assertThat(DccRegistration.rows(db.jdbc(), event).get(0).until()).isEqualTo(at);
    }
}
