package org.solrtoolkit.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The dependencies of a playbook's steps as a graph: each names a known step other than itself,
 * once; there is no cycle (each reported once, its steps in order); and a step due before one of
 * its dependencies is named as a warning. Problems carry the line of the step or of the entry.
 */
final class StepGraph {

    private final String file;
    private final Map<String, Integer> lines;
    private final Map<String, List<Node>> deps;
    private final List<PlaybookProblem> problems = new ArrayList<>();

    /** {@code lines}: each step's line, in playbook order; {@code deps}: each step's depends_on entries. */
    StepGraph(String file, Map<String, Integer> lines, Map<String, List<Node>> deps) {
        this.file = file;
        this.lines = lines;
        this.deps = deps;
    }

    List<PlaybookProblem> problems() {
        return problems;
    }

    void checkDependencies() {
        deps.forEach((id, nodes) -> {
            Set<String> seen = new LinkedHashSet<>();
            for (Node n : nodes) {
                String dep = ((ScalarNode) n).getValue();
                if (!lines.containsKey(dep)) {
                    error(YamlReader.lineOf(n), "step " + id + ": depends on unknown step '" + dep + "'");
                } else if (dep.equals(id)) {
                    error(YamlReader.lineOf(n), "step " + id + ": depends on itself");
                } else if (!seen.add(dep)) {
                    error(YamlReader.lineOf(n), "step " + id + ": depends on " + dep + " twice");
                }
            }
        });
    }

    /** Depth-first search; each cycle is reported once, with its step ids in order. */
    void checkCycles() {
        Map<String, Integer> state = new LinkedHashMap<>(); // 1 = on stack, 2 = finished
        Set<Set<String>> reported = new LinkedHashSet<>();
        for (String start : lines.keySet()) {
            dfs(start, deps, lines, state, new ArrayList<>(), reported);
        }
    }

    private void dfs(String id, Map<String, List<Node>> deps, Map<String, Integer> lines,
            Map<String, Integer> state, List<String> path, Set<Set<String>> reported) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return;
        }
        if (s != null && s == 1) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(id), path.size()));
            if (reported.add(new LinkedHashSet<>(cycle))) {
                cycle.add(id);
                error(lines.get(cycle.get(0)), "dependency cycle: " + String.join(" -> ", cycle));
            }
            return;
        }
        state.put(id, 1);
        path.add(id);
        for (Node n : deps.getOrDefault(id, List.of())) {
            String dep = ((ScalarNode) n).getValue();
            if (lines.containsKey(dep) && !dep.equals(id)) {
                dfs(dep, deps, lines, state, path, reported);
            }
        }
        path.remove(path.size() - 1);
        state.put(id, 2);
    }

    /** A step due before one of its dependencies is allowed, but named. */
    void warnDueBeforeDependency(Map<String, StepDefinition> steps) {
        for (StepDefinition step : steps.values()) {
            step.due().offset().ifPresent(due -> step.dependsOn().forEach(depId -> {
                StepDefinition dep = steps.get(depId);
                if (dep != null && dep.due().offset().isPresent() && dep.due().offset().get().compareTo(due) > 0) {
                    warning(lines.get(step.id()), "step " + step.id() + " is due " + step.due()
                            + ", before its dependency " + depId + " (due " + dep.due() + ")");
                }
            }));
        }
    }

    private void error(int line, String message) {
        problems.add(new PlaybookProblem(file, line, PlaybookProblem.Severity.ERROR, message));
    }

    private void warning(int line, String message) {
        problems.add(new PlaybookProblem(file, line, PlaybookProblem.Severity.WARNING, message));
    }
}
