package org.solrtoolkit.audit;

import java.util.Optional;

/**
 * Result of checking the hash chain: how many rows were checked, the head hash, and the first
 * bad row with what is wrong with it.
 */
public record AuditVerification(long rowsChecked, String headHash, Optional<Long> firstBadSeq, String problem) {

    public boolean ok() {
        return firstBadSeq.isEmpty() && problem == null;
    }

    static AuditVerification ok(long rows, String head) {
        return new AuditVerification(rows, head, Optional.empty(), null);
    }

    static AuditVerification broken(long rows, String head, long seq, String problem) {
        return new AuditVerification(rows, head, Optional.of(seq), problem);
    }
}
