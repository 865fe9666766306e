package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end: the real jar, run as a process the way the README tells a user to, on a database in
 * a temp directory. Kept to a few scenarios because each start costs a JVM.
 */
class ShellIT {

    private static final String ALICE = "Alice@Acme Energy:FAILING_SUPPLIER";
    private static final String BOB = "Bob@Bravo Power:SOLR";
    private static final String SAM = "Sam@Acme SRP:SRP";

    @TempDir
    Path dir;
    private Cli cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new Cli(dir);
    }

    private String createEvent(String appointedAt) throws Exception {
        Cli.Result r = cli.run("event", "create", "--name", "Acme failure", "--failing-supplier", "Acme Energy",
                "--solr", "Bravo Power", "--srp", "Acme SRP:Acme Energy", "--srp", "Bravo SRP:Bravo Power",
                "--appointed-at", appointedAt, "--playbook", "solr-standard").ok();
        return r.out().strip();
    }

    @Test
    void threePartiesWorkTheChecklistAndTheAuditCatchesAManualEdit() throws Exception {
        String id = createEvent("2026-11-20T09:00:00Z");
        assertThat(id).isEqualTo("ev-20261120-acme-energy");
        assertThat(dir.resolve("solr-toolkit.db")).exists();

        JsonNode steps = new ObjectMapper().readTree(cli.run("checklist", "show", "--format", "json").ok().out());
        assertThat(dir.resolve("solr-toolkit.log")).exists(); // beside the database, once there is one
        JsonNode overdue = new ObjectMapper().readTree(cli.run("checklist", "show", "--status", "overdue", "--format",
                "json").ok().out());
        assertThat(overdue).isNotEmpty().hasSizeLessThan(41).allMatch(st -> st.get("overdue").asBoolean());
        assertThat(cli.run("step", "show", "p1-01").ok().out()).contains("P1-01"); // ids as people type them
        assertThat(steps).hasSize(41);
        assertThat(steps.get(4).get("id").asText()).isEqualTo("P1-01");
        assertThat(steps.get(4).get("overdue").asBoolean()).isTrue(); // T+0h is long past

        Files.writeString(dir.resolve("ticket.txt"), "DCC ticket 4711\n");
        assertThat(cli.run("--as", ALICE, "step", "done", "P1-01", "--evidence", "ticket.txt", "--note", "DCC told")
                .ok().out()).startsWith("P1-01: NOT_STARTED -> DONE (audit #2); evidence sha256 ");
        cli.run("--as", SAM, "step", "start", "P1-07").ok();
        new Cli(dir).env("SOLR_TOOLKIT_OPERATOR", BOB).run("step", "skip", "P1-04", "--reason", "opened by phone").ok();

        cli.run("--as", BOB, "step", "start", "P1-02")
                .refused(1, "step P1-02 belongs to FAILING_SUPPLIER; Bob@Bravo Power:SOLR may not start it");
        cli.run("--as", ALICE, "step", "done", "P1-02", "--override")
                .refused(1, "step P1-02: --override needs --reason");
        cli.run("--as", SAM, "step", "done", "P2-03")
                .refused(1, "step P2-03 cannot be done: dependencies not done or skipped: P1-02 (NOT_STARTED)");
        cli.run("--as", ALICE, "step", "done", "P1-09", "--evidence", "missing.pdf")
                .refused(1, "evidence file missing.pdf does not exist");
        cli.run("--as", "Alice", "step", "start", "P1-02").refused(1, "operator 'Alice' does not parse");
        cli.run("step", "start", "P1-02").refused(1, "no operator is identified");
        cli.run("--as", ALICE, "step", "start").refused(2, "Missing mandatory option '--id'");
        cli.run("--as", ALICE, "step", "start", "P1-02", "--colour", "red").refused(2, "Unrecognised option '--colour'");
        cli.run("stepp", "start").refused(2, "unknown command 'stepp start'");
        cli.run("event", "use", "ev-nope").refused(1, "unknown event 'ev-nope'; see 'event list'");
        cli.run("event", "create", "--name", "x", "--failing-supplier", "Zed Gas", "--solr", "Bravo Power",
                "--appointed-at", "2026-11-20T09:00:00Z", "--playbook", "nope")
                .refused(1, "unknown playbook 'nope': none in playbooks has that id (found: solr-standard)");
        cli.run("event", "create", "--name", "x", "--failing-supplier", "Zed Gas", "--solr", "Bravo Power",
                "--appointed-at", "yesterday", "--playbook", "solr-standard")
                .refused(2, "--appointed-at 'yesterday' is not an ISO-8601 instant with a zone");
        assertThat(cli.run("event", "list", "--format", "csv").ok().out().lines()).hasSize(2);

        assertThat(cli.run("audit", "verify").ok().out()).startsWith("audit verify OK: 4 rows");
        JsonNode verified = new ObjectMapper().readTree(cli.run("audit", "verify", "--format", "json").ok().out());
        assertThat(verified.get("ok").asBoolean()).isTrue();
        assertThat(verified.get("rows").asLong()).isEqualTo(4);
        assertThat(cli.run("audit", "log", "--format", "csv").ok().out().lines().count()).isEqualTo(5);

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("solr-toolkit.db"));
                Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER audit_no_update");
            s.execute("UPDATE audit SET note = 'nobody was told' WHERE seq = 2");
        }
        cli.run("audit", "verify").refused(1, "audit verify FAILED: audit chain broken at row 2: row 2 was edited"
                + " outside the toolkit");
    }

    @Test
    void scriptRunsEachLineAndStopsAtTheFirstFailure() throws Exception {
        Files.writeString(dir.resolve("drill.txt"), String.join("\n",
                "// a rehearsal of the first hour",
                "event create --name Drill --failing-supplier \"Acme Energy\" --solr \"Bravo Power\""
                        + " --appointed-at 2026-11-20T09:00:00Z --playbook solr-standard --rehearsal",
                "operator login --name Alice --party \"Acme Energy\" --role FAILING_SUPPLIER",
                "step start P1-01",
                "step done P1-01 --note \"all told\"",
                "step block P1-02",
                "step start P1-03",
                ""));
        Cli.Result r = cli.run("@drill.txt");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("ev-20261120-acme-energy", "logged in as Alice@Acme Energy:FAILING_SUPPLIER",
                "REHEARSAL P1-01: NOT_STARTED -> IN_PROGRESS", "REHEARSAL P1-01: IN_PROGRESS -> DONE");
        assertThat(r.err().strip()).isEqualTo("REHEARSAL ev-20261120-acme-energy: step P1-02: 'block' needs --reason (why the step is BLOCKED)");
        assertThat(cli.run("step", "show", "P1-03", "--format", "json").ok().out()).contains("\"status\" : \"NOT_STARTED\"");
        cli.run("@no-such-script.txt").refused(2, "script no-such-script.txt cannot be read");
    }

    @Test
    void interactiveShellTakesCommandsUntilExit() throws Exception {
        createEvent("2026-11-20T09:00:00Z");
        Cli.Result r = cli.runWithInput(String.join("\n",
                "operator login --name Bob --party \"Bravo Power\" --role SOLR",
                "step start P1-04",
                "step start P1-01",
                "checklist next",
                "exit", ""));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("logged in as Bob@Bravo Power:SOLR", "P1-04: NOT_STARTED -> IN_PROGRESS",
                "P3-03");
        assertThat(r.err()).contains("step P1-01 belongs to FAILING_SUPPLIER");
        assertThat(dir.resolve("solr-toolkit.db.history")).exists();
    }

    @Test
    void onATerminalCtrlCCancelsTheRunningCommandAndNeverQuitsTheShell() throws Exception {
        createEvent("2026-11-20T09:00:00Z");
        Map<String, String> password = Map.of("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "test-only-password");
        cli.env("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "test-only-password").run("pki", "init", "--dir", "smki").ok();
        try (TerminalSession t = new TerminalSession(dir, password)) {
            t.awaitPrompts(1).awaitIdle(); // typed before JLine's raw mode, a Ctrl-C would be a signal to no line
            t.type("\u0003").awaitPrompts(2); // at an empty prompt: a new prompt (the shell used to quit)
            t.type("operator login --name Sam --party \"Acme SRP\" --role SRP\r").await("logged in as Sam@Acme SRP:SRP")
                    .awaitPrompts(3);
            t.type("event list --format json\u0003").awaitPrompts(4); // a half-typed line is dropped
            t.type("fleet generate --count 3000000\r").await("fleet generate [");
            t.type("\u0003").await("fleet generation cancelled (Ctrl-C) after").awaitPrompts(5);
            t.type("fleet stats --format json\r").await("\"meters\" : 0").awaitPrompts(6);
            t.type("operator whoami\r").awaitLine("Sam@Acme SRP:SRP").awaitPrompts(7);
            // Tab completes a bare step id (the README's positional form), then Enter runs it
            t.type("step show P1-0\t").await("P1-09");
            t.type("1\r").await("role:              FAILING_SUPPLIER").awaitIdle();
            t.type("\u0004"); // Ctrl-D on an empty line quits
            assertThat(t.exitCode()).isZero();
            assertThat(t.plain()).doesNotContain("\"id\" : \"ev-", "Unexpected", "rror");
        }
    }

    @Test
    void unusableDatabasesAreRefusedInOneLineAndLeftAlone() throws Exception {
        cli.run("--db", dir.resolve("missing/x.db").toString(), "event", "list")
                .refused(1, "directory " + dir.resolve("missing") + " does not exist");
        assertThat(dir.resolve("missing")).doesNotExist();

        Path notes = dir.resolve("notes.db");
        Files.writeString(notes, "not a database");
        cli.env("SOLR_TOOLKIT_DB", notes.toString()).run("event", "list")
                .refused(1, "is not a SQLite database");
        assertThat(Files.readString(notes)).isEqualTo("not a database");

        cli = new Cli(dir);
        createEvent("2026-11-20T09:00:00Z");
        Path db = dir.resolve("solr-toolkit.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
        byte[] before = Files.readAllBytes(db);
        assertThat(cli.run("checklist", "show", "--status", "DONE", "--format", "csv").ok().out().strip())
                .isEqualTo("id,role,phase,status,due,due_at,overdue,title");
        cli.run("--as", ALICE, "step", "start", "P1-01").refused(1, "is read-only (no write permission)");
        assertThat(Files.readAllBytes(db)).isEqualTo(before);
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success) VALUES (99, '99', 'future', 'SQL',"
                    + " 'V99__future.sql', 0, 'x', 0, 1)");
        }
        cli.run("event", "list").refused(1, "was written by a newer solr-toolkit (schema version 99");
    }

    @Test
    void twoProcessesStartingOneStepAtOnceLoseNothing() throws Exception {
        createEvent("2026-11-20T09:00:00Z");
        Process a = cli.start(null, "--as", ALICE, "step", "start", "P1-01", "--note", "from A");
        Process b = cli.start(null, "--as", "Alan@Acme Energy:FAILING_SUPPLIER", "step", "start", "P1-01", "--note",
                "from B");
        List<Cli.Result> results = List.of(Cli.finish(a), Cli.finish(b));
        assertThat(results).filteredOn(r -> r.code() == 0).hasSize(1);
        Cli.Result loser = results.stream().filter(r -> r.code() != 0).findFirst().orElseThrow();
        assertThat(loser.code()).isEqualTo(1);
        // the loser either lost the version race or read the winner's state first
        assertThat(loser.err()).containsAnyOf("was changed by", "is IN_PROGRESS; 'start' applies to");
        assertThat(cli.run("audit", "log", "--step", "P1-01", "--format", "csv").ok().out().lines()).hasSize(2);
        cli.run("audit", "verify").ok();
    }

    @Test
    void playbookValidateListsEveryProblemWithFileAndLine() throws Exception {
        Path bad = dir.resolve("many-problems.yaml");
        Files.copy(Path.of("src/test/resources/playbooks/invalid/many-problems.yaml"), bad);
        Cli.Result r = cli.run("playbook", "validate", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        try (Stream<String> lines = r.err().lines()) {
            assertThat(lines.filter(l -> l.matches(java.util.regex.Pattern.quote(bad + ":") + "\\d+: .*")).count())
                    .isEqualTo(7);
        }
        assertThat(r.err()).contains(bad + ":9: dependency cycle: A -> B -> A");
        assertThat(dir.resolve("solr-toolkit.db")).doesNotExist();
        assertThat(cli.run("playbook", "validate", "playbooks/solr-standard.yaml").ok().out())
                .contains("valid: solr-standard 1.0, 41 steps, 6 phases");
    }

    @Test
    void helpVersionTyposAndReadsThatCreateNothingBehaveAsInGh() throws Exception {
        assertThat(cli.run("--version").ok().out()).startsWith("solr-toolkit ");
        // groups and their commands in the order a user meets them, not hash order
        assertThat(cli.run("--help").ok().out()).contains("AVAILABLE COMMANDS").containsSubsequence("Events",
                "event create", "event list", "Checklist", "checklist show", "step start", "step done", "step show");
        assertThat(cli.run("pki", "--help").ok().out()).startsWith("PKI COMMANDS")
                .containsSubsequence("pki init", "pki inspect", "pki issue", "pki revoke", "pki renew");
        // a command's help is readable whatever the operator may do; optional options in brackets
        assertThat(cli.run("pki", "renew", "--help").ok().out())
                .contains("pki renew --party String --key String [--password-file String]");
        cli.run("checklst", "show").refused(2, "did you mean 'checklist show'?");
        // reads create nothing; a refused set-up command leaves no database behind
        cli.run("event", "list").refused(1, "no database at");
        // what a command reports, as JSON for a script (and utrn check needs no database)
        assertThat(cli.run("utrn", "check", "73943333457189043313", "--format", "json").ok().out())
                .contains("\"value\" : 100", "\"class\" : \"pounds\"", "\"counter_bits_32_41\" : 1");
        cli.run("pki", "init", "--dir", "smki").refused(2, "no keystore password");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("playbooks");
        }
        cli.run("operator", "login", "--name", "Alice", "--party", "Acme Energy", "--role", "FAILING_SUPPLIER")
                .refused(2, "for one-shot commands pass --as");
    }
}
