package org.solrtoolkit.playbook;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The parties that act in a SoLR event or an SMKI recovery (domain.md section 1). A playbook
 * declares which of these it uses; each step belongs to exactly one.
 */
public enum PartyRole {
    FAILING_SUPPLIER("Failing Supplier"),
    SOLR("Supplier of Last Resort"),
    SRP("Shared Resource Provider"),
    DCC("Data and Communications Company"),
    PMA("SMKI Policy Management Authority"),
    /** The party whose private key is compromised, in the SMKI Recovery Procedure (domain.md section 3). */
    AFFECTED_PARTY("Affected party (compromised key)");

    private final String title;

    PartyRole(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    /** Parses a role name case-insensitively ({@code solr}, {@code SOLR}); empty if unknown. */
    public static Optional<PartyRole> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(r -> r.name().equals(wanted)).findFirst();
    }

    /** The role names, for messages that list what is accepted. */
    public static String names() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
