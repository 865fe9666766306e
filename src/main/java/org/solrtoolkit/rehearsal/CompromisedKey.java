package org.solrtoolkit.rehearsal;

import java.util.List;

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

    /** The keys a supplier holds whose compromise the scenario can inject. */
    private static final List<String> KEYS = List.of("supplier-ds", "supplier-ka", "supplier-ka-topup");

    @Override
    public List<ParamProblem> check(Map<String, String> params, String failing, String solr) {
        List<ParamProblem> problems = new java.util.ArrayList<>();
        String party = params.get("party");
        if (party == null) {
            problems.add(new ParamProblem(null, "missing field 'party' (the failing supplier or the SoLR)"));
        } else if (!party.equalsIgnoreCase(failing) && !party.equalsIgnoreCase(solr)) {
            problems.add(new ParamProblem("party", "party '" + party + "' is neither the failing supplier nor the"
                    + " SoLR"));
        }
        String key = params.getOrDefault("key", "supplier-ds");
        if (!KEYS.contains(key)) {
            problems.add(new ParamProblem("key", "key '" + key + "' is not one of " + String.join(", ", KEYS)));
        }
        return problems;
    }
}
