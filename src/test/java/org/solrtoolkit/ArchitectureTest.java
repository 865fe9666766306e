package org.solrtoolkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency rules of design.md: shell on top, features below, no cycles, no printing in domain code. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.solrtoolkit");

    /** The application lists its components and command classes instead of scanning for them: all of them. */
    @Test
    void theApplicationListsEveryComponentAndCommandClassOfTheShell() {
        Class<?> app = org.solrtoolkit.shell.SolrToolkitApplication.class;
        java.util.Set<String> imported = java.util.Arrays.stream(app.getAnnotation(
                org.springframework.context.annotation.Import.class).value()).map(Class::getName)
                .collect(java.util.stream.Collectors.toSet());
        java.util.Set<String> commands = java.util.Arrays.stream(app.getAnnotation(
                org.springframework.shell.command.annotation.EnableCommand.class).value()).map(Class::getName)
                .collect(java.util.stream.Collectors.toSet());
        java.util.Set<String> components = new java.util.TreeSet<>();
        java.util.Set<String> commandClasses = new java.util.TreeSet<>();
        for (com.tngtech.archunit.core.domain.JavaClass c : CLASSES) {
            if (!c.getPackageName().equals("org.solrtoolkit.shell") || c.getName().equals(app.getName())) {
                continue;
            }
            if (c.isMetaAnnotatedWith(org.springframework.stereotype.Component.class)
                    || c.isAnnotatedWith(org.springframework.stereotype.Component.class)) {
                components.add(c.getName());
            }
            if (c.isAnnotatedWith(org.springframework.shell.command.annotation.Command.class)) {
                commandClasses.add(c.getName());
            }
        }
        org.assertj.core.api.Assertions.assertThat(new java.util.TreeSet<>(imported)).as("@Import").isEqualTo(components);
        org.assertj.core.api.Assertions.assertThat(new java.util.TreeSet<>(commands)).as("@EnableCommand")
                .isEqualTo(commandClasses);
    }

    @Test
    void nothingImportsTheShell() {
        noClasses().that().resideOutsideOfPackage("..shell..")
                .should().dependOnClassesThat().resideInAPackage("..shell..").check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("org.solrtoolkit.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void leafFeaturesDependOnNoOtherFeature() {
        for (String leaf : new String[] {"playbook", "audit", "store"}) {
            noClasses().that().resideInAPackage("org.solrtoolkit." + leaf + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(
                            otherFeatures(leaf, "playbook", "audit", "event", "pki", "shell"))
                    .check(CLASSES);
        }
    }

    @Test
    void pkiUsesOnlyTheStoreAndTheAuditLog() {
        noClasses().that().resideInAPackage("org.solrtoolkit.pki..")
                .should().dependOnClassesThat().resideInAnyPackage("org.solrtoolkit.event..",
                        "org.solrtoolkit.playbook..", "org.solrtoolkit.shell..")
                .check(CLASSES);
    }

    @Test
    void playbooksNeedNoDatabase() {
        noClasses().that().resideInAPackage("org.solrtoolkit.playbook..")
                .should().dependOnClassesThat().resideInAnyPackage("org.solrtoolkit.store..", "org.solrtoolkit.event..")
                .check(CLASSES);
    }

    @Test
    void devicesDependOnlyOnThePki() {
        noClasses().that().resideInAPackage("org.solrtoolkit.device..")
                .should().dependOnClassesThat().resideInAnyPackage("org.solrtoolkit.event..",
                        "org.solrtoolkit.playbook..", "org.solrtoolkit.shell..")
                .check(CLASSES);
    }

    @Test
    void theWireFormatsDependOnlyOnThePki() {
        noClasses().that().resideInAPackage("org.solrtoolkit.wire..")
                .should().dependOnClassesThat().resideInAnyPackage("org.solrtoolkit.event..", "org.solrtoolkit.device..",
                        "org.solrtoolkit.migration..", "org.solrtoolkit.store..", "org.solrtoolkit.audit..",
                        "org.solrtoolkit.playbook..", "org.solrtoolkit.shell..")
                .check(CLASSES);
    }

    @Test
    void theSimulatedDccSpeaksWireFormatsAndKnowsNoDevicesInternals() {
        noClasses().that().resideInAPackage("org.solrtoolkit.dcc..")
                .should().dependOnClassesThat().resideInAnyPackage("org.solrtoolkit.event..", "org.solrtoolkit.device..",
                        "org.solrtoolkit.migration..", "org.solrtoolkit.playbook..", "org.solrtoolkit.shell..")
                .check(CLASSES);
    }

    @Test
    void onlyTheShellDependsOnRehearsalsAndReports() {
        for (String top : new String[] {"rehearsal", "report"}) {
            noClasses().that().resideOutsideOfPackages("org.solrtoolkit.shell..", "org.solrtoolkit." + top + "..")
                    .should().dependOnClassesThat().resideInAPackage("org.solrtoolkit." + top + "..").check(CLASSES);
        }
    }

    @Test
    void domainCodeNeverPrints() {
        noClasses().that().resideOutsideOfPackage("..shell..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(CLASSES);
    }

    private static String[] otherFeatures(String self, String... features) {
        return java.util.Arrays.stream(features).filter(f -> !f.equals(self)).map(f -> "org.solrtoolkit." + f + "..")
                .toArray(String[]::new);
    }
}
