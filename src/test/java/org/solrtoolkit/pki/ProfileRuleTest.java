package org.solrtoolkit.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every profile rule has a passing fixture (what pki init makes) and a failing one that breaks only it. */
class ProfileRuleTest {

    private static TestPki pki;
    private final ProfileLinter linter = new ProfileLinter();

    @BeforeAll
    static void smki() {
        pki = new TestPki();
    }

    private List<LintFinding> lint(X509CertificateHolder c) {
        return linter.lint("t.pem", 0, c);
    }

    @Test
    void everythingTheIssuerMakesPassesEveryRule() {
        for (X509CertificateHolder c : List.of(pki.root, pki.oca, pki.dca, pki.supplierDs(), pki.deviceKa())) {
            assertThat(lint(c)).as(c.getSubject().toString()).isEmpty();
        }
    }

    static Stream<Arguments> failing() {
        Map<String, Callable<X509CertificateHolder>> bad = new java.util.LinkedHashMap<>();
        bad.put("GBCS-VERSION", () -> {
            TestPki.Spec s = pki.spec();
            s.v1 = true;
            return s.build();
        });
        bad.put("GBCS-SIG-ALG", () -> {
            TestPki.Spec s = pki.spec();
            s.algorithm = "SHA384withECDSA";
            return s.build();
        });
        bad.put("GBCS-KEY-CURVE", () -> pki.spec().key("secp384r1").build());
        bad.put("GBCS-KEY-POINT", () -> pki.spec().compressedKey().build());
        bad.put("GBCS-SERIAL", () -> {
            TestPki.Spec s = pki.spec();
            s.serial = BigInteger.valueOf(0x1234_5678L);
            return s.build();
        });
        bad.put("GBCS-KU-CRITICAL", () -> {
            TestPki.Spec s = pki.spec();
            s.keyUsageCritical = false;
            return s.build();
        });
        bad.put("GBCS-KU-SINGLE", () -> {
            TestPki.Spec s = pki.spec();
            s.keyUsage = KeyUsage.digitalSignature | KeyUsage.keyAgreement;
            return s.build();
        });
        bad.put("GBCS-KU-CA", () -> {
            TestPki.Spec s = pki.spec().issuingCa("07");
            s.keyUsage = KeyUsage.keyCertSign;
            return s.build();
        });
        bad.put("GBCS-CA-BASIC", () -> {
            TestPki.Spec s = pki.spec().issuingCa("07");
            s.basicConstraints = new BasicConstraints(true);
            return s.build();
        });
        bad.put("GBCS-CA-OU", () -> pki.spec().issuingCa("05").build());
        bad.put("GBCS-POLICY", () -> {
            TestPki.Spec s = pki.spec();
            s.policiesCritical = false;
            return s.build();
        });
        bad.put("GBCS-DEVICE-POLICY", () -> {
            TestPki.Spec s = pki.spec().device();
            s.policies.add(TestPki.ORG_POLICY);
            return s.build();
        });
        bad.put("GBCS-SKI", () -> {
            TestPki.Spec s = pki.spec();
            s.ski = new byte[20];
            return s.build();
        });
        bad.put("GBCS-SKI-METHOD", () -> {
            TestPki.Spec s = pki.spec();
            s.ski = new byte[] {0x40, 1, 2, 3, 4, 5, 6, 7};
            return s.build();
        });
        bad.put("GBCS-AKI", () -> {
            TestPki.Spec s = pki.spec();
            s.omitAki = true;
            return s.build();
        });
        bad.put("GBCS-ORG-OU", () -> {
            TestPki.Spec s = pki.spec();
            s.subject = TestPki.org("138", TestPki.ACME.toBytes());
            return s.build();
        });
        bad.put("GBCS-ORG-ROLE", () -> {
            TestPki.Spec s = pki.spec();
            s.subject = TestPki.org("9A", TestPki.ACME.toBytes());
            return s.build();
        });
        bad.put("GBCS-XML-DS", () -> { // an XML-signing certificate (OU 87) made for key agreement
            TestPki.Spec s = pki.spec();
            s.subject = TestPki.org("87", TestPki.ACME.toBytes());
            s.keyUsage = org.bouncycastle.asn1.x509.KeyUsage.keyAgreement;
            return s.build();
        });
        bad.put("GBCS-ORG-UID", () -> {
            TestPki.Spec s = pki.spec();
            s.subject = TestPki.org("02", new byte[] {0, (byte) 0xDB, 1, 2, 3, 4, 5});
            return s.build();
        });
        bad.put("GBCS-ORG-NO-SAN", () -> {
            TestPki.Spec s = pki.spec();
            s.san = new GeneralNames(new GeneralName(GeneralName.dNSName, "acme.example"));
            s.sanCritical = false;
            return s.build();
        });
        bad.put("GBCS-ORG-VALIDITY", () -> {
            TestPki.Spec s = pki.spec();
            s.notAfter = TestPki.NOW.plus(Duration.ofDays(365 * 5));
            return s.build();
        });
        bad.put("GBCS-DEVICE-SUBJECT", () -> {
            TestPki.Spec s = pki.spec().device();
            s.subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "meter").build();
            return s.build();
        });
        bad.put("GBCS-DEVICE-SAN", () -> {
            TestPki.Spec s = pki.spec().device();
            s.sanCritical = false;
            return s.build();
        });
        bad.put("GBCS-DEVICE-NOTAFTER", () -> {
            TestPki.Spec s = pki.spec().device();
            s.notAfter = TestPki.NOW.plus(Duration.ofDays(3650));
            return s.build();
        });
        bad.put("GBCS-KIND", () -> {
            TestPki.Spec s = pki.spec();
            s.subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, "who am I").build();
            return s.build();
        });
        return bad.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failing")
    void eachRuleFailsItsFixtureAndOnlyThatRule(String code, Callable<X509CertificateHolder> fixture) throws Exception {
        List<LintFinding> findings = lint(fixture.call());
        if (code.equals("GBCS-VERSION")) { // a v1 certificate cannot carry the extensions the other rules need
            assertThat(findings).extracting(LintFinding::code).startsWith(code);
            return;
        }
        assertThat(findings).extracting(LintFinding::code).as(findings.toString()).containsExactly(code);
    }

    @Test
    void everyRuleHasAFailingFixture() {
        Set<String> covered = failing().map(a -> (String) a.get()[0]).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(ProfileRule.values()).map(ProfileRule::code).toList());
    }

    @Test
    void rsaKeyFailsTheCurveRule() throws Exception {
        assertThat(lint(pki.spec().key("RSA").build())).extracting(LintFinding::code).contains("GBCS-KEY-CURVE");
    }

    @Test
    void validityWarningIsNotAnError() throws Exception {
        TestPki.Spec s = pki.spec();
        s.notAfter = TestPki.NOW.plus(Duration.ofDays(30));
        assertThat(lint(s.build())).singleElement().satisfies(f -> assertThat(f.isError()).isFalse());
    }

    @Test
    void ouThatIsNotUtf8IsReported() throws Exception {
        TestPki.Spec s = pki.spec();
        s.subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.OU, new DERPrintableString("02"))
                .addRDN(Gbcs.UNIQUE_IDENTIFIER, new DERBitString(TestPki.ACME.toBytes())).build();
        assertThat(lint(s.build())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo("GBCS-ORG-OU");
            assertThat(f.message()).isEqualTo("subject OU '02' is not a UTF8String");
        });
    }

    @Test
    void messagesNameTheProblem() throws Exception {
        TestPki.Spec s = pki.spec();
        s.subject = TestPki.org("9A", TestPki.ACME.toBytes());
        assertThat(lint(s.build())).singleElement().satisfies(f -> {
            assertThat(f.section()).startsWith("GBCS 12.2");
            assertThat(f.message()).isEqualTo("subject OU '9A' is not a GBCS Remote Party Role (00-08, 7F): such a"
                    + " certificate must never be placed in a trust anchor cell");
        });
        assertThat(lint(s.build()).get(0).toString()).startsWith("t.pem: ERROR GBCS-ORG-ROLE (");
    }
}
