package org.solrtoolkit.event;

import java.util.Optional;
import java.util.stream.Collectors;
import org.solrtoolkit.playbook.PartyRole;

/**
 * Who may change which step (the SoLR checklist's split of duties, domain.md section 1): an
 * operator acts for a party registered in the event in that role; a step may be changed by its
 * own role, and by an SRP for the steps of the party it acts for and for SRP steps.
 */
public final class Authorisation {

    private Authorisation() {
    }

    /** The operator's party in the event. @throws EventException NOT_A_PARTY */
    public static Party requireParty(Event event, Operator op) {
        return event.party(op.party(), op.role()).orElseThrow(() -> {
            String registered = event.parties().stream().filter(p -> p.role() == op.role()).map(Party::toString)
                    .collect(Collectors.joining(", "));
            return new EventException(EventException.Code.NOT_A_PARTY, "operator " + op + ": '" + op.party()
                    + "' is not a " + op.role() + " party of event " + event.id() + " ("
                    + (registered.isEmpty() ? "it has no " + op.role() + " party" : op.role() + ": " + registered)
                    + "); log in with a party of the event");
        });
    }

    /** Whether {@code party} may change steps of {@code stepRole}. */
    static boolean mayAct(Event event, Party party, PartyRole stepRole) {
        if (party.role() == stepRole) {
            return true;
        }
        if (party.role() == PartyRole.SRP && party.actsFor() != null) {
            return event.parties().stream().anyMatch(p -> p.name().equalsIgnoreCase(party.actsFor())
                    && p.role() != PartyRole.SRP && p.role() == stepRole);
        }
        return false;
    }

    /**
     * Whether {@code op} acts for the event's party in {@code role}: that party itself, or the SRP
     * registered as acting for it (domain.md section 1).
     */
    public static boolean actsFor(Event event, Operator op, PartyRole role) {
        Optional<Party> target = event.partyOf(role);
        if (target.isEmpty()) {
            return false;
        }
        if (op.role() == role) {
            return target.get().name().equalsIgnoreCase(op.party());
        }
        return op.role() == PartyRole.SRP && event.party(op.party(), PartyRole.SRP)
                .map(p -> target.get().name().equalsIgnoreCase(p.actsFor())).orElse(false);
    }

    /**
     * Refuses unless {@code op} is a party of the event acting for its {@code role} party.
     *
     * @param rule what the rule is, for the message, e.g. "protective requests are signed by a supplier"
     * @throws EventException NOT_A_PARTY, or WRONG_ROLE naming the operator and the rule
     */
    public static void requireActsFor(Event event, Operator op, PartyRole role, String doing, String rule) {
        requireParty(event, op);
        if (!actsFor(event, op, role)) {
            throw new EventException(EventException.Code.WRONG_ROLE, op + " may not " + doing + ": " + rule);
        }
    }

    /** Refuses unless {@code op} is a party of the event in exactly {@code role}. @throws EventException WRONG_ROLE */
    public static void requireRole(Event event, Operator op, PartyRole role, String doing, String rule) {
        requireParty(event, op);
        if (op.role() != role) {
            throw new EventException(EventException.Code.WRONG_ROLE, op + " may not " + doing + ": " + rule);
        }
    }

    /**
     * Why {@code rule} refuses, if it does: a feature's authorisation asked as a question (the shell
     * shows it as the reason a command is unavailable to the current operator).
     */
    public static Optional<String> refusal(Runnable rule) {
        try {
            rule.run();
            return Optional.empty();
        } catch (EventException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** @throws EventException WRONG_ROLE naming the step, its role and the rule */
    static void requireMayAct(Event event, Operator op, StepView step, StepAction action) {
        Party party = requireParty(event, op);
        if (!mayAct(event, party, step.role())) {
            throw new EventException(EventException.Code.WRONG_ROLE, "step " + step.id() + " belongs to "
                    + step.role() + "; " + op + " may not " + action.word() + " it (only the step's role, or an SRP"
                    + " acting for that party, may change a step)");
        }
    }
}
