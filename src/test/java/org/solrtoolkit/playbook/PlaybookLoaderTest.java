package org.solrtoolkit.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaybookLoaderTest {

    private static final Path FIXTURES = Path.of("src/test/resources/playbooks");
    private final PlaybookLoader loader = new PlaybookLoader();

    private List<String> errors(String file) {
        PlaybookValidation v = loader.validate(FIXTURES.resolve("invalid").resolve(file));
        assertThat(v.isValid()).as(file + " must be invalid").isFalse();
        return v.errors().stream().map(PlaybookProblem::toString).toList();
    }

    @Test
    void standardPlaybookHasAllFortyOneStepsInSixPhases() {
        Playbook p = loader.load(Path.of("playbooks/solr-standard.yaml"));
        assertThat(p.id()).isEqualTo("solr-standard");
        assertThat(p.steps()).hasSize(41);
        assertThat(p.phases()).extracting(Phase::id).containsExactly("P0", "P1", "P2", "P3", "P4", "P5");
        assertThat(p.roles()).containsExactlyInAnyOrder(PartyRole.FAILING_SUPPLIER, PartyRole.SOLR, PartyRole.SRP);
        StepDefinition safeMode = p.step("P2-03").orElseThrow();
        assertThat(safeMode.role()).isEqualTo(PartyRole.SRP);
        assertThat(safeMode.dependsOn()).containsExactly("P1-02", "P1-06", "P1-07", "P2-02");
        assertThat(safeMode.due().text()).isEqualTo("T+48h");
        assertThat(safeMode.source()).contains("use-of-smki-certificates-relating-to-a-solr-event");
        assertThat(p.step("P0-01").orElseThrow().due().isStanding()).isTrue();
        assertThat(p.sha256()).hasSize(64);
    }

    @Test
    void minimalValidPlaybookLoads() {
        Playbook p = loader.load(FIXTURES.resolve("valid/minimal.yaml"));
        assertThat(p.steps()).extracting(StepDefinition::id).containsExactly("A", "B", "C");
    }

    @Test
    void malformedYamlIsReportedWithItsLine() {
        assertThat(errors("malformed.yaml")).singleElement().asString()
                .startsWith("src/test/resources/playbooks/invalid/malformed.yaml:5: YAML syntax:");
    }

    @Test
    void unknownAndUndeclaredRolesAreReported() {
        assertThat(errors("unknown-role.yaml")).containsExactly(
                "src/test/resources/playbooks/invalid/unknown-role.yaml:10: step A: unknown role 'SUPPLIER' (known: "
                        + PartyRole.names() + ")",
                "src/test/resources/playbooks/invalid/unknown-role.yaml:16: step B: role SRP is not declared in the"
                        + " playbook's roles");
    }

    @Test
    void unknownPhaseIsReported() {
        assertThat(errors("unknown-phase.yaml")).singleElement().asString()
                .endsWith(":11: step A: unknown phase 'P9' (phases: P1)");
    }

    @Test
    void duplicateStepIdIsReportedWithTheFirstLine() {
        assertThat(errors("duplicate-step.yaml")).singleElement().asString()
                .endsWith(":15: duplicate step id 'A' (first at line 9)");
    }

    @Test
    void dependencyOnUnknownStepIsReported() {
        assertThat(errors("unknown-dependency.yaml")).singleElement().asString()
                .endsWith(":14: step A: depends on unknown step 'Z9'");
    }

    @Test
    void dependencyCycleNamesItsSteps() {
        assertThat(errors("cycle.yaml")).singleElement().asString()
                .endsWith(":9: dependency cycle: A -> C -> B -> A");
    }

    @Test
    void badDueIsReportedForEveryStep() {
        List<String> errors = errors("bad-due.yaml");
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0)).contains(":14: step A: bad due 'tomorrow'");
        assertThat(errors.get(1)).contains(":20: step B: bad due 'T+4w'");
    }

    @Test
    void missingFieldsAreEachReported() {
        assertThat(errors("missing-field.yaml")).containsExactly(
                "src/test/resources/playbooks/invalid/missing-field.yaml:1: playbook: missing field 'version'",
                "src/test/resources/playbooks/invalid/missing-field.yaml:8: step A: missing field 'role'",
                "src/test/resources/playbooks/invalid/missing-field.yaml:8: step A: missing field 'due'");
    }

    @Test
    void reportsEveryProblemNotJustTheFirst() {
        List<String> errors = errors("many-problems.yaml");
        assertThat(errors).anyMatch(e -> e.contains(":4: unknown role 'WIZARD' in roles"))
                .anyMatch(e -> e.contains(":11: step A: unknown phase 'P2'"))
                .anyMatch(e -> e.contains(":14: step A: depends on unknown step 'NOPE'"))
                .anyMatch(e -> e.contains(":22: step B: bad due 'soon'"))
                .anyMatch(e -> e.contains(":23: duplicate step id 'B'"))
                .anyMatch(e -> e.contains(":29: step: unknown field 'colour'"))
                .anyMatch(e -> e.contains("dependency cycle: A -> B -> A"));
        assertThat(errors).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void stepDueBeforeItsDependencyIsOnlyAWarning() {
        PlaybookValidation v = loader.validate(Path.of("playbooks/solr-standard.yaml"));
        assertThat(v.isValid()).isTrue();
        assertThat(v.problems()).isNotEmpty().allMatch(p -> p.severity() == PlaybookProblem.Severity.WARNING);
    }

    @Test
    void loadRefusesAnInvalidPlaybookNamingTheFirstProblem() {
        assertThatThrownBy(() -> loader.load(FIXTURES.resolve("invalid/cycle.yaml")))
                .isInstanceOf(PlaybookException.class)
                .hasMessageContaining("is invalid (1 problem, first:")
                .hasMessageContaining("dependency cycle")
                .extracting(e -> ((PlaybookException) e).errorCode()).isEqualTo(PlaybookException.Code.INVALID);
    }

    @Test
    void catalogFindsByIdAndNamesWhatExistsWhenNotFound(@TempDir Path dir) throws Exception {
        Files.copy(FIXTURES.resolve("valid/minimal.yaml"), dir.resolve("minimal.yaml"));
        Files.copy(FIXTURES.resolve("invalid/cycle.yaml"), dir.resolve("cycle.yaml"));
        PlaybookCatalog catalog = new PlaybookCatalog(loader);
        assertThat(catalog.list(dir)).hasSize(2);
        assertThat(catalog.find(dir, "minimal").steps()).hasSize(3);
        assertThatThrownBy(() -> catalog.find(dir, "nope"))
                .isInstanceOf(PlaybookException.class)
                .hasMessage("unknown playbook 'nope': none in " + dir + " has that id (found: minimal); see 'playbook list'");
        assertThatThrownBy(() -> catalog.find(dir, "cycle")).hasMessageContaining("dependency cycle");
    }
}
