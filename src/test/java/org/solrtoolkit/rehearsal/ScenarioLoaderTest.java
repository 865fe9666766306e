package org.solrtoolkit.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.playbook.PlaybookCatalog;
import org.solrtoolkit.playbook.PlaybookLoader;
import org.solrtoolkit.playbook.PlaybookProblem;

/** Scenario files: the valid ones load, each invalid one is reported on its line (no Spring, no database). */
class ScenarioLoaderTest {

    static final Path SCENARIOS = Path.of("src/test/resources/scenarios");
    final ScenarioLoader loader = new ScenarioLoader(new PlaybookCatalog(new PlaybookLoader()));

    @TempDir
    Path dir;

    @Test
    void theQuickstartAndTheSmallScenarioAreValid() {
        Scenario q = loader.load(Path.of("playbooks/scenarios/quickstart.yaml"));
        assertThat(q.playbook().id()).isEqualTo("solr-standard");
        assertThat(q.fleet().count()).isEqualTo(2000);
        assertThat(q.trainees()).hasSize(3);
        Scenario s = loader.load(SCENARIOS.resolve("valid/small.yaml"));
        assertThat(s.faults()).extracting(Scenario.Fault::type).containsExactly(FaultType.ROOT_CELL_DIFFERS,
                FaultType.METERS_OFFLINE, FaultType.UNKNOWN_KA_ISSUER, FaultType.MPIDS_TRANSFERRED_EARLY,
                FaultType.EARLY_REVOCATION, FaultType.COMPROMISED_KEY);
        assertThat(s.faults().get(1).until()).contains(Duration.ofHours(4));
        assertThat(s.faults().get(4).at()).as("an ISO instant is an offset from T").isEqualTo(Duration.ofHours(12));
        assertThat(s.seed()).isEqualTo(7);
    }

    @Test
    void anUnknownFaultTypeIsReportedOnItsLine() {
        assertThat(problems("invalid/unknown-fault-type.yaml")).containsExactly("unknown-fault-type.yaml:28: unknown"
                + " fault type 'solar-flare' (known: meters-offline, root-cell-differs, unknown-ka-issuer,"
                + " mpids-transferred-early, early-revocation, compromised-key, customers-away, protect)");
    }

    @Test
    void aFaultBeforeTheAppointmentIsReported() {
        assertThat(problems("invalid/fault-before-appointment.yaml")).containsExactly("fault-before-appointment.yaml:25:"
                + " fault mpids-transferred-early: at 'T-2h' is before the appointment (T); faults strike at T or later");
    }

    @Test
    void aFleetOfNoMetersIsReported() {
        assertThat(problems("invalid/fleet-size-zero.yaml")).containsExactly("fleet-size-zero.yaml:14: fleet count 0"
                + " must be 1 to 10000000");
    }

    @Test
    void aTraineeWithAnUnknownRoleIsReported() {
        assertThat(problems("invalid/unknown-trainee-role.yaml")).containsExactly("unknown-trainee-role.yaml:22:"
                + " trainee Sam: unknown role 'TRAINER' (known: FAILING_SUPPLIER, SOLR, SRP, DCC, PMA, AFFECTED_PARTY)");
    }

    @Test
    void anUnknownPlaybookIsReported() {
        List<String> p = problems("invalid/unknown-playbook.yaml");
        assertThat(p).hasSize(1);
        assertThat(p.get(0)).startsWith("unknown-playbook.yaml:4: playbook 'solr-deluxe': unknown playbook"
                + " 'solr-deluxe'");
    }

    @Test
    void everyProblemOfAFileIsReportedNotJustTheFirst() throws Exception {
        Path f = dir.resolve("many.yaml");
        Files.writeString(f, String.join("\n",
                "id: many",
                "playbook: solr-standard",
                "appointment: 2026-11-20T09:00:00Z",
                "parties: {failing_supplier: Acme Energy, solr: Acme Energy}",
                "fleet: {count: 10, prepayment_share: 1.5}",
                "trainees:",
                "  - {name: Zed, party: Nobody, role: SOLR}",
                "faults:",
                "  - {type: meters-offline, at: T+2h}",
                "  - {type: root-cell-differs, at: T+3h, until: T+4h, meters: 2}",
                "  - {type: compromised-key, at: T+1h, party: Acme Energy, key: tcos-ds}",
                ""));
        assertThat(loader.validate(f).errors()).extracting(PlaybookProblem::line, PlaybookProblem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(4, "parties: the SoLR must be a different supplier from the"
                                + " failing supplier"),
                        org.assertj.core.groups.Tuple.tuple(5, "fleet prepayment_share 1.5 must be 0 to 1"),
                        org.assertj.core.groups.Tuple.tuple(7, "trainee Zed: 'Nobody' is not the scenario's SOLR party"),
                        org.assertj.core.groups.Tuple.tuple(9, "fault meters-offline: missing field 'until' (when the"
                                + " window ends, e.g. T+8h)"),
                        org.assertj.core.groups.Tuple.tuple(9, "fault meters-offline: missing field 'share' (e.g. 0.05"
                                + " for 5% of meters)"),
                        org.assertj.core.groups.Tuple.tuple(10, "fault root-cell-differs: has no end; drop 'until'"),
                        org.assertj.core.groups.Tuple.tuple(11, "fault compromised-key: key 'tcos-ds' is not one of"
                                + " supplier-ds, supplier-ka, supplier-ka-topup"));
    }

    private List<String> problems(String file) {
        return loader.validate(SCENARIOS.resolve(file)).errors().stream()
                .map(p -> Path.of(p.file()).getFileName() + ":" + p.line() + ": " + p.message()).toList();
    }
}
