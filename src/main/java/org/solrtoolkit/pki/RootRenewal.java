package org.solrtoolkit.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.audit.Actor;

/**
 * {@code pki renew-root}: after the Root OCA's key is compromised, the DCC (the SMKI's operator, on
 * the PMA's decision; SEC Appendix L) makes a new Root OCA with a new Contingency Key Pair, and a new
 * Issuing OCA and DCA under it. The new Root is what the contingency route (CS02b anyByContingency,
 * signed with the old Root's contingency key) places in the meters' Root cells. The old Root's
 * contingency keys stay in {@code ca/contingency.p12} (they are what unlocks the meters that still
 * hold it); the old CA keys are dropped from {@code ca/ca.p12} (compromised) and the old certificates
 * stay recorded. Keystores are written beside and moved into place in the transaction that records
 * the certificates and the audit row.
 */
final class RootRenewal {

    private final PkiService pki;
    private final CertificateInspector inspector = new CertificateInspector();

    RootRenewal(PkiService pki) {
        this.pki = pki;
    }

    CertificateRecord renew(char[] password, Actor actor) {
        if (!"DCC".equals(actor.role())) {
            throw new PkiException(PkiException.Code.NOT_ALLOWED, actor.name() + "@" + actor.party() + ":" + actor.role()
                    + " may not replace the Root OCA: the DCC, as the SMKI's operator, does so on the PMA's decision"
                    + " (SMKI Recovery Procedure, contingency route)");
        }
        SmkiRepository.Smki smki = pki.requireSmki();
        PkiService.requirePassword(password);
        Path ca = Path.of(smki.caKeystore());
        Path contingency = ca.resolveSibling(RootMaterial.CONTINGENCY_KEYSTORE);
        Map<String, Keystores.Entry> caEntries = new LinkedHashMap<>(Keystores.readAll(ca, password));
        Map<String, Keystores.Entry> contEntries = new LinkedHashMap<>();
        Map<String, SecretKey> secrets = new LinkedHashMap<>();
        if (Files.exists(contingency)) {
            contEntries.putAll(Keystores.readAll(contingency, password));
            secrets.putAll(Keystores.readSecrets(contingency, password));
        }
        X509CertificateHolder old = pki.rootCertificate();
        int generation = pki.repository().byAlias(pki.database().get().jdbc(), PkiService.CA_PARTY,
                PkiService.ROOT_ALIAS).size() + 1;
        RootMaterial m = RootMaterial.create(pki.issuer(), generation);
        m.putCaEntries(caEntries);
        m.putContingency(contEntries, secrets);
        Instant now = pki.now();
        Path stagedCa = ca.resolveSibling("." + ca.getFileName() + ".renew");
        Path stagedCont = ca.resolveSibling("." + contingency.getFileName() + ".renew");
        List<Object[]> rows = new ArrayList<>();
        CertificateInfo rootInfo = inspector.inspect(m.root());
        try {
            Keystores.write(stagedCa, password, caEntries);
            Keystores.write(stagedCont, password, contEntries, secrets);
            for (var e : m.caCertificates().entrySet()) {
                CertificateInfo info = inspector.inspect(e.getValue());
                Path pem = ca.resolveSibling(e.getKey() + "-" + info.serial() + ".pem");
                PkiService.writePem(pem, List.of(e.getValue()));
                rows.add(SmkiRepository.values(info, e.getValue(), null, PkiService.CA_PARTY, e.getKey(), ca.toString(),
                        pem.toString(), now));
            }
            pki.database().get().write(jdbc -> {
                pki.repository().insertCertificates(jdbc, rows);
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("root", rootInfo.serial());
                detail.put("root_ski", rootInfo.ski());
                detail.put("replaces", inspector.inspect(old).serial());
                detail.put("replaces_ski", inspector.inspect(old).ski());
                detail.put("issuing_oca", inspector.inspect(m.oca()).serial());
                detail.put("issuing_dca", inspector.inspect(m.dca()).serial());
                pki.audit().append(jdbc, pki.entry(now, actor, "pki.renew-root", rootInfo.serial(), null, "VALID", null,
                        detail));
                try {
                    Files.move(stagedCont, contingency, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    Files.move(stagedCa, ca, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new PkiException(PkiException.Code.IO, "keystore " + ca + " cannot be replaced: "
                            + e.getMessage(), e);
                }
                return null;
            });
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "{dir} " + ca.getParent() + ": " + e.getMessage(), e);
        } finally {
            PkiService.deleteQuietly(stagedCa);
            PkiService.deleteQuietly(stagedCont);
        }
        return pki.repository().find(pki.database().get().jdbc(), rootInfo.serial()).orElseThrow();
    }
}
