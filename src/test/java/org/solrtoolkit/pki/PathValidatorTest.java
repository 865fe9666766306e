package org.solrtoolkit.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

class PathValidatorTest {

    private final TestPki pki = new TestPki();
    private final PathValidator validator = new PathValidator();

    @Test
    void organisationCertificateChainsThroughTheIssuingOcaToTheRoot() {
        X509CertificateHolder leaf = pki.supplierDs();
        PathValidator.Result r = validator.validate(leaf, List.of(pki.dca, pki.oca), pki.root, Optional.of(TestPki.NOW));
        assertThat(r.failure()).isEmpty();
        assertThat(r.chain()).containsExactly(leaf, pki.oca, pki.root);
    }

    @Test
    void certificateFromAnUnknownCaIsRefusedNamingTheIssuer() {
        TestPki other = new TestPki();
        PathValidator.Result r = validator.validate(other.supplierDs(), List.of(pki.oca), pki.root,
                Optional.of(TestPki.NOW));
        assertThat(r.failure().orElseThrow().check()).isEqualTo(PathValidator.Check.UNKNOWN_ISSUER);
        assertThat(r.failure().orElseThrow().detail()).startsWith("unknown issuer: Acme Energy 02 DS"
                + " 00-DB-A0-00-00-00-00-01").contains("was issued by 'OU=07,CN=Test Issuing OCA' (AKI ");
    }

    @Test
    void issuingCaOfAnotherRootFailsAtTheSignatureLink() {
        TestPki other = new TestPki();
        // same names, different keys: the AKI check catches it before the signature
        PathValidator.Result r = validator.validate(other.oca, List.of(), pki.root, Optional.of(TestPki.NOW));
        assertThat(r.failure().orElseThrow().check()).isEqualTo(PathValidator.Check.UNKNOWN_ISSUER);
    }

    @Test
    void tamperedSignatureIsNamed() throws Exception {
        TestPki.Spec s = pki.spec();
        s.signer = pki.dcaKeys.getPrivate(); // claims the OCA issued it, but the DCA signed
        PathValidator.Result r = validator.validate(s.build(), List.of(pki.oca), pki.root, Optional.of(TestPki.NOW));
        assertThat(r.failure().orElseThrow().check()).isEqualTo(PathValidator.Check.SIGNATURE);
        assertThat(r.failure().orElseThrow().detail()).startsWith("link 2 (OU=07,CN=Test Issuing OCA -> Acme Energy 02"
                + " DS 00-DB-A0-00-00-00-00-01):");
    }

    @Test
    void expiryIsCheckedAtTheReferenceTimeUnlessDisapplied() throws Exception {
        TestPki.Spec s = pki.spec();
        s.notAfter = TestPki.NOW.plusSeconds(3600);
        X509CertificateHolder shortLived = s.build();
        Instant later = TestPki.NOW.plusSeconds(7200);
        PathValidator.Failure f = validator.validate(shortLived, List.of(pki.oca), pki.root, Optional.of(later))
                .failure().orElseThrow();
        assertThat(f.check()).isEqualTo(PathValidator.Check.VALIDITY);
        assertThat(f.detail()).contains("is not valid at 2026-11-20T11:00:00Z");
        assertThat(validator.validate(shortLived, List.of(pki.oca), pki.root, Optional.empty()).ok()).isTrue();
    }

    @Test
    void anEndEntityCannotIssue() throws Exception {
        X509CertificateHolder notACa = pki.supplierDs();
        TestPki.Spec s = pki.spec();
        s.issuerName = notACa.getSubject();
        s.issuerKeyId = Gbcs.keyIdentifier(notACa.getSubjectPublicKeyInfo());
        PathValidator.Result r = validator.validate(s.build(), List.of(notACa, pki.oca), pki.root, Optional.empty());
        assertThat(r.failure().orElseThrow().check()).isEqualTo(PathValidator.Check.ISSUER_IS_CA);
    }
}
