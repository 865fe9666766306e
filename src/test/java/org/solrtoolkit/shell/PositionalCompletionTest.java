package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.command.CommandRegistration;

class PositionalCompletionTest {

    private static final CommandRegistration STEP_SHOW = CommandRegistration.builder().command("step show")
            .withOption().longNames("id").completion(ctx -> List.of(new CompletionProposal("P1-01"),
                    new CompletionProposal("P1-02"), new CompletionProposal("P2-03"))).and()
            .withOption().longNames("format").completion(ctx -> List.of(new CompletionProposal("json"))).and()
            .withTarget().consumer(c -> { }).and().build();

    private static List<String> complete(List<String> words, int index) {
        return new PositionalCompletion().apply(new CompletionContext(words, index, words.get(index).length(),
                STEP_SHOW, null)).stream().map(CompletionProposal::value).toList();
    }

    @Test
    void aBareValueIsCompletedByTheOptionItBindsTo() {
        assertThat(complete(List.of("P1"), 0)).containsExactly("P1-01", "P1-02");
        assertThat(complete(List.of(""), 0)).containsExactly("P1-01", "P1-02", "P2-03");
        // with --id given by name, the next bare word is the next option's
        assertThat(complete(List.of("--id", "P1-01", "j"), 2)).containsExactly("json");
        // an option name being typed is left to Spring Shell
        assertThat(complete(List.of("--fo"), 0)).isEmpty();
    }
}
