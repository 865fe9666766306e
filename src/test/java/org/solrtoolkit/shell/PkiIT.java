package org.solrtoolkit.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SMKI through the real jar: init, inspect, lint, verify, issue, revoke, CRL, and the bad inputs. */
class PkiIT {

    private static final String ALICE = "Alice@Acme Energy:FAILING_SUPPLIER";

    @TempDir
    Path dir;

    @Test
    void initInspectLintVerifyRevokeAndPublish() throws Exception {
        Cli cli = new Cli(dir).env("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "it-test-password");
        assertThat(cli.run("pki", "init", "--dir", "smki").ok().out())
                .contains("21 certificates for Acme Energy (SUPPLIER, 00-DB-A0-00-00-00-00-01), Bravo Power");
        List<String> pems;
        try (Stream<Path> s = Files.walk(dir.resolve("smki"))) {
            pems = s.map(Path::toString).filter(p -> p.endsWith(".pem")).sorted().toList();
        }
        List<String> lint = new ArrayList<>(List.of("pki", "lint", "--file"));
        lint.addAll(pems);
        assertThat(cli.run(lint.toArray(String[]::new)).ok().out()).isEqualTo(pems.size()
                + " file(s): 0 error(s), 0 warning(s)\n");
        JsonNode chain = new ObjectMapper().readTree(cli.run("pki", "inspect", "--file", "smki/chain.pem", "--format",
                "json").ok().out());
        assertThat(chain).hasSize(3);
        assertThat(chain.get(2).get("kind").asText()).isEqualTo("ROOT");
        assertThat(cli.run("pki", "verify", "--file", "smki/acme-energy/supplier-ds.pem", "--anchor",
                "smki/ca/root-oca.pem", "--path", "smki/ca/issuing-dca.pem", "--path", "smki/ca/issuing-oca.pem")
                .ok().out()).startsWith("smki/acme-energy/supplier-ds.pem: OK (Acme Energy 02 DS 00-DB-A0-00-00-00-00-01 <- OU=07,CN=Test"
                        + " Issuing OCA <- OU=00,CN=Test Root OCA) at ");
        assertThat(cli.run("pki", "verify", "--file", "smki/acme-energy/supplier-ds.pem", "--anchor",
                "smki/ca/root-oca.pem", "--path", "smki/ca/issuing-oca.pem", "--format", "json").ok().out())
                .contains("\"ok\" : true", "\"chain\" : [ \"Acme Energy 02 DS");
        assertThat(cli.run("pki", "issue", "--first-eui", "00DB1234567890A0", "--count", "2", "--usage", "both", "--out",
                "devices.pem").ok().out()).startsWith("4 device certificate(s) for 00-DB-12-34-56-78-90-A0 ..");

        String serial = cli.run("pki", "list", "--party", "Acme Energy", "--format", "csv").ok().out().lines()
                .filter(l -> l.contains(",supplier-ds,")).findFirst().orElseThrow().split(",")[0];
        cli.run("--as", "Bob@Bravo Power:SOLR", "pki", "revoke", serial, "--reason", "keyCompromise")
                .refused(1, "belongs to Acme Energy; Bob@Bravo Power:SOLR may not revoke it");
        assertThat(cli.run("--as", ALICE, "pki", "revoke", serial, "--reason", "keyCompromise").ok().out())
                .startsWith("revoked " + serial);
        assertThat(cli.run("pki", "crl", "--out", "oca.crl").ok().out())
                .isEqualTo("CRL of OU=07,CN=Test Issuing OCA with 1 revoked certificate(s) written to oca.crl\n");
        assertThat(Files.readString(dir.resolve("oca.crl"))).startsWith("-----BEGIN X509 CRL-----");
        // --out - : the CRL itself on stdout for a pipe, the summary on stderr (one convention, issue 14)
        Cli.Result piped = cli.run("pki", "crl", "--out", "-").ok();
        assertThat(piped.out()).startsWith("-----BEGIN X509 CRL-----").endsWith("-----END X509 CRL-----\n");
        assertThat(piped.err()).contains("with 1 revoked certificate(s) written to stdout");
        Cli.Result bundle = cli.run("pki", "issue", "--first-eui", "00DB1234567890B0", "--out", "-").ok();
        assertThat(bundle.out()).startsWith("-----BEGIN CERTIFICATE-----").containsOnlyOnce("BEGIN CERTIFICATE");
        assertThat(bundle.err()).contains("1 device certificate(s) for 00-DB-12-34-56-78-90-B0");
        assertThat(cli.run("audit", "verify").ok().out()).startsWith("audit verify OK: 6 rows");

        // bad inputs: one line, exit code, nothing written
        cli.run("--as", ALICE, "pki", "revoke", "ABCDEF", "--reason", "keyCompromise")
                .refused(1, "unknown serial 'ABCDEF'");
        cli.run("pki", "issue", "--first-eui", "00-DB-12-34", "--out", "x.pem")
                .refused(1, "EUI-64 '00-DB-12-34' must be 8 octets");
        cli.run("pki", "verify", "--file", "smki/acme-energy/supplier-ds.pem", "--anchor", "smki/ca/issuing-dca.pem")
                .refused(1, "path validation FAILED: unknown issuer: Acme Energy 02 DS 00-DB-A0-00-00-00-00-01 was"
                        + " issued by 'OU=07,CN=Test Issuing OCA'");
        new Cli(dir).env("SOLR_TOOLKIT_KEYSTORE_PASSWORD", "not-the-password").run("pki", "crl", "--out", "b.crl")
                .refused(1, "ca.p12: wrong password");
        assertThat(dir.resolve("b.crl")).doesNotExist();
        assertThat(dir.resolve("x.pem")).doesNotExist();
        assertThat(cli.run("audit", "verify").ok().out()).startsWith("audit verify OK: 6 rows");
    }

    @Test
    void lintRefusesWhatIsNotACertificateAndWhatBreaksTheProfile() throws Exception {
        Cli cli = new Cli(dir);
        Files.writeString(dir.resolve("notes.txt"), "not a certificate\n");
        cli.run("pki", "lint", "--file", "notes.txt").refused(1, "notes.txt is not a certificate: neither PEM nor DER");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj",
                "/CN=Not SMKI", "-keyout", "rsa.key", "-out", "rsa.pem", "-days", "1").directory(dir.toFile())
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        Cli.Result r = cli.run("pki", "lint", "--file", "rsa.pem");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("rsa.pem: ERROR GBCS-SIG-ALG", "rsa.pem: ERROR GBCS-KEY-CURVE",
                "public key is RSA, not EC P-256").contains("1 file(s): ");
    }
}
