package org.solrtoolkit.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Reads certificates from files: PEM (one or a bundle of {@code CERTIFICATE} blocks) or DER. A
 * file that holds no certificate, truncated DER, or a PEM block with garbage inside is refused with
 * the file, the block and what is wrong.
 */
public final class CertificateFiles {

    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private CertificateFiles() {
    }

    /** Every certificate in {@code file}, in order. */
    public static List<X509CertificateHolder> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "certificate file " + file + " cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        return parse(file.toString(), bytes);
    }

    static List<X509CertificateHolder> parse(String name, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ")) {
            List<X509CertificateHolder> certs = new ArrayList<>();
            Matcher m = PEM.matcher(text);
            int block = 0;
            while (m.find()) {
                block++;
                if (!m.group(1).equals("CERTIFICATE")) {
                    continue;
                }
                byte[] der;
                try {
                    der = Base64.getDecoder().decode(m.group(2).replaceAll("\\s", ""));
                } catch (IllegalArgumentException e) {
                    throw new PkiException(PkiException.Code.NOT_A_CERTIFICATE, name + ": PEM block " + block
                            + " is not valid base64 (" + e.getMessage() + ")");
                }
                certs.add(der(name + " PEM block " + block, der));
            }
            if (certs.isEmpty()) {
                throw new PkiException(PkiException.Code.NOT_A_CERTIFICATE, name
                        + " holds no complete '-----BEGIN CERTIFICATE-----' block");
            }
            return certs;
        }
        return List.of(der(name, bytes));
    }

    private static X509CertificateHolder der(String where, byte[] der) {
        if (der.length == 0 || der[0] != 0x30) {
            throw new PkiException(PkiException.Code.NOT_A_CERTIFICATE, where
                    + " is not a certificate: neither PEM nor DER (a DER certificate starts with a SEQUENCE)");
        }
        try (ASN1InputStream in = new ASN1InputStream(der, true)) {
            ASN1Primitive p = in.readObject();
            if (p == null) {
                throw new IOException("empty");
            }
            if (in.available() > 0 || in.readObject() != null) {
                throw new IOException("bytes after the certificate");
            }
            return new X509CertificateHolder(Certificate.getInstance(p));
        } catch (IOException | RuntimeException e) {
            throw new PkiException(PkiException.Code.NOT_A_CERTIFICATE, where
                    + " is not a valid DER certificate (truncated or malformed: " + e.getMessage() + ")");
        }
    }
}
