package org.solrtoolkit.migration;

import java.util.List;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.Operator;

/**
 * The change-of-supplier campaign in a live event (issue 16): signed DUIS 6.23 requests out for the
 * SoLR's DCC adapter ({@link DuisExport}), the DCC's responses in ({@link DuisImport}), under the
 * campaign's own rules (the SoLR or its SRP only; the playbook's campaign steps follow the outcomes).
 */
public final class DuisCampaign {

    private final CampaignService s;
    private final DuisExport exports;
    private final DuisImport imports;

    DuisCampaign(CampaignService s, DuisExport exports, DuisImport imports) {
        this.s = s;
        this.exports = exports;
        this.imports = imports;
    }

    /**
     * Exports one signed DUIS 6.23 request per meter not yet applied ({@link DuisExport}); the SoLR or its SRP only.
     *
     * @throws CampaignException before anything is written: no SoLR certificates or XML-signing key,
     *     {@code out} not a directory that can be made, another run or export in progress
     */
    public DuisExport.Result export(Event event, DuisExport.Options o, char[] password, Operator operator) {
        String solr = CampaignService.solr(event);
        s.authorise(event, operator, CampaignRoute.CHANGE_OF_SUPPLIER);
        return exports.export(event, solr, o, password, CampaignService.actor(event, operator), s.now());
    }

    /**
     * Imports the DCC's responses into the outcomes ({@link DuisImport}); the SoLR or its SRP only. The
     * playbook's campaign steps follow the outcomes as after a run.
     */
    public DuisImport.Result importResponses(Event event, List<java.nio.file.Path> files, boolean skipInvalid,
            java.util.function.Function<org.solrtoolkit.pki.Eui64, List<java.security.PublicKey>> deviceKeys,
            Operator operator) {
        CampaignService.solr(event);
        s.authorise(event, operator, CampaignRoute.CHANGE_OF_SUPPLIER);
        DuisImport.Result r = imports.importFiles(event, files, skipInvalid, deviceKeys,
                CampaignService.actor(event, operator), s.now());
        return s.status(event).filter(st -> !r.states().isEmpty()).map(st -> r.withSteps(s.markSteps(event,
                CampaignRoute.CHANGE_OF_SUPPLIER, operator, new CampaignService.Summary(st.campaignId(), 0, r.states(),
                        st.states(), st.total(), 0, 0, 0, ItemState.OPEN.stream().mapToLong(x -> st.states()
                                .getOrDefault(x, 0L)).sum() == 0, List.of())))).orElse(r);
    }
}
