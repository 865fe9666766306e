package org.solrtoolkit.pki;

import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

class CertificateInspectorTest {

    private final TestPki pki = new TestPki();
    private final CertificateInspector inspector = new CertificateInspector();

    @Test
    void organisationCertificateSaysRoleUsageAndEui() {
        CertificateInfo i = inspector.inspect(pki.supplierDs());
        assertThat(i.kind()).isEqualTo(CertificateKind.ORGANISATION);
        assertThat(i.role()).contains(RemotePartyRole.SUPPLIER);
        assertThat(i.keyUsage()).contains(KeyUsageType.DS);
        assertThat(i.eui()).contains(TestPki.ACME);
        assertThat(i.policies()).containsExactly(TestPki.ORG_POLICY.getId());
        assertThat(i.publicKey()).isEqualTo("EC P-256 uncompressed");
        assertThat(i.signatureAlgorithm()).isEqualTo("ecdsa-with-SHA256");
        assertThat(i.serial()).hasSize(32);
        assertThat(i.ski()).hasSize(16).startsWith("4");
        assertThat(i.aki()).isEqualTo(inspector.inspect(pki.oca).ski());
        assertThat(i.sha256()).hasSize(64);
    }

    @Test
    void deviceCertificateTakesItsEuiFromTheSan() {
        CertificateInfo i = inspector.inspect(pki.deviceKa());
        assertThat(i.kind()).isEqualTo(CertificateKind.DEVICE);
        assertThat(i.eui()).contains(TestPki.METER);
        assertThat(i.keyUsage()).contains(KeyUsageType.KA);
        assertThat(i.notAfter()).isEqualTo(Gbcs.DEVICE_NOT_AFTER);
        assertThat(i.subject()).isEmpty();
    }

    @Test
    void rootAndIssuingCasAreToldApartByContent() {
        assertThat(inspector.inspect(pki.root).kind()).isEqualTo(CertificateKind.ROOT);
        assertThat(inspector.inspect(pki.oca).kind()).isEqualTo(CertificateKind.ISSUING_CA);
        assertThat(inspector.inspect(pki.root).role()).contains(RemotePartyRole.ROOT);
        assertThat(inspector.inspect(pki.dca).role()).contains(RemotePartyRole.ISSUING_AUTHORITY);
    }

    @Test
    void rdnOrderDoesNotMatter() throws Exception {
        TestPki.Spec s = pki.spec();
        s.subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(Gbcs.UNIQUE_IDENTIFIER, new DERBitString(TestPki.ACME.toBytes()))
                .addRDN(BCStyle.OU, new DERUTF8String("05"))
                .addRDN(BCStyle.CN, new DERUTF8String("02 Supplier, OU=02"))
                .build();
        X509CertificateHolder c = s.build();
        CertificateInfo i = inspector.inspect(c);
        assertThat(i.kind()).isEqualTo(CertificateKind.ORGANISATION);
        assertThat(i.role()).contains(RemotePartyRole.TRANSITIONAL_COS);
        assertThat(i.eui()).contains(TestPki.ACME);
        assertThat(new ProfileLinter().lint("x", 0, c)).isEmpty();
    }

    @Test
    void issuerRefusesKeysThatAreNotP256() throws Exception {
        for (String curve : new String[] {"RSA", "secp384r1"}) {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance(
                    curve.equals("RSA") ? "RSA" : "EC", Gbcs.BC);
            if (curve.equals("RSA")) {
                g.initialize(2048);
            } else {
                g.initialize(new java.security.spec.ECGenParameterSpec(curve));
            }
            java.security.PublicKey key = g.generateKeyPair().getPublic();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> pki.issuer.device(TestPki.METER, KeyUsageType.DS,
                            key, pki.dca, pki.dcaKeys.getPrivate(), TestPki.DEVICE_POLICY))
                    .isInstanceOf(PkiException.class)
                    .hasMessageEndingWith(": the GBCS profile needs a NIST P-256 (secp256r1) EC key")
                    .extracting(e -> ((PkiException) e).errorCode()).isEqualTo(PkiException.Code.BAD_KEY);
        }
    }

    @Test
    void testToolRoleIsReportedAsNotAGbcsRole() throws Exception {
        TestPki.Spec s = pki.spec();
        s.subject = TestPki.org("87", TestPki.ACME.toBytes());
        CertificateInfo i = inspector.inspect(s.build());
        assertThat(i.roleCode()).contains("87");
        assertThat(i.role()).isEmpty();
        assertThat(i.kind()).isEqualTo(CertificateKind.XML_SIGNING); // a DUIS XML-signing certificate, no cell's
    }
}
