package org.solrtoolkit.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.store.Database;

class AuditLogTest {

    @TempDir
    Path dir;
    private Database db;
    private final AuditLog log = new AuditLog();

    /** The database the tests run on; {@code AuditLogOnServerTest} runs them all on PostgreSQL. */
    org.solrtoolkit.store.TestDatabase database() {
        return org.solrtoolkit.store.TestDatabase.SQLITE;
    }

    @BeforeEach
    void fiveRows() {
        db = database().open(dir);
        for (int i = 1; i <= 5; i++) {
            AuditEntry e = new AuditEntry(Instant.parse("2026-11-20T09:00:00Z").plusSeconds(i), "ev-1", "Alice",
                    "Acme Energy", "FAILING_SUPPLIER", "step.start", "P1-0" + i, "NOT_STARTED", "IN_PROGRESS",
                    "note " + i, null, null, "{\"version\":1}");
            db.write(j -> log.append(j, e));
        }
    }

    private void tamper(String sql) {
        org.solrtoolkit.Fixtures.tamperAudit(db, sql);
    }

    @Test
    void intactChainVerifies() {
        AuditVerification v = log.verify(db.jdbc());
        assertThat(v.ok()).isTrue();
        assertThat(v.rowsChecked()).isEqualTo(5);
        assertThat(v.headHash()).isEqualTo(log.find(db.jdbc(), 5).orElseThrow().hash());
        assertThat(log.find(db.jdbc(), 1).orElseThrow().prevHash()).isEqualTo(AuditLog.GENESIS);
    }

    @Test
    void triggersRefuseUpdatesAndDeletes() {
        assertThatThrownBy(() -> db.write(j -> j.update("UPDATE audit SET note = 'x' WHERE seq = 2", Map.of())))
                .hasMessageContaining("audit is append-only");
        assertThatThrownBy(() -> db.write(j -> j.update("DELETE FROM audit WHERE seq = 2", Map.of())))
                .hasMessageContaining("audit is append-only");
    }

    @Test
    void editedRowIsNamed() {
        tamper("UPDATE audit SET note = 'nothing to see' WHERE seq = 3");
        AuditVerification v = log.verify(db.jdbc());
        assertThat(v.ok()).isFalse();
        assertThat(v.firstBadSeq()).contains(3L);
        assertThat(v.problem()).isEqualTo("row 3 was edited outside the toolkit (its content no longer matches its hash)");
    }

    @Test
    void deletedRowIsNamed() {
        tamper("DELETE FROM audit WHERE seq = 2");
        AuditVerification v = log.verify(db.jdbc());
        assertThat(v.firstBadSeq()).contains(3L);
        assertThat(v.problem()).isEqualTo("row 2 missing before row 3 (deleted outside the toolkit)");
    }

    @Test
    void insertedRowIsNamedEvenWhenItsOwnHashIsRight() {
        // an insert that renumbers the rows after it and recomputes its own hash still breaks the next link
        tamper("UPDATE audit SET seq = seq + 100 WHERE seq >= 3");
        tamper("UPDATE audit SET seq = seq - 99 WHERE seq >= 103");
        AuditRecord two = log.find(db.jdbc(), 2).orElseThrow();
        AuditEntry forged = new AuditEntry(Instant.parse("2026-11-20T09:00:02.500Z"), "ev-1", "Mallory", "Acme Energy",
                "FAILING_SUPPLIER", "step.done", "P9-99", "NOT_STARTED", "DONE", null, null, null, null);
        // on a server the row records (and its hash covers) the login that inserts it
        String login = org.solrtoolkit.store.Connections.login(db.jdbc()).orElse(null);
        String hash = AuditLog.hash(two.hash(), AuditLog.canonical(3, forged.at().toString(), forged, login));
        tamper("INSERT INTO audit (seq, at, event_id, actor, party, role, action, subject, before, after, prev_hash, hash"
                + (login == null ? "" : ", login") + ") VALUES (3, '" + forged.at() + "', 'ev-1', 'Mallory', 'Acme Energy',"
                + " 'FAILING_SUPPLIER', 'step.done', 'P9-99', 'NOT_STARTED', 'DONE', '" + two.hash() + "', '" + hash + "'"
                + (login == null ? "" : ", '" + login + "'") + ")");
        AuditVerification v = log.verify(db.jdbc());
        assertThat(v.firstBadSeq()).contains(4L);
        assertThat(v.problem()).startsWith("row 4 does not follow row 3");
    }

    @Test
    void canonicalContentCoversEveryField() {
        AuditEntry a = new AuditEntry(Instant.EPOCH, "e", "a", "p", "r", "act", "s", "b", "af", "n", "re", "h", "{}");
        AuditEntry b = new AuditEntry(Instant.EPOCH, "e", "a", "p", "r", "act", "s", "b", "af", "n", "re", "h2", "{}");
        assertThat(AuditLog.canonical(1, "t", a)).isNotEqualTo(AuditLog.canonical(1, "t", b));
        assertThat(AuditLog.canonical(1, "t", a)).isNotEqualTo(AuditLog.canonical(2, "t", a));
    }
}
