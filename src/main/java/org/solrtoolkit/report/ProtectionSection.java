package org.solrtoolkit.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.solrtoolkit.Json;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditRecord;
import org.solrtoolkit.event.Event;

/** The report's section on protecting prepayment customers, from the event's audit rows. */
final class ProtectionSection {

    private final Event event;
    private final List<AuditRecord> rows;

    ProtectionSection(Event event, List<AuditRecord> rows) {
        this.event = event;
        this.rows = rows;
    }

    /**
     * The protective requests sent (domain.md section 7): each run's time, sender and requests, and how
     * many meters took them, from the {@code meter.protect} audit rows; for a rehearsal the customer-hours
     * off supply per fuel the clock moves recorded (armed supplies count until the customer pressed).
     */
    String html() {
        StringBuilder h = new StringBuilder();
        record Run(String at, String by, String subject, String requests, long meters) {
        }
        Map<String, Run> runs = new java.util.LinkedHashMap<>();
        double hours = 0;
        double gas = 0;
        for (AuditRecord r : rows) {
            AuditEntry e = r.entry();
            com.fasterxml.jackson.databind.JsonNode d;
            try {
                d = e.detail() == null ? Json.mapper().nullNode() : Json.mapper().readTree(e.detail());
            } catch (com.fasterxml.jackson.core.JsonProcessingException x) {
                continue;
            }
            if (e.action().equals("meter.protect")) {
                String requests = d.path("requests").toString().replaceAll("[\\[\\]\"]", "").replace(",", ", ");
                String key = e.at() + "|" + e.actor() + "|" + requests + "|" + ("all prepayment meters".equals(e.subject()));
                Run before = runs.get(key);
                long n = d.path("meters").asLong(1);
                runs.put(key, new Run(sinceT(e.at()), e.actor() + "@" + e.party() + ":" + e.role(), e.subject(), requests,
                        n + (before == null ? 0 : before.meters())));
            } else if (e.action().startsWith("clock.")) {
                hours += d.path("customer_hours_off_supply").asDouble(0);
                gas += d.path("customer_hours_off_supply_gas").asDouble(0);
            }
        }
        h.append("<h2 id=\"protection\">Protecting prepayment customers</h2>\n");
        h.append("<p>Critical requests sent over DUIS with the sending supplier's keys: 2.1 Update Prepay Configuration"
                + " (a non-disablement calendar), 2.5 Activate Emergency Credit, 1.6 Update Payment Mode, 1.5 Update Meter"
                + " Balance, 2.3 Update Debt, 7.1 Enable Supply. A supply that credit comes back to is armed: the"
                + " customer has to press the button on the meter.</p>\n");
        if (runs.isEmpty()) {
            h.append("<p id=\"protection-none\">No protective request was sent.</p>\n");
        } else {
            h.append("<table id=\"protection-runs\"><tr><th>when</th><th>by</th><th>meters</th><th>requests</th>"
                    + "<th>meters that took them</th></tr>");
            for (Run r : runs.values()) {
                h.append("<tr><td>").append(Html.escape(r.at())).append("</td><td>").append(Html.escape(r.by())).append("</td><td>")
                        .append(Html.escape(r.subject())).append("</td><td>").append(Html.escape(r.requests())).append("</td><td>")
                        .append(String.format("%,d", r.meters())).append("</td></tr>");
            }
            h.append("</table>\n");
        }
        if (event.isRehearsal()) {
            h.append(String.format("<p id=\"customer-hours\">Customer-hours off supply in this rehearsal: %,.1f"
                    + " (electricity %,.1f, gas %,.1f), counted until each customer's supply was really back.</p>%n",
                    hours, hours - gas, gas));
        }
        return h.toString();
    }

    /** {@code T+1d2h30m} (T-... before the appointment), and the instant. */
    private String sinceT(Instant at) {
        java.time.Duration d = java.time.Duration.between(event.appointedAt(), at);
        java.time.Duration a = d.abs();
        String text = (d.isNegative() ? "T-" : "T+") + (a.toDays() > 0 ? a.toDays() + "d" : "") + a.toHoursPart() + "h"
                + (a.toMinutesPart() > 0 ? a.toMinutesPart() + "m" : "");
        return text + " (" + at + ")";
    }
}
