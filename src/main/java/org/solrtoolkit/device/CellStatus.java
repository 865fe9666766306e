package org.solrtoolkit.device;

/** The GBCS status codes of a per-cell replacement outcome (domain.md section 3). */
public enum CellStatus {
    SUCCESS(0), BAD_CERTIFICATE(5), NO_TRUST_ANCHOR(10), INSUFFICIENT_MEMORY(17), TRUST_ANCHOR_NOT_FOUND(25),
    RESOURCES_BUSY(30), OTHER(127);

    private final int code;

    CellStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
