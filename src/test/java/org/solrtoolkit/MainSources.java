package org.solrtoolkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The main source files read as text, for the tests that hold rules over the code (tables, messages). */
final class MainSources {

    static final Path MAIN = Path.of("src/main/java/org/solrtoolkit");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    /** A source file: its path below org/solrtoolkit, its feature package, and its string literals in order. */
    record Source(Path file, String feature, List<String> literals) {
    }

    private MainSources() {
    }

    static List<Source> all() throws IOException {
        List<Source> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                Path relative = MAIN.relativize(f);
                sources.add(new Source(relative, relative.getName(0).toString(), literals(Files.readString(f))));
            }
        }
        return sources;
    }

    /** The string literals of a Java source text, in order. */
    static List<String> literals(String source) {
        List<String> literals = new ArrayList<>();
        Matcher m = LITERAL.matcher(source);
        while (m.find()) {
            literals.add(m.group(1));
        }
        return literals;
    }
}
