package org.solrtoolkit.shell;

import java.util.Optional;
import org.solrtoolkit.event.EventException;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.event.OperatorDirectory;
import org.springframework.stereotype.Component;

/**
 * Who is at the keyboard in this shell session: on a SQLite file set by {@code operator login}, or
 * for one-shot commands by {@code --as} / {@code SOLR_TOOLKIT_OPERATOR}; on a server database the
 * database login, as an event administrator mapped it ({@link OperatorDirectory}), and nothing else.
 */
@Component
class Session {

    private final String configured;
    private final boolean server;
    private final org.springframework.beans.factory.ObjectProvider<OperatorDirectory> directory;
    private final org.springframework.beans.factory.ObjectProvider<org.solrtoolkit.event.EventService> events;
    private Operator operator;

    Session(Launch launch, org.springframework.beans.factory.ObjectProvider<OperatorDirectory> directory,
            org.springframework.beans.factory.ObjectProvider<org.solrtoolkit.event.EventService> events) {
        this.configured = launch.operator();
        this.server = org.solrtoolkit.store.ServerConnection.isUrl(launch.location());
        this.directory = directory;
        this.events = events;
    }

    /** Whether the database is the shared server. */
    boolean onServer() {
        return server;
    }

    /**
     * Whether the operator is the database login: on a server database, for a live event (or before
     * any event). A rehearsal's trainer plays every trainee, as on a file, with {@code --as} or
     * {@code operator login}; its audit rows still record the login that wrote them.
     */
    boolean identityIsLogin() {
        return server && events.getObject().current().map(e -> !e.isRehearsal()).orElse(true);
    }

    /** On a server database {@code --as} and SOLR_TOOLKIT_OPERATOR name no one: refused, whatever the command. */
    private void refuseNamedOperatorOnServer() {
        if (configured != null && !configured.isBlank() && identityIsLogin()) {
            throw new EventException(EventException.Code.NOT_ON_SERVER, "--as / SOLR_TOOLKIT_OPERATOR are refused on a"
                    + " server database for a live event: there you are the database login you connect as (PGUSER, or the URL's"
                    + " user); drop --as or unset SOLR_TOOLKIT_OPERATOR");
        }
    }

    /** The operator, parsing {@code --as} / the environment lazily so a bad value fails the command that needs it. */
    Optional<Operator> operator() {
        if (server && identityIsLogin()) {
            refuseNamedOperatorOnServer();
            return events.getObject().current().flatMap(e -> directory.getObject().of(e));
        }
        if (operator == null && configured != null && !configured.isBlank()) {
            operator = Operator.parse(configured);
        }
        return Optional.ofNullable(operator);
    }

    /** @throws EventException OPERATOR_REQUIRED saying how to identify */
    Operator requireOperator() {
        if (server && identityIsLogin()) {
            refuseNamedOperatorOnServer();
            return directory.getObject().require(events.getObject().current());
        }
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
        return (server && identityIsLogin()) || operator != null || (configured != null && !configured.isBlank());
    }
}
