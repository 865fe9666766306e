package org.solrtoolkit.playbook;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a playbook YAML file and reports <em>every</em> problem with its line: YAML syntax,
 * missing or unknown fields, unknown roles or phases, duplicate ids, dependencies on unknown steps,
 * dependency cycles and bad deadlines. Works on the YAML node tree (which keeps line numbers)
 * rather than on bound objects, so that one run finds all problems instead of the first.
 */
public final class PlaybookLoader {

    private static final Set<String> TOP_FIELDS = Set.of("id", "version", "title", "description", "roles", "phases", "steps");
    private static final Set<String> PHASE_FIELDS = Set.of("id", "title");
    private static final Set<String> STEP_FIELDS = Set.of("id", "role", "phase", "title", "description", "depends_on",
            "due", "deadline_note", "evidence", "source", "automation");
    private static final List<String> STEP_REQUIRED = List.of("id", "role", "phase", "title", "description", "due");

    /** Validates a playbook file; never throws for problems inside the file. */
    public PlaybookValidation validate(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PlaybookException(PlaybookException.Code.UNREADABLE,
                    "playbook " + name + " cannot be read: " + e.getClass().getSimpleName() + " " + e.getMessage());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new PlaybookValidation(name, List.of(new PlaybookProblem(name, 1, PlaybookProblem.Severity.ERROR,
                    "file is not UTF-8 text")), Optional.empty());
        }
        return new Reader(name, text, sha256(bytes)).read();
    }

    /**
     * Loads a playbook that must be valid.
     *
     * @throws PlaybookException with code INVALID and every problem if it is not
     */
    public Playbook load(Path file) {
        PlaybookValidation v = validate(file);
        return v.playbook().orElseThrow(() -> new PlaybookException(PlaybookException.Code.INVALID,
                "playbook " + file + " is invalid (" + v.errors().size() + " problem"
                        + (v.errors().size() == 1 ? "" : "s") + ", first: " + v.errors().get(0).toString()
                        + "); run 'playbook validate " + file + "'", v.problems()));
    }

    /** The hex SHA-256 of a source file, as playbooks and scenarios record it. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** One pass over one file; collects problems as it goes. */
    private static final class Reader extends YamlReader {
        private final String sha256;

        Reader(String file, String text, String sha256) {
            super(file, text);
            this.sha256 = sha256;
        }

        PlaybookValidation read() {
            Optional<Node> composed = compose();
            if (hasErrors()) {
                return done(Optional.empty());
            }
            Node root = composed.orElse(null);
            if (!(root instanceof MappingNode top)) {
                error(root == null ? 1 : line(root), "a playbook is a mapping with fields " + String.join(", ",
                        List.of("id", "version", "title", "roles", "phases", "steps")));
                return done(Optional.empty());
            }
            Map<String, NodeTuple> fields = fields(top, TOP_FIELDS, "playbook");
            String id = requiredId(fields, "id", top, "playbook");
            String version = requiredScalar(fields, "version", top, "playbook");
            String title = requiredScalar(fields, "title", top, "playbook");
            Set<PartyRole> roles = roles(fields, top);
            List<Phase> phases = phases(fields, top);
            List<StepDefinition> steps = steps(fields, top, roles, phases);
            if (hasErrors()) {
                return done(Optional.empty());
            }
            return done(Optional.of(new Playbook(id, version, title, roles, phases, steps, sha256, text)));
        }

        private PlaybookValidation done(Optional<Playbook> playbook) {
            return new PlaybookValidation(file, problems(), playbook);
        }

        private Set<PartyRole> roles(Map<String, NodeTuple> fields, MappingNode top) {
            Set<PartyRole> roles = new LinkedHashSet<>();
            NodeTuple t = fields.get("roles");
            if (t == null) {
                error(line(top), "missing field 'roles' (the roles the playbook uses, e.g. [FAILING_SUPPLIER, SOLR, SRP])");
                return roles;
            }
            if (!(t.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                error(line(t.getValueNode()), "'roles' must be a non-empty list of role names");
                return roles;
            }
            for (Node n : seq.getValue()) {
                Optional<String> name = scalar(n, "role");
                if (name.isEmpty()) {
                    continue;
                }
                Optional<PartyRole> role = PartyRole.find(name.get());
                if (role.isEmpty()) {
                    error(line(n), "unknown role '" + name.get() + "' in roles (known: " + PartyRole.names() + ")");
                } else if (!roles.add(role.get())) {
                    error(line(n), "role " + role.get() + " is listed twice in roles");
                }
            }
            return roles;
        }

        private List<Phase> phases(Map<String, NodeTuple> fields, MappingNode top) {
            List<Phase> phases = new ArrayList<>();
            NodeTuple t = fields.get("phases");
            if (t == null) {
                error(line(top), "missing field 'phases' (a list of {id, title})");
                return phases;
            }
            if (!(t.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                error(line(t.getValueNode()), "'phases' must be a non-empty list of {id, title}");
                return phases;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Node n : seq.getValue()) {
                if (!(n instanceof MappingNode m)) {
                    error(line(n), "a phase is a mapping with id and title");
                    continue;
                }
                Map<String, NodeTuple> f = fields(m, PHASE_FIELDS, "phase");
                String id = requiredId(f, "id", m, "phase");
                String title = requiredScalar(f, "title", m, "phase " + (id == null ? "" : id));
                if (id != null && !seen.add(id)) {
                    error(line(m), "duplicate phase id '" + id + "'");
                } else if (id != null && title != null) {
                    phases.add(new Phase(id, title));
                }
            }
            return phases;
        }

        private List<StepDefinition> steps(Map<String, NodeTuple> fields, MappingNode top, Set<PartyRole> roles,
                List<Phase> phases) {
            NodeTuple t = fields.get("steps");
            if (t == null) {
                error(line(top), "missing field 'steps'");
                return List.of();
            }
            if (!(t.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                error(line(t.getValueNode()), "'steps' must be a non-empty list of steps");
                return List.of();
            }
            Set<String> phaseIds = new LinkedHashSet<>();
            phases.forEach(p -> phaseIds.add(p.id()));
            Map<String, StepDefinition> steps = new LinkedHashMap<>();
            Map<String, Integer> lines = new LinkedHashMap<>();
            Map<String, List<Node>> dependencyNodes = new LinkedHashMap<>();
            for (Node n : seq.getValue()) {
                if (!(n instanceof MappingNode m)) {
                    error(line(n), "a step is a mapping with " + String.join(", ", STEP_REQUIRED));
                    continue;
                }
                Map<String, NodeTuple> f = fields(m, STEP_FIELDS, "step");
                String id = requiredId(f, "id", m, "step");
                String where = "step " + (id == null ? "at line " + line(m) : id);
                for (String required : STEP_REQUIRED) {
                    if (!f.containsKey(required) && !required.equals("id")) {
                        error(line(m), where + ": missing field '" + required + "'");
                    }
                }
                PartyRole role = optionalScalar(f, "role").flatMap(r -> {
                    Optional<PartyRole> found = PartyRole.find(r);
                    int at = line(f.get("role").getValueNode());
                    if (found.isEmpty()) {
                        error(at, where + ": unknown role '" + r + "' (known: " + PartyRole.names() + ")");
                    } else if (!roles.isEmpty() && !roles.contains(found.get())) {
                        error(at, where + ": role " + found.get() + " is not declared in the playbook's roles");
                    }
                    return found;
                }).orElse(null);
                String phase = optionalScalar(f, "phase").orElse(null);
                if (phase != null && !phaseIds.contains(phase)) {
                    error(line(f.get("phase").getValueNode()), where + ": unknown phase '" + phase
                            + "' (phases: " + String.join(", ", phaseIds) + ")");
                }
                Deadline due = optionalScalar(f, "due").flatMap(d -> {
                    try {
                        return Optional.of(Deadline.parse(d));
                    } catch (IllegalArgumentException e) {
                        error(line(f.get("due").getValueNode()), where + ": " + e.getMessage());
                        return Optional.empty();
                    }
                }).orElse(null);
                List<Node> deps = dependencies(f, where);
                String title = optionalScalar(f, "title").orElse(null);
                String description = optionalScalar(f, "description").orElse(null);
                String automation = optionalScalar(f, "automation").orElse("");
                if (!automation.isEmpty() && !StepDefinition.AUTOMATIONS.contains(automation)) {
                    error(line(f.get("automation").getValueNode()), where + ": unknown automation '" + automation
                            + "' (known: " + String.join(", ", new java.util.TreeSet<>(StepDefinition.AUTOMATIONS)) + ")");
                }
                if (id == null) {
                    continue;
                }
                if (steps.containsKey(id) || lines.containsKey(id)) {
                    error(line(m), "duplicate step id '" + id + "' (first at line " + lines.get(id) + ")");
                    continue;
                }
                lines.put(id, line(m));
                dependencyNodes.put(id, deps);
                if (role != null && phase != null && due != null && title != null && description != null) {
                    List<String> dependsOn = deps.stream().map(d -> ((ScalarNode) d).getValue()).toList();
                    steps.put(id, new StepDefinition(id, role, phase, title, description, dependsOn, due,
                            optionalScalar(f, "deadline_note").orElse(""), optionalScalar(f, "evidence").orElse(""),
                            optionalScalar(f, "source").orElse(""), automation));
                }
            }
            StepGraph graph = new StepGraph(file, lines, dependencyNodes);
            graph.checkDependencies();
            graph.checkCycles();
            graph.warnDueBeforeDependency(steps);
            absorb(graph.problems());
            return List.copyOf(steps.values());
        }

        private List<Node> dependencies(Map<String, NodeTuple> f, String where) {
            NodeTuple t = f.get("depends_on");
            if (t == null || isNull(t.getValueNode())) {
                return List.of();
            }
            if (!(t.getValueNode() instanceof SequenceNode seq)) {
                error(line(t.getValueNode()), where + ": 'depends_on' must be a list of step ids, e.g. [P1-01, P1-05]");
                return List.of();
            }
            List<Node> deps = new ArrayList<>();
            for (Node d : seq.getValue()) {
                scalar(d, where + " depends_on entry").ifPresent(v -> deps.add(d));
            }
            return deps;
        }
    }
}
