package org.solrtoolkit.rehearsal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.migration.ProtectionService;
import org.solrtoolkit.playbook.PartyRole;

/**
 * Not a fault but a scheduled action (issue 17): at its time the scenario acts for a supplier and
 * sends a real protective request to every prepayment meter ({@link ProtectionService}: DUIS, the
 * simulated DCC's registration check, the supplier's signature checked by each meter). Parameters:
 * {@code request} (2.1 with {@code calendar}, 2.5, or 1.6 to credit), {@code by}
 * ({@code failing_supplier}, the default, or {@code solr}). It takes the rehearsal's keystore
 * password, as a trainee's command would.
 */
final class ScheduledProtection implements FaultEffect {

    @Override
    public Map<String, Object> strike(FaultContext c) {
        String request = c.params().get("request");
        PartyRole role = "solr".equalsIgnoreCase(c.params().getOrDefault("by", "failing_supplier")) ? PartyRole.SOLR
                : PartyRole.FAILING_SUPPLIER;
        String party = c.event().partyOf(role).orElseThrow().name();
        ProtectionService.Step step = switch (request) {
            case "2.1" -> ProtectionService.Step.calendar(c.params().get("calendar"));
            case "2.5" -> ProtectionService.Step.emergencyCredit();
            default -> ProtectionService.Step.toCredit();
        };
        ProtectionService.Result r = c.protector().protect(c.event(), new Operator("scenario", party, role), step);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("what", String.format("%s sent %s to %,d prepayment meters: %,d executed", party, request
                + (request.equals("2.1") ? " (calendar " + c.params().get("calendar") + ")" : ""), r.meters(),
                r.executed()));
        d.put("outcomes", r.seen());
        d.put("trainer", r.trainer());
        return d;
    }

    @Override
    public List<ParamProblem> check(Map<String, String> params, String failing, String solr) {
        List<ParamProblem> out = new ArrayList<>();
        String request = params.get("request");
        if (request == null || !List.of("2.1", "2.5", "1.6").contains(request)) {
            out.add(new ParamProblem(request == null ? null : "request", "request must be 2.1 (with calendar), 2.5 or"
                    + " 1.6 (to credit mode)"));
        }
        if ("2.1".equals(request)) {
            try {
                ProtectionService.Step s = ProtectionService.Step.calendar(Optional.ofNullable(params.get("calendar"))
                        .orElseThrow(() -> new IllegalArgumentException("2.1 needs 'calendar' (e.g. 00:00-24:00)")));
                org.solrtoolkit.device.NonDisablementCalendar.parse(s.parameters().nonDisablementCalendar().orElseThrow());
            } catch (RuntimeException e) {
                out.add(new ParamProblem("calendar", e.getMessage()));
            }
        }
        String by = params.getOrDefault("by", "failing_supplier");
        if (!by.equalsIgnoreCase("failing_supplier") && !by.equalsIgnoreCase("solr")) {
            out.add(new ParamProblem("by", "by '" + by + "' must be failing_supplier or solr"));
        }
        return out;
    }

    /** The toolkit's protective requests as a striking action sends them. */
    @FunctionalInterface
    interface Protector {
        ProtectionService.Result protect(org.solrtoolkit.event.Event event, Operator as, ProtectionService.Step step);
    }
}
