package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rehearsals through the jar: the quickstart script gives the recorded score
 * (src/test/resources/before/quickstart-score.json, recorded before the restructuring of issue 12 and
 * re-recorded for issue 17, whose real prepayment protection changes the customers' side on purpose:
 * determinism and unchanged behaviour
 * in one run; RehearsalServiceTest shows determinism without the jar), every output
 * of a rehearsal says REHEARSAL, and bad scenario and clock inputs give one line, exit 1 and
 * nothing written.
 */
class RehearsalIT {

    @TempDir
    Path dir;

    @Test
    void theQuickstartScriptGivesTheRecordedScore() throws Exception {
        Cli cli = new Cli(dir).env("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "test-only-password");
        Path scenarios = Files.createDirectories(dir.resolve("playbooks/scenarios"));
        for (String f : new String[] {"quickstart.yaml", "quickstart.txt"}) {
            Files.copy(Path.of("playbooks/scenarios").resolve(f), scenarios.resolve(f));
        }
        long commands = Files.readAllLines(scenarios.resolve("quickstart.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("//")).count();
        String db = "run0.db";
        Cli.Result r = cli.run("--db", db, "@playbooks/scenarios/quickstart.txt").ok();
        assertThat(r.out()).contains("REHEARSAL SCORE ev-20261120-hearth-energy (quickstart), ENDED at T+2d",
                "prepayment customers who lost supply:", "campaign: first run at T+8h, complete at T+1d2h",
                "late: P1-02 FAILING_SUPPLIER due T+0h, done T+6h by Alice@Hearth Energy:FAILING_SUPPLIER",
                "SRP               8      1        1     2        4     0        1");
        assertThat(r.out().lines().filter(l -> l.startsWith("REHEARSAL ev-20261120-hearth-energy | simulated time"))
                .count()).as("every command's output says REHEARSAL").isEqualTo(commands);
        Cli.Result json = cli.run("--db", db, "rehearsal", "score", "--format", "json").ok();
        assertThat(json.err()).startsWith("REHEARSAL ev-20261120-hearth-energy");
        JsonNode score = new ObjectMapper().readTree(json.out());
        assertThat(score.path("rehearsal").asBoolean()).isTrue();
        assertThat(score.path("supply").path("lost_supply").asLong()).isPositive();
        assertThat(json.out().strip()).isEqualTo(Files.readString(Path.of(
                "src/test/resources/before/quickstart-score.json")).strip());

        // the trainer's report of the first run: opens in a browser with its charts, and its manifest checks
        assertThat(cli.run("--db", "run0.db", "report", "event", "--out", "report").ok().out()).contains(
                "report of ev-20261120-hearth-energy (REHEARSAL) written to", "audit chain verified, head");
        Path report = dir.resolve("report");
        Process check = new ProcessBuilder("sha256sum", "-c", "MANIFEST.sha256").directory(report.toFile())
                .redirectErrorStream(true).start();
        String checked = new String(check.getInputStream().readAllBytes());
        assertThat(check.waitFor()).as(checked).isZero();
        assertThat(checked).contains("index.html: OK", "steps.csv: OK", "audit.csv: OK", "campaign.csv: OK",
                "certificates.csv: OK");
        Browser.Rendered page = Browser.render(report.resolve("index.html"), dir.resolve("report.png"),
                dir.resolve("chromium-profile"));
        assertThat(page.console()).as("browser console errors").isEmpty();
        assertThat(page.dom()).contains("<svg id=\"chart-timeline\"", "<svg id=\"chart-fleet\"",
                "REHEARSAL: simulated event ev-20261120-hearth-energy", "Audit chain verified", ">LATE</text>",
                "<table id=\"protection-runs\"", "<table id=\"trainer-failures\"", "CELL_CHAINS_TO_ROOT");
        assertThat(Files.size(page.screenshot())).as("a screenshot with something on it").isGreaterThan(50_000);

        // the SoLR's Supplier DS key is then compromised: the recovery playbook and a recovery campaign on the fleet
        Files.copy(Path.of("playbooks/smki-recovery.yaml"), dir.resolve("playbooks/smki-recovery.yaml"));
        Cli.Result recovery = cli.run("--db", "run0.db", "event", "create", "--name", "Northwind DS key compromise",
                "--playbook", "smki-recovery", "--appointed-at", "2026-11-22T09:00:00Z", "--party",
                "Northwind Power:AFFECTED_PARTY", "--party", "DCC:DCC", "--party", "SMKI PMA:PMA", "--rehearsal").ok();
        assertThat(recovery.out()).endsWith("\nev-20261122-northwind-power\n"); // the id alone on its line, for scripts
        assertThat(recovery.err()).contains("ev-20261122-northwind-power is now the current event (was"
                + " ev-20261120-hearth-energy; 'event use ev-20261120-hearth-energy' switches back)");
        cli.run("--db", "run0.db", "--as", "Nadia@Northwind Power:AFFECTED_PARTY", "pki", "renew", "--party",
                "Northwind Power", "--key", "supplier-ds").ok();
        cli.run("--db", "run0.db", "--as", "Nadia@Northwind Power:AFFECTED_PARTY", "campaign", "run", "--mode",
                "recovery", "--with", "Northwind Power").refused(1, "may not run a recovery campaign: the DCC signs it");
        assertThat(cli.run("--db", "run0.db", "--as", "Dee@DCC:DCC", "campaign", "run", "--mode", "recovery", "--with",
                "Northwind Power").ok().out()).contains("APPLIED      1997", "COMPLETE");
        // the Root key too: the DCC makes a new Root and places it with the old Root's contingency key (R3-05)
        cli.run("--db", "run0.db", "--as", "Dee@DCC:DCC", "campaign", "run", "--mode", "contingency")
                .refused(1, "run 'pki renew-root' first");
        cli.run("--db", "run0.db", "--as", "Nadia@Northwind Power:AFFECTED_PARTY", "pki", "renew-root")
                .refused(1, "may not replace the Root OCA: the DCC");
        assertThat(cli.run("--db", "run0.db", "--as", "Dee@DCC:DCC", "pki", "renew-root").ok().out())
                .contains("new Root OCA", "campaign run --mode contingency");
        String contingency = cli.run("--db", "run0.db", "--as", "Dee@DCC:DCC", "campaign", "run", "--mode",
                "contingency").ok().out();
        assertThat(contingency).contains("APPLIED", "COMPLETE");
        cli.run("--db", "run0.db", "report", "event", "--out", "recovery-report").ok();
        assertThat(Files.readString(dir.resolve("recovery-report/index.html"))).contains(
                "ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY: APPLIED / status 0", "smki-recovery 1.0",
                "ANY_BY_CONTINGENCY: APPLIED / status 0");
    }

    @Test
    void theQuickstartGivesTheSameScoreOnAServerDatabase() throws Exception {
        // issue 18: the same commands on a PostgreSQL server database give the very same score
        Cli cli = new Cli(dir).env("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "test-only-password");
        org.solrtoolkit.store.TestDatabase.serverEnv().forEach(cli::env);
        String url = org.solrtoolkit.store.TestDatabase.newServerUrl();
        Path scenarios = Files.createDirectories(dir.resolve("playbooks/scenarios"));
        for (String f : new String[] {"quickstart.yaml", "quickstart.txt"}) {
            Files.copy(Path.of("playbooks/scenarios").resolve(f), scenarios.resolve(f));
        }
        cli.run("--db", url, "@playbooks/scenarios/quickstart.txt").ok();
        assertThat(dir.resolve(url.substring(url.lastIndexOf('/') + 1) + "-smki/ca/ca.p12")).as("its SMKI, named after"
                + " the database, in the current folder").exists();
        Cli.Result json = cli.run("--db", url, "rehearsal", "score", "--format", "json").ok();
        assertThat(json.out().strip()).isEqualTo(Files.readString(Path.of(
                "src/test/resources/before/quickstart-score.json")).strip());
        assertThat(cli.run("--db", url, "audit", "verify").ok().out()).contains("audit verify OK");
    }

    @Test
    void badScenarioAndClockInputsGiveOneLineAndWriteNothing() throws Exception {
        Path scenarios = Files.createDirectories(dir.resolve("scenarios"));
        for (String f : new String[] {"valid/small.yaml", "invalid/unknown-fault-type.yaml"}) {
            Files.copy(Path.of("src/test/resources/scenarios").resolve(f), scenarios.resolve(Path.of(f).getFileName()));
        }
        Cli cli = new Cli(dir).env("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "test-only-password");
        cli.run("rehearsal", "start", "scenarios/unknown-fault-type.yaml").refused(1, "unknown-fault-type.yaml:28:"
                + " unknown fault type 'solar-flare'");
        cli.run("clock", "advance", "1h").refused(1, "no database at"); // the refused start left nothing behind
        cli.run("rehearsal", "score").refused(1, "no database at");
        assertThat(dir.resolve("solr-toolkit.db")).doesNotExist();
        assertThat(dir.resolve("solr-toolkit.db-smki")).doesNotExist();

        assertThat(cli.run("rehearsal", "start", "scenarios/small.yaml").ok().out()).contains("REHEARSAL"
                + " ev-20261120-acme-energy started", "60 meters", "operator login --name \"Sam\" --party \"Acme SRP\"");
        cli.run("clock", "advance", "-1h").refused(2, "'-1h' looks like a negative value, which no command takes");
        cli.run("clock", "advance", "--by", "-1h").refused(2, "clock advance '-1h' is negative");
        cli.run("clock", "advance", "6x").refused(2, "clock advance '6x' is not a duration");
        cli.run("clock", "set", "2026-11-19T09:00:00Z").refused(1, "the clock only moves forward");
        assertThat(cli.run("clock", "show").ok().out()).contains("simulated time 2026-11-20T09:00:00Z (T+0h)");
        assertThat(cli.run("clock", "advance", "2h").ok().out()).contains("clock T+0h -> T+2h",
                "FAULT fault 1 root-cell-differs struck at T+1h", "FAULT fault 2 meters-offline struck at T+2h");
        assertThat(cli.run("rehearsal", "status").ok().out()).startsWith("REHEARSAL ev-20261120-acme-energy | simulated"
                + " time 2026-11-20T11:00:00Z (T+2h)");

        // report event: no event, a folder with files in it, a folder that cannot be made, a broken chain
        cli.run("--db", "empty.db", "report", "event", "--out", "r0").refused(1, "no database at");
        assertThat(dir.resolve("r0")).doesNotExist();
        Files.createDirectories(dir.resolve("busy"));
        Files.writeString(dir.resolve("busy/notes.txt"), "mine");
        cli.run("report", "event", "--out", "busy").refused(1, "--out busy exists and is not empty");
        cli.run("report", "event", "--out", "busy/notes.txt/report").refused(1, "cannot be created");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("solr-toolkit.db"));
                java.sql.Statement st = c.createStatement()) {
            st.execute("DROP TRIGGER audit_no_update");
            st.execute("UPDATE audit SET actor = 'someone else' WHERE action = 'rehearsal.start'");
        }
        Cli.Result broken = cli.run("report", "event", "--out", "broken");
        assertThat(broken.code()).isEqualTo(1);
        assertThat(broken.err()).contains("report written to", "but the audit chain is BROKEN at row");
        assertThat(Files.readString(dir.resolve("broken/index.html"))).contains("AUDIT CHAIN BROKEN at row");
    }
}
