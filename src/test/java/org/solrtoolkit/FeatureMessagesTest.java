package org.solrtoolkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.migration.CampaignException;
import org.solrtoolkit.migration.CampaignOptions;

/**
 * Features name the rule and the input, never a command-line option (issue 12): an option such as
 * {@code --threads} appears only in the shell; a feature writes {@code {threads}} and the shell
 * renders it.
 */
class FeatureMessagesTest {

    private static final Pattern OPTION = Pattern.compile("(?<![-\\w])--[a-z][a-z0-9-]*");

    @Test
    void noFeatureNamesACommandLineOption() throws IOException {
        List<String> found = new ArrayList<>();
        for (MainSources.Source f : MainSources.all()) {
            if (f.feature().equals("shell")) {
                continue;
            }
            for (String literal : f.literals()) {
                Matcher opt = OPTION.matcher(literal);
                if (opt.find()) {
                    found.add(f.file() + ": " + opt.group());
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
