package org.solrtoolkit.rehearsal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A share of prepayment customers is away from home (issue 17): their supply, once armed, stays off
 * until the rehearsal ends, because nobody presses the button (domain.md section 7). The share is
 * chosen by the seed, as the offline share is.
 */
final class CustomersAway implements FaultEffect {

    @Override
    public Map<String, Object> strike(FaultContext c) {
        double share = Double.parseDouble(c.params().get("share"));
        List<Object[]> away = new ArrayList<>();
        c.meters().forEachId(c.jdbc(), false, id -> {
            if (RehearsalNetwork.inShare(c.rehearsal().seed(), c.ordinal(), id, share)) {
                away.add(new Object[] {-1, id});
            }
        });
        c.meters().reactions(c.jdbc(), away);
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("what", String.format("%,d customers are away from home: an armed supply stays off until they return",
                away.size()));
        d.put("share", share);
        d.put("meters", away.size());
        return d;
    }

    @Override
    public List<ParamProblem> check(Map<String, String> params, String failing, String solr) {
        return new MetersOffline().check(params, failing, solr);
    }
}
