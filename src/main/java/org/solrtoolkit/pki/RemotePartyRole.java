package org.solrtoolkit.pki;

import java.util.Arrays;
import java.util.Optional;

/**
 * The Remote Party Roles of GBCS, as carried in an SMKI certificate's subject OU as exactly two
 * hex digits (domain.md section 2; GBCS section 12). Anything else is not a GBCS role: test tools'
 * {@code 87}/{@code 89} XML-signing certificates must never reach a trust anchor cell.
 */
public enum RemotePartyRole {
    ROOT("00", "Root"),
    RECOVERY("01", "Recovery"),
    SUPPLIER("02", "Supplier"),
    NETWORK_OPERATOR("03", "Network Operator"),
    ACCESS_CONTROL_BROKER("04", "Access Control Broker"),
    TRANSITIONAL_COS("05", "Transitional Change of Supplier"),
    WAN_PROVIDER("06", "WAN Provider"),
    ISSUING_AUTHORITY("07", "Issuing Authority"),
    LOAD_CONTROLLER("08", "Load Controller"),
    OTHER("7F", "Other");

    private final String code;
    private final String title;

    RemotePartyRole(String code, String title) {
        this.code = code;
        this.title = title;
    }

    /** The two hex digits of the subject OU, e.g. {@code 02}. */
    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    /** The role's INTEGER in GBCS ASN.1: its OU code read as hex (Root 0 ... Load Controller 8, Other 127). */
    public int gbcsValue() {
        return Integer.parseInt(code, 16);
    }

    /** @throws IllegalArgumentException if {@code value} is no GBCS role's INTEGER */
    public static RemotePartyRole ofGbcs(long value) {
        for (RemotePartyRole r : VALUES) {
            if (r.gbcsValue() == value) {
                return r;
            }
        }
        throw new IllegalArgumentException("remote party role " + value + " is not a GBCS role");
    }

    /** The roles, made once (every cell of every command and response is read through {@link #ofGbcs}). */
    private static final RemotePartyRole[] VALUES = values();

    /** The role of an OU value; exact two-hex-digit match only ({@code 2} and {@code 002} are not roles). */
    public static Optional<RemotePartyRole> fromCode(String ou) {
        if (ou == null || !ou.matches("[0-9A-Fa-f]{2}")) {
            return Optional.empty();
        }
        return Arrays.stream(values()).filter(r -> r.code.equalsIgnoreCase(ou)).findFirst();
    }
}
