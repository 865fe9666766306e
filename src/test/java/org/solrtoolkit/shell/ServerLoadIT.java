package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The shared event under load with its server crashing (issue 18), small enough for CI: operator
 * processes of the three organisations work one event on a throwaway PostgreSQL server while it is
 * stopped abruptly (pg_ctl stop -m immediate) and started again. Nothing committed is lost, the
 * chain has no fork and verifies, and a command run while the server is down gets one line and exit
 * 1. {@code .ci/server-load} with its defaults (30 operators, 60 s) is the benchmark.
 */
class ServerLoadIT {

    @Test
    void operatorsWorkOneEventThroughAServerCrashAndNothingCommittedIsLost() throws Exception {
        boolean installed;
        try (var dirs = Files.list(Path.of("/usr/lib/postgresql"))) {
            installed = dirs.anyMatch(d -> Files.isExecutable(d.resolve("bin/initdb")));
        } catch (java.io.IOException e) {
            installed = false;
        }
        Assumptions.assumeTrue(installed, "PostgreSQL is not installed here (.ci/run installs it)");
        Process p = new ProcessBuilder("bash", ".ci/server-load", "6", "16", "3").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("6 operators mapped", "while down: exit 1: database server localhost:")
                .contains("lost updates 0, audit chain forks 0, audit verify OK",
                        "PASS: no lost update, no fork, the chain verifies", "audit verify OK:");
        assertThat(out).containsPattern("6 operators, 16 s: [0-9,]+ step changes committed");
        assertThat(out).doesNotContain("unexpected error");
    }
}
