package org.solrtoolkit.device;

/**
 * Device alerts a simulated meter raises about its supply (domain.md section 6), kept in
 * {@code meter_alert} with the time they were raised.
 */
public enum MeterAlert {
    /** 8F32: supply armed (credit is back; the customer presses the button). */
    SUPPLY_ARMED("8F32"),
    /** 8168: supply disabled then armed after emergency credit became available. */
    ARMED_AFTER_EMERGENCY_CREDIT("8168");

    private final String code;

    MeterAlert(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
