package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code chromium}; {@code .ci/run} installs it) rendering a page from
 * disk: a screenshot, the DOM after rendering, and what the browser logged. The flags are those that
 * keep Chromium off the network on this closed machine.
 */
final class Browser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    record Rendered(String dom, Path screenshot, List<String> console) {
    }

    static Rendered render(Path html, Path screenshot, Path profile) throws Exception {
        assertThat(CHROMIUM).as("headless Chromium for the report check: apt-get install chromium").exists();
        run(profile, "--window-size=1200,3000", "--screenshot=" + screenshot, html.toUri().toString());
        Run dom = run(profile, "--dump-dom", html.toUri().toString());
        List<String> console = new ArrayList<>();
        for (String line : dom.err().split("\n")) {
            if (line.contains(":CONSOLE") || line.contains("Uncaught") || line.contains("Failed to load resource")) {
                console.add(line);
            }
        }
        return new Rendered(dom.out(), screenshot, console);
    }

    private record Run(String out, String err) {
    }

    private static Run run(Path profile, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path err = Files.createTempFile("chromium", ".log");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        assertThat(p.exitValue()).as("chromium exit code").isZero();
        String log = Files.readString(err);
        Files.delete(err);
        return new Run(out, log);
    }
}
