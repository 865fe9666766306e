package org.solrtoolkit.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.spec.PBEParameterSpec;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Password-protected PKCS#12 keystores, the only place private keys are kept: keys and
 * certificates encrypted with AES-256-CBC under PBKDF2-HMAC-SHA256, integrity by HMAC-SHA256, so
 * that {@code openssl pkcs12} and {@code keytool} open them. Written to a temporary file and moved
 * into place, so a crash never leaves half a keystore.
 */
public final class Keystores {

    private static final String PBE = "PBEWithHmacSHA256AndAES_256";
    private static final int ITERATIONS = 10_000;

    static {
        // what the JDK's PKCS12 writer uses for the certificate bag and the MAC (JDK 17 properties)
        java.security.Security.setProperty("keystore.pkcs12.certProtectionAlgorithm", PBE);
        java.security.Security.setProperty("keystore.pkcs12.keyProtectionAlgorithm", PBE);
        java.security.Security.setProperty("keystore.pkcs12.macAlgorithm", "HmacPBESHA256");
        java.security.Security.setProperty("keystore.pkcs12.certPbeIterationCount", String.valueOf(ITERATIONS));
        java.security.Security.setProperty("keystore.pkcs12.keyPbeIterationCount", String.valueOf(ITERATIONS));
        java.security.Security.setProperty("keystore.pkcs12.macIterationCount", String.valueOf(ITERATIONS));
    }

    /** A private key and its certificate chain (the key's own certificate first). */
    public record Entry(PrivateKey key, List<X509CertificateHolder> chain) {
        @Override
        public String toString() {
            return "key for " + (chain.isEmpty() ? "?" : chain.get(0).getSubject());
        }
    }

    private Keystores() {
    }

    /** Writes {@code entries} (alias to key and chain) to a new PKCS#12 file at {@code file}. */
    public static void write(Path file, char[] password, Map<String, Entry> entries) {
        write(file, password, entries, Map.of());
    }

    /**
     * Writes {@code entries} and the symmetric keys {@code secrets} (alias to key, PKCS#12 secret
     * bags, as {@code keytool -list} shows them) to a new PKCS#12 file at {@code file}.
     */
    public static void write(Path file, char[] password, Map<String, Entry> entries,
            Map<String, javax.crypto.SecretKey> secrets) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            byte[] salt = new byte[16];
            SecureRandom random = new SecureRandom();
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                random.nextBytes(salt);
                List<Certificate> chain = new ArrayList<>();
                for (X509CertificateHolder h : e.getValue().chain()) {
                    chain.add(toX509(h));
                }
                ks.setEntry(e.getKey(), new KeyStore.PrivateKeyEntry(e.getValue().key(), chain.toArray(Certificate[]::new)),
                        new KeyStore.PasswordProtection(password, PBE, new PBEParameterSpec(salt.clone(), ITERATIONS)));
            }
            for (Map.Entry<String, javax.crypto.SecretKey> e : secrets.entrySet()) {
                random.nextBytes(salt);
                ks.setEntry(e.getKey(), new KeyStore.SecretKeyEntry(e.getValue()),
                        new KeyStore.PasswordProtection(password, PBE, new PBEParameterSpec(salt.clone(), ITERATIONS)));
            }
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".keystore", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | GeneralSecurityException e) {
            throw new PkiException(PkiException.Code.KEYSTORE_IO, "keystore " + file + " cannot be written: "
                    + e.getMessage(), e);
        }
    }

    /** The aliases in a keystore, in order. */
    public static List<String> aliases(Path file, char[] password) {
        try {
            return Collections.list(load(file, password).aliases());
        } catch (GeneralSecurityException e) {
            throw new PkiException(PkiException.Code.KEYSTORE_IO, "keystore " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The key and chain under {@code alias}.
     *
     * @throws PkiException KEYSTORE_PASSWORD if the password is wrong, KEYSTORE_ALIAS if there is no
     *     such key (naming the aliases there are)
     */
    public static Entry read(Path file, char[] password, String alias) {
        KeyStore ks = load(file, password);
        try {
            if (!ks.isKeyEntry(alias) || isSecret(ks, file, alias)) {
                throw new PkiException(PkiException.Code.KEYSTORE_ALIAS, "keystore " + file + " has no key '" + alias
                        + "' (it has: " + String.join(", ", Collections.list(ks.aliases())) + ")");
            }
            // as a Bouncy Castle key: Bouncy Castle then keeps its precomputed multiples for every signature
            // with it instead of converting the JDK's key (and recomputing them) on each one
            PrivateKey key = (PrivateKey) java.security.KeyFactory.getInstance("EC", Gbcs.BC).generatePrivate(
                    new java.security.spec.PKCS8EncodedKeySpec(ks.getKey(alias, password).getEncoded()));
            List<X509CertificateHolder> chain = new ArrayList<>();
            for (Certificate c : ks.getCertificateChain(alias)) {
                chain.add(new X509CertificateHolder(c.getEncoded()));
            }
            return new Entry(key, chain);
        } catch (UnrecoverableKeyException e) {
            throw wrongPassword(file);
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException(PkiException.Code.KEYSTORE_IO, "keystore " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every private key entry, by alias. */
    public static Map<String, Entry> readAll(Path file, char[] password) {
        Map<String, Entry> all = new LinkedHashMap<>();
        KeyStore ks = load(file, password);
        for (String alias : aliases(file, password)) {
            if (!isSecret(ks, file, alias)) {
                all.put(alias, read(file, password, alias));
            }
        }
        return all;
    }

    /** Every symmetric key entry, by alias. */
    public static Map<String, javax.crypto.SecretKey> readSecrets(Path file, char[] password) {
        Map<String, javax.crypto.SecretKey> all = new LinkedHashMap<>();
        KeyStore ks = load(file, password);
        for (String alias : aliases(file, password)) {
            if (isSecret(ks, file, alias)) {
                all.put(alias, readSecret(file, password, alias));
            }
        }
        return all;
    }

    /**
     * The symmetric key under {@code alias}.
     *
     * @throws PkiException KEYSTORE_PASSWORD if the password is wrong, KEYSTORE_ALIAS if there is no such key
     */
    public static javax.crypto.SecretKey readSecret(Path file, char[] password, String alias) {
        KeyStore ks = load(file, password);
        try {
            if (!isSecret(ks, file, alias)) {
                throw new PkiException(PkiException.Code.KEYSTORE_ALIAS, "keystore " + file + " has no symmetric key '"
                        + alias + "' (it has: " + String.join(", ", Collections.list(ks.aliases())) + ")");
            }
            return (javax.crypto.SecretKey) ks.getKey(alias, password);
        } catch (UnrecoverableKeyException e) {
            throw wrongPassword(file);
        } catch (GeneralSecurityException e) {
            throw new PkiException(PkiException.Code.KEYSTORE_IO, "keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean isSecret(KeyStore ks, Path file, String alias) {
        try {
            return ks.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class);
        } catch (GeneralSecurityException e) {
            throw new PkiException(PkiException.Code.KEYSTORE_IO, "keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path file, char[] password) {
        if (!Files.isRegularFile(file)) {
            throw new PkiException(PkiException.Code.KEYSTORE_IO, "keystore " + file + " does not exist");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            return ks;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw wrongPassword(file);
            }
            throw new PkiException(PkiException.Code.KEYSTORE_IO, "keystore " + file + " is not a readable PKCS#12"
                    + " file (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new PkiException(PkiException.Code.KEYSTORE_IO, "keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static PkiException wrongPassword(Path file) {
        return new PkiException(PkiException.Code.KEYSTORE_PASSWORD, "keystore " + file + ": wrong password; give"
                + " the keystore's password via SOLR_TOOLKIT_KEYSTORE_PASSWORD, {password-file} or the prompt");
    }

    static X509Certificate toX509(X509CertificateHolder h) throws GeneralSecurityException, IOException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(h.getEncoded()));
    }
}
