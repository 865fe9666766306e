package org.solrtoolkit.device;

import java.util.List;
import java.util.Optional;

/**
 * The meter's answer to a CS02b: whether the command was accepted, why not if it was not, the
 * outcome per cell (status code, existing and replacing subject unique id and SKI), and every check
 * it ran, in order, with its result.
 */
public record Cs02bResponse(boolean accepted, Optional<String> rejection, List<CellOutcome> outcomes,
        List<Check> checks) {

    /** One cell's outcome; {@code replacing} is what was offered for it. */
    public record CellOutcome(TrustAnchorCell cell, CellStatus status, CellContent existing, CellContent replacing,
            String reason) {
    }

    /** One check the meter ran, and its result. */
    public record Check(String name, boolean passed, String detail) {
    }

    public Cs02bResponse {
        outcomes = List.copyOf(outcomes);
        checks = List.copyOf(checks);
    }

    /** All cells replaced. */
    public boolean fullySucceeded() {
        return accepted && outcomes.stream().allMatch(o -> o.status() == CellStatus.SUCCESS);
    }

    public Optional<CellOutcome> outcome(TrustAnchorCell cell) {
        return outcomes.stream().filter(o -> o.cell() == cell).findFirst();
    }
}
