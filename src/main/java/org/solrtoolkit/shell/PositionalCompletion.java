package org.solrtoolkit.shell;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.shell.CompletionContext;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.completion.CompletionResolver;
import org.springframework.stereotype.Component;

/**
 * Tab completion of values given without their option name, as the README writes them
 * ({@code step show P1<Tab>}, {@code event use <Tab>}, {@code meter show 00-DB<Tab>}): Spring Shell
 * completes an option's value only after {@code --id}; this resolver finds which option a bare word
 * binds to (options in declaration order, skipping those given by name) and asks that option's own
 * provider (issue 14).
 */
@Component
class PositionalCompletion implements CompletionResolver {

    @Override
    public List<CompletionProposal> apply(CompletionContext ctx) {
        CommandRegistration reg = ctx.getCommandRegistration();
        String current = ctx.currentWord();
        if (reg == null || ctx.getCommandOption() != null || current != null && current.startsWith("-")) {
            return List.of();
        }
        List<CommandOption> options = new ArrayList<>(reg.getOptions().stream()
                .filter(o -> !List.of(o.getLongNames()).contains("help")).toList());
        options.sort(Comparator.comparingInt(o -> o.getPosition() < 0 ? Integer.MAX_VALUE : o.getPosition()));
        List<String> words = ctx.getWords().subList(0, Math.min(ctx.getWordIndex(), ctx.getWords().size()));
        int bare = 0;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("--")) {
                String name = w.substring(2);
                boolean flag = reg.getOptions().stream().anyMatch(o -> List.of(o.getLongNames()).contains(name)
                        && o.getArityMax() == 0);
                options.removeIf(o -> List.of(o.getLongNames()).contains(name));
                if (!flag) {
                    i++; // its value
                }
            } else if (!w.isEmpty()) {
                bare++;
            }
        }
        if (bare >= options.size() || options.get(bare).getCompletion() == null) {
            return List.of();
        }
        CommandOption target = options.get(bare);
        String prefix = current == null ? "" : ctx.currentWordUpToCursor();
        return target.getCompletion().apply(ctx.commandOption(target)).stream()
                .filter(p -> prefix == null || p.value().startsWith(prefix)).toList();
    }
}
