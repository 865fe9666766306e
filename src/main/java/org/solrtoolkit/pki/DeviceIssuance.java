package org.solrtoolkit.pki;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.solrtoolkit.audit.Actor;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * Bulk issuance of Device Certificates by the Issuing DCA: each simulated device generates its key
 * pair and the DCA signs a certificate for its EUI-64, on several threads; certificates are written
 * as one PEM bundle and recorded in the database in one transaction with one audit row. As in the
 * real SMKI the CA never keeps a device's private key, so none is stored here.
 */
public final class DeviceIssuance {

    /** Upper bound of one request; a fleet of a million meters is issued in a few requests. */
    public static final int MAX_COUNT = 2_000_000;

    private final PkiService pki;

    public DeviceIssuance(PkiService pki) {
        this.pki = pki;
    }

    /** What was issued and how long the signing took. */
    public record Result(int certificates, Eui64 first, Eui64 last, Path out, Duration signing, Duration total) {
        public double perSecond() {
            return certificates / Math.max(1e-9, signing.toNanos() / 1e9);
        }
    }

    /**
     * Issues a certificate per key usage for {@code count} devices with consecutive EUI-64s from
     * {@code first}.
     */
    public Result issue(Eui64 first, int count, List<KeyUsageType> usages, int threads, Path out, char[] password,
            Actor actor) {
        if (count < 1 || count > MAX_COUNT) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "--count " + count + " must be 1 to " + MAX_COUNT);
        }
        if (threads < 1 || threads > 64) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "--threads " + threads + " must be 1 to 64");
        }
        if (Long.compareUnsigned(first.value() + count - 1, first.value()) < 0) {
            throw new PkiException(PkiException.Code.BAD_EUI, "EUI-64 range from " + first + " overflows");
        }
        if (usages.isEmpty()) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "--usage must name DS, KA or both");
        }
        if (out.toAbsolutePath().getParent() == null || !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "--out " + out + ": its directory does not exist");
        }
        SmkiRepository.Smki smki = pki.requireSmki();
        Keystores.Entry dca = Keystores.read(Path.of(smki.caKeystore()), password, PkiService.DCA_ALIAS);
        X509CertificateHolder dcaCert = dca.chain().get(0);
        org.bouncycastle.asn1.ASN1ObjectIdentifier policy = SmkiEnvironment.oid("device policy", smki.devicePolicy());
        long started = System.nanoTime();
        List<X509CertificateHolder> certs = signAll(first, count, usages, threads, dcaCert, dca, policy);
        Duration signing = Duration.ofNanos(System.nanoTime() - started);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        try {
            Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".devices", ".pem");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
                for (X509CertificateHolder c : certs) {
                    pem.writeObject(c);
                }
            }
            CertificateInspector inspector = new CertificateInspector();
            List<SqlParameterSource> rows = new ArrayList<>(certs.size());
            for (X509CertificateHolder c : certs) {
                rows.add(SmkiRepository.params(inspector.inspect(c), c, null, null, null, null,
                        out.toAbsolutePath().toString(), now));
            }
            Eui64 last = new Eui64(first.value() + count - 1);
            pki.database().get().write(jdbc -> {
                pki.repository().insertCertificates(jdbc, rows);
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("first_eui", first.toString());
                detail.put("last_eui", last.toString());
                detail.put("devices", count);
                detail.put("usages", usages.stream().map(Enum::name).toList());
                detail.put("out", out.toAbsolutePath().toString());
                pki.audit().append(jdbc, pki.entry(now, actor, "pki.issue.devices", first + ".." + last, null,
                        String.valueOf(certs.size()), null, detail));
                return null;
            });
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new Result(certs.size(), first, last, out, signing, Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "--out " + out + " cannot be written: " + e.getMessage(), e);
        }
    }

    private List<X509CertificateHolder> signAll(Eui64 first, int count, List<KeyUsageType> usages, int threads,
            X509CertificateHolder dcaCert, Keystores.Entry dca, org.bouncycastle.asn1.ASN1ObjectIdentifier policy) {
        CertificateIssuer issuer = pki.issuer();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = Math.max(1, (count + threads * 8 - 1) / (threads * 8));
            List<Future<List<X509CertificateHolder>>> parts = new ArrayList<>();
            for (int start = 0; start < count; start += chunk) {
                int from = start;
                int to = Math.min(count, start + chunk);
                parts.add(pool.submit(() -> {
                    List<X509CertificateHolder> done = new ArrayList<>((to - from) * usages.size());
                    for (int i = from; i < to; i++) {
                        Eui64 eui = new Eui64(first.value() + i);
                        for (KeyUsageType u : usages) {
                            KeyPair kp = issuer.newKeyPair();
                            done.add(issuer.device(eui, u, kp.getPublic(), dcaCert, dca.key(), policy));
                        }
                    }
                    return done;
                }));
            }
            List<X509CertificateHolder> all = new ArrayList<>(count * usages.size());
            for (Future<List<X509CertificateHolder>> f : parts) {
                all.addAll(f.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PkiException(PkiException.Code.IO, "issuance interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
