package org.solrtoolkit.device;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.function.Supplier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.solrtoolkit.pki.CertificateFiles;
import org.solrtoolkit.pki.CertificateInfo;
import org.solrtoolkit.pki.CertificateInspector;
import org.solrtoolkit.pki.CertificateKind;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.Gbcs;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.PrivateKeys;

/**
 * {@code utrn generate} from files: the supplier's prepayment top-up KA private key (PEM) and the
 * meter's KA Device Certificate, whose hardwareModuleName gives the target EUI-64.
 */
public final class UtrnFiles {

    private UtrnFiles() {
    }

    public static Utrn generate(Path supplierKey, Supplier<char[]> password, Eui64 originator, Path deviceCert,
            long counter, int value, Utrn.ValueClass valueClass) {
        X509CertificateHolder cert = CertificateFiles.read(deviceCert).get(0);
        CertificateInfo info = new CertificateInspector().inspect(cert);
        if (info.kind() != CertificateKind.DEVICE || info.keyUsage().orElse(null) != KeyUsageType.KA
                || info.eui().isEmpty()) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "{device-cert} " + deviceCert + " is a "
                    + info.kind() + " certificate with key usage " + String.join("+", info.keyUsages())
                    + "; give the meter's KA Device Certificate");
        }
        PrivateKey key = PrivateKeys.readPem(supplierKey, password);
        PublicKey deviceKey;
        try {
            deviceKey = new JcaPEMKeyConverter().setProvider(Gbcs.BC).getPublicKey(cert.getSubjectPublicKeyInfo());
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new DeviceException(DeviceException.Code.BAD_KEY, "{device-cert} " + deviceCert
                    + ": its public key cannot be used: " + e.getMessage(), e);
        }
        return Utrn.generate(key, originator, deviceKey, info.eui().get(), counter, value, valueClass);
    }

    /**
     * Writes the UTRN's 20 digits and a newline to a new file (never over another: a UTRN is money).
     *
     * @throws DeviceException BAD_INPUT if the file exists, IO if it cannot be written (nothing is left)
     */
    public static void write(Utrn utrn, Path out) {
        try {
            java.nio.file.Files.writeString(out, utrn.digits() + "\n", java.nio.charset.StandardCharsets.US_ASCII,
                    java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "{out} " + out + " already exists; a UTRN is"
                    + " written to a new file only");
        } catch (java.io.IOException e) {
            throw new DeviceException(DeviceException.Code.IO, "{out} " + out + " cannot be written ("
                    + e.getClass().getSimpleName() + "); give a file in an existing, writable folder");
        }
    }
}
