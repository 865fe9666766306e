package org.solrtoolkit.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jline.utils.AttributedString;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.standard.commands.Help;
import org.springframework.shell.style.TemplateExecutor;
import org.springframework.stereotype.Component;

/**
 * Spring Shell's {@code help}, with the list of commands in a sensible order (issue 14): groups in
 * the order of an event, and the commands of a group in the order a user meets them
 * ({@link CommandOrder}), where Spring Shell lists a group's commands in hash order. {@code help
 * COMMAND} (and {@code COMMAND --help}) is Spring Shell's own page for the command. Registered in
 * place of the built-in one (a {@link Help.Command} bean); the {@code help} command itself is still
 * Spring Shell's declaration, so its option and completion are unchanged.
 */
@Component
class ToolkitHelp extends Help implements Help.Command {

    ToolkitHelp(TemplateExecutor templates) {
        super(templates);
        setShowGroups(true);
        setCommandTemplate("classpath:template/solr-help-command.stg"); // optional options bracketed
        setCommandsTemplate("classpath:template/help-commands-default.stg");
    }

    @Override
    public AttributedString help(String[] command) throws IOException {
        if (command != null && command.length > 0) {
            return super.help(command);
        }
        return new AttributedString(list(getCommandCatalog().getRegistrations()));
    }

    /** Every visible command by group, marked {@code *} where the current operator may not use it now. */
    static String list(Map<String, CommandRegistration> registrations) {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        registrations.entrySet().stream().filter(e -> !e.getValue().isHidden()).map(Map.Entry::getKey)
                .sorted(CommandOrder.BY_USE).forEach(name -> groups.computeIfAbsent(group(registrations.get(name)),
                        g -> new ArrayList<>()).add(name));
        StringBuilder sb = new StringBuilder("AVAILABLE COMMANDS\n\n");
        boolean unavailable = false;
        for (Map.Entry<String, List<String>> g : groups.entrySet()) {
            sb.append(g.getKey()).append('\n');
            for (String name : g.getValue()) {
                CommandRegistration r = registrations.get(name);
                boolean available = r.getAvailability() == null || r.getAvailability().isAvailable();
                unavailable |= !available;
                sb.append("       ").append(available ? "" : "* ").append(name).append(": ")
                        .append(r.getDescription()).append('\n');
            }
            sb.append('\n');
        }
        if (unavailable) {
            sb.append("Commands marked with (*) are currently unavailable.\nType `help <command>` to learn more.\n");
        }
        return sb.toString().stripTrailing();
    }

    private static String group(CommandRegistration r) {
        return r.getGroup() == null || r.getGroup().isBlank() ? "Other Commands" : r.getGroup();
    }
}
