package org.solrtoolkit.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.audit.Actor;

/**
 * {@code pki renew}: a new key pair and Organisation Certificate for one of a party's keys, asked
 * by that party (after a compromise: SMKI Recovery Procedure, domain.md section 3). The keystore
 * is rewritten beside the old one and moved over it in the transaction that records the
 * certificate and its audit row; the old certificate stays recorded (and should be revoked).
 */
final class Renewal {

    private final PkiService pki;
    private final CertificateInspector inspector = new CertificateInspector();

    Renewal(PkiService pki) {
        this.pki = pki;
    }

    CertificateRecord renew(String party, String alias, char[] password, Actor actor) {
        if (actor.party() == null || !actor.party().equalsIgnoreCase(party)) {
            throw new PkiException(PkiException.Code.NOT_ALLOWED, actor.name() + "@" + actor.party() + ":"
                    + actor.role() + " may not renew " + party + "'s keys: a party requests its own certificates");
        }
        SmkiRepository.Smki smki = pki.requireSmki();
        var found = pki.repository().party(pki.database().get().jdbc(), party).orElseThrow(() -> new PkiException(
                PkiException.Code.UNKNOWN_PARTY, "no SMKI keys for party '" + party + "' (parties: "
                        + String.join(", ", pki.repository().partyNames(pki.database().get().jdbc())) + ")"));
        PartySpec p = found.getKey();
        SmkiPartyKind.OrgKey key = p.kind().keys().stream().filter(k -> k.alias().equals(alias)).findFirst()
                .orElseThrow(() -> new PkiException(PkiException.Code.BAD_INPUT, "{key} '" + alias + "': a " + p.kind()
                        + " holds " + String.join(", ", p.kind().keys().stream().map(SmkiPartyKind.OrgKey::alias)
                                .toList())));
        Path keystore = Path.of(found.getValue());
        Map<String, Keystores.Entry> entries = new LinkedHashMap<>(Keystores.readAll(keystore, password));
        Keystores.Entry oca = Keystores.read(Path.of(smki.caKeystore()), password, PkiService.OCA_ALIAS);
        X509CertificateHolder ocaCert = oca.chain().get(0);
        X509CertificateHolder root = pki.rootCertificate();
        Instant now = pki.now();
        KeyPair kp = pki.issuer().newKeyPair();
        X509CertificateHolder c = pki.issuer().organisation(p.name(), key.role(), p.eui(key.role()), key.usage(), kp.getPublic(),
                ocaCert, oca.key(), new ASN1ObjectIdentifier(smki.orgPolicy()));
        entries.put(alias, new Keystores.Entry(kp.getPrivate(), List.of(c, ocaCert, root)));
        CertificateInfo info = inspector.inspect(c);
        Path pem = keystore.resolveSibling(alias + "-" + info.serial() + ".pem");
        Path staged = keystore.resolveSibling("." + keystore.getFileName() + ".renew");
        String replaces = pki.record(p.name(), alias).map(CertificateRecord::serial).orElse(null);
        try {
            Keystores.write(staged, password, entries);
            PkiService.writePem(pem, List.of(c));
            pki.database().get().write(jdbc -> {
                pki.repository().insertCertificates(jdbc, List.<Object[]>of(SmkiRepository.values(info, c, key.cellUsage(), p.name(), alias,
                        keystore.toString(), pem.toString(), now)));
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("party", p.name());
                detail.put("alias", alias);
                detail.put("serial", info.serial());
                detail.put("replaces", replaces);
                pki.audit().append(jdbc, pki.entry(now, actor, "pki.renew", info.serial(), null, "VALID", null, detail));
                try {
                    Files.move(staged, keystore, StandardCopyOption.REPLACE_EXISTING,
                            StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new PkiException(PkiException.Code.IO, "keystore " + keystore + " cannot be replaced: "
                            + e.getMessage(), e);
                }
                return null;
            });
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "keystore " + keystore + " cannot be written: " + e.getMessage(),
                    e);
        } finally {
            PkiService.deleteQuietly(staged);
        }
        return pki.repository().find(pki.database().get().jdbc(), info.serial()).orElseThrow();
    }
}
