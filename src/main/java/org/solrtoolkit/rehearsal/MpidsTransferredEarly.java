package org.solrtoolkit.rehearsal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Failing Supplier's MPIDs move to the SoLR early: the DCC rejects requests on its behalf
 * (MP185, domain.md section 1); {@link RehearsalNetwork} rejects them while ACTIVE.
 */
final class MpidsTransferredEarly implements FaultEffect {

    @Override
    public Map<String, Object> strike(FaultContext c) {
        String fs = c.failingSupplier();
        String solr = c.solr();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("what", fs + "'s MPIDs were transferred to " + solr + ": the DCC rejects requests on " + fs
                + "'s behalf (MP185)");
        d.put("from", fs);
        d.put("to", solr);
        return d;
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
