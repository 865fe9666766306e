package org.solrtoolkit.migration;

import java.util.List;
import org.solrtoolkit.device.DeviceException;
import org.solrtoolkit.event.Authorisation;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.event.Party;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.device.NonDisablementCalendar;
import org.solrtoolkit.device.PrepaymentState;
import org.solrtoolkit.wire.PrepaymentCommand;

/**
 * The rules and words of protective requests ({@link ProtectionService}): parameters no meter accepts,
 * refused before anything is signed; what the sender is told for each outcome (the DCC's words), with
 * the rule behind a DCC code (MP185, MP134A); how a meter's protection reads in the audit log.
 */
final class ProtectionRules {

    private ProtectionRules() {
    }

    static String hint(String code) {
        return switch (code) {
            case "E19" -> " (E19: the DCC does not have this supplier registered for the meter point now; after the"
                    + " MPID transfer only the SoLR may send it, MP185)";
            case "E3" -> " (E3: the DCC could not authenticate the request: its XML-signing certificate is unknown or"
                    + " revoked; MP134A lets the PMA delay revocation)";
            default -> "";
        };
    }

    static String label(ProtectivePath.Outcome o) {
        return switch (o.result()) {
            case EXECUTED -> "executed";
            case NOT_EXECUTED -> "not executed by the device";
            case REJECTED -> "rejected by the DCC " + o.code();
            case NO_RESPONSE -> "DCC alert " + o.code() + " (no response)";
        };
    }

    static String describe(PrepaymentState s) {
        return s.mode() + " balance " + s.balance() + "p, EC " + (s.emergencyCreditActive() ? "active" : "not active")
                + ", calendar '" + s.calendar() + "', supply " + s.supply();
    }

    /** Parameters no meter accepts are refused here, before anything is signed or sent. */
    static void validate(ProtectionService.Step s) {
        PrepaymentCommand p = s.parameters();
        p.emergencyCreditLimit().ifPresent(v -> {
            if (v > PrepaymentState.MAX_EMERGENCY_CREDIT) {
                throw new DeviceException(DeviceException.Code.BAD_INPUT, "emergency credit limit " + v + "p: a meter"
                        + " accepts 0 to " + PrepaymentState.MAX_EMERGENCY_CREDIT + "p (£"
                        + PrepaymentState.MAX_EMERGENCY_CREDIT / 100 + ")");
            }
        });
        p.nonDisablementCalendar().ifPresent(NonDisablementCalendar::parse);
        p.debtRecoveryRateCap().ifPresent(v -> percent("debt recovery rate cap", v));
        p.debtRecoveryPercent().ifPresent(v -> percent("debt recovery", v));
    }

    private static void percent(String what, long v) {
        if (v > 100) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, what + " " + v + "%: a percentage is 0 to 100");
        }
    }

    /** The supplier whose key signs: the one the operator acts for (Failing Supplier or SoLR). */
    static Party signer(Event event, Operator op) {
        for (PartyRole role : List.of(PartyRole.FAILING_SUPPLIER, PartyRole.SOLR)) {
            if (Authorisation.actsFor(event, op, role)) {
                return event.partyOf(role).orElseThrow();
            }
        }
        Authorisation.requireActsFor(event, op, PartyRole.FAILING_SUPPLIER, "send protective requests",
                "protective requests are signed by a supplier: the Failing Supplier or its SRP, or the SoLR");
        throw new IllegalStateException("unreachable");
    }
}
