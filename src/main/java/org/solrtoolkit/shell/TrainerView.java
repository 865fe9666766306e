package org.solrtoolkit.shell;

import java.util.Optional;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.pki.Eui64;

/**
 * The shell's two checks on the protective and campaign commands (issue 17): {@code --trainer} (the
 * simulated meters' own checks) exists only in a rehearsal, and a protective command names one meter
 * or {@code --all-prepayment}, never both.
 */
final class TrainerView {

    private TrainerView() {
    }

    /** @throws UsageException for {@code --trainer} in a live event */
    static void allowed(boolean trainer, Event event) {
        if (trainer && !event.isRehearsal()) {
            throw new UsageException("--trainer shows the simulated meters' own checks; it is for a rehearsal's trainer,"
                    + " and " + event.id() + " is a live event (there the DCC's codes are all anyone sees)");
        }
    }

    /** The one meter, or empty for {@code --all-prepayment}; @throws UsageException for neither or both */
    static Optional<Eui64> target(String id, boolean all) {
        if ((id == null) == !all) {
            throw new UsageException("give a meter id or --all-prepayment (not both)");
        }
        return Optional.ofNullable(id).map(Eui64::parse);
    }
}
