package org.solrtoolkit.device;

import org.solrtoolkit.pki.Eui64;

/**
 * One meter of the fleet inventory, as a row of the CSV: its identity, its prepayment state, the
 * Priority Services Register flag and the supplier whose certificates its Supplier cells hold.
 * Money is in pence.
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
        PrepaymentState.SupplyState supply) {
}
