package org.solrtoolkit.device;

/**
 * Every check a simulated meter runs on a command, with a stable code (the enum name) and the
 * section a reviewer would look for (domain.md sections 3, 4 and 8). Each check is logged
 * separately in the meter's answer; callers group and test refusals by this code, never by the
 * text. {@link #DELIVERED} and {@link #HAS_CELLS} are not the meter's own checks: they record that
 * a command could not be put to it (no answer, or no trust anchor cells to check against).
 */
public enum MeterCheck {
    DELIVERED("unreachable", "DUIS response codes: no response from the device"),
    HAS_CELLS("cells", "GBCS section 13: a device without trust anchor cells cannot check a command"),
    PARSE("parse", "GBCS message structures (CS02b, General Signing)"),
    MAC("MAC", "GBCS section 5: the ACB's AES-GCM MAC, key from the device's and the ACB cell's key-agreement keys"),
    TARGET_DEVICE("target device", "GBCS General Signing: recipient system title"),
    ORIGINATOR("originator", "GBCS General Signing: the originator system title is the authorising cell's entity"
            + " identifier"),
    AUTHORISER_FOR_MODE("authoriser for mode", "GBCS section 13, CS02b: the mode names its authorising cell"),
    AUTHORISING_CELL_PRESENT("authorising cell present", "GBCS section 13: the device holds the authorising cell"),
    CONTINGENCY_KEY("contingency key", "SEC L10.30(e), RFC 5934: the command's plaintext symmetric key unwraps the"
            + " Contingency public key from the Root cell's WrappedApexContingencyKey (mode anyByContingency)"),
    SIGNATURE("signature", "GBCS General Signing: ECDSA P-256 against the authorising cell's key"),
    COUNTER_ABOVE_FLOOR("counter above floor", "GBCS section 13: originator counter above the role's floor"
            + " (anti-replay)"),
    FLOORS_FOR_MODE("mode may set floor", "GBCS section 13, CS02b [4] [5] [6]: a mode sets only the floors of the"
            + " roles whose cells it replaces (INFERENCE from anti-replay)"),
    MODE_ALLOWS_CELL("mode allows", "GBCS section 13, CS02b: which cells a mode may replace"),
    USE_CASE_FOR_DEVICE("use case for this device", "GBCS use cases: ECS (ESME) and GCS (GSME) message codes"),
    EXECUTED("executed", "GBCS ECS09 / DLMS result 250 other-reason: an authentic command the meter could not"
            + " execute (a value it does not accept, emergency credit not available)"),
    CELL_PRESENT("present", "GBCS section 13: status 25 trustAnchorNotFound"),
    CELL_ROLE_AND_USAGE("role and key usage", "GBCS section 12: role and key usage match the cell (status 5)"),
    CELL_CHAINS_TO_ROOT("chains to the Root cell", "GBCS section 12: path certificates to the Root cell"
            + " (status 10 noTrustAnchor)"),
    CELL_VALIDITY("validity", "GBCS section 12: validity period, unless time checks are disapplied (status 5)");

    private final String label;
    private final String reference;

    MeterCheck(String label, String reference) {
        this.label = label;
        this.reference = reference;
    }

    /** How the check reads in a meter's answer, e.g. {@code counter above floor}. */
    public String label() {
        return label;
    }

    /** The GBCS or DUIS section the check implements. */
    public String reference() {
        return reference;
    }
}
