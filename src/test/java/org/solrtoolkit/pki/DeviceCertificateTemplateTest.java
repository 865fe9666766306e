package org.solrtoolkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Bulk issuance's template (issue 15) makes, for the same values, the TBSCertificate Bouncy Castle
 * builds, byte for byte; its certificates verify under the DCA, lint clean and validate to the
 * root. Runs with the native provider and again on Bouncy Castle.
 */
class DeviceCertificateTemplateTest {

    private final TestPki pki = new TestPki();

    @ParameterizedTest
    @EnumSource(KeyUsageType.class)
    void theTemplateWritesWhatBouncyCastleBuildsForTheSameValues(KeyUsageType usage) throws Exception {
        DeviceCertificateTemplate template = DeviceCertificateTemplate.of(pki.issuer, usage, pki.dca,
                pki.dcaKeys.getPrivate(), TestPki.DEVICE_POLICY);
        for (Eui64 eui : List.of(TestPki.METER, Eui64.parse("FF-FF-FF-FF-FF-FF-FF-FF"), Eui64.parse("00-00-00-00-00-00-00-00"))) {
            PublicKey key = Crypto.newKeyPair().getPublic();
            X509CertificateHolder built = pki.issuer.device(eui, usage, key, pki.dca, pki.dcaKeys.getPrivate(),
                    TestPki.DEVICE_POLICY);
            byte[] serial = built.toASN1Structure().getSerialNumber().getValue().toByteArray();
            assertThat(template.tbs(serial, eui, key.getEncoded(), built.getNotBefore().toInstant()))
                    .isEqualTo(built.toASN1Structure().getTBSCertificate().getEncoded(ASN1Encoding.DER));
        }
    }

    @Test
    void itsCertificatesAreSignedByTheDcaLintCleanAndValidateToTheRoot() throws Exception {
        DeviceCertificateTemplate template = DeviceCertificateTemplate.of(pki.issuer, KeyUsageType.DS, pki.dca,
                pki.dcaKeys.getPrivate(), TestPki.DEVICE_POLICY);
        Instant from = Instant.parse("2031-07-04T05:06:07Z");
        DeviceCertificateTemplate.Made made = template.make(TestPki.METER, Crypto.newKeyPair().getPublic().getEncoded(), from);
        X509CertificateHolder c = new X509CertificateHolder(made.der());
        assertThat(c.getEncoded()).isEqualTo(made.der()); // DER as Bouncy Castle re-encodes it
        assertThat(c.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(Gbcs.BC).build(pki.dca)))
                .isTrue();
        CertificateInfo info = new CertificateInspector().inspect(c);
        assertThat(info.serial()).isEqualTo(made.serial()).hasSize(32);
        assertThat(info.ski()).isEqualTo(made.ski());
        assertThat(info.notBefore()).isEqualTo(from);
        assertThat(info.eui()).contains(TestPki.METER);
        assertThat(new ProfileLinter().lint("template", 0, c)).isEmpty();
        assertThat(new PathValidator().validate(c, List.of(pki.dca), pki.root, Optional.of(from)).ok()).isTrue();
    }

    @Test
    void aNotBeforeInGeneralizedTimeIsLeftToBouncyCastle() {
        assertThat(DeviceCertificateTemplate.applies(Instant.parse("2049-12-31T23:59:59Z"))).isTrue();
        assertThat(DeviceCertificateTemplate.applies(Instant.parse("2050-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void aKeyThatIsNotP256IsRefusedWithTheRuleItBreaks() throws Exception {
        DeviceCertificateTemplate template = DeviceCertificateTemplate.of(pki.issuer, KeyUsageType.DS, pki.dca,
                pki.dcaKeys.getPrivate(), TestPki.DEVICE_POLICY);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Gbcs.BC);
        g.initialize(new ECGenParameterSpec("secp384r1"));
        PublicKey p384 = g.generateKeyPair().getPublic();
        assertThatThrownBy(() -> template.make(TestPki.METER, p384.getEncoded(), TestPki.NOW)).isInstanceOf(PkiException.class)
                .hasMessageContaining("the GBCS profile needs a NIST P-256 (secp256r1) EC key");
    }
}
