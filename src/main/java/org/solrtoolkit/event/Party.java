package org.solrtoolkit.event;

import org.solrtoolkit.playbook.PartyRole;

/**
 * A party of an event: the Failing Supplier, the SoLR, or a Shared Resource Provider acting for
 * one of them ({@code actsFor} names that party; null for the others).
 */
public record Party(String name, PartyRole role, String actsFor) {

    public Party {
        if (name == null || name.isBlank() || role == null) {
            throw new IllegalArgumentException("a party needs a name and a role");
        }
        name = name.trim();
        actsFor = actsFor == null || actsFor.isBlank() ? null : actsFor.trim();
    }

    @Override
    public String toString() {
        return name + " (" + role + (actsFor == null ? "" : " for " + actsFor) + ")";
    }
}
