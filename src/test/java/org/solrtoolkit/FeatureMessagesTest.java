package org.solrtoolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.migration.CampaignException;
import org.solrtoolkit.migration.CampaignOptions;

/**
 * Features name the rule and the input, never a command-line option (issue 12): an option such as
 * {@code --threads} appears only in the shell; a feature writes {@code {threads}} and the shell
 * renders it.
 */
class FeatureMessagesTest {

    private static final Path MAIN = Path.of("src/main/java/org/solrtoolkit");
    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern OPTION = Pattern.compile("(?<![-\\w])--[a-z][a-z0-9-]*");

    @Test
    void noFeatureNamesACommandLineOption() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                if (MAIN.relativize(f).getName(0).toString().equals("shell")) {
                    continue;
                }
                Matcher lit = LITERAL.matcher(Files.readString(f));
                while (lit.find()) {
                    Matcher opt = OPTION.matcher(lit.group(1));
                    if (opt.find()) {
                        found.add(MAIN.relativize(f) + ": " + opt.group());
                    }
                }
            }
        }
        assertThat(found).as("options named outside the shell").isEmpty();
    }

    @Test
    void aMessageNamesItsInputPlainlyAndTheCallerChoosesHowToRenderIt() {
        CampaignException e = org.assertj.core.api.Assertions.catchThrowableOfType(CampaignException.class,
                () -> new CampaignOptions(0, 10, 3, 0));
        assertThat(e.getMessage()).isEqualTo("threads 0 must be 1 to 64");
        assertThat(e.message(input -> "--" + input)).isEqualTo("--threads 0 must be 1 to 64");
        assertThat(e.isUsage()).isTrue();
        assertThat(ToolkitException.render("use {override} with {reason}; {Not} an input", n -> "<" + n + ">"))
                .isEqualTo("use <override> with <reason>; {Not} an input");
    }
}
