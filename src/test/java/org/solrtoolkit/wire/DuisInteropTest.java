package org.solrtoolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.pki.KeyUsageType;

/**
 * Our DUIS XML signatures checked by an implementation that is not the JDK's: xmlsec1 (libxml2 and
 * OpenSSL; .ci/run installs it) verifies a signed 6.23 request and a signed response with the
 * signer's certificate, and refuses them once an element is edited.
 */
class DuisInteropTest {

    @TempDir
    Path dir;

    private final WireFixture f = new WireFixture();
    private final KeyPair xmlKeys = f.issuer.newKeyPair();
    private final X509CertificateHolder xmlCert = f.solr(KeyUsageType.DS, xmlKeys);

    @Test
    void xmlsec1VerifiesOurSignedRequestAndResponseAndRefusesAnEditedOne() throws Exception {
        Path cert = dir.resolve("signer.pem");
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                xmlCert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        byte[] request = new DuisTest().request().signed(xmlKeys.getPrivate(), xmlCert);
        byte[] response = DuisResponse.response(new RequestId(WireFixture.SOLR, WireFixture.METER, 9), "I0",
                Instant.parse("2026-11-29T10:16:00Z"), "6.23", new byte[] {(byte) 0xDF}).signed(xmlKeys.getPrivate(), xmlCert);
        for (byte[] xml : new byte[][] {request, response}) {
            Path file = Files.write(dir.resolve("signed.xml"), xml);
            assertThat(xmlsec1(cert, file)).contains("OK").contains("SignedInfo References (ok/all): 1/1");
            Path edited = Files.writeString(dir.resolve("edited.xml"), new String(xml, StandardCharsets.UTF_8)
                    .replace("00-DB-12-34-56-78-90-A0", "00-DB-12-34-56-78-90-A1"));
            assertThat(xmlsec1(cert, edited)).contains("FAIL");
        }
    }

    private static String xmlsec1(Path cert, Path file) throws Exception {
        Process p = new ProcessBuilder("xmlsec1", "--verify", "--pubkey-cert-pem", cert.toString(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
