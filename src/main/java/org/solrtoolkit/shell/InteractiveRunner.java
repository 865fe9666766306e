package org.solrtoolkit.shell;

import java.util.List;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.jline.reader.UserInterruptException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.shell.Input;
import org.springframework.shell.Shell;
import org.springframework.shell.ShellRunner;
import org.springframework.shell.Utils;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.shell.jline.InteractiveShellRunner;
import org.springframework.shell.jline.PromptProvider;
import org.springframework.stereotype.Component;

/**
 * The interactive shell (no command on the command line), as people expect of a shell (issue 14):
 * Ctrl-C at the prompt drops the line being typed and prompts again, never quits (the login would be
 * lost); {@code exit} or Ctrl-D on an empty line quit. Ctrl-C while a command runs is Spring Shell's:
 * it interrupts the command's thread, and every long command checks for that at a committed point
 * (a campaign batch, a generation's one transaction) and says what was kept.
 *
 * <p>Spring Shell's own {@code InteractiveShellRunner} treats Ctrl-C on an empty line as "exit" and
 * leaves a late interrupt set on the thread, so the next prompt failed and the shell quit; this
 * runner reads lines with the same {@link LineReader} and hands them to the same {@link Shell}.
 */
@Component
@Order(InteractiveShellRunner.PRECEDENCE - 10)
class InteractiveRunner implements ShellRunner {

    private final ObjectProvider<LineReader> lineReader;
    private final ObjectProvider<PromptProvider> prompt;
    private final Shell shell;
    private final ShellContext context;

    /** Providers, so that a one-shot command (for which this runner declines) builds no terminal or prompt. */
    InteractiveRunner(ObjectProvider<LineReader> lineReader, ObjectProvider<PromptProvider> prompt, Shell shell,
            ShellContext context) {
        this.lineReader = lineReader;
        this.prompt = prompt;
        this.shell = shell;
        this.context = context;
    }

    @Override
    public boolean run(String[] args) throws Exception {
        if (args.length != 0) {
            return false;
        }
        context.setInteractionMode(InteractionMode.INTERACTIVE);
        LineReader reader = lineReader.getObject();
        PromptProvider promptProvider = prompt.getObject();
        shell.run(() -> next(reader, promptProvider));
        return true;
    }

    /** The next command line, or {@code null} (quit) on Ctrl-D / end of input. */
    private static Input next(LineReader reader, PromptProvider prompt) {
        while (true) {
            // a Ctrl-C that reached a command after its last check must not break the next prompt
            Thread.interrupted();
            try {
                reader.readLine(prompt.getPrompt().toAnsi(reader.getTerminal()));
            } catch (UserInterruptException e) {
                continue; // Ctrl-C at the prompt: the line is dropped, the shell stays
            } catch (EndOfFileException e) {
                return null;
            }
            return input(reader.getParsedLine());
        }
    }

    /** A command line as Spring Shell's {@link Shell} takes it (shared with {@link ScriptRunner}). */
    static Input input(ParsedLine parsed) {
        return new Input() {
            @Override
            public String rawText() {
                return parsed.line();
            }

            @Override
            public List<String> words() {
                return Utils.sanitizeInput(parsed.words());
            }
        };
    }
}
