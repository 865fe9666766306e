package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;

/**
 * The campaign through the real jar: killed with SIGKILL in the middle of a run, a second run
 * refused while the first holds the database, a run stopped by Ctrl-C (SIGINT) at a batch boundary,
 * then resumed to completion with every meter
 * commanded once in effect and the audit chain intact.
 */
class CampaignIT {

    @TempDir
    Path dir;

    @Test
    void aRunKilledMidwayResumesWithNoOutcomeLostAndNoMeterMigratedTwice() throws Exception {
        Cli cli = new Cli(dir).env("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "test-only-password");
        cli.run("--as", "Sam@Bravo SRP:SRP", "campaign", "run").refused(1, "no database at");
        cli.run("event", "create", "--name", "Acme failure", "--failing-supplier", "Acme Energy", "--solr",
                "Bravo Power", "--srp", "Bravo SRP:Bravo Power", "--appointed-at", "2026-11-20T09:00:00Z",
                "--playbook", "solr-standard").ok();
        cli.run("pki", "init", "--dir", "smki").ok();
        int meters = 6_000;
        cli.run("fleet", "generate", "--count", String.valueOf(meters), "--seed", "9").ok();
        assertThat(cli.run("campaign", "plan").ok().out()).contains("6,000 meter(s)");
        cli.run("--as", "Sam@Bravo SRP:SRP", "campaign", "run", "--threads", "0")
                .refused(2, "--threads 0 must be 1 to 64");
        cli.run("--as", "Sam@Bravo SRP:SRP", "campaign", "run", "--batch", "-5")
                .refused(2, "--batch -5 must be 1 to 100000");
        cli.run("--as", "Alice@Acme Energy:FAILING_SUPPLIER", "campaign", "run")
                .refused(1, "may not run the campaign");
        new Cli(dir).env("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "wrong").run("--as", "Sam@Bravo SRP:SRP", "campaign", "run")
                .refused(1, "wrong password");

        // a run in progress holds an OS lock beside the database: another process is refused
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(dir.resolve(
                "solr-toolkit.db.campaign.lock"), java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE); var held = ch.lock()) {
            cli.run("--as", "Sam@Bravo SRP:SRP", "campaign", "run").refused(1, "a campaign run is already in progress");
        }

        Database db = Database.open(dir.resolve("solr-toolkit.db"));
        long atKill = killedAfterItsFirstBatch(cli.start(null, "--as", "Sam@Bravo SRP:SRP", "campaign", "run", "--batch",
                "25"), db);
        assertThat(atKill).isLessThan(meters);

        String audit = cli.run("audit", "verify").ok().out();
        assertThat(audit).startsWith("audit verify OK");

        // Ctrl-C (SIGINT) in one-shot mode: the run stops at a batch boundary, says so, exits 130
        Process second = cli.start(null, "--as", "Sam@Bravo SRP:SRP", "campaign", "run", "--batch", "25");
        for (int i = 0; i < 2_400 && applied(db) <= atKill; i++) {
            Thread.sleep(25);
        }
        new ProcessBuilder("kill", "-INT", String.valueOf(second.pid())).start().waitFor();
        Cli.Result cancelled = Cli.finish(second);
        assertThat(cancelled.code()).as(cancelled.err()).isEqualTo(130);
        assertThat(cancelled.err()).contains("campaign cancelled (Ctrl-C) after", "run it again to resume");
        long atCancel = applied(db);
        assertThat(atCancel).isGreaterThan(atKill).isLessThan(meters);
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit WHERE action = 'campaign.run'"
                + " AND json_extract(detail, '$.cancelled')", Map.of(), Long.class)).isEqualTo(1);
        assertThat(cli.run("audit", "verify").ok().out()).startsWith("audit verify OK");

        Cli.Result resumed = cli.run("--as", "Sam@Bravo SRP:SRP", "campaign", "run", "--format", "json").ok();
        assertThat(resumed.out()).contains("\"complete\" : true", "\"total\" : 6000");
        assertThat(applied(db)).isEqualTo(meters);
        // every meter is in exactly one committed batch, so none was migrated twice in effect
        Long batched = db.jdbc().queryForObject("SELECT sum(json_extract(detail, '$.APPLIED')) FROM audit"
                + " WHERE action = 'campaign.batch'", Map.of(), Long.class);
        assertThat(batched).isEqualTo(meters);
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM meter WHERE supplier = 'Bravo Power' AND"
                + " tcos_floor > 0", Map.of(), Long.class)).isEqualTo(meters);
        assertThat(cli.run("audit", "verify").ok().out()).startsWith("audit verify OK");
        assertThat(cli.run("campaign", "status").ok().out()).contains("6,000 of 6,000 meter(s) applied");
        assertThat(cli.run("checklist", "show", "--phase", "P3").ok().out())
                .contains("P3-04, P3-05: campaign 1, 6,000 of 6,000 meters applied (100.0%)");
        assertThat(cli.run("campaign", "failures", "--format", "csv").ok().out())
                .isEqualTo("device_id,group,state,attempts,status_code,reason\n");
    }

    /**
     * The same on a PostgreSQL server (issue 18): the SoLR's login runs the campaign, is killed with
     * SIGKILL mid-run (its session's advisory lock goes with it), and its next run resumes to
     * completion with every meter in exactly one committed batch and the chain intact.
     */
    @Test
    void onAServerDatabaseARunKilledMidwayResumesWithNoOutcomeLost() throws Exception {
        String url = TestDatabase.newServerUrl();
        // roles are the cluster's, shared with the other end-to-end tests of this JVM
        String bob = "campaign_bob_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        Database db = Database.server(url, TestDatabase.serverEnv());
        db.jdbc().getJdbcTemplate().execute("CREATE ROLE " + bob + " LOGIN PASSWORD 'campaign-it'");
        Cli admin = new Cli(dir).env("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "test-only-password").env("SOLR_TOOLKIT_DB", url);
        TestDatabase.serverEnv().forEach(admin::env);
        admin.run("event", "create", "--name", "Acme failure", "--failing-supplier", "Acme Energy", "--solr",
                "Bravo Power", "--appointed-at", "2026-11-20T09:00:00Z", "--playbook", "solr-standard").ok();
        admin.run("pki", "init", "--dir", "smki").ok();
        int meters = 6_000;
        admin.run("fleet", "generate", "--count", String.valueOf(meters), "--seed", "9").ok();
        admin.run("operator", "add", "--login", bob, "--name", "Bob", "--party", "Bravo Power", "--role", "SOLR").ok();
        Cli solr = new Cli(dir).env("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "test-only-password").env("SOLR_TOOLKIT_DB", url);
        TestDatabase.serverEnv().forEach(solr::env);
        solr.env("PGUSER", bob).env("PGPASSWORD", "campaign-it");

        assertThat(killedAfterItsFirstBatch(solr.start(null, "campaign", "run", "--batch", "25"), db)).isLessThan(meters);
        assertThat(admin.run("audit", "verify").ok().out()).startsWith("audit verify OK");

        assertThat(solr.run("campaign", "run", "--format", "json").ok().out()).contains("\"complete\" : true",
                "\"total\" : 6000");
        assertThat(applied(db)).isEqualTo(meters);
        assertThat(db.jdbc().queryForObject("SELECT sum(CAST(CAST(detail AS json) ->> 'APPLIED' AS bigint)) FROM audit"
                + " WHERE action = 'campaign.batch'", Map.of(), Long.class)).isEqualTo(meters);
        assertThat(db.jdbc().queryForList("SELECT DISTINCT login FROM audit WHERE action LIKE 'campaign.%'", Map.of(),
                String.class)).containsExactly(bob);
        assertThat(admin.run("audit", "verify").ok().out()).startsWith("audit verify OK");
        db.close();
    }

    /** Kills {@code run} with SIGKILL once a batch of it has committed; the meters applied then. */
    private static long killedAfterItsFirstBatch(Process run, Database db) throws InterruptedException {
        long applied = 0;
        for (int i = 0; i < 2_400 && applied == 0; i++) {
            Thread.sleep(25);
            applied = applied(db);
        }
        run.destroyForcibly();
        run.waitFor();
        assertThat(applied).as("some batches committed before the kill").isPositive();
        return applied(db);
    }

    private static long applied(Database db) {
        Long n = db.jdbc().queryForObject("SELECT count(*) FROM campaign_item WHERE state = 'APPLIED'", Map.of(),
                Long.class);
        return n == null ? 0 : n;
    }
}
