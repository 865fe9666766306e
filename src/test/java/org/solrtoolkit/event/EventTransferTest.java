package org.solrtoolkit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;

/**
 * An event moved from a laptop's SQLite file to a PostgreSQL server (issue 18) with its audit chain
 * verifying as before; an export whose chain does not verify, a damaged one, or a target that is
 * not new is refused with nothing written.
 */
class EventTransferTest {

    @TempDir
    Path dir;
    private EventFixture laptop;
    private Path export;

    @BeforeEach
    void anEventWorkedOnALaptop() throws Exception {
        laptop = new EventFixture(TestDatabase.SQLITE.open(dir));
        laptop.change(EventFixture.ALICE, "P1-01", StepAction.START);
        Path evidence = Files.writeString(dir.resolve("notice.txt"), "DCC notified 09:05");
        laptop.checklist.change(laptop.event, EventFixture.ALICE, new StepRequest("P1-01", StepAction.DONE, "told",
                null, evidence, false));
        laptop.change(EventFixture.BOB, "P1-04", StepAction.START);
        export = dir.resolve("acme.zip");
        transfer(laptop.db).export(export, Actor.unidentified(null));
    }

    private EventTransfer transfer(Database db) {
        return new EventTransfer(() -> db, new AuditLog(), laptop.clock);
    }

    @Test
    void theEventMovesToTheServerWithItsChainVerifying() {
        Database server = TestDatabase.POSTGRESQL.open(dir);
        EventTransfer.Moved m = transfer(server).importFile(export, Actor.unidentified(null));
        assertThat(m.events()).containsExactly(laptop.event.id());
        AuditLog audit = new AuditLog();
        var before = audit.verify(laptop.db.jdbc());
        var after = audit.verify(server.jdbc());
        assertThat(after.ok()).isTrue();
        assertThat(after.rowsChecked()).as("every row, plus the import's own").isEqualTo(before.rowsChecked() + 1);
        assertThat(audit.find(server.jdbc(), before.rowsChecked()).orElseThrow().hash()).isEqualTo(before.headHash());
        ChecklistService onServer = new ChecklistService(() -> server, audit, laptop.clock);
        assertThat(onServer.step(laptop.event, "P1-01").status()).isEqualTo(StepStatus.DONE);
        assertThat(onServer.step(laptop.event, "P1-04").status()).isEqualTo(StepStatus.IN_PROGRESS);
        // work goes on on the server: new rows get new ids (the identity sequences were moved past the copied ones)
        Path more = dir.resolve("more.txt");
        try {
            Files.writeString(more, "more");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        onServer.change(laptop.event, EventFixture.BOB, new StepRequest("P1-04", StepAction.DONE, null, null, more, false));
        assertThat(server.jdbc().queryForObject("SELECT count(DISTINCT id) FROM evidence", Map.of(), Long.class))
                .isEqualTo(2);
        assertThat(audit.verify(server.jdbc()).ok()).isTrue();
    }

    @Test
    void anExportWhoseChainDoesNotVerifyIsRefusedWithNothingWritten() throws Exception {
        // an audit row edited in the file, and the manifest's checksum made to match: only the chain can tell
        Path forged = dir.resolve("forged.zip");
        rewrite(export, forged, "audit.jsonl", s -> s.replaceFirst("\"note\":\"told\"", "\"note\":\"not told\""));
        Database server = TestDatabase.POSTGRESQL.open(dir);
        String before = Fixtures.snapshot(server);
        assertThatThrownBy(() -> transfer(server).importFile(forged, Actor.unidentified(null)))
                .isInstanceOf(EventException.class).hasMessageContaining("its audit chain does not verify (row")
                .hasMessageContaining("nothing imported");
        assertThat(Fixtures.snapshot(server)).isEqualTo(before);
    }

    @Test
    void aDamagedFileOrATargetThatIsNotNewIsRefused() throws Exception {
        Path damaged = dir.resolve("damaged.zip");
        rewrite(export, damaged, "step_state.jsonl", null); // the entry changed, the manifest not
        Database server = TestDatabase.POSTGRESQL.open(dir);
        String before = Fixtures.snapshot(server);
        assertThatThrownBy(() -> transfer(server).importFile(damaged, Actor.unidentified(null)))
                .hasMessageContaining("step_state.jsonl does not match its manifest");
        assertThatThrownBy(() -> transfer(laptop.db).importFile(export, Actor.unidentified(null)))
                .hasMessageContaining("already holds events or audit rows");
        assertThat(Fixtures.snapshot(server)).isEqualTo(before);
    }

    /** Copies a ZIP, editing one entry; with {@code edit} the manifest's checksum is updated too, without it not. */
    private static void rewrite(Path from, Path to, String name, java.util.function.UnaryOperator<String> edit)
            throws Exception {
        try (ZipFile in = new ZipFile(from.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(to))) {
            String changed = null;
            for (var it = in.entries().asIterator(); it.hasNext();) {
                ZipEntry e = it.next();
                String text = new String(in.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8);
                if (e.getName().equals(name)) {
                    text = edit == null ? text.replaceFirst("DONE", "SKIPPED") : edit.apply(text);
                    changed = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(
                            text.getBytes(StandardCharsets.UTF_8)));
                }
                if (e.getName().equals("manifest.json") && edit != null) {
                    text = text.replaceAll("(\"" + name.replace(".jsonl", "") + "\" : \")[0-9a-f]{64}", "$1" + changed);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
    }
}
