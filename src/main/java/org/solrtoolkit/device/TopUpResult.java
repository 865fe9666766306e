package org.solrtoolkit.device;

/** What a meter says to a UTRN (domain.md section 4): accepted, or which check refused it. */
public enum TopUpResult {
    ACCEPTED("accepted"),
    NOT_AUTHENTIC("not authentic for this meter (made with another supplier's key, for another meter or"
            + " another counter)"),
    DUPLICATE("a duplicate of a UTRN this meter already accepted"),
    COUNTER_AT_OR_BELOW_FLOOR("its counter is at or below the meter's prepayment floor (replay)"),
    NOT_PREPAYMENT("the meter is not in prepayment mode");

    private final String text;

    TopUpResult(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
