package org.solrtoolkit.shell;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where {@code --dir} points: the folder given, and for the default {@code playbooks} the working
 * directory's, as always; where the working directory has none, the launcher names the project's
 * own (system property {@code solr.playbooks}), so the launcher works from any directory.
 */
final class PlaybookDir {

    static final String DEFAULT = "playbooks";

    private PlaybookDir() {
    }

    static Path of(String dir) {
        Path given = Path.of(dir);
        return project().filter(p -> dir.equals(DEFAULT) && !Files.isDirectory(given)).orElse(given);
    }

    /**
     * A playbook file: as given, and for the default's own files ({@code playbooks/x.yaml}, as
     * {@code campaign benchmark} names one) the project's where the working directory has none.
     */
    static Path file(String file) {
        Path given = Path.of(file);
        return project().filter(p -> given.startsWith(DEFAULT) && given.getNameCount() > 1 && !Files.exists(given))
                .map(p -> p.resolve(given.subpath(1, given.getNameCount()))).orElse(given);
    }

    /** The project's own playbooks, where the launcher names them. */
    private static java.util.Optional<Path> project() {
        String project = System.getProperty("solr.playbooks");
        return project == null || project.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(Path.of(project));
    }
}
