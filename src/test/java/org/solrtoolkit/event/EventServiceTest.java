package org.solrtoolkit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.playbook.Playbook;
import org.solrtoolkit.playbook.PlaybookLoader;

class EventServiceTest {

    @TempDir
    Path dir;
    private EventFixture f;

    /** The database the tests run on; {@code EventServiceOnServerTest} runs them all on PostgreSQL. */
    org.solrtoolkit.store.TestDatabase database() {
        return org.solrtoolkit.store.TestDatabase.SQLITE;
    }

    @BeforeEach
    void setUp() {
        f = new EventFixture(database().open(dir));
    }

    @Test
    void createdEventHasPartiesFrozenPlaybookAndBecomesCurrent() {
        Event e = f.event;
        assertThat(e.id()).isEqualTo("ev-20261120-acme-energy");
        assertThat(e.appointedAt()).isEqualTo(Fixtures.T);
        assertThat(e.parties()).extracting(Party::toString).containsExactly("Acme Energy (FAILING_SUPPLIER)",
                "Bravo Power (SOLR)", "Acme SRP (SRP for Acme Energy)", "Bravo SRP (SRP for Bravo Power)");
        assertThat(e.playbookSha256()).isEqualTo(Fixtures.standardPlaybook().sha256());
        assertThat(f.events.current()).contains(e);
        assertThat(f.checklist.steps(e)).hasSize(41).allMatch(s -> s.status() == StepStatus.NOT_STARTED);
        assertThat(f.trail.log(e, null)).singleElement().satisfies(r -> {
            assertThat(r.entry().action()).isEqualTo("event.create");
            assertThat(r.entry().actor()).isEqualTo("Bob");
            assertThat(r.entry().detail()).contains("\"sha256\":\"" + e.playbookSha256() + "\"");
        });
    }

    @Test
    void dueTimesComeFromTAndTheFrozenPlaybook(@TempDir Path pdir) throws Exception {
        Path copy = pdir.resolve("solr-standard.yaml");
        Files.copy(Path.of("playbooks/solr-standard.yaml"), copy);
        Playbook p = new PlaybookLoader().load(copy);
        Event e = f.events.create(EventFixture.standardEvent(), p, Optional.empty());
        Files.writeString(copy, Files.readString(copy).replace("due: T+48h", "due: T+1h"));
        StepView safeMode = f.checklist.step(e, "P2-03");
        assertThat(safeMode.due()).isEqualTo("T+48h");
        assertThat(safeMode.dueAt()).contains(Fixtures.T.plusSeconds(48 * 3600));
        assertThat(e.id()).isEqualTo("ev-20261120-acme-energy-2");
    }

    @Test
    void srpMustActForTheFailingSupplierOrTheSolrAndNothingIsWritten() {
        String before = Fixtures.snapshot(f.db);
        NewEvent bad = new NewEvent("x", "Acme Energy", "Bravo Power", List.of(new NewEvent.Srp("Zed SRP", "Zed Gas")),
                Fixtures.T, false);
        assertThatThrownBy(() -> f.events.create(bad, Fixtures.standardPlaybook(), Optional.empty()))
                .isInstanceOf(EventException.class)
                .hasMessage("srp 'Zed SRP:Zed Gas': an SRP acts for the failing supplier ('Acme Energy') or the"
                        + " SoLR ('Bravo Power')");
        assertThat(Fixtures.snapshot(f.db)).isEqualTo(before);
    }

    @Test
    void srpOptionMustParse() {
        assertThatThrownBy(() -> NewEvent.Srp.parse("Acme SRP"))
                .hasMessage("srp 'Acme SRP' does not parse: use NAME:ACTS_FOR, e.g. 'Acme SRP:Acme Energy'");
        assertThat(NewEvent.Srp.parse("Acme SRP:Acme Energy")).isEqualTo(new NewEvent.Srp("Acme SRP", "Acme Energy"));
    }

    @Test
    void failingSupplierAndSolrMustDiffer() {
        NewEvent bad = new NewEvent("x", "Acme Energy", "acme energy", List.of(), Fixtures.T, false);
        assertThatThrownBy(() -> f.events.create(bad, Fixtures.standardPlaybook(), Optional.empty()))
                .hasMessageContaining("the SoLR is a different supplier");
    }

    @Test
    void invalidAppointedAtIsRefusedWithTheAcceptedForm() {
        assertThatThrownBy(() -> Instants.parse("--appointed-at", "20/11/2026 09:00"))
                .isInstanceOf(EventException.class)
                .hasMessage("--appointed-at '20/11/2026 09:00' is not an ISO-8601 instant with a zone;"
                        + " use e.g. 2026-11-20T09:00:00Z");
        assertThatThrownBy(() -> Instants.parse("--appointed-at", "2026-11-20T09:00:00")).isInstanceOf(EventException.class);
        assertThat(Instants.parse("--appointed-at", "2026-11-20T10:00:00+01:00")).isEqualTo(Fixtures.T);
    }

    @Test
    void unknownEventIsRefusedAndCurrentStaysAsItWas() {
        String before = Fixtures.snapshot(f.db);
        assertThatThrownBy(() -> f.events.use("ev-nope"))
                .isInstanceOf(EventException.class)
                .hasMessage("unknown event 'ev-nope'; see 'event list'");
        assertThat(Fixtures.snapshot(f.db)).isEqualTo(before);
    }

    @Test
    void noCurrentEventSaysHowToGetOne(@TempDir Path other) {
        var db = database().open(other);
        EventService empty = new EventService(() -> db, f.audit, f.clock);
        assertThatThrownBy(empty::requireCurrent)
                .isInstanceOf(EventException.class)
                .hasMessage("no current event; create one with 'event create ...' or choose one with 'event use ID'");
    }

    @Test
    void useSwitchesTheCurrentEvent() {
        Event second = f.events.create(new NewEvent("Zed failure", "Zed Gas", "Bravo Power", List.of(),
                Fixtures.T.plusSeconds(86400), true), Fixtures.standardPlaybook(), Optional.empty());
        assertThat(f.events.current()).contains(second);
        assertThat(second.isRehearsal()).isTrue();
        f.events.use(f.event.id());
        assertThat(f.events.current().map(Event::id)).contains(f.event.id());
        assertThat(f.events.list()).hasSize(2);
        assertThat(f.db.jdbc().queryForObject("SELECT count(*) FROM audit", Map.of(), Integer.class)).isEqualTo(2);
    }

    @Test
    void operatorStringsParseOrSayTheForm() {
        Operator op = Operator.parse("Sam@Acme SRP:srp");
        assertThat(op.role()).isEqualTo(PartyRole.SRP);
        assertThat(op.toString()).isEqualTo("Sam@Acme SRP:SRP");
        for (String bad : new String[] {"Sam", "Sam@Acme", "@Acme:SRP", "Sam@:SRP", "Sam@Acme:"}) {
            assertThatThrownBy(() -> Operator.parse(bad)).as(bad)
                    .isInstanceOf(EventException.class)
                    .hasMessageContaining("does not parse: use Name@Party:ROLE");
        }
        assertThatThrownBy(() -> Operator.parse("Sam@Acme:WIZARD"))
                .hasMessage("operator 'Sam@Acme:WIZARD': unknown role 'WIZARD' (roles: " + PartyRole.names() + ")");
    }

    @Test
    void aRecoveryEventTakesItsPartiesByRoleAndRefusesMissingOrMisplacedOnes() {
        Playbook recovery = new PlaybookLoader().load(Path.of("playbooks/smki-recovery.yaml"));
        List<Party> three = List.of(NewEvent.party("Acme Energy:AFFECTED_PARTY"), NewEvent.party("DCC:dcc"),
                NewEvent.party("SMKI PMA:PMA"));
        String before = Fixtures.snapshot(f.db);
        assertThatThrownBy(() -> f.events.create(new NewEvent("Key", null, null, List.of(), Fixtures.T, false,
                three.subList(0, 2)), recovery, Optional.empty())).isInstanceOf(EventException.class)
                .hasMessage("playbook smki-recovery has steps for PMA: give its party with party NAME:PMA");
        assertThatThrownBy(() -> f.events.create(new NewEvent("Key", "Acme Energy", "Bravo Power", List.of(),
                Fixtures.T, false, three), recovery, Optional.empty())).hasMessageContaining("playbook smki-recovery"
                        + " has no Failing Supplier or SoLR: give its parties with party NAME:ROLE");
        assertThatThrownBy(() -> f.events.create(new NewEvent("Acme", "Acme Energy", "Bravo Power", List.of(),
                Fixtures.T, false, List.of(NewEvent.party("Zed:PMA"))), Fixtures.standardPlaybook(), Optional.empty()))
                .hasMessageContaining("party 'Zed:PMA': playbook solr-standard takes party for []");
        assertThatThrownBy(() -> NewEvent.party("Acme Energy")).hasMessageContaining("does not parse: use NAME:ROLE");
        assertThatThrownBy(() -> NewEvent.party("Acme:BOSS")).hasMessageContaining("does not parse: use NAME:ROLE");
        assertThat(Fixtures.snapshot(f.db)).isEqualTo(before);
        Event e = f.events.create(new NewEvent("Acme DS key compromise", null, null, List.of(), Fixtures.T, false,
                three), recovery, Optional.empty());
        assertThat(e.id()).as("named after its first party").isEqualTo("ev-20261120-acme-energy-2");
        assertThat(e.parties()).extracting(Party::role).containsExactly(PartyRole.AFFECTED_PARTY, PartyRole.DCC,
                PartyRole.PMA);
    }
}
