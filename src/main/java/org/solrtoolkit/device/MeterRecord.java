package org.solrtoolkit.device;

import org.solrtoolkit.pki.Eui64;

/**
 * One meter of the fleet inventory, as a row of the CSV: its identity, its prepayment state, the
 * Priority Services Register flag, the supplier whose certificates its Supplier cells hold, and
 * what it uses per simulated hour. Money is in pence.
 */
public record MeterRecord(
        Eui64 deviceId,
        DeviceType type,
        Mpxn mpxn,
        PrepaymentState.PaymentMode paymentMode,
        long creditBalance,
        long emergencyCreditLimit,
        long debt,
        int debtRecoveryPercent,
        boolean psr,
        String supplier,
        PrepaymentState.SupplyState supply,
        long consumptionPerHour) {

    /** Typical use per hour when a file does not say: 12p of electricity, 10p of gas. */
    public static long typicalConsumption(DeviceType type) {
        return type == DeviceType.ESME ? 12 : 10;
    }
}
