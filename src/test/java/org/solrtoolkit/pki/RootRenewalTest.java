package org.solrtoolkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.store.Database;

/** pki init's Contingency Key Pair and pki renew-root, on real files and a real SQLite database. */
class RootRenewalTest {

    private static final char[] PASSWORD = "test-only-password".toCharArray();
    private static final Actor DCC = new Actor("Dee", "DCC", "DCC", null);

    @TempDir
    Path dir;

    private PkiService pki(Database db) {
        PkiService pki = new PkiService(() -> db, new AuditLog(), TestPki.CLOCK);
        pki.init(dir.resolve("smki"), PartySpec.DEMO, SmkiEnvironment.preset("test", null, null), PASSWORD,
                Actor.unidentified(null));
        return pki;
    }

    private static String ski(X509CertificateHolder c) {
        return new CertificateInspector().inspect(c).ski();
    }

    @Test
    void theDccReplacesTheRootAndKeepsTheOldRootsContingencyKeysForTheMetersThatHoldIt() throws Exception {
        Database db = Database.open(dir.resolve("pki.db"));
        PkiService pki = pki(db);
        X509CertificateHolder old = pki.rootCertificate();
        PkiService.Contingency before = pki.contingency(ski(old), PASSWORD);
        assertThat(ContingencyKey.unwrap(ContingencyKey.extensionOf(old).orElseThrow(), before.plaintextKey()))
                .as("the Root's extension unwraps with the DCC's symmetric key to the contingency key's public half")
                .hasValueSatisfying(spki -> assertThat(spki).isNotNull());

        CertificateRecord r = pki.renewRoot(PASSWORD, DCC);
        X509CertificateHolder root = pki.rootCertificate();
        assertThat(r.serial()).isEqualTo(new CertificateInspector().inspect(root).serial());
        assertThat(pki.rootCertificates()).extracting(RootRenewalTest::ski).containsExactly(ski(root), ski(old));
        assertThat(root.getSubject().toString()).contains("Test Root OCA 2");
        assertThat(new PathValidator().validate(pki.issuingOcaCertificate(), List.of(), root,
                java.util.Optional.empty()).ok()).as("the new Issuing OCA is under the new Root").isTrue();
        // both Roots' contingency keys are kept; each unwraps only from its own Root
        PkiService.Contingency now = pki.contingency(ski(root), PASSWORD);
        assertThat(pki.contingency(ski(old), PASSWORD).plaintextKey()).isEqualTo(before.plaintextKey());
        SubjectPublicKeyInfo unwrapped = ContingencyKey.unwrap(ContingencyKey.extensionOf(root).orElseThrow(),
                now.plaintextKey()).orElseThrow();
        java.security.Signature sign = java.security.Signature.getInstance("SHA256withECDSA", Gbcs.BC);
        sign.initSign(now.key());
        sign.update("x".getBytes());
        byte[] sig = sign.sign();
        java.security.Signature verify = java.security.Signature.getInstance("SHA256withECDSA", Gbcs.BC);
        verify.initVerify(new org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter().setProvider(Gbcs.BC)
                .getPublicKey(unwrapped));
        verify.update("x".getBytes());
        assertThat(verify.verify(sig)).as("the unwrapped key is the contingency private key's public half").isTrue();
        assertThat(ContingencyKey.unwrap(ContingencyKey.extensionOf(root).orElseThrow(), before.plaintextKey())).isEmpty();
        // a party renewing its key now gets a certificate under the new Issuing OCA and Root
        CertificateRecord renewed = pki.renew("Bravo Power", "supplier-ds", PASSWORD, new Actor("Bo", "Bravo Power",
                "SOLR", null));
        assertThat(new PathValidator().validate(renewed.certificate(), List.of(pki.issuingOcaCertificate()), root,
                java.util.Optional.empty()).ok()).isTrue();
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit WHERE action = 'pki.renew-root'", Map.of(),
                Integer.class)).isEqualTo(1);
    }

    @Test
    void onlyTheDccReplacesTheRootAndARefusalWritesNothing() throws Exception {
        Database db = Database.open(dir.resolve("pki.db"));
        PkiService pki = pki(db);
        Path ca = dir.resolve("smki/ca/ca.p12");
        byte[] keystore = java.nio.file.Files.readAllBytes(ca);
        String before = Fixtures.snapshot(db);
        assertThatThrownBy(() -> pki.renewRoot(PASSWORD, new Actor("Alice", "Acme Energy", "FAILING_SUPPLIER", null)))
                .isInstanceOf(PkiException.class).hasMessageContaining("the DCC, as the SMKI's operator")
                .extracting(e -> ((PkiException) e).errorCode()).isEqualTo(PkiException.Code.NOT_ALLOWED);
        assertThatThrownBy(() -> pki.renewRoot("wrong".toCharArray(), DCC)).isInstanceOf(PkiException.class)
                .extracting(e -> ((PkiException) e).errorCode()).isEqualTo(PkiException.Code.KEYSTORE_PASSWORD);
        assertThat(Fixtures.snapshot(db)).isEqualTo(before);
        assertThat(java.nio.file.Files.readAllBytes(ca)).isEqualTo(keystore);
        try (var files = java.nio.file.Files.list(dir.resolve("smki/ca"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("ca.p12", "contingency.p12",
                    "root-oca.pem", "issuing-oca.pem", "issuing-dca.pem");
        }
    }
}
