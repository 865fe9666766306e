package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process arguments split into the global options every command accepts ({@code --db},
 * {@code --as}, {@code --debug}) and the command itself, plus the Spring properties that choose
 * the runner: interactive with no command, script with {@code @FILE}, one command otherwise.
 * It is a bean of the context, not a set of properties, so that environment variables cannot
 * override what was given on the command line.
 */
record Launch(String location, String operator, boolean debug, Mode mode, String[] commandArgs) {

    /** The SQLite file the database lives in (for a server database: where logs and history go, in the home folder). */
    Path db() {
        return org.solrtoolkit.store.ServerConnection.isUrl(location)
                ? Path.of(System.getProperty("user.home"), ".solr-toolkit-server.db") : Path.of(location);
    }


    /** How the shell runs. */
    enum Mode { INTERACTIVE, SCRIPT, ONE_COMMAND, VERSION }

    /**
     * The command groups (first words of commands), whose name alone or with {@code --help} lists
     * their commands, as {@code gh pr} does. {@code LaunchTest} keeps it equal to the commands.
     */
    static final java.util.Set<String> GROUPS = java.util.Set.of("audit", "campaign", "checklist", "clock", "event",
            "dcc", "duis", "fleet", "gbcs", "meter", "operator", "pki", "playbook", "rehearsal", "report", "step", "utrn");

    static final String DEFAULT_DB = "solr-toolkit.db";

    static Launch parse(String[] args, Map<String, String> env) {
        String db = env.getOrDefault("SOLR_TOOLKIT_DB", DEFAULT_DB);
        String operator = env.get("SOLR_TOOLKIT_OPERATOR");
        boolean debug = false;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--debug")) {
                debug = true;
            } else if ((a.equals("--db") || a.equals("--as")) && i + 1 < args.length) {
                if (a.equals("--db")) {
                    db = args[++i];
                } else {
                    operator = args[++i];
                }
            } else if (a.startsWith("--db=")) {
                db = a.substring(5);
            } else if (a.startsWith("--as=")) {
                operator = a.substring(5);
            } else {
                rest.add(a);
            }
        }
        rest = helpWords(rest);
        Mode mode = rest.isEmpty() ? Mode.INTERACTIVE : rest.equals(List.of("--version")) ? Mode.VERSION
                : rest.get(0).startsWith("@") && rest.get(0).length() > 1 ? Mode.SCRIPT : Mode.ONE_COMMAND;
        return new Launch(db.isBlank() ? DEFAULT_DB : db, operator == null || operator.isBlank() ? null
                : operator, debug, mode, rest.toArray(String[]::new));
    }

    /**
     * Help the way {@code gh} gives it: {@code --help} or {@code -h} alone is {@code help}; after a
     * command it is {@code help COMMAND} (readable whatever the operator may do); a group's name
     * alone, with {@code --help}, or after {@code help} lists the group's commands.
     */
    static List<String> helpWords(List<String> rest) {
        if (rest.isEmpty()) {
            return rest;
        }
        List<String> words = new ArrayList<>(rest);
        String last = words.get(words.size() - 1);
        if (last.equals("--help") || last.equals("-h")) {
            words.remove(words.size() - 1);
            if (!words.isEmpty() && words.get(0).equals("help")) {
                words.remove(0);
            }
            words.add(0, "help");
        }
        if (words.size() == 1 && GROUPS.contains(words.get(0))) {
            return List.of(GroupHelp.COMMAND, words.get(0));
        }
        if (words.size() == 2 && words.get(0).equals("help") && GROUPS.contains(words.get(1))) {
            return List.of(GroupHelp.COMMAND, words.get(1));
        }
        return words;
    }

    /** Properties for Spring Boot and Spring Shell; logs and history go beside the database. */
    Map<String, Object> properties() {
        Path db = db();
        Path dir = db.toAbsolutePath().getParent();
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.main.banner-mode", "off");
        p.put("spring.main.log-startup-info", "false");
        p.put("spring.main.web-application-type", "none");
        // a bean is made when first needed: a one-shot command builds the services it uses, not all (issue 13)
        p.put("spring.main.lazy-initialization", true);
        p.put("logging.threshold.console", "OFF");
        p.put("logging.level.org.jline", "OFF");
        if (dir != null && java.nio.file.Files.exists(db)) {
            // beside an existing database only: a command refused in an empty folder leaves nothing there
            p.put("logging.file.name", dir.resolve("solr-toolkit.log").toString());
        }
        p.put("spring.shell.interactive.enabled", false); // InteractiveRunner replaces it (Ctrl-C at the prompt)
        p.put("spring.shell.script.enabled", false); // ScriptRunner replaces it
        p.put("spring.shell.noninteractive.enabled", mode == Mode.ONE_COMMAND);
        p.put("spring.shell.history.enabled", mode == Mode.INTERACTIVE);
        p.put("spring.shell.history.name", db.toAbsolutePath() + ".history");
        p.put("spring.shell.command.script.enabled", false);
        p.put("spring.shell.command.version.enabled", false);
        // no -h: "clock advance -1h" would read as -1 -h and print help with exit 0; --help stays
        p.put("spring.shell.help.short-names", "");
        p.put("spring.shell.command.stacktrace.enabled", false); // errors are in the log; --debug prints them
        return p;
    }
}
