package org.solrtoolkit.rehearsal;

import java.util.List;

import java.util.LinkedHashMap;
import java.util.Map;

/** A share of the fleet stops answering on the WAN for a window ({@link RehearsalNetwork} reads it while ACTIVE). */
final class MetersOffline implements FaultEffect {

    @Override
    public Map<String, Object> strike(FaultContext c) {
        double share = Double.parseDouble(c.params().get("share"));
        long[] n = {0};
        c.meters().forEachId(c.jdbc(), false, id -> {
            if (RehearsalNetwork.inShare(c.rehearsal().seed(), c.ordinal(), id, share)) {
                n[0]++;
            }
        });
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("what", String.format("%,d meters stop answering on the WAN", n[0]));
        d.put("share", share);
        d.put("meters", n[0]);
        return d;
    }

    @Override
    public boolean lasting() {
        return true;
    }

    @Override
    public List<ParamProblem> check(Map<String, String> params, String failing, String solr) {
        String share = params.get("share");
        if (share == null) {
            return List.of(new ParamProblem(null, "missing field 'share' (e.g. 0.05 for 5% of meters)"));
        }
        try {
            double d = Double.parseDouble(share);
            return d > 0 && d <= 1 ? List.of() : List.of(new ParamProblem("share", "share " + share
                    + " must be more than 0 to 1"));
        } catch (NumberFormatException e) {
            return List.of(new ParamProblem("share", "share '" + share + "' is not a number (e.g. 0.05)"));
        }
    }
}
