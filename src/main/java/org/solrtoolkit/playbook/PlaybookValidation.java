package org.solrtoolkit.playbook;

import java.util.List;
import java.util.Optional;

/**
 * What validating one playbook file found: every problem (errors and warnings, in line order) and,
 * when there is no error, the playbook itself.
 */
public record PlaybookValidation(String file, List<PlaybookProblem> problems, Optional<Playbook> playbook) {

    public PlaybookValidation {
        problems = List.copyOf(problems);
    }

    public List<PlaybookProblem> errors() {
        return problems.stream().filter(PlaybookProblem::isError).toList();
    }

    public boolean isValid() {
        return playbook.isPresent();
    }
}
