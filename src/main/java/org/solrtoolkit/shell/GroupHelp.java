package org.solrtoolkit.shell;

import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/**
 * {@code help pki}, {@code pki --help} and {@code pki} alone: the commands of one group with their
 * descriptions, read from Spring Shell's own command catalog (issue 14). Hidden: users reach it
 * through those words ({@link Launch#helpWords}).
 */
@Command
public class GroupHelp {

    static final String COMMAND = "help-group";

    private final ObjectProvider<CommandCatalog> catalog;

    GroupHelp(ObjectProvider<CommandCatalog> catalog) {
        this.catalog = catalog;
    }

    @Command(command = COMMAND, hidden = true, description = "The commands of one group")
    String group(@Option(longNames = "group", required = true, description = "group") String group) {
        List<Map.Entry<String, CommandRegistration>> commands = catalog.getObject().getRegistrations().entrySet()
                .stream().filter(e -> e.getKey().startsWith(group + " ") && !e.getValue().isHidden())
                .sorted(Map.Entry.comparingByKey(CommandOrder.BY_USE)).toList();
        int width = commands.stream().mapToInt(e -> e.getKey().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder(group.toUpperCase(java.util.Locale.ROOT) + " COMMANDS\n");
        for (Map.Entry<String, CommandRegistration> e : commands) {
            sb.append(String.format("  %-" + width + "s  %s%n", e.getKey(), e.getValue().getDescription()));
        }
        return sb.append("\nhelp COMMAND (or COMMAND --help) shows a command's options.").toString();
    }
}
