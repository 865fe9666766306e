package org.solrtoolkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateFilesTest {

    @TempDir
    Path dir;
    private final TestPki pki = new TestPki();

    private static String pem(X509CertificateHolder c) throws Exception {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(c.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
    }

    @Test
    void readsDerPemAndBundles() throws Exception {
        Files.write(dir.resolve("root.der"), pki.root.getEncoded());
        Files.writeString(dir.resolve("chain.pem"), "issuing CAs\n" + pem(pki.oca) + pem(pki.dca) + pem(pki.root));
        assertThat(CertificateFiles.read(dir.resolve("root.der"))).containsExactly(pki.root);
        assertThat(CertificateFiles.read(dir.resolve("chain.pem"))).containsExactly(pki.oca, pki.dca, pki.root);
    }

    @Test
    void aFileThatIsNotACertificateIsRefused() throws Exception {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "minutes of the PMA call\n");
        assertThatThrownBy(() -> CertificateFiles.read(f))
                .isInstanceOf(PkiException.class)
                .hasMessage(f + " is not a certificate: neither PEM nor DER (a DER certificate starts with a SEQUENCE)");
    }

    @Test
    void truncatedDerIsRefused() throws Exception {
        byte[] der = pki.root.getEncoded();
        Path f = dir.resolve("root.der");
        Files.write(f, Arrays.copyOf(der, der.length - 20));
        assertThatThrownBy(() -> CertificateFiles.read(f))
                .isInstanceOf(PkiException.class)
                .hasMessageStartingWith(f + " is not a valid DER certificate (truncated or malformed:")
                .extracting(e -> ((PkiException) e).errorCode()).isEqualTo(PkiException.Code.NOT_A_CERTIFICATE);
    }

    @Test
    void pemWithGarbageInsideIsRefusedNamingTheBlock() throws Exception {
        Path f = dir.resolve("bad.pem");
        String good = pem(pki.oca);
        Files.writeString(f, good + "-----BEGIN CERTIFICATE-----\nMIIB!!not*base64\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> CertificateFiles.read(f)).hasMessageStartingWith(f + ": PEM block 2 is not valid base64");
        Files.writeString(f, "-----BEGIN CERTIFICATE-----\nAAAAAAAAAAAA\n-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> CertificateFiles.read(f)).hasMessageStartingWith(f + " PEM block 1 is not a certificate");
        Files.writeString(f, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> CertificateFiles.read(f))
                .hasMessage(f + " holds no complete '-----BEGIN CERTIFICATE-----' block");
    }

    @Test
    void emptyFileIsNotACertificate() throws Exception {
        Path f = dir.resolve("empty.der");
        Files.write(f, new byte[0]);
        assertThatThrownBy(() -> CertificateFiles.read(f)).hasMessageContaining("is not a certificate");
        assertThat(List.of()).isEmpty();
    }
}
