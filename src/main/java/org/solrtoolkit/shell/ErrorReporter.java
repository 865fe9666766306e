package org.solrtoolkit.shell;

import java.io.PrintStream;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.solrtoolkit.ToolkitException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.shell.command.CommandExceptionResolver;
import org.springframework.shell.command.CommandExecution;
import org.springframework.shell.command.CommandHandlingResult;
import org.springframework.shell.result.CommandNotFoundMessageProvider;
import org.springframework.stereotype.Component;

/**
 * The one place where failures become user text and exit codes: one line on stderr (what, which
 * input, what to do), the stack trace in the log file (and on stderr with {@code --debug}), exit
 * code 1 for failures and 2 for usage errors. Also answers unknown commands.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ErrorReporter implements CommandExceptionResolver, CommandNotFoundMessageProvider {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorReporter.class);

    /** A value such as -1h is read as an option by the parser. */
    private static final java.util.regex.Pattern NEGATIVE = java.util.regex.Pattern.compile(
            "Unrecognised option '(-\\d[^']*)'");

    private final boolean debug;
    private final PrintStream err;

    private final ObjectProvider<RehearsalBanner> rehearsal;
    private final ObjectProvider<ToolkitConfiguration.DatabaseHolder> database;

    ErrorReporter(Launch launch, ObjectProvider<RehearsalBanner> rehearsal,
            ObjectProvider<ToolkitConfiguration.DatabaseHolder> database) {
        this.debug = launch.debug();
        this.err = System.err;
        this.rehearsal = rehearsal;
        this.database = database;
    }

    @Override
    public CommandHandlingResult resolve(Exception e) {
        String message;
        int code;
        if (e instanceof ToolkitException te) {
            message = ShellText.options(te);
            code = ExitCodes.of(te);
        } else if (e instanceof CommandExecution.CommandParserExceptionsException pe) {
            message = pe.getParserExceptions().stream().map(Throwable::getMessage).distinct()
                    .collect(Collectors.joining("; ")) + " (see 'help')";
            java.util.regex.Matcher negative = NEGATIVE.matcher(message);
            if (negative.find()) {
                message = "'" + negative.group(1) + "' looks like a negative value, which no command takes: durations"
                        + " move the clock forward (30m, 6h, 3d), amounts and counts are positive";
            }
            code = ExitCodes.of(pe);
        } else if (org.solrtoolkit.store.Connections.lostConnection(e)) {
            message = "the database server cannot be reached (" + org.solrtoolkit.store.Connections.rootMessage(e)
                    + "); nothing of the failed change was written: retry when it is back";
            code = 1;
        } else if (e instanceof DataAccessException de) {
            message = "database error: " + de.getMostSpecificCause().getMessage();
            code = 1;
        } else {
            message = "unexpected error: " + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + " (details in the log file beside the database)";
            code = 1;
        }
        LOG.warn("command failed: {}", message, e);
        ToolkitConfiguration.DatabaseHolder db = database.getIfAvailable();
        if (db != null) {
            db.discardIfCreated(); // a refused command leaves no new file behind
        }
        RehearsalBanner banner = rehearsal.getIfAvailable();
        String marking = banner == null ? null : banner.marking().orElse(null);
        err.println(marking == null ? message : marking + ": " + message);
        if (debug) {
            e.printStackTrace(err);
        }
        err.flush();
        return CommandHandlingResult.of(null, code);
    }

    @Override
    public String apply(ProviderContext context) {
        String words = String.join(" ", context.commands());
        String hint = Suggestions.nearest(context.commands(), context.registrations().entrySet().stream()
                .filter(e -> !e.getValue().isHidden()).map(java.util.Map.Entry::getKey).toList())
                .map(c -> "did you mean '" + c + "'? ").orElse("");
        err.println("unknown command '" + words + "'; " + hint + "type 'help' for the list of commands");
        err.flush();
        return "";
    }
}
