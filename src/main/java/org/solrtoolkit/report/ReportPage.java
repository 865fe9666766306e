package org.solrtoolkit.report;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditRecord;
import org.solrtoolkit.audit.AuditVerification;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.Party;
import org.solrtoolkit.event.StepStatus;
import org.solrtoolkit.event.StepView;
import org.solrtoolkit.migration.CampaignService;
import org.solrtoolkit.pki.CertificateRecord;

/**
 * The report's HTML: inline CSS and SVG only, so the file opens offline in any browser and prints
 * with REHEARSAL on every page of a rehearsal. Sections: the audit chain's state (first, so a
 * broken chain cannot be missed), the event and its parties, steps against deadlines, the fleet
 * over time, late steps, blocks, skips and overrides with reasons and operators, certificate
 * operations, and the files beside the page.
 */
final class ReportPage {

    private final Event event;
    private final Instant now;
    private final AuditVerification chain;
    private final List<StepView> steps;
    private final Map<String, Instant> started;
    private final List<AuditRecord> rows;
    private final List<CertificateRecord> certificates;
    private final Map<String, CampaignService.Status> campaign;
    private final List<Svg.Series> fleet;
    private final Map<String, Long> outcomeCodes;
    private final Map<String, Long> duis;
    private final List<String> files;
    private final List<CampaignService.Failure> trainer;

    ReportPage(Event event, Instant now, AuditVerification chain, List<StepView> steps, Map<String, Instant> started,
            List<AuditRecord> rows, List<CertificateRecord> certificates, Map<String, CampaignService.Status> campaign,
            List<Svg.Series> fleet, Map<String, Long> outcomeCodes, Map<String, Long> duis, List<String> files,
            List<CampaignService.Failure> trainer) {
        this.trainer = trainer;
        this.duis = duis;
        this.event = event;
        this.now = now;
        this.chain = chain;
        this.steps = steps;
        this.started = started;
        this.rows = rows;
        this.certificates = certificates;
        this.campaign = campaign;
        this.fleet = fleet;
        this.outcomeCodes = outcomeCodes;
        this.files = files;
    }

    String html() {
        boolean rehearsal = event.isRehearsal();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(rehearsal ? "REHEARSAL " : "").append("SoLR event report ")
                .append(esc(event.id())).append("</title><style>").append(Html.CSS).append("</style></head><body>\n");
        if (rehearsal) {
            h.append("<div class=\"rehearsal-mark\">REHEARSAL: simulated event ").append(esc(event.id()))
                    .append(", not a live one</div>\n");
        }
        h.append("<h1>").append(rehearsal ? "REHEARSAL: " : "").append("SoLR event report: ").append(esc(event.name()))
                .append("</h1>\n");
        chain(h);
        summary(h);
        h.append("<h2 id=\"timeline\">Steps against their deadlines</h2>\n");
        h.append("<p>Each bar runs from a step's first start to its completion (open steps: to now, faded); the"
                + " diamond is its deadline, T plus the playbook's offset. Late and overdue steps are named.</p>\n");
        h.append(Svg.timeline("chart-timeline", bars(), event.appointedAt(), now)).append('\n');
        h.append("<h2 id=\"fleet\">The fleet over time</h2>\n");
        if (fleet.isEmpty()) {
            h.append("<p id=\"chart-fleet-empty\">No campaign has run and no rehearsal samples were taken: nothing to"
                    + " chart yet.</p>\n");
        } else {
            if (!rehearsal) {
                h.append("<p>Meters not yet migrated, from the campaign's outcomes (each batch). Prepayment customers at"
                        + " risk and off supply as sampled before and after each campaign run and each protective run over"
                        + " the fleet (a rehearsal samples every simulated hour).</p>\n");
            } else {
                h.append("<p>Sampled every simulated hour as the clock moved.</p>\n");
            }
            // a series ten times smaller than the largest gets a chart and an axis of its own: 19 customers
            // off supply must not lie flat on a 0-2,000 axis (issue 14)
            List<Svg.Series> big = Svg.onTheLargestScale(fleet, true);
            List<Svg.Series> small = Svg.onTheLargestScale(fleet, false);
            h.append(Svg.lines("chart-fleet", small.isEmpty() ? "Meters not yet migrated and prepayment customers at"
                    + " risk or off supply" : "Meters not yet migrated and prepayment customers at risk", big,
                    event.appointedAt())).append('\n');
            if (!small.isEmpty()) {
                h.append(Svg.lines("chart-fleet-small", "On its own scale: " + small.stream().map(Svg.Series::name)
                        .collect(java.util.stream.Collectors.joining(", ")), small, event.appointedAt())).append('\n');
            }
        }
        h.append(new ProtectionSection(event, rows).html());
        if (event.isRehearsal()) {
            h.append(TrainerSection.html(trainer));
        }
        exceptions(h);
        certificates(h);
        h.append("<h2 id=\"files\">Files</h2>\n<p>Beside this page: ");
        for (String f : files) {
            h.append("<a href=\"").append(esc(f)).append("\">").append(esc(f)).append("</a> ");
        }
        h.append("and <code>MANIFEST.sha256</code> with the SHA-256 of each. Check that nothing was altered with"
                + " <code>sha256sum -c MANIFEST.sha256</code> in this folder.</p>\n");
        h.append("<footer>Written ").append(now).append(" by solr-toolkit from the event's database.")
                .append(rehearsal ? " REHEARSAL." : "").append("</footer>\n</body></html>\n");
        return h.toString();
    }

    private void chain(StringBuilder h) {
        if (chain.ok()) {
            h.append("<p id=\"audit-chain\" class=\"ok\">Audit chain verified: ").append(String.format("%,d",
                    chain.rowsChecked())).append(" rows, every row's hash and link checked. Head hash <code>")
                    .append(esc(chain.headHash())).append("</code>.</p>\n");
        } else {
            h.append("<p id=\"audit-chain\" class=\"broken\">AUDIT CHAIN BROKEN at row ")
                    .append(chain.firstBadSeq().map(String::valueOf).orElse("?")).append(": ").append(esc(chain.problem()))
                    .append(". The records below may have been altered outside the toolkit. Rows checked: ")
                    .append(chain.rowsChecked()).append(".</p>\n");
        }
    }

    private void summary(StringBuilder h) {
        h.append("<h2 id=\"event\">Event</h2>\n<table class=\"kv\">");
        row(h, "event", event.id() + " (" + event.mode() + ")");
        row(h, "name", event.name());
        row(h, "appointment (T)", event.appointedAt().toString());
        row(h, "playbook", event.playbookId() + " " + event.playbookVersion() + " (SHA-256 " + event.playbookSha256()
                + ")");
        row(h, "created", event.createdAt() + " by " + event.createdBy());
        row(h, "report as of", now.toString());
        long done = steps.stream().filter(s -> s.status() == StepStatus.DONE).count();
        row(h, "steps", String.format("%d of %d done, %d late, %d overdue", done, steps.size(), steps.stream()
                .filter(this::late).count(), steps.stream().filter(this::overdue).count()));
        campaign.forEach((label, c) -> row(h, "campaign: " + label, String.format("%,d meters, certificates of %s: %s",
                c.total(), c.newSupplier(), c.states().entrySet().stream().map(e -> String.format("%s %,d",
                        e.getKey().name().toLowerCase(java.util.Locale.ROOT), e.getValue()))
                        .collect(java.util.stream.Collectors.joining(", ")))));
        h.append("</table>\n<h3>Parties</h3>\n<table><tr><th>party</th><th>role</th><th>acts for</th></tr>");
        for (Party p : event.parties()) {
            h.append("<tr><td>").append(esc(p.name())).append("</td><td>").append(p.role()).append("</td><td>")
                    .append(esc(p.actsFor() == null ? "" : p.actsFor())).append("</td></tr>");
        }
        h.append("</table>\n");
    }

    private List<Svg.Bar> bars() {
        List<Svg.Bar> bars = new ArrayList<>();
        List<StepView> ordered = new ArrayList<>(steps);
        ordered.sort(java.util.Comparator.comparing((StepView s) -> s.role().ordinal()));
        for (StepView s : ordered) {
            Svg.Kind kind = s.status() == StepStatus.SKIPPED ? Svg.Kind.SKIPPED : late(s) ? Svg.Kind.LATE
                    : s.status() == StepStatus.DONE ? Svg.Kind.ON_TIME : overdue(s) ? Svg.Kind.OVERDUE : Svg.Kind.OPEN;
            Instant start = started.get(s.id());
            Instant end = s.status() == StepStatus.DONE || s.status() == StepStatus.SKIPPED ? s.updatedAt() : null;
            if (start == null && end != null) {
                start = end;
            }
            bars.add(new Svg.Bar(s.id(), s.role().name(), start, end, s.dueAt().orElse(null), kind, s.id() + " "
                    + s.title() + " (" + s.role() + "): " + s.status() + ", due " + s.due() + s.dueAt().map(d -> " = "
                            + d).orElse("") + (end != null ? ", finished " + end : "")));
        }
        return bars;
    }

    private boolean late(StepView s) {
        return s.status() == StepStatus.DONE && s.dueAt().map(d -> s.updatedAt() != null && s.updatedAt().isAfter(d))
                .orElse(false);
    }

    private boolean overdue(StepView s) {
        return s.status() != StepStatus.DONE && s.status() != StepStatus.SKIPPED && s.dueAt().map(d -> d.isBefore(now))
                .orElse(false);
    }

    private void exceptions(StringBuilder h) {
        h.append("<h2 id=\"exceptions\">Late steps, blocks, skips and overrides</h2>\n");
        h.append("<table><tr><th>step</th><th>role</th><th>what</th><th>when</th><th>who</th><th>reason or note</th>"
                + "</tr>");
        int n = 0;
        for (StepView s : steps) {
            if (late(s)) {
                n++;
                h.append("<tr class=\"late\"><td>").append(esc(s.id())).append("</td><td>").append(s.role())
                        .append("</td><td>done LATE (due ").append(esc(s.due())).append(")</td><td>")
                        .append(s.updatedAt()).append("</td><td>").append(esc(s.updatedBy())).append("</td><td>")
                        .append(esc(s.title())).append("</td></tr>");
            } else if (overdue(s)) {
                n++;
                h.append("<tr class=\"late\"><td>").append(esc(s.id())).append("</td><td>").append(s.role())
                        .append("</td><td>OVERDUE, ").append(s.status()).append(" (due ").append(esc(s.due()))
                        .append(")</td><td>").append(s.dueAt().map(Instant::toString).orElse("")).append("</td><td>")
                        .append("</td><td>").append(esc(s.title())).append("</td></tr>");
            }
        }
        for (AuditRecord r : rows) {
            AuditEntry a = r.entry();
            boolean exception = a.action().startsWith("step.") && (a.action().endsWith(".override")
                    || a.action().startsWith("step.block") || a.action().startsWith("step.skip")
                    || a.action().startsWith("step.reopen"));
            if (exception) {
                n++;
                h.append("<tr><td>").append(esc(a.subject())).append("</td><td>").append(esc(a.role()))
                        .append("</td><td>").append(esc(a.action())).append(" (").append(esc(a.before()))
                        .append(" &rarr; ").append(esc(a.after())).append(")</td><td>").append(esc(r.at()))
                        .append("</td><td>").append(esc(operator(a))).append("</td><td>").append(esc(a.reason() != null ? a.reason()
                                        : a.note())).append("</td></tr>");
            }
        }
        h.append("</table>\n");
        if (n == 0) {
            h.append("<p>None: every step done so far was on time, and nothing was blocked, skipped or overridden.</p>\n");
        }
    }

    private void certificates(StringBuilder h) {
        h.append("<h2 id=\"certificates\">Certificate operations</h2>\n");
        Map<String, Long> issued = new TreeMap<>();
        List<CertificateRecord> revoked = new ArrayList<>();
        for (CertificateRecord c : certificates) {
            issued.merge(c.party().orElse("(CA)") + " " + c.kind(), 1L, Long::sum);
            if (c.status() == CertificateRecord.Status.REVOKED) {
                revoked.add(c);
            }
        }
        h.append("<h3>Issued (in this database's SMKI)</h3><table><tr><th>holder and kind</th><th>certificates</th>"
                + "</tr>");
        issued.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(v).append("</td></tr>"));
        h.append("</table>\n<h3>Revoked</h3>");
        if (revoked.isEmpty()) {
            h.append("<p>None.</p>");
        } else {
            h.append("<table><tr><th>serial</th><th>party</th><th>key</th><th>revoked at</th><th>reason</th></tr>");
            for (CertificateRecord c : revoked) {
                h.append("<tr><td><code>").append(esc(c.serial())).append("</code></td><td>").append(esc(c.party()
                        .orElse(""))).append("</td><td>").append(esc(c.alias().orElse(""))).append("</td><td>")
                        .append(c.revokedAt().map(Instant::toString).orElse("")).append("</td><td>")
                        .append(esc(c.revocationReason().orElse(""))).append("</td></tr>");
            }
            h.append("</table>");
        }
        duis(h);
        h.append("\n<h3>Replaced on meters (CS02b)</h3>");
        Map<String, Long> single = new LinkedHashMap<>();
        for (AuditRecord r : rows) {
            if (r.entry().action().equals("meter.cs02b")) {
                single.merge(r.entry().after() == null ? "?" : "now supplied by " + r.entry().after(), 1L, Long::sum);
            }
        }
        if (outcomeCodes.isEmpty() && single.isEmpty()) {
            h.append("<p>No trust anchor cell has been replaced yet.</p>\n");
            return;
        }
        h.append("<table><tr><th>campaign outcome / status code</th><th>meters</th></tr>");
        outcomeCodes.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>")
                .append(String.format("%,d", v)).append("</td></tr>"));
        single.forEach((k, v) -> h.append("<tr><td>single CS02b, ").append(esc(k)).append("</td><td>").append(v)
                .append("</td></tr>"));
        h.append("</table>\n<p>Status codes (GBCS): 0 success, 5 badCertificate, 10 noTrustAnchor, 17"
                + " insufficientMemory, 25 trustAnchorNotFound, 30 resourcesBusy, 127 other. Per meter: campaign.csv.</p>\n");
    }

    /** The exchange with the DCC as DUIS reports it: what was sent, what came back and what it set. */
    private void duis(StringBuilder h) {
        if (duis.isEmpty()) {
            return;
        }
        h.append("\n<h3 id=\"duis\">Exchange with the DCC (DUIS)</h3><table><tr><th>requests and responses</th>"
                + "<th>count</th></tr>");
        duis.forEach((k, v) -> h.append("<tr><td>").append(esc(k)).append("</td><td>").append(String.format("%,d", v))
                .append("</td></tr>"));
        h.append("</table>\n<p>As the DCC and the meters reported them: response codes (I0 the device's answer, I99"
                + " acknowledged, E the DCC's rejection), DCC alerts (the command did not reach the device) and device"
                + " alerts (8F66 / 8F67: a future-dated command's outcome). Per meter: campaign.csv.</p>\n");
    }

    private static void row(StringBuilder h, String k, String v) {
        h.append("<tr><th>").append(esc(k)).append("</th><td>").append(esc(v)).append("</td></tr>");
    }

    private static String esc(String s) {
        return Html.escape(s);
    }

    /** An operator written one way everywhere in the report, as the shell writes it: Name@Party:ROLE. */
    static String operator(AuditEntry a) {
        return a.actor() + (a.party() == null ? "" : "@" + a.party() + (a.role() == null ? "" : ":" + a.role()));
    }
}
