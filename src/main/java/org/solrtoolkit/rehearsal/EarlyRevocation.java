package org.solrtoolkit.rehearsal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.solrtoolkit.pki.CertificateRecord;

/**
 * The PMA revokes the Failing Supplier's certificates early: the DCC then refuses requests signed
 * under them (E3), so its protective requests no longer get through (MP134A lets the PMA delay revocation).
 */
final class EarlyRevocation implements FaultEffect {

    @Override
    public Map<String, Object> strike(FaultContext c) {
        String fs = c.failingSupplier();
        List<String> serials = new ArrayList<>();
        for (CertificateRecord r : c.pki().list(fs)) {
            if (r.status() == CertificateRecord.Status.VALID) {
                c.pki().revoke(r.serial(), "cessationOfOperation", c.pma());
                serials.add(r.serial());
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("what", "the PMA revoked " + serials.size() + " of " + fs + "'s certificates: its protective requests no"
                + " longer get through the DCC (MP134A lets the PMA delay revocation)");
        d.put("revoked", serials);
        return d;
    }
}
