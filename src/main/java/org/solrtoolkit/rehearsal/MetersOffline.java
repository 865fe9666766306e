package org.solrtoolkit.rehearsal;

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
}
