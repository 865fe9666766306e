package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchTest {

    @Test
    void globalOptionsAreTakenOutAndBeatTheEnvironment() {
        Launch l = Launch.parse(new String[] {"--db", "x.db", "step", "start", "P1-01", "--as=Bob@Bravo Power:SOLR",
                "--debug"}, Map.of("SOLR_TOOLKIT_DB", "env.db", "SOLR_TOOLKIT_OPERATOR", "Eve@Zed:SOLR"));
        assertThat(l.db()).isEqualTo(Path.of("x.db"));
        assertThat(Launch.parse(new String[] {"--db", "postgresql://h:5432/solr"}, Map.of()).location())
                .isEqualTo("postgresql://h:5432/solr");
        assertThat(l.operator()).isEqualTo("Bob@Bravo Power:SOLR");
        assertThat(l.debug()).isTrue();
        assertThat(l.mode()).isEqualTo(Launch.Mode.ONE_COMMAND);
        assertThat(l.commandArgs()).containsExactly("step", "start", "P1-01");
    }

    @Test
    void environmentAppliesWhenNoOptionIsGiven() {
        Launch l = Launch.parse(new String[] {"@drill.txt"}, Map.of("SOLR_TOOLKIT_DB", "env.db",
                "SOLR_TOOLKIT_OPERATOR", "Eve@Zed:SOLR"));
        assertThat(l.db()).isEqualTo(Path.of("env.db"));
        assertThat(l.operator()).isEqualTo("Eve@Zed:SOLR");
        assertThat(l.mode()).isEqualTo(Launch.Mode.SCRIPT);
    }

    @Test
    void noCommandOpensTheInteractiveShellWithHistoryBesideTheDatabase() {
        Launch l = Launch.parse(new String[0], Map.of());
        assertThat(l.mode()).isEqualTo(Launch.Mode.INTERACTIVE);
        assertThat(l.db()).isEqualTo(Path.of("solr-toolkit.db"));
        // our InteractiveRunner (Ctrl-C at the prompt) replaces Spring Shell's interactive runner
        assertThat(l.properties()).containsEntry("spring.shell.interactive.enabled", false)
                .containsEntry("spring.shell.history.enabled", true)
                .containsEntry("spring.shell.history.name", Path.of("solr-toolkit.db").toAbsolutePath() + ".history");
    }

    @Test
    void helpAndVersionTheWayGhGivesThem() {
        assertThat(Launch.parse(new String[] {"--help"}, Map.of()).commandArgs()).containsExactly("help");
        assertThat(Launch.parse(new String[] {"-h"}, Map.of()).commandArgs()).containsExactly("help");
        assertThat(Launch.parse(new String[] {"--version"}, Map.of()).mode()).isEqualTo(Launch.Mode.VERSION);
        assertThat(Launch.parse(new String[] {"pki", "renew", "--help"}, Map.of()).commandArgs())
                .containsExactly("help", "pki", "renew");
        for (String[] group : new String[][] {{"pki"}, {"pki", "--help"}, {"pki", "-h"}, {"help", "pki"}}) {
            assertThat(Launch.parse(group, Map.of()).commandArgs()).containsExactly(GroupHelp.COMMAND, "pki");
        }
        // a negative duration is a value, not -h
        assertThat(Launch.parse(new String[] {"clock", "advance", "-1h"}, Map.of()).commandArgs())
                .containsExactly("clock", "advance", "-1h");
    }

    /** The shell's *Commands classes, as compiled. */
    private static java.util.List<Class<?>> commandClasses() throws Exception {
        java.util.List<Class<?>> classes = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(Path.of("target/classes/org/solrtoolkit/shell"))) {
            for (Path f : files.filter(p -> p.toString().endsWith("Commands.class")).toList()) {
                classes.add(Class.forName("org.solrtoolkit.shell." + f.getFileName().toString().replace(".class", "")));
            }
        }
        return classes;
    }

    @Test
    void theGroupsAreTheFirstWordsOfTheCommands() throws Exception {
        java.util.Set<String> groups = new java.util.TreeSet<>();
        for (Class<?> c : commandClasses()) {
            var command = c.getAnnotation(org.springframework.shell.command.annotation.Command.class);
            if (command != null && command.command().length > 0) {
                groups.add(command.command()[0].split(" ")[0]);
            }
        }
        assertThat(groups).containsExactlyInAnyOrderElementsOf(Launch.GROUPS);
    }

    @Test
    void helpListsEveryCommandInTheOrderOfUse() throws Exception {
        java.util.Set<String> commands = new java.util.TreeSet<>();
        for (Class<?> c : commandClasses()) {
            var group = c.getAnnotation(org.springframework.shell.command.annotation.Command.class);
            for (var m : c.getDeclaredMethods()) {
                var command = m.getAnnotation(org.springframework.shell.command.annotation.Command.class);
                if (group != null && command != null && !command.hidden()) {
                    commands.add(group.command()[0] + " " + command.command()[0]);
                }
            }
        }
        assertThat(CommandOrder.COMMANDS).as("commands help orders").containsAll(commands);

        var catalog = new java.util.HashMap<String, org.springframework.shell.command.CommandRegistration>();
        for (String name : java.util.List.of("step show", "event use", "step start", "event create", "help")) {
            catalog.put(name, org.springframework.shell.command.CommandRegistration.builder().command(name)
                    .group(name.startsWith("step") ? "Checklist" : name.startsWith("event") ? "Events" : "Built-In")
                    .description("d").withTarget().function(ctx -> null).and().build());
        }
        assertThat(ToolkitHelp.list(catalog)).isEqualTo("AVAILABLE COMMANDS\n\nEvents\n       event create: d\n"
                + "       event use: d\n\nChecklist\n       step start: d\n       step show: d\n\nBuilt-In\n"
                + "       help: d");
    }

    /** The launcher's long commands (both compilers, issue 16) are commands of the toolkit, or groups of them. */
    @Test
    void theLaunchersLongCommandsAreCommands() throws Exception {
        String launcher = java.nio.file.Files.readString(Path.of("src/main/launcher/solr-toolkit"));
        java.util.regex.Matcher list = java.util.regex.Pattern.compile("long_commands=\\(([^)]*)\\)").matcher(launcher);
        assertThat(list.find()).isTrue();
        java.util.List<String> names = java.util.regex.Pattern.compile("\"([^\"]+)\"").matcher(list.group(1)).results()
                .map(r -> r.group(1)).toList();
        assertThat(names).hasSizeGreaterThan(10).contains("campaign benchmark", "campaign import-duis", "dcc simulate");
        for (String name : names) {
            assertThat(CommandOrder.COMMANDS).as(name).anyMatch(c -> c.equals(name) || c.startsWith(name + " "));
        }
    }

    @Test
    void aNearMissCommandIsSuggested() {
        var commands = java.util.List.of("checklist show", "checklist next", "step start", "step done", "event list");
        assertThat(Suggestions.nearest(java.util.List.of("checklst", "show"), commands)).contains("checklist show");
        assertThat(Suggestions.nearest(java.util.List.of("step", "strat", "P1-03"), commands)).contains("step start");
        assertThat(Suggestions.nearest(java.util.List.of("frobnicate"), commands)).isEmpty();
        assertThat(SolrToolkitApplication.version()).startsWith("solr-toolkit ").contains("Java 17");
    }
}
