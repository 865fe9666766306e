package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The interactive shell on a real terminal, as a user at a keyboard has it: the launcher runs under
 * util-linux {@code script}, which gives it a pseudo-terminal, so a typed Ctrl-C is the terminal's
 * interrupt character (at the prompt JLine reads it; while a command runs the terminal sends SIGINT).
 * The terminal is 160 columns wide, as a window would be ({@code script} alone leaves it 0 wide).
 */
final class TerminalSession implements AutoCloseable {

    private final Process process;
    private final OutputStream keys;
    private final StringBuffer screen = new StringBuffer();
    private final Thread reader;

    TerminalSession(Path dir, Map<String, String> env) throws IOException {
        // SIGINT back to its default, as in a user's terminal, however the tests were started (see Cli.start)
        ProcessBuilder pb = new ProcessBuilder("env", "--default-signal=INT", "script", "-q", "-e", "-c",
                "stty cols 160 rows 40; exec '"
                + Cli.LAUNCHER + "'", "/dev/null")
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("SOLR_TOOLKIT_DB");
        pb.environment().remove("SOLR_TOOLKIT_OPERATOR");
        pb.environment().put("SOLR_TOOLKIT_JAVA_OPTS", Cli.SMALL_FLEET_JIT);
        pb.environment().putAll(env);
        process = pb.start();
        keys = process.getOutputStream();
        InputStream in = process.getInputStream();
        reader = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    screen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the terminal closed
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** Types {@code text} (a command line ends with {@code \r}, the Enter key; Ctrl-C is {@code \u0003}). */
    TerminalSession type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
        return this;
    }

    /** Waits until the screen shows {@code text} after what was seen so far (at most a minute). */
    TerminalSession await(String text) throws InterruptedException {
        waitFor(() -> plain().contains(text));
        assertThat(plain()).as("terminal").contains(text);
        return this;
    }

    /** Polls {@code done} until it holds, the shell ends, or a minute has passed. */
    private void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < until && process.isAlive()) {
            Thread.sleep(50);
        }
    }

    /**
     * Waits until the shell has shown its prompt {@code n} times in all. (A signal is handled on its
     * own thread: keys typed right after a Ctrl-C, before the new prompt, can land in the old line, so
     * a test waits as a user does.)
     */
    TerminalSession awaitPrompts(int n) throws InterruptedException {
        waitFor(() -> prompts() >= n);
        assertThat(prompts()).as("prompts shown; terminal: " + plain()).isGreaterThanOrEqualTo(n);
        return this;
    }

    /** Waits until the last thing on the screen is a prompt: the shell is waiting for a line again. */
    TerminalSession awaitIdle() throws InterruptedException {
        waitFor(this::idle);
        assertThat(idle()).as("a prompt last; terminal: " + plain()).isTrue();
        Thread.sleep(500); // JLine puts the terminal in raw mode right after drawing the prompt (slower on a busy CI)
        return this;
    }

    private boolean idle() {
        List<String> lines = plain().lines().toList();
        return !lines.isEmpty() && lines.get(lines.size() - 1).matches("solr [^\\n]*> ?");
    }

    private long prompts() {
        return java.util.regex.Pattern.compile("solr [^\n]*?> ").matcher(plain()).results().count();
    }

    /** Waits until the screen shows a line that is exactly {@code line}, after what was seen so far. */
    TerminalSession awaitLine(String line) throws InterruptedException {
        waitFor(() -> lines().contains(line));
        assertThat(lines()).as("terminal").contains(line);
        return this;
    }

    /** What the terminal showed, without escape sequences and carriage returns. */
    String plain() {
        return screen.toString().replaceAll("\u001b\\[[0-9;?]*[a-zA-Z]|\u001b[=>]", "").replace("\r", "\n");
    }

    /** Waits for the shell to end and returns its exit code. */
    int exitCode() throws InterruptedException {
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("shell ended").isTrue();
        reader.join(5_000);
        return process.exitValue();
    }

    /** The lines shown, each stripped of surrounding blanks. */
    List<String> lines() {
        return plain().lines().map(String::strip).filter(l -> !l.isEmpty()).collect(Collectors.toList());
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
