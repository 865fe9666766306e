package org.solrtoolkit.shell;

import java.util.Optional;
import org.solrtoolkit.event.EventException;
import org.solrtoolkit.event.Operator;
import org.springframework.stereotype.Component;

/**
 * Who is at the keyboard in this shell session: set by {@code operator login}, or for one-shot
 * commands by {@code --as} / {@code SOLR_TOOLKIT_OPERATOR}.
 */
@Component
class Session {

    private final String configured;
    private Operator operator;

    Session(Launch launch) {
        this.configured = launch.operator();
    }

    /** The operator, parsing {@code --as} / the environment lazily so a bad value fails the command that needs it. */
    Optional<Operator> operator() {
        if (operator == null && configured != null && !configured.isBlank()) {
            operator = Operator.parse(configured);
        }
        return Optional.ofNullable(operator);
    }

    /** @throws EventException OPERATOR_REQUIRED saying how to identify */
    Operator requireOperator() {
        return operator().orElseThrow(() -> new EventException(EventException.Code.OPERATOR_REQUIRED,
                "no operator: run 'operator login --name N --party P --role R', or pass --as 'Name@Party:ROLE'"
                        + " / set SOLR_TOOLKIT_OPERATOR"));
    }

    void login(Operator op) {
        this.operator = op;
    }

    void logout() {
        this.operator = null;
    }

    boolean hasOperatorSource() {
        return operator != null || (configured != null && !configured.isBlank());
    }
}
