package org.solrtoolkit.pki;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.function.Supplier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads a P-256 private key from a PEM file: PKCS#8 ({@code PRIVATE KEY}), encrypted PKCS#8
 * ({@code ENCRYPTED PRIVATE KEY}, asking for the password only then) or SEC 1
 * ({@code EC PRIVATE KEY}), as openssl writes them.
 */
public final class PrivateKeys {

    private PrivateKeys() {
    }

    /**
     * @throws PkiException BAD_KEY if the file holds no P-256 private key, KEYSTORE_PASSWORD if the
     *     password does not decrypt it
     */
    public static PrivateKey readPem(Path file, Supplier<char[]> password) {
        Object o;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            o = p.readObject();
        } catch (IOException | RuntimeException e) {
            throw new PkiException(PkiException.Code.BAD_KEY, "key file " + file + " cannot be read as PEM ("
                    + e.getMessage() + "); give a PKCS#8 PEM private key");
        }
        try {
            PrivateKeyInfo info;
            if (o instanceof PrivateKeyInfo pki) {
                info = pki;
            } else if (o instanceof PEMKeyPair kp) {
                info = kp.getPrivateKeyInfo();
            } else if (o instanceof PKCS8EncryptedPrivateKeyInfo enc) {
                InputDecryptorProvider d = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Gbcs.BC)
                        .build(password.get());
                try {
                    info = enc.decryptPrivateKeyInfo(d);
                } catch (PKCSException e) {
                    throw new PkiException(PkiException.Code.KEYSTORE_PASSWORD, "key file " + file
                            + ": wrong password");
                }
            } else {
                throw new PkiException(PkiException.Code.BAD_KEY, "key file " + file + " holds no private key"
                        + (o == null ? "" : " (it holds a " + o.getClass().getSimpleName() + ")")
                        + "; give a PKCS#8 PEM private key");
            }
            if (!Gbcs.EC_PUBLIC_KEY.equals(info.getPrivateKeyAlgorithm().getAlgorithm())
                    || !Gbcs.P256.equals(info.getPrivateKeyAlgorithm().getParameters())) {
                throw new PkiException(PkiException.Code.BAD_KEY, "key file " + file
                        + " is not a NIST P-256 EC key: GBCS keys are P-256");
            }
            return new JcaPEMKeyConverter().setProvider(Gbcs.BC).getPrivateKey(info);
        } catch (org.bouncycastle.operator.OperatorCreationException | IOException e) {
            throw new PkiException(PkiException.Code.BAD_KEY, "key file " + file + ": " + e.getMessage(), e);
        }
    }
}
