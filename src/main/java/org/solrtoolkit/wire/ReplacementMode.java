package org.solrtoolkit.wire;

/**
 * The CS02b credentials replacement modes with their GBCS INTEGER values; the command's message code
 * is {@code 0x0100} plus the value (0x0107 for supplierByTransCoS, the change of supplier; domain.md
 * sections 3 and 6).
 */
public enum ReplacementMode {
    ROOT_BY_SUPPLIER, ROOT_BY_WAN_PROVIDER, SUPPLIER_BY_SUPPLIER, NETWORK_OPERATOR_BY_NETWORK_OPERATOR,
    ACCESS_CONTROL_BROKER_BY_ACB, WAN_PROVIDER_BY_WAN_PROVIDER, TRANS_COS_BY_TRANS_COS, SUPPLIER_BY_TRANS_COS,
    ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY, ANY_BY_CONTINGENCY;

    /** The INTEGER value in the ASN.1. */
    public int value() {
        return ordinal();
    }

    /** The GBCS message code of the CS02b command in this mode (and of its response). */
    public int messageCode() {
        return 0x0100 + ordinal();
    }

    public static ReplacementMode of(int value) {
        if (value < 0 || value >= values().length) {
            throw GbcsException.malformed("credentials replacement mode " + value + " is not 0 to 9");
        }
        return values()[value];
    }

    /** The mode of a CS02b message code, or empty when the code is not one. */
    public static java.util.Optional<ReplacementMode> ofMessageCode(int code) {
        return code >= 0x0100 && code <= 0x0109 ? java.util.Optional.of(values()[code - 0x0100])
                : java.util.Optional.empty();
    }
}
