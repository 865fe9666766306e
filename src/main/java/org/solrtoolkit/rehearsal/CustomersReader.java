package org.solrtoolkit.rehearsal;

import java.util.Map;
import java.util.Set;
import org.solrtoolkit.playbook.YamlReader;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The {@code customers} of a rehearsal scenario: how long customers take to press the button once
 * their supply is armed (issue 17; {@link org.solrtoolkit.device.CustomerReaction}). Problems are
 * recorded with their line; the scenario loader adds them to its own.
 */
final class CustomersReader extends YamlReader {

    private static final Set<String> CUSTOMERS = Set.of("within_hour", "away", "tail_hours");

    CustomersReader(String file, String text) {
        super(file, text);
    }

    /** How long customers take to press the button once armed (default {@link org.solrtoolkit.device.CustomerReaction#DEFAULT}). */
    org.solrtoolkit.device.CustomerReaction read(NodeTuple t) {
        org.solrtoolkit.device.CustomerReaction d = org.solrtoolkit.device.CustomerReaction.DEFAULT;
        if (t == null) {
            return d;
        }
        if (!(t.getValueNode() instanceof MappingNode m)) {
            error(lineOf(t.getValueNode()), "scenario: 'customers' must be a mapping {within_hour: 0.7, away: 0.05,"
                    + " tail_hours: 48}");
            return d;
        }
        Map<String, NodeTuple> cf = fields(m, CUSTOMERS, "customers");
        try {
            return new org.solrtoolkit.device.CustomerReaction(
                    optionalScalar(cf, "within_hour").map(Double::parseDouble).orElse(d.withinHour()),
                    optionalScalar(cf, "away").map(Double::parseDouble).orElse(d.away()),
                    optionalScalar(cf, "tail_hours").map(Integer::parseInt).orElse(d.tailHours()));
        } catch (NumberFormatException e) {
            error(lineOf(m), "customers: within_hour and away are shares (e.g. 0.7), tail_hours whole hours");
        } catch (org.solrtoolkit.device.DeviceException e) {
            error(lineOf(m), e.getMessage());
        }
        return d;
    }
}
