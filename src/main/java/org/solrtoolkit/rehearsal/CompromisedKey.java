package org.solrtoolkit.rehearsal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.solrtoolkit.pki.CertificateRecord;

/**
 * A party's private key is compromised: its certificate is revoked (keyCompromise) and the SMKI
 * Recovery Procedure applies (SEC Appendix L; domain.md section 3).
 */
final class CompromisedKey implements FaultEffect {

    @Override
    public Map<String, Object> strike(FaultContext c) {
        String fs = c.failingSupplier();
        String party = c.params().get("party").equalsIgnoreCase(fs) ? fs : c.solr();
        String key = c.params().getOrDefault("key", "supplier-ds");
        CertificateRecord r = c.pki().record(party, key).orElseThrow();
        if (r.status() == CertificateRecord.Status.VALID) {
            c.pki().revoke(r.serial(), "keyCompromise", c.pma());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("what", party + "'s " + key + " private key is compromised; its certificate is revoked"
                + " (keyCompromise): the SMKI Recovery Procedure applies (notify the DCC and the PMA;"
                + " the PMA decides the recovery key)");
        d.put("party", party);
        d.put("key", key);
        d.put("serial", r.serial());
        return d;
    }
}
