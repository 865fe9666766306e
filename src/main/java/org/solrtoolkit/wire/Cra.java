package org.solrtoolkit.wire;

/** The CRA flag of a GBCS grouping header: what the message is (domain.md section 6). */
public enum Cra {
    COMMAND(1), RESPONSE(2), ALERT(3);

    private final int value;

    Cra(int value) {
        this.value = value;
    }

    public int value() {
        return value;
    }

    static Cra of(int value) {
        for (Cra c : values()) {
            if (c.value == value) {
                return c;
            }
        }
        throw GbcsException.malformed(String.format("CRA flag 0x%02X is not 1 (command), 2 (response) or 3 (alert)",
                value));
    }
}
