package org.solrtoolkit.shell;

import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.Operator;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.annotation.OptionValues;

/**
 * {@code operator login|whoami|logout}: who is at the keyboard in this session; on a server
 * database {@code operator add|list}: which database login is which person, party and role.
 */
@Command(command = "operator", group = "Operators")
public class OperatorCommands {

    private final Session session;
    private final EventService events;
    private final Launch launch;
    private final org.springframework.beans.factory.ObjectProvider<org.solrtoolkit.event.OperatorDirectory> directory;

    OperatorCommands(Session session, EventService events, Launch launch,
            org.springframework.beans.factory.ObjectProvider<org.solrtoolkit.event.OperatorDirectory> directory) {
        this.session = session;
        this.events = events;
        this.launch = launch;
        this.directory = directory;
    }

    /** On a server database a person is the database login: logging in as someone else is refused. */
    private void refuseOnServer(String what) {
        if (session.identityIsLogin()) {
            throw new org.solrtoolkit.event.EventException(org.solrtoolkit.event.EventException.Code.NOT_ON_SERVER,
                    "'operator " + what + "' is refused on a server database for a live event: there you are the"
                            + " database login you connect as, mapped by 'operator add'");
        }
    }

    @Command(command = "add", description = "On a server database: map a database login to a person, party and role"
            + " of the current event (an event administrator)")
    String add(@Option(longNames = "login", required = true, description = "the database login") String login,
            @Option(longNames = "name", required = true, description = "the person's name") String name,
            @Option(longNames = "party", required = true, description = "the party they work for") String party,
            @Option(longNames = "role", required = true, description = "FAILING_SUPPLIER, SOLR, SRP, DCC or PMA")
            @OptionValues(provider = "roles") String role) {
        var m = directory.getObject().add(events.requireCurrent(), login, Operator.parse(name + "@" + party + ":" + role),
                events);
        return "database login " + m.login() + " is " + m.operator() + " in event " + events.requireCurrent().id()
                + (m.operator().role() == org.solrtoolkit.playbook.PartyRole.PMA ? " (reads everything, writes nothing)"
                        : "");
    }

    @Command(command = "list", description = "On a server database: the logins mapped in the current event")
    String list() {
        if (!session.onServer()) {
            return "no database logins on a SQLite file: the operator is who --as or 'operator login' says";
        }
        var all = directory.getObject().list(events.requireCurrent());
        java.util.List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
        for (var m : all) {
            java.util.Map<String, Object> r = Rendered.map();
            r.put("login", m.login());
            r.put("operator", m.operator().toString());
            rows.add(r);
        }
        return rows.isEmpty() ? "no login is mapped in event " + events.requireCurrent().id() + " ('operator add')"
                : Rendered.table(rows, java.util.List.of("login", "operator"));
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
        refuseOnServer("login");
        requireSession("login");
        Operator op = Operator.parse(name + "@" + party + ":" + role);
        events.current().ifPresent(e -> events.requireParty(e, op));
        session.login(op);
        return "logged in as " + op + events.current().map(e -> " in event " + e.id()).orElse("");
    }

    @Command(command = "whoami", description = "The operator of this session")
    String whoami() {
        Operator op = session.requireOperator();
        return op + (session.identityIsLogin() ? " (database login " + directory.getObject().login().orElse("?") + ")" : "");
    }

    @Command(command = "logout", description = "Forget the operator of this session")
    String logout() {
        refuseOnServer("logout");
        requireSession("logout");
        session.logout();
        return "logged out";
    }
}
