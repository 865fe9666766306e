package org.solrtoolkit.rehearsal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.solrtoolkit.playbook.Deadline;
import org.solrtoolkit.playbook.YamlReader;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The {@code faults} of a rehearsal scenario: each a known type, at a time at or after the
 * appointment (T+2h or an instant), with {@code until} after it where the type has a window, and
 * the parameters its effect checks ({@link FaultEffect#check}). Every problem is recorded with its
 * line; the scenario loader adds them to its own.
 */
final class FaultsReader extends YamlReader {

    private static final Set<String> COMMON = Set.of("type", "at", "until");

    FaultsReader(String file, String text) {
        super(file, text);
    }

    /** The scenario's {@code faults} field (null if absent), its times relative to {@code appointment}. */
    List<Scenario.Fault> read(NodeTuple t, Instant appointment, String failing, String solr) {
        List<Scenario.Fault> out = new ArrayList<>();
        if (t == null || isNull(t.getValueNode())) {
            return out;
        }
        if (!(t.getValueNode() instanceof SequenceNode seq)) {
            error(lineOf(t.getValueNode()), "scenario: 'faults' must be a list of {type, at, ...}");
            return out;
        }
        for (Node n : seq.getValue()) {
            if (!(n instanceof MappingNode m)) {
                error(lineOf(n), "a fault is a mapping with type, at and the type's parameters");
                continue;
            }
            Optional<FaultType> type = Optional.empty();
            for (NodeTuple ft : m.getValue()) {
                if (ft.getKeyNode() instanceof ScalarNode k && k.getValue().equals("type")) {
                    Optional<String> text = scalar(ft.getValueNode(), "fault 'type'");
                    type = text.flatMap(FaultType::find);
                    if (text.isPresent() && type.isEmpty()) {
                        error(lineOf(ft.getValueNode()), "unknown fault type '" + text.get() + "' (known: "
                                + FaultType.ids() + ")");
                    }
                }
            }
            if (type.isEmpty()) {
                if (m.getValue().stream().noneMatch(ft -> ft.getKeyNode() instanceof
                        ScalarNode k && k.getValue().equals("type"))) {
                    error(lineOf(m), "fault: missing field 'type' (one of " + FaultType.ids() + ")");
                }
                continue;
            }
            FaultType ft = type.get();
            Set<String> allowed = new LinkedHashSet<>(COMMON);
            allowed.addAll(ft.params());
            Map<String, NodeTuple> pf = fields(m, allowed, "fault " + ft.id());
            Duration at = offset(pf, "at", m, ft, appointment);
            Optional<Duration> until = pf.containsKey("until") ? Optional.ofNullable(offset(pf, "until", m, ft,
                    appointment)) : Optional.empty();
            if (!ft.mayEnd() && pf.containsKey("until")) {
                error(valueLine(pf, "until"), "fault " + ft.id() + ": has no end; drop 'until'");
            }
            if (ft.needsUntil() && !pf.containsKey("until")) {
                error(lineOf(m), "fault " + ft.id() + ": missing field 'until' (when the window ends, e.g. T+8h)");
            }
            if (at != null && until.isPresent() && until.get().compareTo(at) <= 0) {
                error(valueLine(pf, "until"), "fault " + ft.id() + ": 'until' must be after 'at'");
            }
            Map<String, String> params = new LinkedHashMap<>();
            for (String p : ft.params()) {
                optionalScalar(pf, p).ifPresent(v -> params.put(p, v));
            }
            for (FaultEffect.ParamProblem p : ft.effect().check(params, failing, solr)) {
                error(p.field() == null || !pf.containsKey(p.field()) ? lineOf(m) : valueLine(pf, p.field()),
                        "fault " + ft.id() + ": " + p.message());
            }
            if (at != null) {
                out.add(new Scenario.Fault(out.size() + 1, ft, at, until, params));
            }
        }
        return out;
    }

    /** A fault time: T+2h / T+1d, or an instant; never before the appointment. */
    private Duration offset(Map<String, NodeTuple> pf, String name, MappingNode m, FaultType ft,
            Instant appointment) {
        String text = requiredScalar(pf, name, m, "fault " + ft.id());
        if (text == null) {
            return null;
        }
        int line = valueLine(pf, name);
        Duration d;
        if (text.startsWith("T") || text.startsWith("t")) {
            try {
                Deadline dl = Deadline.parse(text);
                if (dl.offset().isEmpty()) {
                    error(line, "fault " + ft.id() + ": " + name + " '" + text + "' is not a time; use T+2h or an"
                            + " ISO instant");
                    return null;
                }
                d = dl.offset().get();
            } catch (IllegalArgumentException e) {
                error(line, "fault " + ft.id() + ": " + name + " " + e.getMessage());
                return null;
            }
        } else {
            Instant at = instant(text, line);
            if (at == null || appointment == null) {
                return null;
            }
            d = Duration.between(appointment, at);
        }
        if (d.isNegative()) {
            error(line, "fault " + ft.id() + ": " + name + " '" + text + "' is before the appointment (T); faults"
                    + " strike at T or later");
            return null;
        }
        return d;
    }
}
