package org.solrtoolkit.shell;

import java.util.ArrayList;
import java.util.List;
import org.springframework.shell.command.CommandContext;

/**
 * Values of an option given several times ({@code --srp A:B --srp C:D}). Spring Shell binds only
 * the last occurrence to a parameter, so these are read from the raw arguments.
 */
final class RepeatedOption {

    private RepeatedOption() {
    }

    static List<String> values(CommandContext ctx, String longName) {
        String flag = "--" + longName;
        String[] args = ctx.getRawArgs();
        List<String> values = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(flag) && i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.add(args[++i]);
            } else if (args[i].startsWith(flag + "=")) {
                values.add(args[i].substring(flag.length() + 1));
            }
        }
        return values;
    }
}
