package org.solrtoolkit.pki;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.solrtoolkit.audit.Actor;

/**
 * Revocation in the simulated SMKI (SMKI Recovery Procedure, domain.md section 3): who may revoke
 * which certificate, the RFC 5280 reasons, and the Issuing OCA's CRL of what was revoked.
 */
final class Revocations {

    private final PkiService pki;

    Revocations(PkiService pki) {
        this.pki = pki;
    }

    /**
     * Records the revocation of a certificate the toolkit knows. Only the certificate's own party
     * may ask, or the PMA in a rehearsal (the trainer acting for the SMKI PMA; SEC Appendix L leaves
     * revocation decisions to the PMA).
     *
     * @throws PkiException UNKNOWN_SERIAL, NOT_ALLOWED, ALREADY_REVOKED or BAD_INPUT (reason)
     */
    CertificateRecord revoke(String serial, String reason, Actor actor) {
        String s = normaliseSerial(serial);
        int reasonCode = reasonCode(reason);
        CertificateRecord rec = pki.repository().find(pki.database().get().jdbc(), s).orElseThrow(() -> new PkiException(
                PkiException.Code.UNKNOWN_SERIAL, "unknown serial '" + serial + "': no certificate with that serial"
                        + " is recorded in this database; see 'pki list'"));
        boolean ownParty = rec.party().map(p -> p.equalsIgnoreCase(actor.party())).orElse(false);
        boolean pmaInRehearsal = actor.rehearsal() && "PMA".equals(actor.role());
        if (!ownParty && !pmaInRehearsal) {
            throw new PkiException(PkiException.Code.NOT_ALLOWED, "certificate " + s + " belongs to "
                    + rec.party().orElse("no party") + "; " + actor.name() + "@" + actor.party() + ":" + actor.role()
                    + " may not revoke it (only its own party, or the PMA in a rehearsal)");
        }
        if (rec.status() == CertificateRecord.Status.REVOKED) {
            throw new PkiException(PkiException.Code.ALREADY_REVOKED, "certificate " + s + " was already revoked at "
                    + rec.revokedAt().map(Instant::toString).orElse("?") + " (" + rec.revocationReason().orElse("") + ")");
        }
        Instant now = pki.now();
        String reasonName = CRL_REASONS.get(reasonCode);
        pki.database().get().write(jdbc -> {
            if (!pki.repository().revoke(jdbc, s, now, reasonName)) {
                throw new PkiException(PkiException.Code.ALREADY_REVOKED, "certificate " + s
                        + " was revoked by someone else just now; see 'pki list'");
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("party", rec.party().orElse(null));
            detail.put("alias", rec.alias().orElse(null));
            detail.put("subject", rec.certificate().getSubject().toString());
            detail.put("by_pma_in_rehearsal", !ownParty);
            pki.audit().append(jdbc, pki.entry(now, actor, "pki.revoke", s, "VALID", "REVOKED", reasonName, detail));
            return null;
        });
        return pki.repository().find(pki.database().get().jdbc(), s).orElseThrow();
    }

    /**
     * Writes a CRL of every revoked certificate issued by the Issuing OCA, signed with its key, to
     * {@code out} (PEM).
     */
    X509CRLHolder crl(Path out, char[] password, Actor actor) {
        Signed signed = sign(password); // a wrong password or an unusable key leaves no file behind
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII)) {
            return publish(signed, w, out.toAbsolutePath().toString(), actor);
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "CRL " + out + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** The CRL written as PEM to {@code out} (stdout, for a pipe), recorded as written to {@code name}. */
    X509CRLHolder crl(Writer out, String name, char[] password, Actor actor) {
        try {
            return publish(sign(password), out, name, actor);
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "CRL " + name + " cannot be written: " + e.getMessage(), e);
        }
    }

    /** A CRL signed by the Issuing OCA, and the certificates it lists. */
    private record Signed(X509CRLHolder crl, List<CertificateRecord> revoked, Instant at) {
    }

    private Signed sign(char[] password) {
        SmkiRepository.Smki smki = pki.requireSmki();
        Keystores.Entry oca = Keystores.read(Path.of(smki.caKeystore()), password, PkiService.OCA_ALIAS);
        X509CertificateHolder ocaCert = oca.chain().get(0);
        Instant now = pki.now().truncatedTo(ChronoUnit.SECONDS);
        X509v2CRLBuilder b = new X509v2CRLBuilder(ocaCert.getSubject(), Date.from(now));
        b.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        List<CertificateRecord> revoked = pki.repository().revokedBy(pki.database().get().jdbc(), ocaCert.getSubject().toString());
        for (CertificateRecord r : revoked) {
            b.addCRLEntry(r.certificate().getSerialNumber(), Date.from(r.revokedAt().orElse(now)),
                    reasonCode(r.revocationReason().orElse("unspecified")));
        }
        try {
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(Gbcs.keyIdentifier(ocaCert.getSubjectPublicKeyInfo())));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.getEpochSecond())));
            return new Signed(b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Gbcs.BC)
                    .build(oca.key())), revoked, now);
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "CRL extensions cannot be encoded: " + e.getMessage(), e);
        } catch (OperatorCreationException e) {
            throw new PkiException(PkiException.Code.BAD_KEY, "Issuing OCA key cannot sign: " + e.getMessage(), e);
        }
    }

    private X509CRLHolder publish(Signed s, Writer out, String name, Actor actor) throws IOException {
        JcaPEMWriter pem = new JcaPEMWriter(out);
        pem.writeObject(s.crl());
        pem.flush();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("out", name);
        detail.put("revoked", s.revoked().stream().map(CertificateRecord::serial).toList());
        pki.database().get().write(jdbc -> pki.audit().append(jdbc, pki.entry(s.at(), actor, "pki.crl", "Issuing OCA",
                null, String.valueOf(s.revoked().size()), null, detail)));
        return s.crl();
    }

    private static final Map<Integer, String> CRL_REASONS = Map.ofEntries(
            Map.entry(CRLReason.unspecified, "unspecified"), Map.entry(CRLReason.keyCompromise, "keyCompromise"),
            Map.entry(CRLReason.cACompromise, "cACompromise"), Map.entry(CRLReason.affiliationChanged, "affiliationChanged"),
            Map.entry(CRLReason.superseded, "superseded"), Map.entry(CRLReason.cessationOfOperation, "cessationOfOperation"),
            Map.entry(CRLReason.privilegeWithdrawn, "privilegeWithdrawn"));

    /** RFC 5280 CRLReason by name, case-insensitive. */
    static int reasonCode(String reason) {
        return CRL_REASONS.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(reason == null ? "" : reason.trim()))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new PkiException(PkiException.Code.BAD_INPUT,
                        "{reason} '" + reason + "' is not an RFC 5280 reason (" + String.join(", ",
                                CRL_REASONS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                                        .map(Map.Entry::getValue).toList()) + ")"));
    }

    static String normaliseSerial(String serial) {
        String s = serial == null ? "" : serial.trim().replace(":", "").toUpperCase(Locale.ROOT);
        s = s.startsWith("0X") ? s.substring(2) : s;
        if (!s.matches("[0-9A-F]{1,40}")) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "serial '" + serial + "' is not hexadecimal");
        }
        return CertificateInspector.serialHex(new BigInteger(s, 16));
    }

}
