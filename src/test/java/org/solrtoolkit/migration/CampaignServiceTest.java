package org.solrtoolkit.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.solrtoolkit.device.TopUpResult;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.event.StepStatus;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.NewEvent;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.SmkiEnvironment;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;

/**
 * The campaign on a real SQLite database, a real SMKI and real signatures: priority order, resume,
 * no meter commanded twice, transient failures retried, the SoLR's UTRNs working after it, and
 * each bad input refused with nothing written.
 */
class CampaignServiceTest {

    static final char[] PASSWORD = "test-only-password".toCharArray();
    static final Actor BOB = new Actor("Bob", "Bravo Power", "SOLR", null);
    static final Operator BOB_SOLR = new Operator("Bob", "Bravo Power", PartyRole.SOLR);
    static final CampaignOptions ALL = new CampaignOptions(2, 7, 3, 0);

    @TempDir
    Path dir;
    Database db;
    PkiService pki;
    MeterService meters;
    CampaignService campaigns;
    ChecklistService checklist;
    Event event;
    final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.T);

    /** The database the tests run on; {@link CampaignServiceOnServerTest} runs them again on PostgreSQL. */
    TestDatabase database() {
        return TestDatabase.SQLITE;
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void fleet() {
        db = database().open(dir);
        pki = new PkiService(() -> db, new AuditLog(), clock);
        pki.init(dir.resolve("smki"), PartySpec.DEMO, SmkiEnvironment.preset("test", null, null), PASSWORD,
                Actor.unidentified(null));
        event = new EventService(() -> db, new AuditLog(), clock).create(new NewEvent("Acme failure", "Acme Energy",
                "Bravo Power", List.of(new NewEvent.Srp("Acme SRP", "Acme Energy")), Fixtures.T, false),
                Fixtures.standardPlaybook(), Optional.empty());
        new FleetGenerator(() -> db, new AuditLog(), clock, new Commissioning(pki)).generate(40, 0.4, 21, "Acme Energy",
                BOB, n -> { });
        meters = new MeterService(() -> db, new AuditLog(), clock, pki);
        checklist = new ChecklistService(() -> db, new AuditLog(), clock);
        campaigns = new CampaignService(() -> db, new AuditLog(), clock, pki, checklist);
    }

    private CampaignService.Summary run(CampaignOptions o) {
        return campaigns.run(event, o, PASSWORD, BOB_SOLR, (done, toDo) -> { });
    }

    private void refused(ThrowingCallable call, String message) {
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(call).isInstanceOf(ToolkitException.class).hasMessageContaining(message);
        assertThat(Fixtures.snapshot(db)).as("nothing written").isEqualTo(before);
    }

    @Test
    void theBenchmarkReadsOpensslSpeedWithMultiAsWithOneProcessAndComparesLikeWithLike() {
        // the summary line of 'openssl speed -multi 2 ecdsap256' (3.0): the processes' rates added up
        String multi = "Got: +F4:3:256:25323.000000:10778.000000 from 1\n"
                + "                              sign    verify    sign/s verify/s\n"
                + " 256 bits ecdsa (nistp256)   0.0000s   0.0000s  53416.0  23684.0\n";
        assertThat(CampaignBenchmark.rates(multi)).containsExactly(53416.0, 23684.0);
        assertThatThrownBy(() -> CampaignBenchmark.rates("nothing")).hasMessageContaining("cannot read openssl speed");
        CampaignBenchmark.Figures f = new CampaignBenchmark.Figures(1_000, 2, 0.1, 2.0, 1_000, 1_000, 0, 50_000,
                25_000, 3.0, "BC 1.87");
        assertThat(f.opensslSeconds()).isCloseTo(0.06, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(f.shareOutsideCrypto()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-9)); // 3 of 4 s
    }

    @Test
    void migratesEveryMeterPrepaymentFirstAndTheSolrsUtrnsWorkAfterwards() {
        CampaignService.Plan plan = campaigns.plan();
        assertThat(plan.total()).isEqualTo(40);
        org.solrtoolkit.device.CryptoTime.reset();
        CampaignService.Summary s = run(new CampaignOptions(2, 5, 3, 10));
        assertThat(s.processed()).isEqualTo(10);
        assertThat(s.complete()).isFalse();
        assertThat(s.signs()).isEqualTo(10);
        // every sign and verify is timed for the benchmark's share of time outside crypto
        assertThat(org.solrtoolkit.device.CryptoTime.operations()).isGreaterThanOrEqualTo(s.signs() + 10);
        assertThat(org.solrtoolkit.device.CryptoTime.nanos()).isPositive();
        // the first batches were the priority groups, in order
        List<Long> groups = db.jdbc().queryForList("SELECT grp FROM campaign_item WHERE state = 'APPLIED'", Map.of(),
                Long.class);
        long priority = plan.groups().get(PriorityGroup.PREPAYMENT_PRIORITY);
        assertThat(groups).allMatch(g -> g <= (priority >= 10 ? 1 : 2));

        assertThat(s.steps()).containsExactly("P3-04 started");
        // a prepayment meter not yet migrated still takes the Failing Supplier's UTRNs and not the SoLR's
        Eui64 waiting = db.jdbc().queryForList("SELECT i.device_id FROM campaign_item i JOIN meter m ON m.device_id ="
                + " i.device_id WHERE i.state = 'PENDING' AND m.payment_mode = 'PREPAYMENT'", Map.of(), Long.class)
                .stream().map(Eui64::new).findFirst().orElseThrow();
        assertThat(meters.topUp(waiting, "Bravo Power", 10_00, PASSWORD, BOB).result())
                .isEqualTo(TopUpResult.NOT_AUTHENTIC);
        assertThat(meters.topUp(waiting, "Acme Energy", 10_00, PASSWORD, BOB).result()).isEqualTo(TopUpResult.ACCEPTED);
        assertThat(checklist.step(event, "P3-04").status()).isEqualTo(StepStatus.IN_PROGRESS);
        CampaignService.Summary rest = run(ALL);
        assertThat(rest.processed()).isEqualTo(30);
        // the 6.23 step waits for its dependencies (the checklist's rule), which nobody has done here
        assertThat(rest.steps()).hasSize(2).allMatch(x -> x.contains("not marked: ") && x.contains("dependenc"));
        assertThat(rest.complete()).isTrue();
        assertThat(rest.overall()).containsEntry(ItemState.APPLIED, 40L);
        assertThat(meters.stats().counts().get("supplier")).isEqualTo(Map.of("Bravo Power", 40L));
        assertThat(db.jdbc().queryForList("SELECT action FROM audit WHERE action LIKE 'campaign.%' ORDER BY seq",
                Map.of(), String.class)).startsWith("campaign.plan", "campaign.batch").endsWith("campaign.run");

        Eui64 prepay = db.jdbc().queryForList("SELECT device_id FROM meter WHERE payment_mode = 'PREPAYMENT'", Map.of(),
                Long.class).stream().map(Eui64::new).findFirst().orElseThrow();
        assertThat(meters.topUp(prepay, "Acme Energy", 10_00, PASSWORD, BOB).result()).isEqualTo(TopUpResult.NOT_AUTHENTIC);
        assertThat(meters.topUp(prepay, "Bravo Power", 10_00, PASSWORD, BOB).result()).isEqualTo(TopUpResult.ACCEPTED);

        // a further run finds nothing to do and commands nothing
        CampaignService.Summary again = run(ALL);
        assertThat(again.processed()).isZero();
        assertThat(again.signs()).isZero();
    }

    @Test
    void aRecoveryPlacesTheAffectedPartysNewCertificatesWithTheRecoveryKey() {
        run(ALL);
        Operator dcc = new Operator("Dee", "DCC", PartyRole.DCC);
        CampaignOptions all = ALL;
        Event solrEvent = event;
        // the recovery is an event of the SMKI recovery playbook, with the DCC as a party
        event = new EventService(() -> db, new AuditLog(), clock).create(new NewEvent("Bravo key compromise", null, null,
                List.of(), Fixtures.T, false, List.of(new org.solrtoolkit.event.Party("Bravo Power",
                        PartyRole.AFFECTED_PARTY, null), new org.solrtoolkit.event.Party("DCC", PartyRole.DCC, null),
                        new org.solrtoolkit.event.Party("SMKI PMA", PartyRole.PMA, null))),
                new org.solrtoolkit.playbook.PlaybookLoader().load(Path.of("playbooks/smki-recovery.yaml")),
                Optional.empty());
        assertThatThrownBy(() -> campaigns.run(event, CampaignRoute.RECOVERY, "Bravo Power", all, PASSWORD,
                new Operator("Pat", "SMKI PMA", PartyRole.PMA), (d, t) -> { })).hasMessageContaining(
                "may not run a recovery campaign: the DCC signs it");
        // the shell's availability asks the same rule: the DCC may run one here, the PMA may not, the SoLR in its event
        assertThat(campaigns.refusal(event, dcc)).isEmpty();
        assertThat(campaigns.refusal(event, new Operator("Pat", "SMKI PMA", PartyRole.PMA))).isPresent();
        assertThat(campaigns.refusal(solrEvent, BOB_SOLR)).isEmpty();
        assertThat(campaigns.refusal(solrEvent, new Operator("Al", "Acme Energy", PartyRole.FAILING_SUPPLIER)))
                .hasValueSatisfying(why -> assertThat(why).contains("may not run the campaign"));
        // the SoLR's Supplier DS key is compromised: its certificate is revoked, and a recovery refuses to place it
        String old = pki.record("Bravo Power", "supplier-ds").orElseThrow().serial();
        pki.revoke(old, "keyCompromise", BOB);
        refused(() -> campaigns.run(event, CampaignRoute.RECOVERY, "Bravo Power", all, PASSWORD, dcc,
                (d, t) -> { }), "Bravo Power's supplier-ds certificate " + old + " was revoked");
        refused(() -> campaigns.run(event, CampaignRoute.RECOVERY, "Acme Energy", all, PASSWORD, dcc,
                (d, t) -> { }), "no meter of the fleet is supplied by 'Acme Energy': nothing to recover");
        for (String key : List.of("supplier-ds", "supplier-ka", "supplier-ka-topup")) {
            pki.renew("Bravo Power", key, PASSWORD, BOB);
        }
        assertThat(pki.record("Bravo Power", "supplier-ds").orElseThrow().serial()).isNotEqualTo(old);
        CampaignService.Summary r = campaigns.run(event, CampaignRoute.RECOVERY, "Bravo Power", all, PASSWORD,
                dcc, (d, t) -> { });
        assertThat(r.overall()).containsEntry(ItemState.APPLIED, 40L);
        assertThat(r.signs()).isEqualTo(40);
        String newSki = org.solrtoolkit.device.CellContent.of(pki.certificate("Bravo Power", "supplier-ds").orElseThrow())
                .ski();
        Eui64 prepay = db.jdbc().queryForList("SELECT device_id FROM meter WHERE payment_mode = 'PREPAYMENT'", Map.of(),
                Long.class).stream().map(Eui64::new).findFirst().orElseThrow();
        assertThat(meters.show(prepay).cells()).anyMatch(c -> c.cell() == org.solrtoolkit.device.TrustAnchorCell.SUPPLIER_DS
                && c.ski().equals(newSki));
        assertThat(meters.topUp(prepay, "Bravo Power", 10_00, PASSWORD, BOB).result())
                .as("the new top-up key works").isEqualTo(TopUpResult.ACCEPTED);
        assertThat(campaigns.status(event, CampaignRoute.RECOVERY).orElseThrow().total()).isEqualTo(40);
        assertThat(campaigns.status(solrEvent).orElseThrow().states()).as("the change of supplier is its own campaign")
                .containsEntry(ItemState.APPLIED, 40L);
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit WHERE action = 'pki.renew'", Map.of(),
                Long.class)).isEqualTo(3);
    }

    @Test
    void theContingencyRoutePlacesTheNewRootInEveryMeterWithTheOldRootsContingencyKey() {
        Operator dcc = new Operator("Dee", "DCC", PartyRole.DCC);
        Actor dee = new Actor("Dee", "DCC", "DCC", null);
        event = new EventService(() -> db, new AuditLog(), clock).create(new NewEvent("Root key compromise", null, null,
                List.of(), Fixtures.T, false, List.of(new org.solrtoolkit.event.Party("Acme Energy",
                        PartyRole.AFFECTED_PARTY, null), new org.solrtoolkit.event.Party("DCC", PartyRole.DCC, null),
                        new org.solrtoolkit.event.Party("SMKI PMA", PartyRole.PMA, null))),
                new org.solrtoolkit.playbook.PlaybookLoader().load(Path.of("playbooks/smki-recovery.yaml")),
                Optional.empty());
        // before a new Root exists there is nothing to place; only the DCC runs it
        refused(() -> campaigns.run(event, CampaignRoute.CONTINGENCY, null, ALL, PASSWORD, dcc, (d, t) -> { }),
                "run 'pki renew-root' first");
        String oldRoot = org.solrtoolkit.device.CellContent.of(pki.rootCertificate()).ski();
        pki.renewRoot(PASSWORD, dee);
        refused(() -> campaigns.run(event, CampaignRoute.CONTINGENCY, null, ALL, PASSWORD, new Operator("Pat",
                "SMKI PMA", PartyRole.PMA), (d, t) -> { }), "may not run the contingency route: the DCC signs it");
        refused(() -> campaigns.run(event, CampaignRoute.CONTINGENCY, null, ALL, "wrong".toCharArray(), dcc,
                (d, t) -> { }), "wrong password");

        CampaignService.Summary r = campaigns.run(event, CampaignRoute.CONTINGENCY, null, ALL, PASSWORD, dcc,
                (d, t) -> { });
        assertThat(r.overall()).containsEntry(ItemState.APPLIED, 40L);
        String newRoot = org.solrtoolkit.device.CellContent.of(pki.rootCertificate()).ski();
        assertThat(db.jdbc().queryForList("SELECT DISTINCT c.ski FROM meter m JOIN cell_set_cell c ON c.set_id ="
                + " m.cell_set_id AND c.cell = 'ROOT'", Map.of(), String.class)).containsExactly(newRoot)
                .doesNotContain(oldRoot);
        assertThat(db.jdbc().queryForObject("SELECT min(root_floor) FROM meter", Map.of(), Long.class)).isPositive();
        assertThat(r.steps()).as("R3-05 waits for the PMA's decision (R2-02): the checklist's rule holds")
                .anyMatch(s -> s.startsWith("R3-05 not marked"));
        // a second run sends nothing: every Root cell already holds the new Root
        assertThat(campaigns.run(event, CampaignRoute.CONTINGENCY, null, ALL, PASSWORD, dcc, (d, t) -> { }).signs())
                .isZero();
        assertThat(campaigns.status(event, CampaignRoute.CONTINGENCY).orElseThrow().total()).isEqualTo(40);
    }

    @Test
    void theStepsTheCampaignImplementsAreDoneWhenEveryMeterHasItsOutcome() {
        for (String dep : List.of("P3-01", "P3-02", "P3-03")) {
            checklist.change(event, BOB_SOLR, new org.solrtoolkit.event.StepRequest(dep,
                    org.solrtoolkit.event.StepAction.DONE, null, "rehearsed elsewhere", null, true));
        }
        CampaignService.Summary s = run(ALL);
        assertThat(s.steps()).containsExactly("P3-04 done", "P3-05 done");
        assertThat(checklist.step(event, "P3-04").status()).isEqualTo(StepStatus.DONE);
        assertThat(checklist.detail(event, "P3-05").toString()).contains("campaign 1: 40 of 40 meters applied");
    }

    @Test
    void aMeterAlreadyHoldingTheSolrsCertificatesIsRecordedAppliedWithoutASecondCommand() {
        Eui64 id = new Eui64(FleetGenerator.FIRST_ID);
        meters.updateCredentials(id, new MeterService.CredentialsRequest(CampaignRoute.CHANGE_OF_SUPPLIER.mode(), Optional.empty(),
                Optional.empty(), Optional.empty(), meters.replacementsFrom("Bravo Power", CampaignRoute.CHANGE_OF_SUPPLIER.mode()), false),
                PASSWORD, BOB);
        long floor = meters.show(id).meter().floor(org.solrtoolkit.pki.RemotePartyRole.TRANSITIONAL_COS);
        CampaignService.Summary s = run(ALL);
        assertThat(s.overall()).containsEntry(ItemState.APPLIED, 40L);
        assertThat(s.signs()).isEqualTo(39);
        assertThat(meters.show(id).meter().floor(org.solrtoolkit.pki.RemotePartyRole.TRANSITIONAL_COS))
                .as("no second command reached it").isEqualTo(floor);
        assertThat(db.jdbc().queryForObject("SELECT detail FROM campaign_item WHERE device_id = :d",
                Map.of("d", id.value()), String.class)).contains("no command sent");
    }

    @Test
    void unreachableMetersAreRetriedWithBackoffUpToTheAttemptLimit() {
        AtomicInteger calls = new AtomicInteger();
        Eui64 offline = new Eui64(FleetGenerator.FIRST_ID + 3);
        Eui64 flaky = new Eui64(FleetGenerator.FIRST_ID + 5);
        campaigns.link((meter, command, now) -> {
            if (meter.eui().equals(offline) || meter.eui().equals(flaky) && calls.incrementAndGet() == 1) {
                throw new MeterLink.Unreachable("meter offline");
            }
            return meter.process(command, now);
        });
        CampaignService.Summary s = run(new CampaignOptions(2, 10, 2, 0));
        assertThat(s.overall()).containsEntry(ItemState.APPLIED, 39L).containsEntry(ItemState.UNREACHABLE, 1L);
        assertThat(s.thisRun()).as("each meter once, in the state the run left it").isEqualTo(s.overall());
        assertThat(s.processed()).as("attempts, retries included").isEqualTo(42);
        CampaignService.Status status = campaigns.status(event).orElseThrow();
        assertThat(status.states()).isEqualTo(s.overall());
        assertThat(status.byGroup().values().stream().mapToLong(g -> g.values().stream().mapToLong(Long::longValue)
                .sum()).sum()).isEqualTo(status.total());
        assertThat(s.complete()).as("unreachable after the attempt limit is a recorded exception").isTrue();
        List<CampaignService.Failure> f = campaigns.failures(event);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.deviceId()).isEqualTo(offline.toString());
            assertThat(x.attempts()).isEqualTo(2);
            assertThat(x.detail()).isEqualTo("meter offline");
        });
    }

    /** The meter's cells without the Supplier KA cell (a meter that answers that cell with status 25). */
    private void withoutSupplierKaCell(long id) {
        db.write(j -> {
            j.update("INSERT INTO cell_set (digest) VALUES ('no supplier KA cell')", Map.of());
            long set = j.queryForObject("SELECT max(id) FROM cell_set", Map.of(), Long.class);
            j.update("INSERT INTO cell_set_cell (set_id, cell, eui, ski, public_key) SELECT :s, cell, eui, ski,"
                    + " public_key FROM cell_set_cell WHERE set_id = (SELECT cell_set_id FROM meter WHERE device_id = :d)"
                    + " AND cell <> 'SUPPLIER_KA'", Map.of("s", set, "d", id));
            return j.update("UPDATE meter SET cell_set_id = :s WHERE device_id = :d", Map.of("s", set, "d", id));
        });
    }

    @Test
    void overTheWireEachMeterIsADuisRequestAGbcsCommandAndASignedAnswerAndTheSolrSeesOnlyWhatTheDccReports() {
        long partial = FleetGenerator.FIRST_ID + 2;
        Eui64 offline = new Eui64(FleetGenerator.FIRST_ID + 3);
        withoutSupplierKaCell(partial);
        campaigns.link(new MeterLink() {
            @Override
            public Optional<String> unreachable(Eui64 meter, java.time.Instant now) {
                return meter.equals(offline) ? Optional.of("meter offline") : Optional.empty();
            }

            @Override
            public org.solrtoolkit.device.Cs02bResponse deliver(org.solrtoolkit.device.SimulatedMeter meter,
                    org.solrtoolkit.device.Cs02bCommand.Signed command, java.time.Instant now) {
                throw new AssertionError("the wire path sends GBCS octets, never the direct command");
            }

            @Override
            public long pauseMillis(int pass) {
                return 0;
            }
        });
        CampaignService.Summary s = run(ALL.wire(true));
        assertThat(s.overall()).containsEntry(ItemState.APPLIED, 38L).containsEntry(ItemState.PARTIAL, 1L)
                .containsEntry(ItemState.UNREACHABLE, 1L);
        List<CampaignService.Failure> failures = campaigns.failures(event);
        assertThat(failures).filteredOn(f -> f.state() == ItemState.PARTIAL).singleElement().satisfies(f -> {
            assertThat(f.statusCode()).isEqualTo(25);
            // the per-cell status as the meter's signed GBCS response says it, with the floors now in force
            assertThat(f.detail()).contains("25 trustAnchorNotFound").contains("floors Supplier 0");
            // the meter's own check log is the trainer's, never in what the SoLR is told
            assertThat(f.detail()).doesNotContain("CELL_PRESENT");
            assertThat(f.trainerDetail()).startsWith("CELL_PRESENT");
        });
        assertThat(failures).filteredOn(f -> f.state() == ItemState.UNREACHABLE).singleElement().satisfies(f -> {
            assertThat(f.deviceId()).isEqualTo(offline.toString());
            assertThat(f.detail()).isEqualTo("DCC alert N24");
            assertThat(f.trainerDetail()).isNotBlank();
        });
        assertThat(meters.show(new Eui64(partial)).cells()).filteredOn(c -> c.cell() == org.solrtoolkit.device.TrustAnchorCell.SUPPLIER_DS)
                .extracting(c -> c.holder().orElseThrow()).containsOnly("Bravo Power");
        Eui64 prepay = db.jdbc().queryForList("SELECT m.device_id FROM meter m JOIN campaign_item i ON i.device_id ="
                + " m.device_id WHERE m.payment_mode = 'PREPAYMENT' AND i.state = 'APPLIED'", Map.of(), Long.class)
                .stream().map(Eui64::new).findFirst().orElseThrow();
        assertThat(meters.topUp(prepay, "Bravo Power", 10_00, PASSWORD, BOB).result()).isEqualTo(TopUpResult.ACCEPTED);
        // each answered meter's TCoS counter is above its floor: a second run over the wire commands nobody again
        assertThat(run(ALL.wire(true)).overall()).containsEntry(ItemState.APPLIED, 38L);
    }

    @Test
    void aMeterMissingACellAnswersPerCellAndIsRecordedPartialWithTheStatusCode() {
        long id = FleetGenerator.FIRST_ID + 2;
        withoutSupplierKaCell(id);
        CampaignService.Summary s = run(ALL);
        assertThat(s.overall()).containsEntry(ItemState.APPLIED, 39L).containsEntry(ItemState.PARTIAL, 1L);
        assertThat(campaigns.failures(event)).singleElement().satisfies(f -> {
            assertThat(f.state()).isEqualTo(ItemState.PARTIAL);
            assertThat(f.statusCode()).isEqualTo(25);
            assertThat(f.detail()).startsWith("SUPPLIER_KA 25 TRUST_ANCHOR_NOT_FOUND");
        });
        assertThat(meters.show(new Eui64(id)).cells()).filteredOn(c -> c.cell().name().startsWith("SUPPLIER"))
                .extracting(c -> c.holder().orElseThrow()).containsOnly("Bravo Power");
    }

    @Test
    void badInputIsRefusedWithNothingWritten() throws Exception {
        assertThatThrownBy(() -> new CampaignOptions(0, 10, 3, 0)).hasMessage("threads 0 must be 1 to 64");
        assertThatThrownBy(() -> new CampaignOptions(2, -1, 3, 0))
                .hasMessage("batch -1 must be 1 to 100000 meters per transaction");
        refused(() -> campaigns.run(event, ALL, "wrong".toCharArray(), BOB_SOLR, (a, b) -> { }), "wrong password");
        Event noCerts = new EventService(() -> db, new AuditLog(), clock).create(new NewEvent("Other", "Acme Energy",
                "Charlie Gas", List.of(), Instant.parse("2026-11-21T09:00:00Z"), false), Fixtures.standardPlaybook(),
                Optional.empty());
        refused(() -> campaigns.run(noCerts, ALL, PASSWORD, new Operator("Cy", "Charlie Gas", PartyRole.SOLR),
                (a, b) -> { }),
                "the event's SoLR 'Charlie Gas' has no supplier-ds certificate");
        try (CampaignLock held = CampaignLock.acquire(db)) { // another run's lock: a file lock, or the server's
            refused(() -> campaigns.run(event, ALL, PASSWORD, BOB_SOLR, (a, b) -> { }),
                    "a campaign run is already in progress on this database");
        }
        refused(() -> campaigns.failures(noCerts), "has no campaign yet");
    }

    @Test
    void solrCertificatesThatDoNotChainToTheRootOrBreakTheProfileAreRefusedBeforeAnythingIsWritten()
            throws Exception {
        // a supplier DS certificate from another SMKI in place of the SoLR's: it does not chain to this Root
        try (Database other = database().open(dir)) {
            new PkiService(() -> other, new AuditLog(), clock).init(dir.resolve("other-smki"), PartySpec.DEMO,
                    SmkiEnvironment.preset("test", null, null), PASSWORD, Actor.unidentified(null));
        }
        byte[] foreign = org.solrtoolkit.pki.CertificateFiles.read(dir.resolve("other-smki/bravo-power/supplier-ds.pem"))
                .get(0).getEncoded();
        db.write(j -> j.update("UPDATE certificate SET der = :d WHERE party = 'Bravo Power' AND alias = 'supplier-ds'",
                Map.of("d", foreign)));
        refused(() -> run(ALL), "the SoLR's supplier-ds certificate does not chain to the Root in the meters' cells");

        // a plain self-signed EC certificate: not in the GBCS profile
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(256);
        java.security.KeyPair kp = g.generateKeyPair();
        org.bouncycastle.asn1.x500.X500Name name = new org.bouncycastle.asn1.x500.X500Name("CN=Not SMKI");
        byte[] plain = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.ONE,
                java.util.Date.from(Fixtures.T.minusSeconds(3600)), java.util.Date.from(Fixtures.T.plusSeconds(3600)),
                name, kp.getPublic()).build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                .build(kp.getPrivate())).getEncoded();
        db.write(j -> j.update("UPDATE certificate SET der = :d WHERE party = 'Bravo Power' AND alias = 'supplier-ds'",
                Map.of("d", plain)));
        refused(() -> run(ALL), "the SoLR's supplier-ds certificate fails the GBCS profile: ");
    }
}
