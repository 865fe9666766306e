package org.solrtoolkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Signature;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The provider choice (issue 15): signatures made by either provider verify with the other, a
 * changed byte fails with both, a bad forced choice is refused in one line. Runs in the default
 * test run (native where it loads) and again with {@code SOLR_TOOLKIT_CRYPTO=bc}.
 */
class CryptoTest {

    private static final byte[] BODY = "CS02b command body".getBytes(StandardCharsets.US_ASCII);

    @Test
    void whicheverProviderSignsTheOtherVerifiesAndAChangedByteFailsWithBoth() throws Exception {
        KeyPair keys = new CertificateIssuer(Clock.systemUTC()).newKeyPair(); // Bouncy Castle keys, as in keystores
        Provider chosen = Crypto.ecdsa();
        String forced = System.getenv(Crypto.ENV);
        if ("bc".equals(forced)) {
            assertThat(chosen).isSameAs(Gbcs.BC);
        }
        for (Provider signer : new Provider[] {chosen, Gbcs.BC}) {
            Signature s = Signature.getInstance("SHA256withECDSA", signer);
            s.initSign(signer == chosen ? Crypto.signingKey(keys.getPrivate()) : keys.getPrivate());
            s.update(BODY);
            byte[] sig = s.sign();
            for (Provider verifier : new Provider[] {chosen, Gbcs.BC}) {
                assertThat(verify(verifier, keys, BODY, sig)).as(signer.getName() + " -> " + verifier.getName()).isTrue();
                byte[] changed = BODY.clone();
                changed[3] ^= 1;
                assertThat(verify(verifier, keys, changed, sig)).isFalse();
            }
        }
        assertThat(Crypto.describe()).startsWith("ECDSA P-256 by " + chosen.getName())
                .contains("X.509, PKCS#12 by BC");
    }

    /**
     * A key pair of a given scalar with the public half the provider computed itself (ACCP) is d·G as
     * Bouncy Castle computes it, and its halves sign and verify together; Bouncy Castle offers none.
     */
    @Test
    void theProvidersOwnPublicHalfOfAScalarIsDTimesG() throws Exception {
        var p256 = org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("secp256r1");
        java.util.Random random = new java.util.Random(16);
        for (int i = 0; i < 20; i++) {
            java.math.BigInteger d = new java.math.BigInteger(256, random).mod(p256.getN().subtract(java.math.BigInteger.ONE))
                    .add(java.math.BigInteger.ONE);
            java.util.Optional<KeyPair> own = ProviderKeys.p256KeyPair(d);
            if (Crypto.ecdsa() == Gbcs.BC) {
                assertThat(own).isEmpty();
                continue;
            }
            if (System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64")) {
                assertThat(own).as("ACCP 2.5 gives its private keys' public half").isPresent();
            }
            if (own.isEmpty()) {
                continue;
            }
            org.bouncycastle.math.ec.ECPoint q = new org.bouncycastle.math.ec.FixedPointCombMultiplier()
                    .multiply(p256.getG(), d).normalize();
            java.security.spec.ECPoint w = ((java.security.interfaces.ECPublicKey) own.get().getPublic()).getW();
            assertThat(w.getAffineX()).isEqualTo(q.getAffineXCoord().toBigInteger());
            assertThat(w.getAffineY()).isEqualTo(q.getAffineYCoord().toBigInteger());
            assertThat(((java.security.interfaces.ECPrivateKey) own.get().getPrivate()).getS()).isEqualTo(d);
            Signature s = Signature.getInstance("SHA256withECDSA", Crypto.ecdsa());
            s.initSign(own.get().getPrivate());
            s.update(BODY);
            byte[] sig = s.sign();
            s.initVerify(own.get().getPublic());
            s.update(BODY);
            assertThat(s.verify(sig)).isTrue();
        }
    }

    @Test
    void aForcedProviderIsBcOrAccpAndAnythingElseIsRefused() {
        assertThat(Crypto.choose("bc")).isSameAs(Gbcs.BC);
        assertThatThrownBy(() -> Crypto.choose("openssl")).isInstanceOf(PkiException.class)
                .hasMessage("SOLR_TOOLKIT_CRYPTO='openssl' is not bc or accp; unset it to use the native provider"
                        + " where it loads");
        if (System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64")) {
            assertThat(Crypto.choose("accp").getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        }
    }

    @Test
    void aNativeProviderThatDoesNotLoadFallsBackToBouncyCastleWithOneLogLineOrIsRefusedWhenForced() {
        java.util.function.Supplier<Provider> broken = () -> {
            throw new UnsatisfiedLinkError("no amazonCorrettoCryptoProvider in java.library.path");
        };
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(Crypto.class);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> seen =
                new ch.qos.logback.core.read.ListAppender<>();
        seen.start();
        log.addAppender(seen);
        try {
            assertThat(Crypto.choose(null, broken)).isSameAs(Gbcs.BC);
            assertThat(seen.list).singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
                    .contains("the native crypto provider (ACCP) does not load").contains("ECDSA runs on Bouncy Castle"));
        } finally {
            log.detachAppender(seen);
        }
        assertThatThrownBy(() -> Crypto.choose("accp", broken)).isInstanceOf(PkiException.class)
                .hasMessage("SOLR_TOOLKIT_CRYPTO=accp, but the Amazon Corretto Crypto Provider does not load here"
                        + " (no amazonCorrettoCryptoProvider in java.library.path); unset it to use Bouncy Castle")
                .extracting(e -> ((PkiException) e).errorCode()).isEqualTo(PkiException.Code.CRYPTO_PROVIDER);
    }

    @Test
    void devicesKeysComeFromTheChosenProviderAndSignForEither() throws Exception {
        KeyPair keys = Crypto.newKeyPair();
        Signature s = Signature.getInstance("SHA256withECDSA", Crypto.ecdsa());
        s.initSign(keys.getPrivate());
        s.update(BODY);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance("SHA256withECDSA", Gbcs.BC);
        v.initVerify(java.security.KeyFactory.getInstance("EC", Gbcs.BC).generatePublic(
                new java.security.spec.X509EncodedKeySpec(keys.getPublic().getEncoded())));
        v.update(BODY);
        assertThat(v.verify(sig)).isTrue();
    }

    private static boolean verify(Provider p, KeyPair keys, byte[] body, byte[] sig) throws Exception {
        Signature v = Signature.getInstance("SHA256withECDSA", p);
        v.initVerify(p == Crypto.ecdsa() ? Crypto.verifyingKey(keys.getPublic()) : keys.getPublic());
        v.update(body);
        return v.verify(sig);
    }
}
