package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptRunnerTest {

    @Test
    void skipsCommentsAndBlankLinesAndJoinsContinuedLines(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("drill.txt");
        Files.writeString(script, "// first hour\n\nevent list\n  // indented comment\nstep start \\\n  P1-01\r\nchecklist next\n");
        assertThat(ScriptRunner.commands(script)).containsExactly("event list", "step start P1-01", "checklist next");
    }

    @Test
    void unreadableScriptIsAUsageError(@TempDir Path dir) {
        assertThatThrownBy(() -> ScriptRunner.commands(dir.resolve("nope.txt")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("nope.txt cannot be read (NoSuchFileException)")
                .extracting(ExitCodes::of).isEqualTo(2);
    }
}
