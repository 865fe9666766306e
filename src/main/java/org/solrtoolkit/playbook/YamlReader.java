package org.solrtoolkit.playbook;

import java.io.StringReader;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads one YAML file (a playbook or a rehearsal scenario) as a node tree, which keeps line numbers,
 * and collects every problem with its line instead of stopping at the first: syntax, unknown or
 * repeated fields, missing or empty values. Subclasses walk the tree and add their own rules.
 */
public class YamlReader {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    protected final String file;
    protected final String text;
    private final List<PlaybookProblem> problems = new ArrayList<>();

    protected YamlReader(String file, String text) {
        this.file = file;
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The document's root node, or empty after recording a syntax problem. */
    protected Optional<Node> compose() {
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(true); // reported by fields() with their lines
            return Optional.ofNullable(new Yaml(new SafeConstructor(options)).compose(new StringReader(text)));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            error(line, "YAML syntax: " + what + (e.getContext() != null ? " (" + e.getContext() + ")" : ""));
        } catch (YAMLException e) {
            error(1, "YAML syntax: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Every problem so far, in line order. */
    public List<PlaybookProblem> problems() {
        List<PlaybookProblem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(PlaybookProblem::line));
        return sorted;
    }

    protected boolean hasErrors() {
        return problems.stream().anyMatch(PlaybookProblem::isError);
    }

    /** The fields of a mapping by name; reports unknown and duplicate keys. */
    protected Map<String, NodeTuple> fields(MappingNode m, Set<String> allowed, String what) {
        Map<String, NodeTuple> fields = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode key)) {
                error(line(t.getKeyNode()), what + ": field names must be plain text");
                continue;
            }
            String k = key.getValue();
            if (!allowed.contains(k)) {
                error(line(key), what + ": unknown field '" + k + "' (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            } else if (fields.containsKey(k)) {
                error(line(key), what + ": field '" + k + "' appears twice");
            } else {
                fields.put(k, t);
            }
        }
        return fields;
    }

    protected String requiredScalar(Map<String, NodeTuple> f, String name, Node owner, String what) {
        if (!f.containsKey(name)) {
            error(line(owner), what + ": missing field '" + name + "'");
            return null;
        }
        return optionalScalar(f, name).orElse(null);
    }

    /** A required id: letters, digits, '.', '_' or '-', at most 64. */
    protected String requiredId(Map<String, NodeTuple> f, String name, Node owner, String what) {
        String id = requiredScalar(f, name, owner, what);
        if (id != null && !ID.matcher(id).matches()) {
            error(line(f.get(name).getValueNode()), what + ": id '" + id
                    + "' must be letters, digits, '.', '_' or '-' (at most 64)");
            return null;
        }
        return id;
    }

    protected Optional<String> optionalScalar(Map<String, NodeTuple> f, String name) {
        NodeTuple t = f.get(name);
        return t == null ? Optional.empty() : scalar(t.getValueNode(), "'" + name + "'");
    }

    protected Optional<String> scalar(Node n, String what) {
        if (n instanceof ScalarNode s && !isNull(s) && !s.getValue().isBlank()) {
            return Optional.of(s.getValue().trim());
        }
        error(line(n), what + " must be non-empty text");
        return Optional.empty();
    }

    /** The line of a field's value (or 1). */
    protected static int valueLine(Map<String, NodeTuple> f, String name) {
        NodeTuple t = f.get(name);
        return t == null ? 1 : line(t.getValueNode());
    }

    protected static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().getValue().endsWith(":null");
    }

    /** The line a node starts on (1 if unknown). */
    public static int lineOf(Node n) {
        return line(n);
    }

    protected static int line(Node n) {
        return n == null || n.getStartMark() == null ? 1 : n.getStartMark().getLine() + 1;
    }

    protected void error(int line, String message) {
        problems.add(new PlaybookProblem(file, line, PlaybookProblem.Severity.ERROR, message));
    }

    protected void warning(int line, String message) {
        problems.add(new PlaybookProblem(file, line, PlaybookProblem.Severity.WARNING, message));
    }

    /** Adds the problems another reader found in the same file (a part of the document it was given). */
    protected void absorb(List<PlaybookProblem> found) {
        problems.addAll(found);
    }

    /** An ISO-8601 instant, or null after recording the problem. */
    protected Instant instant(String text, int line) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            error(line, "'" + text + "' is not an ISO-8601 instant such as 2026-11-20T09:00:00Z");
            return null;
        }
    }

    protected long number(String text, int line, String what, long min, long max) {
        try {
            long n = Long.parseLong(text.replace("_", ""));
            if (n < min || n > max) {
                error(line, what + " " + n + " must be " + min + " to " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            error(line, what + " '" + text + "' is not a whole number");
            return 0;
        }
    }

    protected double fraction(String text, int line, String what, boolean zeroAllowed) {
        try {
            double d = Double.parseDouble(text);
            if (!(d <= 1) || !(zeroAllowed ? d >= 0 : d > 0)) {
                error(line, what + " " + text + " must be " + (zeroAllowed ? "0" : "more than 0") + " to 1");
            }
            return d;
        } catch (NumberFormatException e) {
            error(line, what + " '" + text + "' is not a number (e.g. 0.05)");
            return 0;
        }
    }
}
