package org.solrtoolkit.report;

import java.util.List;
import org.solrtoolkit.migration.CampaignService;

/**
 * A rehearsal report's section for the trainer (issue 17): beside what the DCC reported for each meter
 * the campaign did not apply (what the trainees saw), what the simulated meter itself said, or the
 * rehearsal fault behind a missing answer. A live event's report has no such section: there the
 * DCC's words are all anyone has.
 */
final class TrainerSection {

    static final int MAX_ROWS = 50;

    private TrainerSection() {
    }

    static String html(List<CampaignService.Failure> failures) {
        StringBuilder h = new StringBuilder("<h2 id=\"trainer\">Trainer: what the simulated meters said</h2>\n");
        if (failures.isEmpty()) {
            return h.append("<p id=\"trainer-none\">Every meter the campaign commanded took its certificates.</p>\n")
                    .toString();
        }
        h.append("<p>Trainees saw the DCC's report (the second column); the third is the simulated meter's own check,"
                + " or the rehearsal fault behind a missing answer.");
        if (failures.size() > MAX_ROWS) {
            h.append(String.format(" The first %d of %,d; all of them in the trainer's view of the campaign's failures.",
                    MAX_ROWS, failures.size()));
        }
        h.append("</p>\n<table id=\"trainer-failures\"><tr><th>device</th><th>the DCC reported</th><th>the meter"
                + " said</th></tr>");
        for (CampaignService.Failure f : failures.subList(0, Math.min(MAX_ROWS, failures.size()))) {
            h.append("<tr><td>").append(Html.escape(f.deviceId())).append("</td><td>").append(Html.escape(
                    f.state() + (f.detail() == null ? "" : ": " + f.detail()))).append("</td><td>").append(Html.escape(
                            f.trainerDetail() == null ? "" : f.trainerDetail())).append("</td></tr>");
        }
        return h.append("</table>\n").toString();
    }
}
