package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the toolkit as a real process in a working directory, as a user or a script would (through
 * the launcher, or {@code java -jar} where asked), and captures exit code, stdout and stderr.
 */
final class Cli {

    /** What one run printed and returned. */
    record Result(int code, String out, String err) {

        /** A refusal: the exit code, exactly one line on stderr, nothing on stdout. */
        Result refused(int expectedCode, String errContains) {
            assertThat(code).as("exit code; stderr: " + err).isEqualTo(expectedCode);
            assertThat(out).as("stdout of a refused command").isEmpty();
            assertThat(err.strip().lines()).as("stderr").hasSize(1);
            assertThat(err).contains(errContains);
            return this;
        }

        Result ok() {
            assertThat(code).as("exit code; stderr: " + err + "; stdout: " + out).isZero();
            return this;
        }
    }

    private final Path jar = Path.of(System.getProperty("solrToolkit.jar", "target/solr-toolkit.jar")).toAbsolutePath();
    /** The user's path (README): the launcher the build leaves, with its class-data-sharing archive. */
    static final Path LAUNCHER = Path.of(System.getProperty("solrToolkit.launcher",
            "target/solr-toolkit/bin/solr-toolkit")).toAbsolutePath();
    /**
     * {@code SOLR_TOOLKIT_JAVA_OPTS} for the tests' runs: their fleets are tens of meters, for which
     * C1 alone starts and finishes a command sooner than the both compilers the launcher gives a long
     * command (LauncherIT checks that choice itself); the JIT changes no output. A test's own
     * {@link #env} wins.
     */
    static final String SMALL_FLEET_JIT = "-XX:TieredStopAtLevel=1";
    private boolean viaJar;
    private final Path dir;
    private final Map<String, String> env = new LinkedHashMap<>();

    Cli(Path dir) throws IOException {
        this.dir = dir;
        Path playbooks = dir.resolve("playbooks");
        if (!Files.exists(playbooks)) {
            Files.createDirectories(playbooks);
            Files.copy(Path.of("playbooks/solr-standard.yaml"), playbooks.resolve("solr-standard.yaml"));
        }
    }

    /** Runs {@code java -jar target/solr-toolkit.jar} instead of the launcher (which must keep working too). */
    Cli viaJar() {
        viaJar = true;
        return this;
    }

    Cli env(String key, String value) {
        env.put(key, value);
        return this;
    }

    Process start(String stdin, String... args) throws IOException {
        // Ctrl-C as a user's shell delivers it: a harness started in the background (a CI job, `cmd &`) passes
        // SIGINT on ignored, and a JVM never handles a signal ignored at its start
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT"));
        cmd.addAll(viaJar ? List.of("java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar", jar.toString())
                : List.of(LAUNCHER.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("SOLR_TOOLKIT_DB");
        pb.environment().remove("SOLR_TOOLKIT_OPERATOR");
        pb.environment().put("SOLR_TOOLKIT_JAVA_OPTS", SMALL_FLEET_JIT);
        pb.environment().putAll(env);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        return p;
    }

    static Result finish(Process p) throws Exception {
        var out = p.getInputStream().readAllBytes();
        var err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("process finished").isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    Result run(String... args) throws Exception {
        return finish(start(null, args));
    }

    Result runWithInput(String stdin, String... args) throws Exception {
        return finish(start(stdin, args));
    }
}
