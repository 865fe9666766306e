package org.solrtoolkit.device;

import java.util.List;
import java.util.Optional;

/**
 * The meter's answer to a CS02b: whether the command was accepted, why not if it was not, the
 * outcome per cell (status code, existing and replacing subject unique id and SKI), and every check
 * it ran, in order, with its result.
 */
public record Cs02bResponse(boolean accepted, Optional<Refusal> refusal, List<CellOutcome> outcomes,
        List<Check> checks) {

    /**
     * What the meter itself would tell a trainer: the check that refused the command, else the first
     * check that failed (a cell's), else empty.
     */
    public Optional<String> ownReason() {
        return refusal.map(r -> r.check() + ": " + r.detail()).or(() -> checks.stream().filter(c -> !c.passed())
                .map(c -> c.code() + ": " + c.detail()).findFirst());
    }

    /** Why a command was refused as a whole: the check that failed (its stable code), and what it found. */
    public record Refusal(MeterCheck check, String name, String detail) {
        @Override
        public String toString() {
            return name + ": " + detail;
        }
    }

    /** A command that could not be put to the meter or that it refused, with no check logged after. */
    public static Cs02bResponse refused(MeterCheck check, String detail) {
        return new Cs02bResponse(false, Optional.of(new Refusal(check, check.label(), detail)), List.of(), List.of());
    }

    /** The refusal as one line: {@code check: what it found}. */
    public Optional<String> rejection() {
        return refusal.map(Refusal::toString);
    }

    /** One cell's outcome; {@code replacing} is what was offered for it. */
    public record CellOutcome(TrustAnchorCell cell, CellStatus status, CellContent existing, CellContent replacing,
            String reason) {
    }

    /** One check the meter ran (its code, and its name with the cell it was about), and its result. */
    public record Check(MeterCheck code, String name, boolean passed, String detail) {
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
