package org.solrtoolkit.rehearsal;

import org.solrtoolkit.migration.CampaignOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.ToolkitException;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.CellStatus;
import org.solrtoolkit.device.Commissioning;
import org.solrtoolkit.device.FleetGenerator;
import org.solrtoolkit.device.FleetService;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.device.PrepaymentState;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.NewEvent;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.event.StepAction;
import org.solrtoolkit.event.StepRequest;
import org.solrtoolkit.migration.CampaignService;
import org.solrtoolkit.migration.ItemState;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.playbook.PlaybookCatalog;
import org.solrtoolkit.playbook.PlaybookLoader;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;

/**
 * Rehearsals on a real SQLite file, a real SMKI and real signatures: the clock, consumption and
 * losses as it moves, each fault changing what the DCC and the meters do, the score, determinism,
 * and every bad input refused with nothing written.
 */
class RehearsalServiceTest {

    static final Path SMALL = Path.of("src/test/resources/scenarios/valid/small.yaml");
    static final char[] PASSWORD = "test-only-password".toCharArray();
    static final Actor TRAINER = new Actor("Tess", null, null, null);
    static final Operator SAM = new Operator("Sam", "Acme SRP", PartyRole.SRP);
    static final Operator BOB = new Operator("Bob", "Bravo Power", PartyRole.SOLR);
    static final Operator ALICE = new Operator("Alice", "Acme Energy", PartyRole.FAILING_SUPPLIER);
    static final CampaignOptions ALL = new CampaignOptions(2, 16, 2, 0);
    static final CampaignOptions RETRY = new CampaignOptions(2, 16, 2, 0, true);

    @TempDir
    Path dir;

    /** The databases this test opened, closed after it. */
    private final List<Database> opened = new java.util.ArrayList<>();

    /** The database the tests run on; {@link RehearsalServiceOnServerTest} runs them again on PostgreSQL. */
    TestDatabase database() {
        return TestDatabase.SQLITE;
    }

    @AfterEach
    void closeDatabases() {
        opened.forEach(Database::close);
    }

    /** The services as the shell wires them, on one database; the system clock is 3 days after T. */
    final class Toolkit {
        final Database db;
        final SimulatedClock clock;
        final RehearsalNetwork network;
        final EventService events;
        final ChecklistService checklist;
        final PkiService pki;
        final MeterService meters;
        final CampaignService campaigns;
        final RehearsalService rehearsals;
        final org.solrtoolkit.migration.ProtectionService protection;
        final Path smki;

        Toolkit(Path dir, String name) {
            db = database().open(dir);
            opened.add(db);
            smki = dir.resolve(name + "-smki");
            AuditLog audit = new AuditLog();
            clock = new SimulatedClock(() -> db, new Fixtures.MutableClock(Fixtures.T.plus(Duration.ofDays(3))));
            network = new RehearsalNetwork(() -> db);
            events = new EventService(() -> db, audit, clock);
            checklist = new ChecklistService(() -> db, audit, clock);
            pki = new PkiService(() -> db, audit, clock);
            Commissioning commissioning = new Commissioning(pki);
            meters = new MeterService(() -> db, audit, clock, pki).network(network);
            campaigns = new CampaignService(() -> db, audit, clock, pki, checklist).link(network);
            protection = new org.solrtoolkit.migration.ProtectionService(() -> db, meters, clock, pki, audit, network);
            rehearsals = new RehearsalService(() -> db, audit, clock, network, events, checklist, pki,
                    new FleetGenerator(() -> db, audit, clock, commissioning),
                    new FleetService(() -> db, audit, clock, commissioning), campaigns,
                    new ScenarioLoader(new PlaybookCatalog(new PlaybookLoader()))).protection(() -> protection,
                            () -> PASSWORD);
        }

        RehearsalService.Started start(Path scenario) {
            return rehearsals.start(scenario, smki, PASSWORD, Optional.empty(), n -> { });
        }

        Event event() {
            return events.requireCurrent();
        }

        CampaignService.Summary campaign(CampaignOptions o) {
            return campaigns.run(event(), o, PASSWORD, BOB, (done, toDo) -> { });
        }

        org.solrtoolkit.migration.ProtectionService.Result safeModeAll() {
            return protection.protect(event(), new org.solrtoolkit.event.Operator("Sam", "Acme SRP",
                    org.solrtoolkit.playbook.PartyRole.SRP), Optional.empty(),
                    org.solrtoolkit.migration.ProtectionService.safeModeShortcut(), PASSWORD, new Actor("Sam", "Acme SRP",
                            "SRP", event().id()));
        }

        long auditRows() {
            return db.jdbc().queryForObject("SELECT count(*) FROM audit", Map.of(), Long.class);
        }
    }

    @Test
    void aRehearsalStartsAtTWithItsOwnSmkiAndFleetAndTheClockOnlyMovesByCommand() {
        Toolkit tk = new Toolkit(dir, "r");
        RehearsalService.Started s = tk.start(SMALL);
        assertThat(s.event().isRehearsal()).isTrue();
        assertThat(s.meters()).isEqualTo(60);
        assertThat(s.struck()).as("the first fault strikes at T+1h").isEmpty();
        assertThat(tk.clock.instant()).isEqualTo(Fixtures.T);
        assertThat(Files.isDirectory(tk.smki.resolve("bravo-power"))).isTrue();
        assertThat(tk.db.jdbc().queryForList("SELECT DISTINCT at FROM audit", Map.of(), String.class))
                .as("everything of the rehearsal happened at simulated T").containsExactly(Fixtures.T.toString());
        RehearsalService.Moved m = tk.rehearsals.advance("1d12h", TRAINER);
        assertThat(m.to()).isEqualTo(Fixtures.T.plus(Duration.ofHours(36)));
        assertThat(tk.clock.instant()).isEqualTo(m.to());
        assertThat(m.deadlinesPassed()).as("P1-01 was due at T itself, before the window").contains(
                "P1-05 (SOLR, due T+4h)", "P2-01 (FAILING_SUPPLIER, due T+24h)").noneMatch(d -> d.startsWith("P1-01"));
        assertThat(tk.rehearsals.status().faults()).extracting(RehearsalService.FaultView::type).containsExactly(
                "root-cell-differs", "meters-offline", "unknown-ka-issuer", "mpids-transferred-early",
                "early-revocation", "compromised-key");
    }

    @Test
    void consumptionLossesAndCustomerHoursFollowTheClockWhateverTheSteps() {
        Toolkit one = new Toolkit(dir, "one");
        one.start(SMALL);
        RehearsalService.Moved m = one.rehearsals.advance("2d", TRAINER);
        Toolkit two = new Toolkit(dir, "two");
        two.start(SMALL);
        for (String step : List.of("30m", "5h30m", "18h", "1d")) {
            two.rehearsals.advance(step, TRAINER);
        }
        RehearsalScore.Score a = one.rehearsals.score();
        RehearsalScore.Score b = two.rehearsals.score();
        assertThat(b.supply()).isEqualTo(a.supply());
        // independently of any window: every meter settled from T to T+2d in one go; its outages in between
        // (some customers at home activate emergency credit at the meter and are back on after a while)
        Instant end = Fixtures.T.plus(Duration.ofDays(2));
        double hours = 0;
        long off = 0;
        long lost = 0;
        for (StoredMeter sm : new MeterStore().page(one.db.jdbc(), null, 1000)) {
            StoredMeter atT = sm.settled(Fixtures.T);
            List<Instant> offs = new java.util.ArrayList<>();
            PrepaymentState p = atT.settled(end, (what, t) -> {
                if (what == PrepaymentState.SupplyEvent.DISABLED) {
                    offs.add(t);
                }
            }).prepayment();
            off += p.mode() == PrepaymentState.PaymentMode.PREPAYMENT && p.off() ? 1 : 0;
            lost += offs.stream().anyMatch(t -> t.isAfter(Fixtures.T)) ? 1 : 0;
            hours += (p.offTotalMillis(end) - atT.prepayment().offTotalMillis(Fixtures.T)) / 3_600_000.0;
        }
        assertThat(off).isPositive();
        assertThat(m.offSupply()).isEqualTo(off);
        assertThat(a.supply().offSupplyNow()).isEqualTo(off);
        assertThat(a.supply().lostSupply()).isEqualTo(lost);
        assertThat(a.supply().customerHours()).isEqualTo(Math.round(hours * 100) / 100.0);
        assertThat(a.supply().peakOffSupply()).isEqualTo(off);
    }

    @Test
    void eachFaultChangesWhatTheDccAndTheMetersDoAtItsTime() {
        Toolkit tk = new Toolkit(dir, "f");
        tk.start(SMALL);
        tk.rehearsals.advance("1h", TRAINER); // root-cell-differs: 2 meters
        List<StoredMeter> all = new MeterStore().page(tk.db.jdbc(), null, 1000);
        String ourRoot = tk.pki.rootCertificate().getSubjectPublicKeyInfo().toString();
        long otherRoot = all.stream().filter(sm -> !new MeterStore().cells(tk.db.jdbc(), sm.cellSetId())
                .get(TrustAnchorCell.ROOT).publicKey().toString().equals(ourRoot)).count();
        assertThat(otherRoot).isEqualTo(2);

        tk.rehearsals.advance("1h", TRAINER); // T+2h: a quarter offline until T+4h
        org.solrtoolkit.migration.ProtectionService.Result safe = tk.safeModeAll();
        assertThat(safe.seen()).as("the offline quarter: the DCC's alert, nothing else").containsOnlyKeys(
                "2.1 executed", "2.1 DCC alert N24 (no response)", "2.5 executed", "2.5 DCC alert N24 (no response)",
                "2.5 not executed by the device");
        CampaignService.Summary first = tk.campaign(ALL);
        long offline = first.overall().get(ItemState.UNREACHABLE);
        long failed = first.overall().get(ItemState.FAILED);
        assertThat(offline).isPositive();
        assertThat(failed).as("the meters with another Root, unless offline").isBetween(1L, 2L);
        assertThat(first.overall().get(ItemState.APPLIED)).isEqualTo(60 - failed - offline);
        long offlineWithOurRoot = offline - (2 - failed);

        tk.rehearsals.advance("3h", TRAINER); // T+5h: back online; the DCC holds a KA certificate of an unknown issuer
        CampaignService.Summary second = tk.campaign(RETRY);
        assertThat(second.overall()).containsEntry(ItemState.PARTIAL, offlineWithOurRoot)
                .containsEntry(ItemState.FAILED, 2L);
        CampaignService.Failure partial = tk.campaigns.failures(tk.event()).stream()
                .filter(f -> f.state() == ItemState.PARTIAL).findFirst().orElseThrow();
        assertThat(partial.statusCode()).isEqualTo(CellStatus.NO_TRUST_ANCHOR.code());
        assertThat(partial.detail()).startsWith("SUPPLIER_KA 10").doesNotContain("SUPPLIER_DS");

        tk.rehearsals.advance("1h", TRAINER); // T+6h: the DCC's record is right again
        CampaignService.Summary third = tk.campaign(RETRY);
        assertThat(third.overall()).containsEntry(ItemState.APPLIED, 58L).containsEntry(ItemState.FAILED, 2L);

        tk.rehearsals.advance("4h", TRAINER); // T+10h: MPIDs transferred early
        assertRefused(tk, tk::safeModeAll, "rejected by the DCC E19", "MP185");

        tk.rehearsals.advance("14h", TRAINER); // T+1d: the SoLR's Supplier DS key is compromised
        assertThat(tk.pki.record("Bravo Power", "supplier-ds").orElseThrow().revocationReason()).contains("keyCompromise");
        assertThat(tk.pki.record("Acme Energy", "supplier-ds").orElseThrow().status())
                .as("the early revocation at T+12h").isEqualTo(org.solrtoolkit.pki.CertificateRecord.Status.REVOKED);
        assertRefused(tk, () -> tk.campaign(RETRY), "the SoLR's supplier-ds certificate", "was revoked",
                "keyCompromise");
    }

    @Test
    void earlyRevocationStopsSafeModeMp134a() throws Exception {
        Path scenario = scenario("revoked", "  - {type: early-revocation, at: T+3h}");
        Toolkit tk = new Toolkit(dir, "rv");
        tk.start(scenario);
        assertThat(tk.safeModeAll().executed()).isPositive();
        tk.rehearsals.advance("3h", TRAINER);
        assertRefused(tk, tk::safeModeAll, "rejected by the DCC E3", "revoked", "MP134A");
    }

    @Test
    void realProtectionOrdersCustomerHoursOffSupplyNoneThenEmergencyCreditThenCalendar() throws Exception {
        String fleet = "customers:\n  within_hour: 0.5\n  away: 0.3\n  tail_hours: 48\n";
        double[] hours = new double[3];
        String[][] faults = {{}, {"  - {type: protect, at: T+6h, request: '2.5'}"},
            {"  - {type: protect, at: T+2h, request: '2.1', calendar: '00:00-24:00'}"}};
        for (int i = 0; i < 3; i++) {
            Path scenario = scenarioWith("protect" + i, fleet, faults[i]);
            Toolkit tk = new Toolkit(dir, "p" + i);
            tk.start(scenario);
            tk.rehearsals.advance("4d", TRAINER);
            RehearsalScore.Score score = tk.rehearsals.end(TRAINER);
            hours[i] = score.supply().customerHours();
            if (i == 0) { // customers at home activate emergency credit at the meter themselves: the meter alerts 8168
                assertThat(tk.db.jdbc().queryForObject("SELECT count(*) FROM meter_alert WHERE code = '8168' AND"
                        + " detail LIKE 'the customer activated%'", java.util.Map.of(), Long.class)).isPositive();
            }
            assertThat(score.supply().customerHoursElectricity() + score.supply().customerHoursGas())
                    .isCloseTo(hours[i], org.assertj.core.data.Offset.offset(0.02));
            if (i > 0) {
                String sent = "Acme Energy sent " + (i == 1 ? "2.5" : "2.1 (calendar 00:00-24:00)");
                assertThat(score.faults()).singleElement().satisfies(f -> assertThat(f.what()).startsWith(sent));
            }
            System.out.printf("protection scenario %d: %.2f customer-hours off supply (electricity %.2f, gas %.2f),"
                    + " %d lost supply%n", i, hours[i], score.supply().customerHoursElectricity(),
                    score.supply().customerHoursGas(), score.supply().lostSupply());
        }
        assertThat(hours[0]).as("no protection").isGreaterThan(hours[1]);
        assertThat(hours[1]).as("emergency credit at T+6h").isGreaterThan(hours[2]);
    }

    @Test
    void theSameScenarioAndCommandsGiveTheSameScore() {
        RehearsalScore.Score[] scores = new RehearsalScore.Score[2];
        for (int i = 0; i < 2; i++) {
            Toolkit tk = new Toolkit(dir, "d" + i);
            tk.start(SMALL);
            tk.checklist.change(tk.event(), ALICE, new StepRequest("P1-01", StepAction.START, null, null, null, false));
            tk.rehearsals.advance("3h", TRAINER);
            tk.checklist.change(tk.event(), ALICE, new StepRequest("P1-01", StepAction.DONE, "told", null, null, false));
            tk.safeModeAll();
            tk.campaign(ALL);
            tk.rehearsals.advance("8h", TRAINER);
            tk.campaign(RETRY);
            tk.rehearsals.advance("1d", TRAINER);
            scores[i] = tk.rehearsals.end(TRAINER);
        }
        assertThat(scores[1]).isEqualTo(scores[0]);
        RehearsalScore.RoleScore fs = scores[0].roles().stream().filter(r -> r.role() == PartyRole.FAILING_SUPPLIER)
                .findFirst().orElseThrow();
        assertThat(fs.late()).as("P1-01 was due at T and done at T+3h").isEqualTo(1);
        assertThat(scores[0].campaign().completedAt()).isPresent();
        assertThat(scores[0].ended()).isTrue();
    }

    // ---- bad input: one clear message, nothing written

    @Test
    void aBadScenarioStartsNothing() {
        for (String bad : List.of("unknown-fault-type", "fault-before-appointment", "fleet-size-zero",
                "unknown-trainee-role", "unknown-playbook")) {
            Toolkit tk = new Toolkit(dir, bad);
            String before = Fixtures.snapshot(tk.db);
            assertThatThrownBy(() -> tk.start(Path.of("src/test/resources/scenarios/invalid/" + bad + ".yaml")))
                    .isInstanceOf(RehearsalException.class).hasMessageContaining("scenario src/test/resources/"
                            + "scenarios/invalid/" + bad + ".yaml is invalid (1 problem, first:")
                    .hasMessageContaining("rehearsal validate");
            assertThat(Fixtures.snapshot(tk.db)).isEqualTo(before);
            assertThat(tk.smki).doesNotExist();
        }
    }

    @Test
    void aStartInterruptedAfterWritingItsSmkiFolderIsNamedAndNothingIsWritten() throws Exception {
        Toolkit tk = new Toolkit(dir, "left");
        Files.createDirectories(tk.smki.resolve("ca"));
        String before = Fixtures.snapshot(tk.db);
        assertRefused(tk, () -> tk.start(SMALL), "SMKI folder " + tk.smki.toAbsolutePath() + " exists and is not empty",
                "smki-dir");
        assertThat(Fixtures.snapshot(tk.db)).isEqualTo(before);
        assertThat(tk.smki.resolve("ca")).as("what was there is left alone").isDirectory();
    }

    @Test
    void theClockRefusesBadDurationsAndGoingBackWritingNothing() {
        Toolkit tk = new Toolkit(dir, "c");
        tk.start(SMALL);
        tk.rehearsals.advance("2h", TRAINER);
        String before = Fixtures.snapshot(tk.db);
        assertRefused(tk, () -> tk.rehearsals.advance("-1h", TRAINER), "clock advance '-1h' is negative");
        assertRefused(tk, () -> tk.rehearsals.advance("6 fortnights", TRAINER), "clock advance '6 fortnights' is not a"
                + " duration"); // "6 hours" is a duration now (issue 14)
        assertRefused(tk, () -> tk.rehearsals.advance("0h", TRAINER), "is zero");
        assertRefused(tk, () -> tk.rehearsals.advance("", TRAINER), "is not a duration");
        assertRefused(tk, () -> tk.rehearsals.set("2026-11-20T10:00:00Z", TRAINER), "clock set 2026-11-20T10:00:00Z is"
                + " not after the simulated time now (2026-11-20T11:00:00Z): the clock only moves forward");
        assertRefused(tk, () -> tk.rehearsals.set("tomorrow", TRAINER), "is not an ISO-8601 instant");
        assertThat(Fixtures.snapshot(tk.db)).isEqualTo(before);
        assertThat(tk.rehearsals.set("2026-11-20T12:00:00Z", TRAINER).to()).isEqualTo(Instant.parse(
                "2026-11-20T12:00:00Z"));
    }

    @Test
    void rehearsalCommandsNeedARunningRehearsalAndNeverTouchALiveEvent() {
        Toolkit none = new Toolkit(dir, "none");
        for (ThrowingCallable c : List.<ThrowingCallable>of(() -> none.rehearsals.advance("1h", TRAINER),
                () -> none.rehearsals.set("2026-11-21T00:00:00Z", TRAINER), () -> none.rehearsals.end(TRAINER),
                none.rehearsals::status, none.rehearsals::score)) {
            assertThatThrownBy(c).isInstanceOf(RehearsalException.class).hasMessageContaining("rehearsal start FILE")
                    .matches(e -> ((ToolkitException) e).code().equals("NO_REHEARSAL"));
        }
        Toolkit live = new Toolkit(dir, "live");
        live.events.create(new NewEvent("Acme failure", "Acme Energy", "Bravo Power", List.of(), Fixtures.T, false),
                Fixtures.standardPlaybook(), Optional.empty());
        String before = Fixtures.snapshot(live.db);
        assertRefused(live, () -> live.rehearsals.set("2026-12-01T00:00:00Z", TRAINER), "the current event"
                + " ev-20261120-acme-energy is LIVE: the clock of a live event is real time and cannot be moved");
        assertRefused(live, () -> live.start(SMALL), "holds live event ev-20261120-acme-energy; a rehearsal never"
                + " shares a database with a live event");
        assertThat(Fixtures.snapshot(live.db)).isEqualTo(before);
        assertThat(live.clock.instant()).as("a live event runs on the system clock").isEqualTo(Fixtures.T.plus(
                Duration.ofDays(3)));

        Toolkit rehearsal = new Toolkit(dir, "reh");
        rehearsal.start(SMALL);
        before = Fixtures.snapshot(rehearsal.db);
        assertThatThrownBy(() -> rehearsal.events.create(new NewEvent("Real", "Acme Energy", "Bravo Power", List.of(),
                Fixtures.T, false), Fixtures.standardPlaybook(), Optional.empty())).hasMessageContaining(
                        "a live event never shares a database with a rehearsal");
        assertRefused(rehearsal, () -> rehearsal.start(SMALL), "rehearsal ev-20261120-acme-energy is running");
        assertThat(Fixtures.snapshot(rehearsal.db)).isEqualTo(before);
        rehearsal.rehearsals.end(TRAINER);
        assertRefused(rehearsal, () -> rehearsal.rehearsals.advance("1h", TRAINER), "rehearsal"
                + " ev-20261120-acme-energy ended at 2026-11-20T09:00:00Z");
        assertThat(rehearsal.rehearsals.score().ended()).as("the score stays readable after the end").isTrue();
    }

    private void assertRefused(Toolkit tk, ThrowingCallable c, String... fragments) {
        long rows = tk.auditRows();
        var a = assertThatThrownBy(c).isInstanceOf(ToolkitException.class);
        for (String f : fragments) {
            a.hasMessageContaining(f);
        }
        assertThat(tk.auditRows()).as("nothing audited, nothing written").isEqualTo(rows);
    }

    private Path scenario(String id, String... faults) throws Exception {
        return scenarioWith(id, "", faults);
    }

    private Path scenarioWith(String id, String extra, String... faults) throws Exception {
        String base = Files.readString(SMALL);
        String head = base.substring(0, base.indexOf("faults:")).replace("id: small", "id: " + id)
                .replace("count: 60", extra.isEmpty() ? "count: 60" : "count: 200").replace("prepayment_share: 0.5",
                        extra.isEmpty() ? "prepayment_share: 0.5" : "prepayment_share: 1.0") + extra;
        Path f = dir.resolve(id + ".yaml");
        Files.writeString(f, head.replace("playbook: solr-standard", "playbook: " + Path.of(
                "playbooks/solr-standard.yaml").toAbsolutePath()) + "faults:\n" + String.join("\n", faults) + "\n");
        return f;
    }
}
