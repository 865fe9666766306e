package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README runs as written (issue 14): every command of its shell blocks (the indented code
 * blocks), in order, in one bash session in a fresh folder laid out as the project is after the build
 * ({@code target/}, {@code playbooks/} and {@code keystores-sample/} linked in), with no toolkit
 * variable set but those the README itself sets. A command must exit as its line announces
 * ({@code (exit N)} in its comment), else 0. Two kinds of line are not run, and only these: the
 * build ({@code mvn ...}: it made the jar this test runs) and opening a page in a browser
 * ({@code chromium ...}: {@code RehearsalIT} renders the report headless).
 *
 * <p>Afterwards no example has left a private key unencrypted, and everything the walkthrough wrote
 * in the folder is ignored by the project's {@code .gitignore}.
 */
class ReadmeIT {

    private static final Pattern EXIT = Pattern.compile("\\(exit (\\d+)\\)");

    @TempDir
    Path dir;

    /** One command of the README: its first line number, its text (continuations joined), its exit code. */
    record Command(int line, String text, int exit) {
    }

    @Test
    void theReadmeRunsVerbatimInAFreshFolder() throws Exception {
        Path project = Path.of("").toAbsolutePath();
        for (String linked : List.of("target", "playbooks", "keystores-sample")) {
            Files.createSymbolicLink(dir.resolve(linked), project.resolve(linked));
        }
        List<Command> commands = commands(Files.readAllLines(project.resolve("README.md"), StandardCharsets.UTF_8));
        assertThat(commands).as("commands in the README's shell blocks").hasSizeGreaterThan(40);
        Path script = dir.resolve(".readme.sh");
        Files.writeString(script, script(commands));

        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().keySet().removeIf(k -> k.startsWith("SOLR_TOOLKIT_"));
        pb.environment().put("SOLR_TOOLKIT_JAVA_OPTS", Cli.SMALL_FLEET_JIT); // the walkthrough's fleets are small
        Path log = dir.resolve(".readme.log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        assertThat(p.waitFor(20, TimeUnit.MINUTES)).as("the README finished").isTrue();
        String out = Files.readString(log);
        assertThat(p.exitValue()).as("README walkthrough; its output ends:\n" + tail(out, 60)).isZero();
        Files.delete(script); // it quotes the README's awk pattern for a key
        Files.delete(log);

        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.startsWith(dir.resolve("target"))).toList()) {
                if (Files.size(f) < 2_000_000) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertThat(text).as(dir.relativize(f) + " holds an unencrypted private key")
                            .doesNotContain("BEGIN PRIVATE KEY", "BEGIN EC PRIVATE KEY");
                }
            }
        }
        Files.copy(project.resolve(".gitignore"), dir.resolve(".gitignore"));
        assertThat(git("init", "-q")).isEmpty();
        List<String> untracked = git("status", "--porcelain", "--untracked-files=all").lines()
                .filter(l -> !List.of("?? .gitignore", "?? target", "?? playbooks", "?? keystores-sample").contains(l))
                .toList();
        assertThat(untracked).as("files the walkthrough leaves that .gitignore does not ignore").isEmpty();
    }

    /** The commands of the README's indented code blocks, in order. */
    static List<Command> commands(List<String> readme) {
        List<Command> out = new ArrayList<>();
        boolean previousBlank = true;
        boolean inBlock = false;
        StringBuilder pending = null;
        int pendingLine = 0;
        for (int i = 0; i < readme.size(); i++) {
            String raw = readme.get(i);
            boolean code = raw.startsWith("    ") && (inBlock || previousBlank);
            inBlock = code || (inBlock && raw.isBlank());
            previousBlank = raw.isBlank();
            if (!code) {
                continue;
            }
            String line = raw.substring(4);
            if (pending == null) {
                pending = new StringBuilder();
                pendingLine = i + 1;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String text = pending.toString().strip();
            pending = null;
            if (text.isEmpty() || text.startsWith("mvn ") || text.startsWith("chromium ")) {
                continue;
            }
            int hash = comment(text);
            Matcher m = EXIT.matcher(hash < 0 ? "" : text.substring(hash));
            out.add(new Command(pendingLine, text, m.find() ? Integer.parseInt(m.group(1)) : 0));
        }
        return out;
    }

    /** Where the command's comment starts: a {@code #} after a blank, outside quotes; -1 if none. */
    private static int comment(String text) {
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && i > 0 && Character.isWhitespace(text.charAt(i - 1))) {
                return i;
            }
        }
        return -1;
    }

    /** One bash session: each command, then a check of its exit code against the README's. */
    private static String script(List<Command> commands) {
        StringBuilder s = new StringBuilder("shopt -s expand_aliases\nset -o pipefail\n"
                + "check() { if [ \"$1\" != \"$2\" ]; then echo \"README.md:$3: exit $1, the README announces $2\" >&2;"
                + " exit 100; fi; }\n");
        for (Command c : commands) {
            s.append("echo '$ README.md:").append(c.line()).append("'\n").append(c.text()).append('\n')
                    .append("check $? ").append(c.exit()).append(' ').append(c.line()).append('\n');
        }
        return s.toString();
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@example.org"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
