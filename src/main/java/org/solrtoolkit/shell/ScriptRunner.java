package org.solrtoolkit.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jline.reader.Parser;
import org.springframework.core.annotation.Order;
import org.springframework.shell.Shell;
import org.springframework.shell.ShellRunner;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.jline.ScriptShellRunner;
import org.springframework.stereotype.Component;

/**
 * Runs {@code solr-toolkit @FILE}: one command a line, {@code //} comments and blank lines
 * skipped, a trailing backslash continues a line. Stops at the first failing command and exits
 * with its code, like {@code sh -e}, so a rehearsal script never runs on in a state it did not
 * expect. (Spring Shell's own script runner ends the script at the first comment line.)
 */
@Component
@Order(ScriptShellRunner.PRECEDENCE - 10)
class ScriptRunner implements ShellRunner {

    private final Shell shell;
    private final Parser parser;
    private final ShellContext context;

    ScriptRunner(Shell shell, Parser parser, ShellContext context) {
        this.shell = shell;
        this.parser = parser;
        this.context = context;
    }

    @Override
    public boolean run(String[] args) throws Exception {
        if (args.length == 0 || !args[0].startsWith("@") || args[0].length() < 2) {
            return false;
        }
        Iterator<String> commands = commands(Path.of(args[0].substring(1))).iterator();
        context.setInteractionMode(InteractionMode.NONINTERACTIVE);
        shell.run(() -> {
            if (!commands.hasNext()) {
                return null;
            }
            String line = commands.next();
            return InteractiveRunner.input(parser.parse(line, line.length()));
        });
        return true;
    }

    static List<String> commands(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("script " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); give the path of a script file after '@'");
        }
        List<String> commands = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (pending.isEmpty() && (line.isEmpty() || line.startsWith("//"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line.substring(0, line.length() - 1).strip()).append(' ');
                continue;
            }
            pending.append(line);
            commands.add(pending.toString());
            pending.setLength(0);
        }
        if (!pending.isEmpty()) {
            commands.add(pending.toString().strip());
        }
        return commands;
    }
}
