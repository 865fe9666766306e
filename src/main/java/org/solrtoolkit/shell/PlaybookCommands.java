package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.solrtoolkit.playbook.Playbook;
import org.solrtoolkit.playbook.PlaybookCatalog;
import org.solrtoolkit.playbook.PlaybookException;
import org.solrtoolkit.playbook.PlaybookLoader;
import org.solrtoolkit.playbook.PlaybookProblem;
import org.solrtoolkit.playbook.PlaybookValidation;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code playbook validate|list|show}: the checklists in {@code playbooks/}. */
@Command(command = "playbook", group = "Playbooks")
public class PlaybookCommands {

    private final PlaybookLoader loader;
    private final PlaybookCatalog catalog;

    PlaybookCommands(PlaybookLoader loader, PlaybookCatalog catalog) {
        this.loader = loader;
        this.catalog = catalog;
    }

    @Command(command = "validate", description = "Check a playbook file; every problem with file:line, exit 1 if any")
    String validate(@Option(longNames = "file", required = true, description = "playbook YAML file") String file) {
        PlaybookValidation v = loader.validate(Path.of(file));
        String lines = v.problems().stream().map(PlaybookProblem::toString).collect(Collectors.joining("\n"));
        long warnings = v.problems().size() - v.errors().size();
        if (!v.isValid()) {
            throw new PlaybookException(PlaybookException.Code.INVALID, lines + "\n" + file + ": invalid: "
                    + v.errors().size() + " error(s), " + warnings + " warning(s)", v.problems());
        }
        Playbook p = v.playbook().get();
        return (lines.isEmpty() ? "" : lines + "\n") + file + ": valid: " + p.id() + " " + p.version() + ", "
                + p.steps().size() + " steps, " + p.phases().size() + " phases, roles " + p.roles().stream()
                .map(Enum::name).sorted().collect(Collectors.joining(", ")) + ", " + warnings + " warning(s)";
    }

    @Command(command = "list", description = "Playbooks found in the playbook directory")
    String list(@Option(longNames = "dir", defaultValue = "playbooks", description = "playbook directory") String dir,
            @Option(longNames = "format", defaultValue = "table", description = "table, json or csv") String format) {
        List<Map<String, Object>> rows = catalog.list(PlaybookDir.of(dir)).stream().map(v -> {
            Map<String, Object> r = Rendered.map();
            r.put("id", v.playbook().map(Playbook::id).orElse(""));
            r.put("version", v.playbook().map(Playbook::version).orElse(""));
            r.put("steps", v.playbook().map(p -> p.steps().size()).orElse(0));
            r.put("status", v.isValid() ? "valid" : "INVALID (" + v.errors().size() + " problems)");
            r.put("file", v.file());
            r.put("title", v.playbook().map(Playbook::title).orElse(""));
            return r;
        }).toList();
        return Rendered.rows(Format.parse(format), rows, List.of("id", "version", "steps", "status", "file", "title"));
    }

    @Command(command = "show", description = "A playbook's phases and steps")
    String show(@Option(longNames = "id", required = true, description = "playbook id or file") String id,
            @Option(longNames = "dir", defaultValue = "playbooks", description = "playbook directory") String dir,
            @Option(longNames = "format", defaultValue = "table", description = "table, json or csv") String format) {
        Playbook p = catalog.find(PlaybookDir.of(dir), id);
        List<Map<String, Object>> steps = p.steps().stream().map(s -> {
            Map<String, Object> r = Rendered.map();
            r.put("id", s.id());
            r.put("role", s.role().name());
            r.put("phase", s.phase());
            r.put("due", s.due().text());
            r.put("depends_on", s.dependsOn());
            r.put("title", s.title());
            r.put("description", s.description());
            r.put("evidence", s.evidence());
            r.put("source", s.source());
            return r;
        }).toList();
        Format f = Format.parse(format);
        if (f == Format.JSON) {
            Map<String, Object> doc = Rendered.map();
            doc.put("id", p.id());
            doc.put("version", p.version());
            doc.put("title", p.title());
            doc.put("sha256", p.sha256());
            doc.put("roles", p.roles().stream().map(Enum::name).sorted().toList());
            doc.put("phases", p.phases());
            doc.put("steps", steps);
            return Rendered.json(doc);
        }
        List<String> columns = f == Format.CSV ? List.of("id", "role", "phase", "due", "depends_on", "title",
                "description", "evidence", "source") : List.of("id", "role", "phase", "due", "depends_on", "title");
        String table = Rendered.rows(f, steps, columns);
        return f == Format.CSV ? table : p.title() + "\n" + p.id() + " " + p.version() + ", sha256 " + p.sha256()
                + "\n\n" + table;
    }
}
