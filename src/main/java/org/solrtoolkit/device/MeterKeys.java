package org.solrtoolkit.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.PBEParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPrivateKeySpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.solrtoolkit.pki.Crypto;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.Gbcs;
import org.solrtoolkit.pki.ProviderKeys;

/**
 * The simulated meters' own key pairs (domain.md section 3: a device holds DS and KA key pairs).
 * A real meter makes its keys inside its hardware; a million simulated meters cannot each keep a
 * keystore entry, so each key is derived from one 256-bit fleet secret and the meter's EUI-64
 * (HMAC-SHA256 into a P-256 scalar in [1, n-1]). The secret is the only stored key material, kept
 * like every private key of the toolkit in a password-protected PKCS#12 (AES-256 under
 * PBKDF2-HMAC-SHA256, alias {@value #ALIAS}, readable with {@code keytool -list}).
 */
public final class MeterKeys {

    /** The keystore alias of the fleet secret. */
    public static final String ALIAS = "fleet-secret";
    private static final String PBE = "PBEWithHmacSHA256AndAES_256";
    private static final ECNamedCurveParameterSpec P256 = ECNamedCurveTable.getParameterSpec("secp256r1");

    /** The meter's key usages. */
    public enum Usage { DS, KA }

    private final byte[] secret;

    /** The generator's table, made on the first key derived. */
    private static final class Table {
        static final GeneratorTable G = new GeneratorTable(P256.getG());
    }

    /** HMAC-SHA256 keyed with the secret, one per thread: made and keyed once, not per key derived. */
    private final ThreadLocal<Mac> hmac;

    private MeterKeys(byte[] secret) {
        this.secret = secret.clone();
        this.hmac = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(this.secret, "HmacSHA256"));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is always present", e);
            }
        });
    }

    /** Keys derived from {@code secret} (32 bytes), for tests and benchmarks. */
    public static MeterKeys of(byte[] secret) {
        if (secret.length != 32) {
            throw new IllegalArgumentException("the fleet secret is 32 bytes");
        }
        return new MeterKeys(secret);
    }

    /**
     * The fleet secret in {@code keystore}, made (from a strong random source) and written there
     * first if the file does not exist.
     *
     * @throws DeviceException BAD_KEY for a wrong password or a keystore without the secret
     */
    public static MeterKeys openOrCreate(Path keystore, char[] password) {
        try {
            if (!Files.exists(keystore)) {
                byte[] fresh = new byte[32];
                SecureRandom.getInstanceStrong().nextBytes(fresh);
                write(keystore, password, fresh);
                return new MeterKeys(fresh);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                ks.load(in, password);
            }
            if (!(ks.getKey(ALIAS, password) instanceof SecretKey k)) {
                throw new DeviceException(DeviceException.Code.BAD_KEY, "keystore " + keystore + " holds no " + ALIAS);
            }
            return new MeterKeys(k.getEncoded());
        } catch (UnrecoverableKeyException e) {
            throw wrongPassword(keystore);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw wrongPassword(keystore);
            }
            throw new DeviceException(DeviceException.Code.IO, "keystore " + keystore + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new DeviceException(DeviceException.Code.BAD_KEY, "keystore " + keystore + ": " + e.getMessage(), e);
        }
    }

    private static DeviceException wrongPassword(Path keystore) {
        return new DeviceException(DeviceException.Code.BAD_KEY, "keystore " + keystore + ": wrong password"
                + " (set SOLR_TOOLKIT_KEYSTORE_PASSWORD or {password-file} to the SMKI's keystore password)");
    }

    private static void write(Path keystore, char[] password, byte[] secret) throws IOException,
            GeneralSecurityException {
        Files.createDirectories(keystore.toAbsolutePath().getParent());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        ks.setEntry(ALIAS, new KeyStore.SecretKeyEntry(new SecretKeySpec(secret, "HmacSHA256")),
                new KeyStore.PasswordProtection(password, PBE, new PBEParameterSpec(salt, 10_000)));
        Path tmp = Files.createTempFile(keystore.toAbsolutePath().getParent(), ".fleet", ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        Files.move(tmp, keystore, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The meter's key pair for {@code usage}: the same EUI always gives the same pair. */
    public KeyPair keyPair(Eui64 meter, Usage usage) {
        try {
            Mac mac = hmac.get();
            mac.reset(); // as new, whatever a use before left
            mac.update(("solr-toolkit meter " + usage.name() + " key").getBytes(StandardCharsets.US_ASCII));
            mac.update(ByteBuffer.allocate(8).putLong(meter.value()).array());
            BigInteger n = P256.getN();
            BigInteger d = new BigInteger(1, mac.doFinal()).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
            if (Crypto.ecdsa() != Gbcs.BC) { // the provider's own keys: its ECDH and signatures take them as they are
                java.util.Optional<KeyPair> own = ProviderKeys.p256KeyPair(d); // d·G as the provider computed it
                if (own.isPresent()) {
                    return own.get();
                }
                org.bouncycastle.math.ec.ECPoint q = Table.G.multiply(d);
                return ProviderKeys.p256KeyPair(d, new java.security.spec.ECPoint(q.getAffineXCoord().toBigInteger(),
                        q.getAffineYCoord().toBigInteger()));
            }
            org.bouncycastle.math.ec.ECPoint q = Table.G.multiply(d);
            KeyFactory kf = KeyFactory.getInstance("EC", Gbcs.BC);
            return new KeyPair(kf.generatePublic(new ECPublicKeySpec(q, P256)), kf.generatePrivate(new ECPrivateKeySpec(d,
                    P256)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 and Bouncy Castle EC are always present", e);
        }
    }
}
