package org.solrtoolkit.shell;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.solrtoolkit.migration.ProtectionService;
import org.solrtoolkit.wire.CriticalService;
import org.solrtoolkit.wire.PrepaymentCommand;

/** {@code meter protect}'s options as one protective request: which service, which parameters it takes. */
final class ProtectRequest {

    private ProtectRequest() {
    }

    static ProtectionService.Step parse(String request, String calendar, String ecLimit, String ecThreshold,
            String lowCredit, String maxBalance, String cap, String mode, String adjust, String debt, String recovery) {
        CriticalService service = switch (request.trim().toLowerCase(Locale.ROOT)) {
            case "2.1", "prepay-config" -> CriticalService.UPDATE_PREPAY_CONFIGURATION;
            case "2.5", "emergency-credit" -> CriticalService.ACTIVATE_EMERGENCY_CREDIT;
            case "1.6", "payment-mode" -> CriticalService.UPDATE_PAYMENT_MODE;
            case "1.5", "balance" -> CriticalService.UPDATE_METER_BALANCE;
            case "2.3", "debt" -> CriticalService.UPDATE_DEBT;
            case "7.1", "enable-supply" -> CriticalService.ENABLE_SUPPLY;
            default -> throw new UsageException("--request '" + request + "': one of 2.1 prepay-config, 2.5"
                    + " emergency-credit, 1.6 payment-mode, 1.5 balance, 2.3 debt, 7.1 enable-supply");
        };
        boolean config = service == CriticalService.UPDATE_PREPAY_CONFIGURATION;
        only(config, "2.1", "--calendar", calendar, "--ec-limit", ecLimit, "--ec-threshold", ecThreshold, "--low-credit",
                lowCredit, "--max-balance", maxBalance, "--debt-recovery-cap", cap);
        only(service == CriticalService.UPDATE_PAYMENT_MODE, "1.6", "--mode", mode);
        only(service == CriticalService.UPDATE_METER_BALANCE, "1.5", "--adjust", adjust);
        only(service == CriticalService.UPDATE_DEBT, "2.3", "--debt", debt, "--debt-recovery", recovery);
        Optional<Boolean> credit = Optional.empty();
        if (service == CriticalService.UPDATE_PAYMENT_MODE) {
            if (mode == null || !(mode.equalsIgnoreCase("credit") || mode.equalsIgnoreCase("prepayment"))) {
                throw new UsageException("1.6 needs --mode credit or --mode prepayment");
            }
            credit = Optional.of(mode.equalsIgnoreCase("credit"));
        }
        if (config && calendar == null && ecLimit == null && ecThreshold == null && lowCredit == null
                && maxBalance == null && cap == null) {
            throw new UsageException("2.1 needs at least one of --calendar, --ec-limit, --ec-threshold, --low-credit,"
                    + " --max-balance, --debt-recovery-cap");
        }
        if (service == CriticalService.UPDATE_METER_BALANCE && adjust == null) {
            throw new UsageException("1.5 needs --adjust (GBP, may be negative)");
        }
        if (service == CriticalService.UPDATE_DEBT && debt == null && recovery == null) {
            throw new UsageException("2.3 needs --debt or --debt-recovery");
        }
        return new ProtectionService.Step(service, new PrepaymentCommand(pence("--ec-limit", ecLimit, false),
                pence("--ec-threshold", ecThreshold, false), pence("--low-credit", lowCredit, false),
                whole("--debt-recovery-cap", cap), pence("--max-balance", maxBalance, false), Optional.ofNullable(calendar),
                credit, pence("--adjust", adjust, true), pence("--debt", debt, false), whole("--debt-recovery", recovery)));
    }

    private static void only(boolean applies, String srv, String... optionsAndValues) {
        if (applies) {
            return;
        }
        for (int i = 0; i < optionsAndValues.length; i += 2) {
            if (optionsAndValues[i + 1] != null) {
                throw new UsageException(optionsAndValues[i] + " belongs to " + srv + ", not to this --request");
            }
        }
    }

    private static OptionalLong pence(String option, String gbp, boolean signed) {
        if (gbp == null) {
            return OptionalLong.empty();
        }
        try {
            long p = new BigDecimal(gbp.trim().replace("£", "")).movePointRight(2).longValueExact();
            if (p < 0 && !signed) {
                throw new UsageException(option + " '" + gbp + "' must not be negative");
            }
            return OptionalLong.of(p);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new UsageException(option + " '" + gbp + "' is not an amount in pounds (e.g. 15 or 7.50)");
        }
    }

    private static OptionalLong whole(String option, String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        try {
            long v = Long.parseLong(text.trim().replace("%", ""));
            if (v < 0) {
                throw new NumberFormatException();
            }
            return OptionalLong.of(v);
        } catch (NumberFormatException e) {
            throw new UsageException(option + " '" + text + "' is not a whole percentage");
        }
    }
}
