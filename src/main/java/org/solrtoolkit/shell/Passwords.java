package org.solrtoolkit.shell;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.LineReader;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.solrtoolkit.rehearsal.RehearsalService;

/**
 * Where a keystore password comes from: {@code --password-file FILE}, the environment variable
 * {@code SOLR_TOOLKIT_KEYSTORE_PASSWORD}, or a masked prompt on a terminal. Never from a plain
 * option, so it is not echoed to shell history or logs.
 */
@Component
class Passwords {

    static final String ENV = "SOLR_TOOLKIT_KEYSTORE_PASSWORD";

    private final ObjectProvider<LineReader> lineReader;
    private final Launch launch;
    private final ObjectProvider<RehearsalService> rehearsals;

    Passwords(ObjectProvider<LineReader> lineReader, Launch launch, ObjectProvider<RehearsalService> rehearsals) {
        this.lineReader = lineReader;
        this.launch = launch;
        this.rehearsals = rehearsals;
    }

    /** The prompt: a rehearsal's says so, so nobody types a live keystore's password into an exercise. */
    private String prompt() {
        try {
            return rehearsals.getObject().current().map(r -> "REHEARSAL " + r.eventId() + " keystore password: ")
                    .orElse("keystore password: ");
        } catch (RuntimeException e) {
            return "keystore password: ";
        }
    }

    char[] get(String passwordFile) {
        if (passwordFile != null && !passwordFile.isBlank()) {
            try {
                List<String> lines = Files.readAllLines(Path.of(passwordFile), StandardCharsets.UTF_8);
                if (lines.isEmpty() || lines.get(0).isEmpty()) {
                    throw new UsageException("--password-file " + passwordFile + " is empty; put the password on its"
                            + " first line");
                }
                return lines.get(0).toCharArray();
            } catch (IOException e) {
                throw new UsageException("--password-file " + passwordFile + " cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        String env = System.getenv(ENV);
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        if (launch.mode() == Launch.Mode.INTERACTIVE && lineReader.getIfAvailable() != null) {
            return lineReader.getObject().readLine(prompt(), '*').toCharArray();
        }
        Console console = System.console();
        if (console != null) {
            char[] p = console.readPassword("%s", prompt());
            if (p != null) {
                return p;
            }
        }
        throw new UsageException("no keystore password: set " + ENV + " or use --password-file FILE");
    }
}
