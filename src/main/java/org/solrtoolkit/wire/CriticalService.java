package org.solrtoolkit.wire;

import java.util.Arrays;
import java.util.Optional;

/**
 * The critical service requests a supplier (or its SRP, with its key) sends to protect prepayment
 * customers (domain.md section 7), each with its DUIS service reference, its GBCS use cases and
 * message codes for an ESME and a GSME (GBCS use case table; the message codes as the DCC's GBCS
 * tooling names them), and the element that carries it in a DUIS request body. Critical: the DCC
 * returns a GBCS pre-command, the supplier signs it with its Supplier DS key, the meter checks that
 * signature against its Supplier DS cell and the counter against its Supplier floor.
 * 7.1 Enable Supply (ECS42, close the load switch) exists for an ESME only: a gas valve is opened at
 * the meter, never remotely (GCS39 only arms it).
 */
public enum CriticalService {
    UPDATE_PREPAY_CONFIGURATION("2.1", "UpdatePrepayConfiguration", "ECS08", 0x001F, "GCS05", 0x006F),
    ACTIVATE_EMERGENCY_CREDIT("2.5", "ActivateEmergencyCredit", "ECS09", 0x0020, "GCS06", 0x0070),
    /** To credit mode; back to prepayment is ECS03 0x001B / GCS03 0x006D. */
    UPDATE_PAYMENT_MODE("1.6", "UpdatePaymentMode", "ECS02", 0x001A, "GCS02", 0x006C),
    UPDATE_METER_BALANCE("1.5", "UpdateMeterBalance", "ECS04a", 0x001C, "GCS40a", 0x0086),
    UPDATE_DEBT("2.3", "UpdateDebt", "ECS07", 0x001E, "GCS04", 0x006E),
    ENABLE_SUPPLY("7.1", "EnableSupply", "ECS42", 0x004F, null, -1);

    /** ECS03 / GCS03: payment mode back to prepayment (1.6's other variant). */
    public static final int TO_PREPAYMENT_ESME = 0x001B;
    public static final int TO_PREPAYMENT_GSME = 0x006D;

    private final String srv;
    private final String element;
    private final String esmeUseCase;
    private final int esmeCode;
    private final String gsmeUseCase;
    private final int gsmeCode;

    CriticalService(String srv, String element, String esmeUseCase, int esmeCode, String gsmeUseCase, int gsmeCode) {
        this.srv = srv;
        this.element = element;
        this.esmeUseCase = esmeUseCase;
        this.esmeCode = esmeCode;
        this.gsmeUseCase = gsmeUseCase;
        this.gsmeCode = gsmeCode;
    }

    /** The DUIS service reference, e.g. {@code 2.5}. */
    public String srv() {
        return srv;
    }

    /** The DUIS body element. */
    public String element() {
        return element;
    }

    /** The GBCS message code for a meter of this fuel (gas: a GSME), if the service exists for it. */
    public Optional<Integer> messageCode(boolean gas) {
        int c = gas ? gsmeCode : esmeCode;
        return c < 0 ? Optional.empty() : Optional.of(c);
    }

    /** The GBCS use case for a meter of this fuel, e.g. ECS09. */
    public Optional<String> useCase(boolean gas) {
        return Optional.ofNullable(gas ? gsmeUseCase : esmeUseCase);
    }

    /** The service and fuel a GBCS message code belongs to (ECS03 / GCS03 are 1.6 too). */
    public static Optional<CriticalService> ofMessageCode(int code) {
        if (code == TO_PREPAYMENT_ESME || code == TO_PREPAYMENT_GSME) {
            return Optional.of(UPDATE_PAYMENT_MODE);
        }
        return Arrays.stream(values()).filter(s -> s.esmeCode == code || s.gsmeCode == code).findFirst();
    }

    /** Whether {@code code} is a GSME use case. */
    public static boolean gasCode(int code) {
        return code == TO_PREPAYMENT_GSME || Arrays.stream(values()).anyMatch(s -> s.gsmeCode == code);
    }

    public static Optional<CriticalService> ofSrv(String srv) {
        return Arrays.stream(values()).filter(s -> s.srv.equals(srv)).findFirst();
    }
}
