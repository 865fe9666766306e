package org.solrtoolkit.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Makes certificate {@code i} of a request (device {@code i / usages}, usage {@code i % usages}) on
 * a worker thread: one template per usage, each certificate the template with its serial, time,
 * key, EUI-64 and SKI written in and signed natively; Bouncy Castle builds one the template does
 * not fit (a notBefore past 2049).
 */
final class DeviceCertificateMaker implements IntFunction<DeviceCertificateMaker.Made> {

    private final PkiService pki;
    private final Eui64 first;
    private final List<KeyUsageType> usages;
    private final List<byte[]> keys;
    private final String outPath;
    private final Instant now;
    private final Instant notBefore;
    private final Keystores.Entry dca;
    private final X509CertificateHolder dcaCert;
    private final org.bouncycastle.asn1.ASN1ObjectIdentifier policy;
    private final String issuerName;
    private final String aki;
    private final List<String> policyIds;
    private final Map<KeyUsageType, DeviceCertificateTemplate> templates = new java.util.EnumMap<>(KeyUsageType.class);

    DeviceCertificateMaker(PkiService pki, Eui64 first, List<KeyUsageType> usages, List<byte[]> keys, char[] password,
            String outPath, Instant now) {
        this.pki = pki;
        SmkiRepository.Smki smki = pki.requireSmki();
        this.first = first;
        this.usages = usages;
        this.keys = keys;
        this.outPath = outPath;
        this.now = now;
        this.notBefore = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        this.dca = Keystores.read(Path.of(smki.caKeystore()), password, PkiService.DCA_ALIAS);
        this.dcaCert = dca.chain().get(0);
        this.policy = SmkiEnvironment.oid("device policy", smki.devicePolicy());
        this.policyIds = List.of(policy.getId());
        this.issuerName = dcaCert.getSubject().toString();
        this.aki = CertificateInspector.hex(Gbcs.keyIdentifier(dcaCert.getSubjectPublicKeyInfo()));
        if (DeviceCertificateTemplate.applies(notBefore)) {
            for (KeyUsageType usage : usages) {
                templates.put(usage, DeviceCertificateTemplate.of(pki.issuer(), usage, dcaCert, dca.key(), policy));
            }
        }
    }

    @Override
    public Made apply(int i) {
        Eui64 eui = new Eui64(first.value() + i / usages.size());
        KeyUsageType usage = usages.get(i % usages.size());
        DeviceCertificateTemplate template = templates.get(usage);
        if (template != null) {
            DeviceCertificateTemplate.Made m = template.make(eui, keys.get(i), notBefore);
            return made(m.der(), m.serial(), notBefore, m.ski(), eui, usage);
        }
        X509CertificateHolder c = pki.issuer().device(eui, usage, publicKey(keys.get(i)), dcaCert, dca.key(), policy);
        return made(encode(c), CertificateInspector.serial(c), c.getNotBefore().toInstant(),
                CertificateInspector.hex(CertificateInspector.ski(c)), eui, usage);
    }

    private static PublicKey publicKey(byte[] spki) {
        try {
            return java.security.KeyFactory.getInstance("EC", Gbcs.BC)
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(spki));
        } catch (java.security.GeneralSecurityException e) {
            throw new PkiException(PkiException.Code.BAD_KEY, "a device key is not an EC key: " + e.getMessage(), e);
        }
    }

    private Made made(byte[] der, String serial, Instant from, String ski, Eui64 eui, KeyUsageType usage) {
        CertificateInfo info = describe(serial, from, ski, der, eui, usage, issuerName, aki, policyIds);
        return new Made(pem(der), SmkiRepository.values(info, der, null, null, null, null, outPath, now));
    }

    /**
     * What {@link CertificateInspector} would read back from a device certificate just built here,
     * from the values it was built with (inspecting 10,000 certificates again costs a third of the
     * signing time); {@code PkiServiceTest} checks the two agree.
     */
    private static CertificateInfo describe(String serial, Instant notBefore, String ski, byte[] der, Eui64 eui,
            KeyUsageType usage, String issuerName, String aki, List<String> policy) {
        return new CertificateInfo(CertificateKind.DEVICE, java.util.Optional.empty(), java.util.Optional.empty(),
                List.of(usage == KeyUsageType.DS ? "digitalSignature" : "keyAgreement"), java.util.Optional.of(usage),
                java.util.Optional.of(eui), "", issuerName, serial, notBefore, Gbcs.DEVICE_NOT_AFTER, ski, aki,
                policy, "EC P-256 uncompressed", "ecdsa-with-SHA256",
                CertificateInspector.fingerprint(der));
    }

    /** A certificate as PEM text and as a database row, made on a worker thread. */
    record Made(String pem, Object[] row) {
    }

    private static final byte[] PEM_BEGIN = "-----BEGIN CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PEM_END = "-----END CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII);

    /** RFC 7468 text: base64 in lines of 64 characters between the labels, built in one array. */
    static String pem(byte[] der) {
        byte[] b64 = Base64.getEncoder().encode(der);
        int lines = (b64.length + 63) / 64;
        byte[] out = new byte[PEM_BEGIN.length + b64.length + lines + PEM_END.length];
        System.arraycopy(PEM_BEGIN, 0, out, 0, PEM_BEGIN.length);
        int at = PEM_BEGIN.length;
        for (int from = 0; from < b64.length; from += 64) {
            int n = Math.min(64, b64.length - from);
            System.arraycopy(b64, from, out, at, n);
            at += n;
            out[at++] = '\n';
        }
        System.arraycopy(PEM_END, 0, out, at, PEM_END.length);
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static byte[] encode(X509CertificateHolder c) {
        try {
            return c.getEncoded();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
