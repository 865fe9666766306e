package org.solrtoolkit.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Device Certificates for bulk issuance, made from one certificate Bouncy Castle builds (issue 15).
 * Every Device Certificate an Issuing DCA signs for one usage and policy has the same DER layout
 * (domain.md section 1: empty subject, 16-octet serial, UTCTime notBefore, notAfter
 * 99991231235959Z, a P-256 uncompressed key, the same extensions in the same order, an 8-octet SAN
 * hwSerialNum and SKI): only the serial, notBefore, key, EUI-64 and SKI differ, each at a fixed
 * offset of the TBSCertificate. A sample certificate made by {@link CertificateIssuer#device} gives
 * the template and the offsets (each value found exactly once); each certificate is then the
 * template with its five values written in, signed with the ECDSA provider {@link Crypto} chooses.
 * The TBSCertificate is byte for byte what Bouncy Castle would build for the same values
 * ({@code DeviceCertificateTemplateTest}). A notBefore outside 1950-2049 (GeneralizedTime) is not
 * templated: {@link #applies} says so and the caller builds that certificate with Bouncy Castle.
 */
final class DeviceCertificateTemplate {

    private final byte[] tbs;
    private final int serialAt;
    private final int notBeforeAt;
    private final int spkiAt;
    private final int spkiLength;
    private final int euiAt;
    private final int skiAt;
    private final byte[] spkiPrefix;
    private final byte[] signatureAlgorithm;
    private final ThreadLocal<Signature> signers;
    /** The last notBefore and its UTCTime text. */
    private volatile Object[] lastTime = new Object[2];

    /** A made certificate, its serial and SKI as the inspector writes them (upper-case hex). */
    record Made(byte[] der, String serial, String ski) {
    }

    private DeviceCertificateTemplate(X509CertificateHolder sample, Eui64 eui, byte[] spki, PrivateKey key) {
        Certificate c = sample.toASN1Structure();
        try {
            tbs = c.getTBSCertificate().getEncoded(ASN1Encoding.DER);
            signatureAlgorithm = c.getSignatureAlgorithm().getEncoded(ASN1Encoding.DER);
            if (!(c.getStartDate().toASN1Primitive() instanceof ASN1UTCTime)) {
                throw new IllegalStateException("notBefore is not a UTCTime");
            }
            byte[] time = c.getStartDate().toASN1Primitive().getEncoded(ASN1Encoding.DER);
            serialAt = once(tbs, serial(c));
            notBeforeAt = once(tbs, time) + 2;
            spkiAt = once(tbs, spki);
            spkiLength = spki.length;
            euiAt = once(tbs, eui.toBytes());
            skiAt = once(tbs, CertificateInspector.ski(sample));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        spkiPrefix = Arrays.copyOf(spki, spki.length - 65);
        PrivateKey signing = CertificateIssuer.signingKey(key);
        signers = ThreadLocal.withInitial(() -> {
            try {
                Signature s = Signature.getInstance("SHA256withECDSA", Crypto.ecdsa());
                s.initSign(signing, Crypto.random());
                return s;
            } catch (GeneralSecurityException e) {
                throw new PkiException(PkiException.Code.BAD_KEY, "cannot sign with the DCA's key: " + e.getMessage(), e);
            }
        });
    }

    /**
     * The template for {@code usage} and {@code policy} under the DCA {@code issuerCert}, from a sample
     * certificate built by {@code issuer}.
     */
    static DeviceCertificateTemplate of(CertificateIssuer issuer, KeyUsageType usage, X509CertificateHolder issuerCert,
            PrivateKey issuerKey, ASN1ObjectIdentifier policy) {
        // a random EUI-64 and a fresh key: values that occur nowhere else in the certificate
        byte[] marker = new byte[8];
        Crypto.random().nextBytes(marker);
        Eui64 eui = new Eui64(java.nio.ByteBuffer.wrap(marker).getLong());
        PublicKey key = issuer.newKeyPair().getPublic();
        X509CertificateHolder sample = issuer.device(eui, usage, key, issuerCert, issuerKey, policy);
        return new DeviceCertificateTemplate(sample, eui, key.getEncoded(), issuerKey);
    }

    /** Whether a certificate from {@code notBefore} fits the template (a UTCTime year, 1950-2049). */
    static boolean applies(Instant notBefore) {
        int year = notBefore.atZone(ZoneOffset.UTC).getYear();
        return year >= 1950 && year <= 2049;
    }

    /**
     * A signed Device Certificate for {@code eui} and {@code key} (the device's public key as the
     * SubjectPublicKeyInfo it sent), valid from {@code notBefore}.
     */
    Made make(Eui64 eui, byte[] key, Instant notBefore) {
        byte[] serial = new byte[Gbcs.SERIAL_OCTETS];
        SecureRandom r = Crypto.random();
        do {
            r.nextBytes(serial);
            serial[0] &= 0x7F;
        } while (serial[0] == 0); // positive and exactly 16 octets, as CertificateIssuer makes them
        byte[] t = tbs(serial, eui, key, notBefore);
        byte[] ski = Arrays.copyOfRange(t, skiAt, skiAt + Gbcs.KEY_ID_OCTETS);
        byte[] signature;
        try {
            Signature s = signers.get();
            s.update(t);
            signature = s.sign();
        } catch (GeneralSecurityException e) {
            throw new PkiException(PkiException.Code.BAD_KEY, "cannot sign a device certificate: " + e.getMessage(), e);
        }
        return new Made(certificate(t, signature), CertificateInspector.hex(serial), CertificateInspector.hex(ski));
    }

    /** The TBSCertificate with the five values written in (package-private for the test). */
    byte[] tbs(byte[] serial, Eui64 eui, byte[] spki, Instant notBefore) {
        if (spki.length != spkiLength || !Arrays.equals(spki, 0, spkiPrefix.length, spkiPrefix, 0, spkiPrefix.length)) {
            var info = org.bouncycastle.asn1.x509.SubjectPublicKeyInfo.getInstance(spki);
            CertificateIssuer.publicKeyInfo(info, Gbcs.EC_PUBLIC_KEY.equals(info.getAlgorithm().getAlgorithm()) ? "EC"
                    : info.getAlgorithm().getAlgorithm().getId()); // says which rule the key breaks
            throw new PkiException(PkiException.Code.BAD_KEY, "the device key is not an uncompressed NIST P-256 point");
        }
        byte[] t = tbs.clone();
        System.arraycopy(serial, 0, t, serialAt, serial.length);
        Object[] time = lastTime; // one notBefore for a whole request: its text made once
        if (!notBefore.equals(time[0])) {
            if (!applies(notBefore)) {
                throw new IllegalArgumentException("notBefore " + notBefore + " is not a UTCTime");
            }
            byte[] text = new byte[13];
            utcTime(notBefore, text, 0);
            time = new Object[] {notBefore, text};
            lastTime = time;
        }
        System.arraycopy((byte[]) time[1], 0, t, notBeforeAt, 13);
        System.arraycopy(spki, 0, t, spkiAt, spki.length);
        System.arraycopy(eui.toBytes(), 0, t, euiAt, 8);
        byte[] ski = Gbcs.keyIdentifier(Arrays.copyOfRange(spki, spkiPrefix.length, spki.length));
        System.arraycopy(ski, 0, t, skiAt, ski.length);
        return t;
    }

    /** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }. */
    private byte[] certificate(byte[] t, byte[] signature) {
        int bitString = 1 + lengthOctets(signature.length + 1) + signature.length + 1;
        int content = t.length + signatureAlgorithm.length + bitString;
        byte[] der = new byte[1 + lengthOctets(content) + content];
        der[0] = 0x30;
        int at = length(der, 1, content);
        System.arraycopy(t, 0, der, at, t.length);
        at += t.length;
        System.arraycopy(signatureAlgorithm, 0, der, at, signatureAlgorithm.length);
        at += signatureAlgorithm.length;
        der[at++] = 0x03;
        at = length(der, at, signature.length + 1);
        der[at++] = 0; // no unused bits
        System.arraycopy(signature, 0, der, at, signature.length);
        return der;
    }

    private static int lengthOctets(int n) {
        return n < 0x80 ? 1 : n < 0x100 ? 2 : n < 0x10000 ? 3 : 4;
    }

    /** Writes a DER length at {@code at}; returns the index after it. */
    private static int length(byte[] b, int at, int n) {
        int octets = lengthOctets(n) - 1;
        if (octets == 0) {
            b[at] = (byte) n;
            return at + 1;
        }
        b[at++] = (byte) (0x80 | octets);
        for (int i = octets - 1; i >= 0; i--) {
            b[at++] = (byte) (n >>> (8 * i));
        }
        return at;
    }

    /** YYMMDDHHMMSSZ, as DER encodes a UTCTime. */
    private static void utcTime(Instant at, byte[] b, int offset) {
        ZonedDateTime t = at.atZone(ZoneOffset.UTC);
        int[] parts = {t.getYear() % 100, t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()};
        for (int i = 0; i < parts.length; i++) {
            b[offset + 2 * i] = (byte) ('0' + parts[i] / 10);
            b[offset + 2 * i + 1] = (byte) ('0' + parts[i] % 10);
        }
        b[offset + 12] = 'Z';
    }

    private static byte[] serial(Certificate c) {
        byte[] s = c.getSerialNumber().getValue().toByteArray();
        if (s.length != Gbcs.SERIAL_OCTETS) {
            throw new IllegalStateException("serial of " + s.length + " octets");
        }
        return s;
    }

    /** Where {@code value} occurs in {@code in}; it must occur exactly once. */
    private static int once(byte[] in, byte[] value) {
        int found = -1;
        for (int i = 0; i + value.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + value.length, value, 0, value.length)) {
                if (found >= 0) {
                    throw new IllegalStateException("a template value occurs twice in the sample certificate");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalStateException("a template value is not in the sample certificate");
        }
        return found;
    }
}
