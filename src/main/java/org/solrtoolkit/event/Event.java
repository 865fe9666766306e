package org.solrtoolkit.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.solrtoolkit.playbook.PartyRole;

/**
 * A SoLR event (live or rehearsal): its parties, the appointment time T from which every deadline
 * counts, and the identity of the playbook frozen into it.
 */
public record Event(
        String id,
        String name,
        EventMode mode,
        Instant appointedAt,
        String playbookId,
        String playbookVersion,
        String playbookTitle,
        String playbookSha256,
        Instant createdAt,
        String createdBy,
        List<Party> parties) {

    public Event {
        parties = List.copyOf(parties);
    }

    /** The party registered with {@code name} in {@code role}, if any (names compare ignoring case). */
    public Optional<Party> party(String name, PartyRole role) {
        return parties.stream().filter(p -> p.role() == role && p.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The first party of a role (the Failing Supplier and the SoLR are unique). */
    public Optional<Party> partyOf(PartyRole role) {
        return parties.stream().filter(p -> p.role() == role).findFirst();
    }

    public boolean isRehearsal() {
        return mode == EventMode.REHEARSAL;
    }
}
