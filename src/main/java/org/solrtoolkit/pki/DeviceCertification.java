package org.solrtoolkit.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.audit.Actor;

/**
 * The devices' own DS and KA Device Certificates in this database (issue 16), so that anyone can
 * check a meter's signed GBCS answer: issued by the Issuing DCA for the keys the devices hold
 * ({@link #certify}), or read from the files the SMKI repository gives ({@link #importFiles}). A
 * certificate already recorded for the same device, usage and key is kept, not issued again.
 */
public final class DeviceCertification {

    /** A device's two public keys. */
    public record DeviceKeys(Eui64 eui, PublicKey ds, PublicKey ka) {
    }

    /** A device's two certificates. */
    public record Certified(Eui64 eui, X509CertificateHolder ds, X509CertificateHolder ka) {
    }

    private final PkiService pki;

    public DeviceCertification(PkiService pki) {
        this.pki = pki;
    }

    /** The DS and KA certificates of {@code devices}: recorded ones kept, the others issued and recorded together. */
    public List<Certified> certify(List<DeviceKeys> devices, char[] password, Actor actor) {
        SmkiRepository.Smki smki = pki.requireSmki();
        Keystores.Entry dca = Keystores.read(Path.of(smki.caKeystore()), password, PkiService.DCA_ALIAS);
        X509CertificateHolder dcaCert = dca.chain().get(0);
        org.bouncycastle.asn1.ASN1ObjectIdentifier policy = SmkiEnvironment.oid("device policy", smki.devicePolicy());
        Instant now = pki.now();
        List<Certified> out = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (DeviceKeys d : devices) {
            X509CertificateHolder ds = recorded(d.eui(), KeyUsageType.DS, d.ds()).orElse(null);
            X509CertificateHolder ka = recorded(d.eui(), KeyUsageType.KA, d.ka()).orElse(null);
            if (ds == null) {
                ds = pki.issuer().device(d.eui(), KeyUsageType.DS, d.ds(), dcaCert, dca.key(), policy);
                rows.add(row(ds, now, "issued for the device's own key"));
            }
            if (ka == null) {
                ka = pki.issuer().device(d.eui(), KeyUsageType.KA, d.ka(), dcaCert, dca.key(), policy);
                rows.add(row(ka, now, "issued for the device's own key"));
            }
            out.add(new Certified(d.eui(), ds, ka));
        }
        record(rows, now, actor, "pki.certify.devices");
        return out;
    }

    /**
     * Records the Device Certificates in {@code files} (PEM or DER, as the SMKI repository gives
     * them): each must pass the GBCS device profile and be issued by this SMKI's Issuing DCA. All
     * files are checked before any is recorded.
     *
     * @return how many certificates were recorded (already recorded ones are not counted)
     */
    public int importFiles(List<Path> files, Actor actor) {
        X509CertificateHolder dca = pki.certificate(PkiService.CA_PARTY, PkiService.DCA_ALIAS).orElseThrow(() ->
                new PkiException(PkiException.Code.NO_SMKI, "no Issuing DCA in this database; run 'pki init' first"));
        Instant now = pki.now();
        List<Object[]> rows = new ArrayList<>();
        ProfileLinter linter = new ProfileLinter();
        for (Path f : files) {
            List<X509CertificateHolder> certs = CertificateFiles.read(f);
            for (int i = 0; i < certs.size(); i++) {
                X509CertificateHolder c = certs.get(i);
                CertificateInfo info = new CertificateInspector().inspect(c);
                if (info.kind() != CertificateKind.DEVICE || info.eui().isEmpty() || info.keyUsage().isEmpty()) {
                    throw new PkiException(PkiException.Code.BAD_INPUT, f + " certificate " + (i + 1)
                            + " is not a Device Certificate (it is " + info.kind() + "); nothing imported");
                }
                List<LintFinding> errors = linter.lint(f.toString(), i, c).stream()
                        .filter(x -> x.severity() == ProfileRule.Severity.ERROR).toList();
                if (!errors.isEmpty()) {
                    throw new PkiException(PkiException.Code.LINT_ERRORS, errors.get(0) + "; nothing imported");
                }
                if (!issuedBy(c, dca)) {
                    throw new PkiException(PkiException.Code.UNKNOWN_ISSUER, f + " certificate " + (i + 1) + " ("
                            + info.eui().get() + ") is not signed by this SMKI's Issuing DCA; nothing imported");
                }
                if (recorded(info.eui().get(), info.keyUsage().get(), Gbcs.publicKey(c)).isEmpty()) {
                    rows.add(row(c, now, f.toString()));
                }
            }
        }
        record(rows, now, actor, "pki.import.devices");
        return rows.size();
    }

    private Optional<X509CertificateHolder> recorded(Eui64 eui, KeyUsageType usage, PublicKey key) {
        byte[] spki = key.getEncoded();
        return pki.repository().deviceCertificates(pki.database().get().jdbc(), eui, usage).stream()
                .map(CertificateRecord::certificate).filter(c -> {
                    try {
                        return Arrays.equals(c.getSubjectPublicKeyInfo().getEncoded(), spki);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }).findFirst();
    }

    private static boolean issuedBy(X509CertificateHolder c, X509CertificateHolder ca) {
        try {
            return c.getIssuer().equals(ca.getSubject()) && c.isSignatureValid(
                    new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder().setProvider(Gbcs.BC).build(ca));
        } catch (org.bouncycastle.operator.OperatorCreationException | org.bouncycastle.cert.CertException
                | java.security.cert.CertificateException e) {
            return false;
        }
    }

    private Object[] row(X509CertificateHolder c, Instant now, String source) {
        return SmkiRepository.values(new CertificateInspector().inspect(c), c, null, null, null, null, source, now);
    }

    private void record(List<Object[]> rows, Instant now, Actor actor, String action) {
        if (rows.isEmpty()) {
            return;
        }
        pki.database().get().write(jdbc -> {
            pki.repository().insertCertificates(jdbc, rows);
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("certificates", rows.size());
            pki.audit().append(jdbc, pki.entry(now, actor, action, "device certificates", null,
                    String.valueOf(rows.size()), null, detail));
            return null;
        });
    }
}
