package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher (issue 13): from any directory, with the project's playbooks; before the build it
 * says to build (exit 2); a stale or broken archive is ignored, never a crash; a broken copy of
 * SQLite's native library falls back to the driver's own; a jar without the build's AOT bean
 * definitions starts without them; a read-only copy of the layout runs;
 * {@code java -jar} keeps working. Each case runs a copy of the built layout.
 */
class LauncherIT {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(Path launcher, Path cwd, String stdin, String... args) throws Exception {
        return runWith(launcher, cwd, java.util.Map.of(), stdin, args);
    }

    /** The launcher run with {@code env} added to the environment (the database and operator from it removed). */
    private static Run runWith(Path launcher, Path cwd, java.util.Map<String, String> env, String stdin, String... args)
            throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove("SOLR_TOOLKIT_DB");
        pb.environment().remove("SOLR_TOOLKIT_OPERATOR");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes());
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        String err = new String(p.getErrorStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    /** A copy of the project as a fresh clone has it after the build: playbooks, the launcher, the layout. */
    private Path project(boolean built) throws Exception {
        Path root = dir.resolve("project");
        Files.createDirectories(root.resolve("src/main/launcher"));
        Files.copy(Path.of("src/main/launcher/solr-toolkit"), root.resolve("src/main/launcher/solr-toolkit"));
        copyTree(Path.of("playbooks"), root.resolve("playbooks"));
        if (built) {
            copyTree(Path.of("target/solr-toolkit"), root.resolve("target/solr-toolkit"));
        }
        return root;
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void beforeTheBuildItSaysToBuildFirst() throws Exception {
        Path root = project(false);
        Run r = run(root.resolve("src/main/launcher/solr-toolkit"), dir, null, "event", "list");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("not built yet").contains("mvn -B -q package -DskipTests");
    }

    @Test
    void fromAnyDirectoryWithTheProjectsPlaybooksStdinAndExitCodesPassedThrough() throws Exception {
        Path root = project(true);
        Path launcher = root.resolve("target/solr-toolkit/bin/solr-toolkit");
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        Run created = run(launcher, elsewhere, null, "event", "create", "--name", "Acme failure",
                "--failing-supplier", "Acme Energy", "--solr", "Bravo Power", "--appointed-at", "2026-11-20T09:00:00Z",
                "--playbook", "solr-standard");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(elsewhere.resolve("solr-toolkit.db")).exists(); // relative paths stay the user's
        Run refused = run(launcher, elsewhere, null, "--as", "Bob@Bravo Power:SOLR", "campaign", "run", "--threads",
                "0");
        assertThat(refused.code()).isEqualTo(2);
        // the source copy of the launcher finds the built layout too
        Run script = run(root.resolve("src/main/launcher/solr-toolkit"), elsewhere, "event list\nexit\n");
        assertThat(script.code()).isZero();
        assertThat(script.out()).contains("ev-20261120-acme-energy");
    }

    /**
     * C1 alone for a short one-shot command (it starts fastest); both compilers and the throughput
     * collector for the interactive shell and the commands that work through a fleet, found after the
     * global options; a collector the user chose is kept (the JVM refuses two).
     */
    @Test
    void aLongCommandOrTheShellGetsBothCompilersAShortCommandC1Alone() throws Exception {
        Path launcher = Path.of("target/solr-toolkit/bin/solr-toolkit").toAbsolutePath();
        assertThat(jit(launcher, "", null, "event", "list", "--help")).isEqualTo("level 1");
        assertThat(jit(launcher, "", null, "--db", "x.db", "--as", "Bob@Bravo Power:SOLR", "campaign", "export-duis",
                "--help")).isEqualTo("level 4, Parallel");
        assertThat(jit(launcher, "", null, "--debug", "fleet", "certificates", "export", "--help"))
                .isEqualTo("level 4, Parallel");
        assertThat(jit(launcher, "", "exit\n")).isEqualTo("level 4, Parallel");
        assertThat(jit(launcher, "-XX:+UseSerialGC", null, "dcc", "simulate", "--help")).isEqualTo("level 4");
    }

    /** The JIT's TieredStopAtLevel the launcher gave the JVM for these arguments, and whether it collects in parallel. */
    private String jit(Path launcher, String javaOpts, String stdin, String... args) throws Exception {
        String out = runWith(launcher, dir, java.util.Map.of("SOLR_TOOLKIT_JAVA_OPTS", javaOpts + " -XX:+PrintFlagsFinal"),
                stdin, args).out();
        java.util.regex.Matcher level = java.util.regex.Pattern.compile("TieredStopAtLevel\\s+= (\\d)").matcher(out);
        assertThat(level.find()).as(String.join(" ", args)).isTrue();
        boolean parallel = java.util.regex.Pattern.compile("UseParallelGC\\s+= true").matcher(out).find();
        return "level " + level.group(1) + (parallel ? ", Parallel" : "");
    }

    @Test
    void aStaleOrBrokenArchiveIsIgnoredAndAReadOnlyLayoutRuns() throws Exception {
        Path root = project(true);
        Path app = root.resolve("target/solr-toolkit");
        Path launcher = app.resolve("bin/solr-toolkit");
        Path work = Files.createDirectories(dir.resolve("work"));
        // the jar rebuilt after the archive: the archive is left out
        Files.setLastModifiedTime(app.resolve("solr-toolkit.jar"), FileTime.from(Instant.now().plusSeconds(60)));
        Run stale = run(launcher, work, null, "utrn", "check", "73943333457189043313");
        assertThat(stale.code()).as(stale.err()).isZero();
        assertThat(stale.err()).isEmpty();
        // an archive that is not one (newer than the jar): the JVM refuses it silently
        Path archive = app.resolve("solr-toolkit.jsa");
        archive.toFile().setWritable(true);
        Files.writeString(archive, "not a CDS archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(120)));
        Run broken = run(launcher, work, null, "utrn", "check", "73943333457189043313");
        assertThat(broken.code()).as(broken.err()).isZero();
        assertThat(broken.err()).isEmpty();
        assertThat(broken.out()).isEqualTo(stale.out());
        // SQLite's native library as the build unpacked it, broken (another platform's, a damaged copy):
        // the driver falls back to unpacking its own
        List<Path> libraries;
        try (Stream<Path> s = Files.walk(app.resolve("native/sqlite"))) {
            libraries = s.filter(Files::isRegularFile).toList();
        }
        assertThat(libraries).isNotEmpty();
        for (Path lib : libraries) {
            lib.toFile().setWritable(true);
            Files.writeString(lib, "not a library");
        }
        Run ownCopy = run(launcher, work, null, "event", "create", "--name", "Acme failure", "--failing-supplier",
                "Acme Energy", "--solr", "Bravo Power", "--appointed-at", "2026-11-20T09:00:00Z", "--playbook",
                "solr-standard");
        assertThat(ownCopy.code()).as(ownCopy.err()).isZero();
        assertThat(run(launcher, work, null, "event", "list").out()).contains("ev-20261120-acme-energy");
        // a read-only project folder: nothing is written there
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "r-xr-xr-x"
                        : Files.isExecutable(p) ? "r-xr-xr-x" : "r--r--r--"));
            }
        }
        Run readOnly = run(launcher, work, null, "utrn", "check", "73943333457189043313");
        assertThat(readOnly.code()).as(readOnly.err()).isZero();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x")); // let @TempDir clean up
            }
        }
    }

    @Test
    void aJarWithoutTheBuildsAotDefinitionsStartsTheOrdinaryWay() throws Exception {
        Path root = project(true);
        Path app = root.resolve("target/solr-toolkit");
        Path jar = app.resolve("solr-toolkit.jar");
        jar.toFile().setWritable(true);
        int removed = 0;
        try (java.nio.file.FileSystem zip = java.nio.file.FileSystems.newFileSystem(jar)) {
            List<Path> generated;
            try (Stream<Path> s = Files.walk(zip.getPath("/"))) {
                generated = s.filter(p -> p.getFileName() != null && p.getFileName().toString().contains("__")
                        && p.toString().endsWith(".class")).toList();
            }
            for (Path p : generated) {
                Files.delete(p);
                removed++;
            }
        }
        assertThat(removed).as("the build's AOT classes").isGreaterThan(20);
        Path work = Files.createDirectories(dir.resolve("work"));
        Run created = run(app.resolve("bin/solr-toolkit"), work, null, "event", "create", "--name", "Acme failure",
                "--failing-supplier", "Acme Energy", "--solr", "Bravo Power", "--appointed-at", "2026-11-20T09:00:00Z",
                "--playbook", "solr-standard");
        assertThat(created.code()).as(created.err()).isZero();
        assertThat(run(app.resolve("bin/solr-toolkit"), work, null, "event", "list").out())
                .contains("ev-20261120-acme-energy");
    }

    @Test
    void javaDashJarKeepsWorking() throws Exception {
        Cli cli = new Cli(dir).viaJar();
        assertThat(cli.run("utrn", "check", "73943333457189043313").ok().out()).contains("valid check digit");
    }
}
