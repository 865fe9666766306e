package org.solrtoolkit.rehearsal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Failing Supplier's MPIDs move to the SoLR early: the DCC rejects requests on its behalf
 * (MP185, domain.md section 1): the DCC's registration data ({@code dcc_registration}) closes the
 * Failing Supplier's window at the strike, so its (and its SRP's) protective requests get E19; top-ups
 * sent for it are rejected by {@link RehearsalNetwork} while ACTIVE.
 */
final class MpidsTransferredEarly implements FaultEffect {

    @Override
    public Map<String, Object> strike(FaultContext c) {
        String fs = c.failingSupplier();
        String solr = c.solr();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("what", fs + "'s MPIDs were transferred to " + solr + ": the DCC rejects requests on " + fs
                + "'s behalf (MP185)");
        org.solrtoolkit.migration.DccRegistration.transferMpids(c.jdbc(), c.event(), c.at());
        d.put("from", fs);
        d.put("to", solr);
        return d;
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
