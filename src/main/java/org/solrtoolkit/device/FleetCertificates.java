package org.solrtoolkit.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.pki.DeviceCertification;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PkiException;

/**
 * {@code fleet certificates export|import} (issue 16): each meter's DS and KA Device Certificates,
 * so that anyone can check a meter's signed answers with the tools they have. For a generated
 * fleet the Issuing DCA certifies the keys the meters hold ({@link MeterKeys}); a real fleet's come
 * from the SMKI repository as files. Written as {@code <EUI>-ds.pem} and {@code <EUI>-ka.pem}.
 */
public final class FleetCertificates {

    private static final int BATCH = 1_000;
    private final MeterService meters;

    public FleetCertificates(MeterService meters) {
        this.meters = meters;
    }

    /** Writes every meter's two certificates into {@code out} (issuing them where none is recorded); how many meters. */
    public long export(Path out, char[] password, Actor actor) {
        if (Files.exists(out) ? !Files.isDirectory(out) : out.toAbsolutePath().getParent() == null
                || !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "{out} " + out + " is not a folder, nor one that"
                    + " can be made here");
        }
        List<Long> ids = new ArrayList<>();
        meters.meters().forEachId(meters.database().get().jdbc(), false, ids::add);
        if (ids.isEmpty()) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "no fleet in this database: 'fleet generate' or"
                    + " 'fleet import' makes one");
        }
        MeterKeys keys = meters.meterKeys(password);
        DeviceCertification dca = new DeviceCertification(meters.pki());
        try {
            Files.createDirectories(out);
            for (int from = 0; from < ids.size(); from += BATCH) {
                List<DeviceCertification.DeviceKeys> batch = new ArrayList<>();
                for (long id : ids.subList(from, Math.min(ids.size(), from + BATCH))) {
                    Eui64 eui = new Eui64(id);
                    batch.add(new DeviceCertification.DeviceKeys(eui, keys.keyPair(eui, MeterKeys.Usage.DS).getPublic(),
                            keys.keyPair(eui, MeterKeys.Usage.KA).getPublic()));
                }
                for (DeviceCertification.Certified c : dca.certify(batch, password, actor)) {
                    pem(out.resolve(c.eui() + "-ds.pem"), c.ds());
                    pem(out.resolve(c.eui() + "-ka.pem"), c.ka());
                }
            }
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Code.IO, "{out} " + out + " cannot be written: " + e.getMessage());
        }
        return ids.size();
    }

    /** Records the Device Certificates in {@code files} (checked first, all or none); how many were new. */
    public int importFiles(List<Path> files, Actor actor) {
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new PkiException(PkiException.Code.BAD_INPUT, f + " is not a file of Device Certificates");
            }
        }
        return new DeviceCertification(meters.pki()).importFiles(files, actor);
    }

    private static void pem(Path file, X509CertificateHolder c) throws IOException {
        try (JcaPEMWriter w = new JcaPEMWriter(Files.newBufferedWriter(file))) {
            w.writeObject(c);
        }
    }
}
