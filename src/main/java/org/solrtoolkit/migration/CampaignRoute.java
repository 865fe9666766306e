package org.solrtoolkit.migration;

import org.solrtoolkit.device.Cs02bMode;
import org.solrtoolkit.pki.RemotePartyRole;

/**
 * What a campaign does: the CS02b mode, the DCC key that signs it (and so the meters' floor it
 * must pass), and the playbook automations it completes. A change of supplier is signed by the
 * TCoS key (DUIS 6.23; domain.md section 3); a recovery by the Recovery key (mode
 * anyExceptAbnormalRootByRecovery, SMKI Recovery Procedure method 3: the affected party's new
 * certificates); a contingency by the DCC's Contingency key (mode anyByContingency, SEC L10.30(e):
 * the SMKI's new Root OCA into every meter's Root cell, after the old Root's key is compromised).
 */
public enum CampaignRoute {
    CHANGE_OF_SUPPLIER(Cs02bMode.SUPPLIER_BY_TRANS_COS, "tcos-ds", RemotePartyRole.TRANSITIONAL_COS, "campaign-run",
            "campaign-verify", "the event's SoLR"),
    RECOVERY(Cs02bMode.ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY, "recovery-ds", RemotePartyRole.RECOVERY,
            "recovery-run", "recovery-verify", "the affected party"),
    CONTINGENCY(Cs02bMode.ANY_BY_CONTINGENCY, null, RemotePartyRole.ROOT, "contingency-run", "contingency-verify",
            "the SMKI");

    final Cs02bMode mode;
    final String signerAlias;
    final RemotePartyRole floor;
    final String runAutomation;
    final String verifyAutomation;
    final String whose;

    CampaignRoute(Cs02bMode mode, String signerAlias, RemotePartyRole floor, String runAutomation,
            String verifyAutomation, String whose) {
        this.mode = mode;
        this.signerAlias = signerAlias;
        this.floor = floor;
        this.runAutomation = runAutomation;
        this.verifyAutomation = verifyAutomation;
        this.whose = whose;
    }

    public Cs02bMode mode() {
        return mode;
    }
}
