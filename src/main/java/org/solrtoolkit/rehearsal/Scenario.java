package org.solrtoolkit.rehearsal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.playbook.Playbook;

/**
 * A rehearsal scenario as read from {@code playbooks/scenarios/*.yaml}: the parties, the
 * appointment time T, the playbook, the fleet, the trainees and the faults with their simulated
 * times (offsets from T), and how long its customers take to press the button once their supply is
 * armed.
 */
public record Scenario(
        String id,
        String title,
        Playbook playbook,
        Instant appointment,
        long seed,
        String failingSupplier,
        String solr,
        List<Srp> srps,
        Fleet fleet,
        List<Trainee> trainees,
        List<Fault> faults,
        String file,
        String sha256,
        String source,
        org.solrtoolkit.device.CustomerReaction customers) {

    public Scenario {
        srps = List.copyOf(srps);
        trainees = List.copyOf(trainees);
        faults = List.copyOf(faults);
    }

    /** An SRP and the supplier it acts for. */
    public record Srp(String name, String actsFor) {
    }

    /** A generated fleet (count, prepayment share) or a CSV inventory. */
    public record Fleet(long count, double prepaymentShare, Optional<Path> csv) {
    }

    /** A trainee operator: who logs in with which party and role. */
    public record Trainee(String name, String party, PartyRole role) {
    }

    /**
     * A fault: its type, when it strikes and (for a window) ends, as offsets from T, and its
     * parameters (text, checked by the loader).
     */
    public record Fault(int ordinal, FaultType type, Duration at, Optional<Duration> until, Map<String, String> params) {
        public Fault {
            params = Map.copyOf(params);
        }
    }
}
