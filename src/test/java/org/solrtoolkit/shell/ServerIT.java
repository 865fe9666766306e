package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;

/**
 * One event, three organisations, on a real PostgreSQL server (issue 18), through the launcher and
 * psql as people use them: the administrator creates the event and maps the logins; the Failing
 * Supplier, the SoLR and the SRP each work as their own login; each is refused outside its role by
 * the toolkit and, from psql, by the database; the PMA reads and writes nothing; the SoLR runs the
 * campaign; the chain verifies and the report is written from the server.
 */
class ServerIT {

    private static final String PASSWORD = "server-it-password";

    @TempDir
    Path dir;

    private final String suffix = "_" + ProcessHandle.current().pid();

    private Cli as(String login) throws Exception {
        Cli cli = new Cli(dir).env("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "test-only-password");
        TestDatabase.serverEnv().forEach(cli::env);
        if (login != null) {
            cli.env("PGUSER", login + suffix).env("PGPASSWORD", PASSWORD);
        }
        return cli;
    }

    /** psql as {@code login}: its output and exit code. */
    private String psql(String url, String login, String sql) throws Exception {
        String u = url.replace("postgresql://", "postgresql://" + login + suffix + "@");
        ProcessBuilder pb = new ProcessBuilder("psql", "-X", "-d", u, "-c", sql).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", PASSWORD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out.strip();
    }

    @Test
    void threeOrganisationsWorkOneEventEachInItsOwnRole() throws Exception {
        String url = TestDatabase.newServerUrl();
        Database admin = Database.server(url, TestDatabase.serverEnv());
        for (String l : new String[] {"alice", "bob", "sam", "pat"}) {
            admin.jdbc().getJdbcTemplate().execute("CREATE ROLE " + l + suffix + " LOGIN PASSWORD '" + PASSWORD + "'");
        }
        admin.close();
        Cli adm = as(null);
        adm.run("--db", url, "event", "create", "--name", "Acme failure", "--failing-supplier", "Acme Energy", "--solr",
                "Bravo Power", "--srp", "Acme SRP:Acme Energy", "--appointed-at", "2026-11-20T09:00:00Z", "--playbook",
                "solr-standard").ok();
        adm.run("--db", url, "pki", "init", "--dir", "smki").ok();
        adm.run("--db", url, "fleet", "generate", "--count", "300", "--seed", "7").ok();
        adm.run("--db", url, "operator", "add", "--login", "alice" + suffix, "--name", "Alice", "--party",
                "Acme Energy", "--role", "FAILING_SUPPLIER").ok();
        adm.run("--db", url, "operator", "add", "--login", "bob" + suffix, "--name", "Bob", "--party", "Bravo Power",
                "--role", "SOLR").ok();
        adm.run("--db", url, "operator", "add", "--login", "sam" + suffix, "--name", "Sam", "--party", "Acme SRP",
                "--role", "SRP").ok();
        assertThat(adm.run("--db", url, "operator", "add", "--login", "pat" + suffix, "--name", "Pat", "--party",
                "SMKI PMA", "--role", "PMA").ok().out()).contains("reads everything, writes nothing");

        Cli alice = as("alice");
        Cli bob = as("bob");
        Cli sam = as("sam");
        Cli pat = as("pat");
        assertThat(alice.run("--db", url, "operator", "whoami").ok().out()).contains(
                "Alice@Acme Energy:FAILING_SUPPLIER (database login alice" + suffix + ")");
        alice.run("--db", url, "step", "start", "P1-01").ok();
        sam.run("--db", url, "step", "done", "P1-01").ok(); // the SRP acts for the Failing Supplier
        bob.run("--db", url, "step", "start", "P1-04").ok();
        // outside their roles: the toolkit refuses, one line, exit 1
        bob.run("--db", url, "step", "start", "P1-02").refused(1, "step P1-02 belongs to FAILING_SUPPLIER");
        alice.run("--db", url, "--as", "Bob@Bravo Power:SOLR", "step", "done", "P1-04").refused(1,
                "--as / SOLR_TOOLKIT_OPERATOR are refused on a server database");
        alice.run("--db", url, "operator", "login", "--name", "Bob", "--party", "Bravo Power", "--role", "SOLR")
                .refused(1, "'operator login' is refused on a server database for a live event");
        pat.run("--db", url, "event", "use", "ev-20261120-acme-energy").refused(1, "read-only for this login");
        // ... and so does the database, from psql
        assertThat(psql(url, "alice", "UPDATE step_state SET status = 'DONE' WHERE step_id = 'P1-04'"))
                .isEqualTo("UPDATE 0");
        assertThat(psql(url, "pat", "UPDATE step_state SET status = 'DONE'")).contains(
                "permission denied for table step_state");
        assertThat(psql(url, "alice", "INSERT INTO audit (seq, at, actor, action, prev_hash, hash, login) VALUES (999,"
                + " 'x', 'x', 'x', 'x', 'x', 'bob" + suffix + "')")).contains("violates row-level security policy");
        assertThat(psql(url, "pat", "SELECT count(*) FROM audit")).doesNotContain("denied");

        // the SoLR runs the campaign; the chain verifies; the PMA writes the report from the server
        assertThat(bob.run("--db", url, "campaign", "run").ok().out()).contains("COMPLETE");
        assertThat(psql(url, "alice", "UPDATE campaign_item SET state = 'FAILED'")).isEqualTo("UPDATE 0");
        alice.run("--db", url, "campaign", "run").refused(1, "may not run the campaign");
        assertThat(pat.run("--db", url, "audit", "verify").ok().out()).contains("audit verify OK");
        assertThat(pat.run("--db", url, "report", "event", "--out", "report").ok().out()).contains("audit chain"
                + " verified");
        assertThat(Files.readString(dir.resolve("report/index.html"))).contains("Acme failure");
        String log = adm.run("--db", url, "audit", "log", "--format", "csv").ok().out();
        assertThat(log).contains("step.start", "Alice", "Sam", "Bob");
        Database check = Database.server(url, TestDatabase.serverEnv());
        assertThat(check.jdbc().queryForList("SELECT DISTINCT login FROM audit WHERE action LIKE 'step.%' ORDER BY 1",
                Map.of(), String.class)).containsExactly("alice" + suffix, "bob" + suffix, "sam" + suffix);
        check.close();
    }
}
