package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a default playbook path points when the working directory has no such file (the launcher's case). */
class PlaybookDirTest {

    @TempDir
    Path project;

    @AfterEach
    void clear() {
        System.clearProperty("solr.playbooks");
    }

    @Test
    void aDefaultPlaybookFileMissingHereIsTheProjectsAndAnyOtherPathIsAsGiven() {
        assertThat(PlaybookDir.file("playbooks/not-here.yaml")).isEqualTo(Path.of("playbooks/not-here.yaml"));
        System.setProperty("solr.playbooks", project.toString());
        assertThat(PlaybookDir.file("playbooks/not-here.yaml")).isEqualTo(project.resolve("not-here.yaml"));
        // the working directory's own file wins (the tests run in the project folder)
        assertThat(PlaybookDir.file("playbooks/solr-standard.yaml")).isEqualTo(Path.of("playbooks/solr-standard.yaml"));
        assertThat(PlaybookDir.file("elsewhere/x.yaml")).isEqualTo(Path.of("elsewhere/x.yaml"));
        assertThat(PlaybookDir.file("playbooks")).isEqualTo(Path.of("playbooks"));
    }
}
