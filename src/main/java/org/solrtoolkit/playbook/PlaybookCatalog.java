package org.solrtoolkit.playbook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The playbooks in a directory (by default {@code playbooks/}): lists them, valid or not, and finds
 * one by id or by file path.
 */
public final class PlaybookCatalog {

    private final PlaybookLoader loader;

    public PlaybookCatalog(PlaybookLoader loader) {
        this.loader = loader;
    }

    /** Every {@code *.yaml} / {@code *.yml} file directly in {@code dir}, validated, by file name. */
    public List<PlaybookValidation> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new PlaybookException(PlaybookException.Code.UNKNOWN_PLAYBOOK,
                    "playbook directory " + dir + " does not exist; run from the project folder or pass {dir}");
        }
        List<PlaybookValidation> result = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(PlaybookCatalog::isYaml).sorted(Comparator.comparing(Path::toString)).toList()) {
                result.add(loader.validate(f));
            }
        } catch (IOException e) {
            throw new PlaybookException(PlaybookException.Code.UNREADABLE, "playbook directory " + dir
                    + " cannot be listed: " + e.getMessage());
        }
        return result;
    }

    /**
     * Finds a playbook by id among the files of {@code dir}, or reads {@code idOrFile} directly if it
     * names an existing file.
     *
     * @throws PlaybookException UNKNOWN_PLAYBOOK if there is none, INVALID if it has errors
     */
    public Playbook find(Path dir, String idOrFile) {
        Path asFile = Path.of(idOrFile);
        if (isYaml(asFile) && Files.isRegularFile(asFile)) {
            return loader.load(asFile);
        }
        List<PlaybookValidation> all = list(dir);
        for (PlaybookValidation v : all) {
            if (v.playbook().map(p -> p.id().equals(idOrFile)).orElse(false)) {
                return v.playbook().get();
            }
        }
        for (PlaybookValidation v : all) {
            if (Path.of(v.file()).getFileName().toString().replaceFirst("\\.ya?ml$", "").equals(idOrFile)) {
                return loader.load(Path.of(v.file())); // an invalid playbook: report why
            }
        }
        List<String> ids = all.stream().flatMap(v -> v.playbook().stream()).map(Playbook::id).toList();
        throw new PlaybookException(PlaybookException.Code.UNKNOWN_PLAYBOOK, "unknown playbook '" + idOrFile
                + "': none in " + dir + " has that id (found: " + (ids.isEmpty() ? "none" : String.join(", ", ids))
                + "); see 'playbook list'");
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString();
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }
}
