package org.solrtoolkit.dcc;

/**
 * How the simulated DCC answers a request, with the response code it writes. The codes for
 * rejections and the DCC alert are this simulation's (the DUIS code table is not public material
 * here): each names the DCC's reason only, never a device's check, as a real DCC would.
 */
public enum DccOutcome {
    /** The device answered; its GBCS response is in the payload. */
    DELIVERED("I0"),
    /** The XML signature does not verify, or names a certificate the DCC does not know. */
    AUTHENTICATION_FAILED("E3"),
    /** The RequestID's counter is not above the last one the DCC answered for this originator and target. */
    COUNTER_NOT_INCREASING("E8"),
    /** Signed with a certificate that is not the requester's DUIS XML-signing certificate. */
    NOT_AN_XML_SIGNING_CERTIFICATE("E4"),
    /** The requester is not the supplier registered for the ImportMPxN (MP185 after a transfer). */
    NOT_REGISTERED("E19"),
    /** The ImportMPxN is not the device's. */
    MPXN_NOT_THE_DEVICE("E20"),
    /** A critical request's pre-command, returned for the user to sign (DUIS CommandVariant 4). */
    PRE_COMMAND("I0"),
    /** A signed pre-command that is not the one the DCC issued for its RequestID, or carries no signature. */
    NOT_THE_PRE_COMMAND("E21"),
    /** The service has no use case for the device (7.1 Enable Supply on a gas meter). */
    NOT_FOR_DEVICE_TYPE("E22"),
    /** The command did not reach the device or the device did not answer: a DCC alert. */
    NO_RESPONSE("N24");

    private final String code;

    DccOutcome(String code) {
        this.code = code;
    }

    /** The DUIS response code (or DCC alert code) written. */
    public String code() {
        return code;
    }
}
