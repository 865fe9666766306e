package org.solrtoolkit.event;

import org.solrtoolkit.playbook.PartyRole;
import java.time.Instant;
import java.util.List;

/**
 * What {@code event create} asks for: a name, the Failing Supplier, the SoLR, the SRPs (each with
 * the party it acts for), the appointment time T and whether it is a rehearsal.
 */
public record NewEvent(String name, String failingSupplier, String solr, List<Srp> srps, Instant appointedAt,
        boolean rehearsal, List<Party> others) {

    /** A SoLR event: its Failing Supplier, SoLR and SRPs. */
    public NewEvent(String name, String failingSupplier, String solr, List<Srp> srps, Instant appointedAt,
            boolean rehearsal) {
        this(name, failingSupplier, solr, srps, appointedAt, rehearsal, List.of());
    }

    /** An SRP and the party (Failing Supplier or SoLR) it acts for. */
    public record Srp(String name, String actsFor) {

        /**
         * Parses {@code NAME:ACTS_FOR} (the last {@code :} separates them).
         *
         * @throws EventException BAD_INPUT with the accepted form
         */
        public static Srp parse(String text) {
            String t = text == null ? "" : text.trim();
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || colon == t.length() - 1) {
                throw new EventException(EventException.Code.BAD_INPUT, "{srp} '" + t
                        + "' does not parse: use NAME:ACTS_FOR, e.g. 'Acme SRP:Acme Energy'");
            }
            return new Srp(t.substring(0, colon).trim(), t.substring(colon + 1).trim());
        }
    }

    public NewEvent {
        srps = List.copyOf(srps);
        others = List.copyOf(others);
    }

    /**
     * Parses {@code NAME:ROLE} (the last {@code :} separates them), a party of a playbook without
     * Failing Supplier and SoLR (e.g. the SMKI recovery: AFFECTED_PARTY, DCC, PMA).
     *
     * @throws EventException BAD_INPUT with the accepted form and the roles
     */
    public static Party party(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.lastIndexOf(':');
        java.util.Optional<PartyRole> role = colon <= 0 ? java.util.Optional.empty()
                : PartyRole.find(t.substring(colon + 1));
        if (role.isEmpty() || t.substring(0, colon).isBlank()) {
            throw new EventException(EventException.Code.BAD_INPUT, "{party} '" + t + "' does not parse: use NAME:ROLE,"
                    + " e.g. 'Acme Energy:AFFECTED_PARTY' (roles: " + PartyRole.names() + ")");
        }
        return new Party(t.substring(0, colon).trim(), role.get(), null);
    }
}
