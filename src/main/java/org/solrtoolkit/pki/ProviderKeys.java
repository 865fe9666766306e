package org.solrtoolkit.pki;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * P-256 key pairs of given scalars as the ECDSA provider's own key objects ({@link Crypto#ecdsa()}):
 * the simulated meters' keys, derived per meter and then used by the provider for its ECDH and
 * signatures with no translation per use.
 */
public final class ProviderKeys {

    private ProviderKeys() {
    }

    /**
     * The P-256 key pair of scalar {@code d} as the ECDSA provider's own keys, its public half the
     * one the provider computed itself on importing the private key, where it exposes it: ACCP's
     * AWS-LC computes d·G (on its precomputed tables) when it imports an EC private key, and ACCP's
     * private keys give that point through their public interface {@code EvpKey.CanDerivePublicKey}
     * (not in ACCP's documentation, so it is looked up reflectively and its absence is no error).
     * Empty where the provider does not: the caller computes d·G itself ({@link #p256KeyPair(
     * java.math.BigInteger, java.security.spec.ECPoint)}). {@code CryptoTest} checks the point
     * against Bouncy Castle's d·G.
     */
    public static java.util.Optional<java.security.KeyPair> p256KeyPair(java.math.BigInteger d) {
        Provider p = Crypto.ecdsa();
        java.lang.reflect.Method derive = derivePublic(p);
        if (derive == null) {
            return java.util.Optional.empty();
        }
        try {
            PrivateKey k = KeyFactory.getInstance("EC", p).generatePrivate(new java.security.spec.ECPrivateKeySpec(d,
                    Crypto.p256(p)));
            return derive.getDeclaringClass().isInstance(k) && derive.invoke(k) instanceof PublicKey q
                    ? java.util.Optional.of(new java.security.KeyPair(q, k)) : java.util.Optional.empty();
        } catch (GeneralSecurityException | ReflectiveOperationException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /** Per provider: its private keys' method giving their public half, or null (looked up once). */
    private static final Map<Provider, java.util.Optional<java.lang.reflect.Method>> DERIVE_PUBLIC =
            new ConcurrentHashMap<>();

    private static java.lang.reflect.Method derivePublic(Provider p) {
        return DERIVE_PUBLIC.computeIfAbsent(p, provider -> {
            if (provider == Gbcs.BC) {
                return java.util.Optional.empty();
            }
            try {
                return java.util.Optional.of(Class.forName(provider.getClass().getPackageName()
                        + ".EvpKey$CanDerivePublicKey", false, provider.getClass().getClassLoader())
                        .getMethod("getPublicKey"));
            } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                return java.util.Optional.empty();
            }
        }).orElse(null);
    }

    /**
     * The P-256 key pair of scalar {@code d} and point {@code w} (= d·G, computed by the caller) as
     * the ECDSA provider's own keys, made once: a simulated meter's keys, derived per meter and used
     * by the provider for its ECDH and signatures (no translation per use).
     */
    public static java.security.KeyPair p256KeyPair(java.math.BigInteger d, java.security.spec.ECPoint w) {
        try {
            KeyFactory f = KeyFactory.getInstance("EC", Crypto.ecdsa());
            java.security.spec.ECParameterSpec p256 = Crypto.p256(Crypto.ecdsa());
            return new java.security.KeyPair(f.generatePublic(new java.security.spec.ECPublicKeySpec(w, p256)),
                    f.generatePrivate(new java.security.spec.ECPrivateKeySpec(d, p256)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(Crypto.ecdsa().getName() + " takes no P-256 keys", e);
        }
    }
}
