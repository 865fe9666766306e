package org.solrtoolkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.pki.CertificateIssuer;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.PkiException;
import org.solrtoolkit.pki.SmkiEnvironment;

class UtrnFilesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
    private static final Eui64 ACME = Eui64.parse("00-DB-A0-00-00-00-00-01");
    private static final Eui64 METER = Eui64.parse("00-DB-12-34-56-78-90-A0");

    @TempDir
    Path dir;
    private final CertificateIssuer issuer = new CertificateIssuer(CLOCK);
    private final KeyPair rootKeys = issuer.newKeyPair();
    private final X509CertificateHolder root = issuer.root("Root", rootKeys, SmkiEnvironment.ANY_POLICY,
            Duration.ofDays(3650));
    private final ASN1ObjectIdentifier policy = new ASN1ObjectIdentifier("1.2.826.0.1.8641679.1.2.1.4");

    private Path pem(Object o, String name) throws Exception {
        Path f = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(f); JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o);
        }
        return f;
    }

    @Test
    void utrnFromAPkcs8KeyAndTheMetersKaCertificateIsAuthenticOnTheMeter() throws Exception {
        KeyPair topUp = issuer.newKeyPair();
        KeyPair meterKa = issuer.newKeyPair();
        Path key = pem(new JcaPKCS8Generator(topUp.getPrivate(), null), "topup.key");
        Path cert = pem(issuer.device(METER, KeyUsageType.KA, meterKa.getPublic(), root, rootKeys.getPrivate(), policy),
                "meter-ka.pem");
        Utrn u = UtrnFiles.generate(key, () -> null, ACME, cert, 7L << 32, 1500, Utrn.ValueClass.PENNIES);
        assertThat(u.pence()).isEqualTo(1500);
        assertThat(u.authentic(meterKa.getPrivate(), topUp.getPublic(), ACME, METER, 7L << 32)).isTrue();

        Path out = dir.resolve("utrn.txt");
        UtrnFiles.write(u, out);
        assertThat(Files.readString(out)).isEqualTo(u.digits() + "\n");
        assertThatThrownBy(() -> UtrnFiles.write(u, out)).isInstanceOf(DeviceException.class)
                .hasMessageContaining("out " + out + " already exists");
        assertThat(Files.readString(out)).as("left as it was").isEqualTo(u.digits() + "\n");
    }

    @Test
    void encryptedKeyNeedsItsPassword() throws Exception {
        KeyPair topUp = issuer.newKeyPair();
        var enc = new JceOpenSSLPKCS8EncryptorBuilder(org.bouncycastle.openssl.PKCS8Generator.AES_256_CBC)
                .setProvider(org.solrtoolkit.pki.Gbcs.BC).setPassword("key-password".toCharArray()).build();
        Path key = pem(new JcaPKCS8Generator(topUp.getPrivate(), enc), "topup-enc.key");
        Path cert = pem(issuer.device(METER, KeyUsageType.KA, issuer.newKeyPair().getPublic(), root,
                rootKeys.getPrivate(), policy), "meter-ka.pem");
        assertThat(UtrnFiles.generate(key, "key-password"::toCharArray, ACME, cert, 1L << 32, 5,
                Utrn.ValueClass.POUNDS).value()).isEqualTo(5);
        assertThatThrownBy(() -> UtrnFiles.generate(key, "wrong"::toCharArray, ACME, cert, 1L << 32, 5,
                Utrn.ValueClass.POUNDS)).isInstanceOf(PkiException.class).hasMessageEndingWith(": wrong password");
    }

    @Test
    void aDsCertificateOrANonKeyFileIsRefused() throws Exception {
        Path ds = pem(issuer.device(METER, KeyUsageType.DS, issuer.newKeyPair().getPublic(), root,
                rootKeys.getPrivate(), policy), "meter-ds.pem");
        Path key = pem(new JcaPKCS8Generator(issuer.newKeyPair().getPrivate(), null), "k.key");
        assertThatThrownBy(() -> UtrnFiles.generate(key, () -> null, ACME, ds, 1, 1, Utrn.ValueClass.POUNDS))
                .hasMessage("device-cert " + ds + " is a DEVICE certificate with key usage digitalSignature; give the"
                        + " meter's KA Device Certificate");
        assertThatThrownBy(() -> UtrnFiles.generate(ds, () -> null, ACME,
                pem(issuer.device(METER, KeyUsageType.KA, issuer.newKeyPair().getPublic(), root, rootKeys.getPrivate(),
                        policy), "ka.pem"), 1, 1, Utrn.ValueClass.POUNDS))
                .hasMessageContaining("holds no private key");
    }
}
