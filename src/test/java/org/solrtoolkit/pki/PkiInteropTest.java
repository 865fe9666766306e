package org.solrtoolkit.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.store.Database;

/**
 * What pki init and pki crl write opens in the tools people already use: openssl verifies the
 * chains and reads the PKCS#12 and the CRL, keytool lists the keystore. (.ci/run installs openssl.)
 */
class PkiInteropTest {

    private static final String PASSWORD = "interop-test-password";

    @TempDir
    static Path dir;
    private static Path smki;

    @BeforeAll
    static void init() {
        Database db = Database.open(dir.resolve("pki.db"));
        PkiService pki = new PkiService(() -> db, new AuditLog(), java.time.Clock.systemUTC());
        pki.init(dir.resolve("smki"), PartySpec.DEMO, SmkiEnvironment.preset("test", null, null),
                PASSWORD.toCharArray(), Actor.unidentified(null));
        smki = dir.resolve("smki");
        new DeviceIssuance(pki).issue(Eui64.parse("00-DB-12-34-56-78-90-A0"), 1, List.of(KeyUsageType.KA), 1,
                dir.resolve("device.pem"), PASSWORD.toCharArray(), Actor.unidentified(null));
        String serial = pki.list("Acme Energy").stream().filter(r -> r.alias().orElse("").equals("supplier-ds"))
                .findFirst().orElseThrow().serial();
        pki.revoke(serial, "keyCompromise", new Actor("Alice", "Acme Energy", "FAILING_SUPPLIER", null));
        pki.crl(dir.resolve("oca.crl"), PASSWORD.toCharArray(), Actor.unidentified(null));
    }

    private record Run(int code, String out) {
    }

    private static Run run(String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("P12_PASSWORD", PASSWORD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static String f(String rel) {
        return smki.resolve(rel).toString();
    }

    @Test
    void opensslVerifiesOrganisationAndDeviceChains() throws Exception {
        for (String leaf : List.of("bravo-power/supplier-ka-topup.pem", "dcc/tcos-ds.pem",
                "northern-networks/network-operator-ka.pem")) {
            Run r = run("openssl", "verify", "-CAfile", f("ca/root-oca.pem"), "-untrusted", f("ca/issuing-oca.pem"),
                    f(leaf));
            assertThat(r.out()).as(leaf).contains(": OK");
            assertThat(r.code()).isZero();
        }
        Run device = run("openssl", "verify", "-CAfile", f("ca/root-oca.pem"), "-untrusted", f("ca/issuing-dca.pem"),
                dir.resolve("device.pem").toString());
        assertThat(device.out()).contains(": OK");
    }

    @Test
    void opensslOpensThePkcs12AndSeesAes256() throws Exception {
        Run r = run("openssl", "pkcs12", "-in", f("acme-energy/acme-energy.p12"), "-passin", "env:P12_PASSWORD",
                "-info", "-noout");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("PBES2, PBKDF2, AES-256-CBC").contains("MAC: sha256");
    }

    @Test
    void keytoolListsTheKeystore() throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> cmd = new ArrayList<>(List.of(keytool, "-list", "-storetype", "PKCS12", "-keystore",
                f("dcc/dcc.p12"), "-storepass:env", "P12_PASSWORD"));
        Run r = run(cmd.toArray(String[]::new));
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("Your keystore contains 5 entries", "acb-ka, ", "tcos-ds, ", "recovery-ds, ",
                "wan-provider-ds, ", "dsp-xml-sign, ");
    }

    @Test
    void opensslReadsTheCrlAndRefusesTheRevokedCertificate() throws Exception {
        Run crl = run("openssl", "crl", "-in", dir.resolve("oca.crl").toString(), "-noout", "-text");
        assertThat(crl.code()).as(crl.out()).isZero();
        assertThat(crl.out()).contains("Issuer: OU = 07, CN = Test Issuing OCA", "Key Compromise");
        Run verify = run("openssl", "verify", "-crl_check", "-CRLfile", dir.resolve("oca.crl").toString(), "-CAfile",
                f("ca/root-oca.pem"), "-untrusted", f("ca/issuing-oca.pem"), f("acme-energy/supplier-ds.pem"));
        assertThat(verify.code()).isNotZero();
        assertThat(verify.out()).contains("certificate revoked");
        Run stillGood = run("openssl", "verify", "-crl_check", "-CRLfile", dir.resolve("oca.crl").toString(), "-CAfile",
                f("ca/root-oca.pem"), "-untrusted", f("ca/issuing-oca.pem"), f("acme-energy/supplier-ka.pem"));
        assertThat(stillGood.out()).contains(": OK");
    }

    @Test
    void theRootCarriesTheWrappedContingencyKeyAndKeytoolListsTheContingencyKeystore() throws Exception {
        Run root = run("openssl", "x509", "-in", f("ca/root-oca.pem"), "-noout", "-text");
        assertThat(root.code()).as(root.out()).isZero();
        assertThat(root.out()).contains("1.3.6.1.5.5.7.1.20"); // id-pe-wrappedApexContinKey, non-critical
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Run r = run(keytool, "-list", "-storetype", "PKCS12", "-keystore", f("ca/contingency.p12"), "-storepass:env",
                "P12_PASSWORD");
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("Your keystore contains 2 entries", "PrivateKeyEntry", "SecretKeyEntry",
                "contingency-", "contingency-unwrap-");
    }
}
