package org.solrtoolkit.pki;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that chooses who does the hot-path crypto (issue 15): ECDSA P-256 signing and
 * verification of commands, their checks and certificate chains go to the Amazon Corretto Crypto
 * Provider (a JCA provider over AWS-LC, as fast as openssl itself) where it loads, to Bouncy Castle
 * otherwise (another OS or architecture); so does the signing of certificates and the simulated
 * devices' own key generation. Bouncy Castle keeps everything else: ASN.1, X.509, PKCS#12, CRLs,
 * the keys written to PKCS#12 files. The outcome is the same whichever runs: both make
 * and check standard DER ECDSA signatures, and the crypto tests run under both
 * ({@code SOLR_TOOLKIT_CRYPTO=bc} is a second surefire execution).
 *
 * <p>{@code SOLR_TOOLKIT_CRYPTO} = {@code accp} or {@code bc} forces one; unset, ACCP is tried and a
 * failure to load is said once in the log (never on stdout) before Bouncy Castle takes over.
 */
public final class Crypto {

    private static final Logger LOG = LoggerFactory.getLogger(Crypto.class);
    /** The environment variable that forces a provider. */
    public static final String ENV = "SOLR_TOOLKIT_CRYPTO";

    private static volatile Provider ecdsa;
    private static final Map<Object, Object> KEYS = new ConcurrentHashMap<>();

    private Crypto() {
    }

    /** The provider for ECDSA P-256 signing and verification (loaded on first use). */
    public static Provider ecdsa() {
        Provider p = ecdsa;
        if (p == null) {
            synchronized (Crypto.class) {
                p = ecdsa;
                if (p == null) {
                    p = choose(System.getenv(ENV));
                    ecdsa = p;
                }
            }
        }
        return p;
    }

    private static final ThreadLocal<java.security.KeyPairGenerator> GENERATORS = ThreadLocal.withInitial(() -> {
        try {
            java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC", ecdsa());
            g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
            return g;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ecdsa().getName() + " makes no P-256 keys", e);
        }
    });

    /**
     * A fresh P-256 key pair by the ECDSA provider, for keys that only sign and verify here: a
     * simulated device's own key (its certificate carries the public half). Keys written to a
     * PKCS#12 file come from Bouncy Castle ({@code CertificateIssuer#newKeyPair}).
     */
    public static java.security.KeyPair newKeyPair() {
        return GENERATORS.get().generateKeyPair();
    }

    private static final ThreadLocal<java.security.SecureRandom> RANDOM = ThreadLocal.withInitial(() -> {
        try {
            return ecdsa() == Gbcs.BC ? java.security.SecureRandom.getInstance("DRBG")
                    : java.security.SecureRandom.getInstance("DEFAULT", ecdsa()); // AWS-LC's CTR-DRBG
        } catch (GeneralSecurityException e) {
            return new java.security.SecureRandom();
        }
    });

    /**
     * This thread's random generator for serial numbers and signatures: the native provider's DRBG,
     * or the JDK's DRBG (one per thread: the JDK's default NativePRNG serialises every thread on one
     * lock).
     */
    public static java.security.SecureRandom random() {
        return RANDOM.get();
    }

    private static final ThreadLocal<java.security.MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return ecdsa() == Gbcs.BC ? java.security.MessageDigest.getInstance("SHA-256")
                    : java.security.MessageDigest.getInstance("SHA-256", ecdsa());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    });

    /** The SHA-256 of {@code data} (natively where the native provider loads: fingerprints of many certificates). */
    public static byte[] sha256(byte[] data) {
        return SHA256.get().digest(data);
    }

    /** What runs the crypto, for {@code --version} and the benchmarks. */
    public static String describe() {
        Provider p = ecdsa();
        String native_ = p == Gbcs.BC ? "" : " (" + awsLc(p) + ")";
        return "ECDSA P-256 by " + p.getName() + " " + p.getVersionStr() + native_ + "; ASN.1, X.509, PKCS#12 by "
                + Gbcs.BC.getName() + " " + Gbcs.BC.getVersionStr();
    }

    /** {@code key} as the ECDSA provider's own key object, translated once per key (not per signature). */
    public static PrivateKey signingKey(PrivateKey key) {
        return (PrivateKey) translated(key);
    }

    /** {@code key} as the ECDSA provider's own key object, translated once per key (not per verification). */
    public static PublicKey verifyingKey(PublicKey key) {
        return (PublicKey) translated(key);
    }

    private static java.security.Key translated(java.security.Key key) {
        Provider p = ecdsa();
        if (p == Gbcs.BC || own(p, key)) {
            return key;
        }
        // by identity first: the campaign signs with one key object and verifies with one object per key
        // (TrustCache), and Bouncy Castle's hashCode and equals of keys are slow (a private key's hashCode
        // costs most of a millisecond, a public key's equals normalises points); then a public key by
        // value, as a meter's key parsed anew is the same key
        ByIdentity id = new ByIdentity(key);
        Object known = KEYS.get(id);
        if (known == null && key instanceof PublicKey) {
            known = KEYS.get(key);
        }
        if (known != null) {
            return (java.security.Key) known;
        }
        java.security.Key made = translate(p, key);
        if (KEYS.size() < MAX_KEYS) { // a few keys sign and verify a campaign; bound the cache anyway
            KEYS.putIfAbsent(id, made);
            if (key instanceof PublicKey) {
                KEYS.putIfAbsent(key, made);
            }
        }
        return made;
    }


    private static final int MAX_KEYS = 10_000;

    /**
     * The provider's own key for a P-256 key: its scalar or point on the provider's own named curve.
     * Not {@code translateKey} (ACCP marks a translated key as ephemeral and destroys it when a
     * {@link java.security.Signature} is initialised again, which breaks a key shared by threads), and
     * not the key's encoding (Bouncy Castle may write the curve's parameters out in full, and AWS-LC
     * then works on a generic curve: twenty times slower than on its P-256).
     */
    private static java.security.Key translate(Provider p, java.security.Key key) {
        try {
            KeyFactory f = KeyFactory.getInstance("EC", p);
            java.security.spec.ECParameterSpec p256 = p256(p);
            if (key instanceof java.security.interfaces.ECPrivateKey k && onP256(k.getParams(), p256)) {
                return f.generatePrivate(new java.security.spec.ECPrivateKeySpec(k.getS(), p256));
            }
            if (key instanceof java.security.interfaces.ECPublicKey k && onP256(k.getParams(), p256)) {
                return f.generatePublic(new java.security.spec.ECPublicKeySpec(k.getW(), p256));
            }
            return key; // not P-256: the provider takes a foreign key as it is
        } catch (GeneralSecurityException | RuntimeException e) {
            return key;
        }
    }

    /** Whether {@code key} is already the provider's own key object (its classes live beside the provider's). */
    private static boolean own(Provider p, java.security.Key key) {
        return key.getClass().getPackageName().equals(p.getClass().getPackageName())
                && key.getClass().getClassLoader() == p.getClass().getClassLoader();
    }

    private static volatile java.security.spec.ECParameterSpec jdkP256;

    /** P-256 as the JDK names it (ACCP has no EC AlgorithmParameters of its own and matches these). */
    static java.security.spec.ECParameterSpec p256(Provider p) throws GeneralSecurityException {
        java.security.spec.ECParameterSpec known = jdkP256;
        if (known == null) {
            java.security.AlgorithmParameters a = java.security.AlgorithmParameters.getInstance("EC");
            a.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
            known = a.getParameterSpec(java.security.spec.ECParameterSpec.class);
            jdkP256 = known;
        }
        return known;
    }

    /**
     * AES-GCM (GBCS MACs, domain.md section 6) on the native provider where it loads: the JDK's own
     * costs more per message than the ECDH that keys it. The JDK's where Bouncy Castle is forced.
     */
    public static javax.crypto.Cipher aesGcm() throws GeneralSecurityException {
        Provider p = ecdsa();
        return p == Gbcs.BC ? javax.crypto.Cipher.getInstance("AES/GCM/NoPadding")
                : javax.crypto.Cipher.getInstance("AES/GCM/NoPadding", p);
    }

    private static boolean onP256(java.security.spec.ECParameterSpec params, java.security.spec.ECParameterSpec p256) {
        return params != null && params.getOrder().equals(p256.getOrder())
                && params.getGenerator().equals(p256.getGenerator());
    }

    static Provider choose(String forced) {
        return choose(forced, Crypto::loadAccp);
    }

    /** As above, with the native provider's loader given (a test stands in a loader that fails). */
    static Provider choose(String forced, java.util.function.Supplier<Provider> accp) {
        String want = forced == null ? "" : forced.trim().toLowerCase(Locale.ROOT);
        switch (want) {
            case "bc":
                return Gbcs.BC;
            case "", "auto", "accp":
                break;
            default:
                throw new PkiException(PkiException.Code.BAD_OPTION, ENV + "='" + forced + "' is not bc or accp;"
                        + " unset it to use the native provider where it loads");
        }
        try {
            return accp.get();
        } catch (RuntimeException | LinkageError e) {
            if (want.equals("accp")) {
                throw new PkiException(PkiException.Code.CRYPTO_PROVIDER, ENV + "=accp, but the Amazon Corretto"
                        + " Crypto Provider does not load here (" + e.getMessage() + "); unset it to use Bouncy Castle");
            }
            LOG.warn("the native crypto provider (ACCP) does not load on {} {}: {}; ECDSA runs on Bouncy Castle",
                    System.getProperty("os.name"), System.getProperty("os.arch"), e.toString());
            return Gbcs.BC;
        }
    }

    private static Provider loadAccp() {
        com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider p =
                com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider.INSTANCE;
        if (p.getLoadingError() != null) {
            throw new IllegalStateException(String.valueOf(p.getLoadingError().getMessage()), p.getLoadingError());
        }
        p.assertHealthy();
        return p;
    }

    private static String awsLc(Provider p) {
        return p instanceof com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider a
                ? a.getAwsLcVersionStr() : "native";
    }
}
