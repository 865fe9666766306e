package org.solrtoolkit.shell;

import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.Operator;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/** {@code operator login|whoami|logout}: who is at the keyboard in this session. */
@Command(command = "operator", group = "Operators")
class OperatorCommands {

    private final Session session;
    private final EventService events;
    private final Launch launch;

    OperatorCommands(Session session, EventService events, Launch launch) {
        this.session = session;
        this.events = events;
        this.launch = launch;
    }

    /**
     * A login holds for the shell or script it is typed in; a one-shot command ends with its
     * process, so it is refused rather than appearing to work (issue 14).
     */
    private void requireSession(String what) {
        if (launch.mode() == Launch.Mode.ONE_COMMAND) {
            throw new UsageException("'operator " + what + "' holds for an interactive shell or a script only;"
                    + " for one-shot commands pass --as 'Name@Party:ROLE' or set SOLR_TOOLKIT_OPERATOR");
        }
    }

    @Command(command = "login", description = "Identify yourself for this session: name, party and role")
    String login(@Option(longNames = "name", required = true, description = "your name") String name,
            @Option(longNames = "party", required = true, description = "the party you work for") String party,
            @Option(longNames = "role", required = true, description = "FAILING_SUPPLIER, SOLR, SRP, DCC or PMA")
            @OptionValues(provider = "roles") String role) {
        requireSession("login");
        Operator op = Operator.parse(name + "@" + party + ":" + role);
        events.current().ifPresent(e -> events.requireParty(e, op));
        session.login(op);
        return "logged in as " + op + events.current().map(e -> " in event " + e.id()).orElse("");
    }

    @Command(command = "whoami", description = "The operator of this session")
    String whoami() {
        return session.requireOperator().toString();
    }

    @Command(command = "logout", description = "Forget the operator of this session")
    String logout() {
        requireSession("logout");
        session.logout();
        return "logged out";
    }
}
