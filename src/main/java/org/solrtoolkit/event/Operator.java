package org.solrtoolkit.event;

import org.solrtoolkit.playbook.PartyRole;

/**
 * The person at the keyboard: a name, the party they work for and the role they act in, written
 * {@code Name@Party:ROLE} (e.g. {@code Alice@Acme Energy:FAILING_SUPPLIER}). Every audit row
 * carries one.
 */
public record Operator(String name, String party, PartyRole role) {

    public Operator {
        if (name == null || name.isBlank() || party == null || party.isBlank() || role == null) {
            throw new EventException(EventException.Code.OPERATOR_INVALID,
                    "operator needs a name, a party and a role (" + PartyRole.names() + ")");
        }
        name = name.trim();
        party = party.trim();
        if (name.contains("@") || name.contains(":")) {
            throw new EventException(EventException.Code.OPERATOR_INVALID,
                    "operator name '" + name + "' must not contain '@' or ':'");
        }
    }

    /**
     * Parses {@code Name@Party:ROLE}; the name ends at the first {@code @}, the role starts after
     * the last {@code :}, so party names may contain either.
     *
     * @throws EventException OPERATOR_INVALID with the accepted form
     */
    public static Operator parse(String text) {
        String t = text == null ? "" : text.trim();
        int at = t.indexOf('@');
        int colon = t.lastIndexOf(':');
        if (at <= 0 || colon <= at + 1 || colon == t.length() - 1) {
            throw new EventException(EventException.Code.OPERATOR_INVALID, "operator '" + t
                    + "' does not parse: use Name@Party:ROLE, e.g. 'Alice@Acme Energy:FAILING_SUPPLIER'");
        }
        String roleText = t.substring(colon + 1);
        PartyRole role = PartyRole.find(roleText).orElseThrow(() -> new EventException(
                EventException.Code.OPERATOR_INVALID, "operator '" + t + "': unknown role '" + roleText
                        + "' (roles: " + PartyRole.names() + ")"));
        return new Operator(t.substring(0, at), t.substring(at + 1, colon), role);
    }

    @Override
    public String toString() {
        return name + "@" + party + ":" + role;
    }
}
