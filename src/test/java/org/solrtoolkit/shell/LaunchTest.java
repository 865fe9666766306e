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
        assertThat(l.properties()).containsEntry("spring.shell.interactive.enabled", true)
                .containsEntry("spring.shell.history.name", Path.of("solr-toolkit.db").toAbsolutePath() + ".history");
    }
}
