package org.solrtoolkit.pki;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.solrtoolkit.audit.Actor;

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

    /**
     * What was issued, and how long the devices took to make their keys and the DCA to issue and
     * record the certificates.
     */
    public record Result(int certificates, Eui64 first, Eui64 last, String out, Duration keyGeneration,
            Duration issuance) {
        /** Certificates issued and recorded per second (the CA's work). */
        public double perSecond() {
            return certificates / Math.max(1e-9, issuance.toNanos() / 1e9);
        }

        /** Including the devices' key generation. */
        public double perSecondWithKeyGeneration() {
            return certificates / Math.max(1e-9, (issuance.toNanos() + keyGeneration.toNanos()) / 1e9);
        }
    }

    /**
     * Issues a certificate per key usage for {@code count} devices with consecutive EUI-64s from
     * {@code first}.
     */
    public Result issue(Eui64 first, int count, List<KeyUsageType> usages, int threads, Path out, char[] password,
            Actor actor) {
        check(first, count, usages, threads);
        if (out.toAbsolutePath().getParent() == null || !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "{out} " + out + ": its directory does not exist");
        }
        Path tmp = null;
        try {
            // written beside the target and moved into place after the transaction commits
            tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".devices", ".pem");
            Result r;
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.US_ASCII)) {
                r = issue(first, count, usages, threads, w, out.toAbsolutePath().toString(), password, actor);
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return r;
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof java.nio.channels.ClosedByInterruptException) {
                Thread.interrupted();
                throw cancelled();
            }
            throw new PkiException(PkiException.Code.IO, "{out} " + out + " cannot be written: "
                    + e.getCause().getMessage(), e);
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "{out} " + out + " cannot be written: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a hidden temporary file is all that can be left
                }
            }
        }
    }

    /**
     * The same, the PEM bundle written to {@code out} as the certificates are made (stdout, for a
     * pipe) and recorded as written to {@code name}.
     */
    public Result issue(Eui64 first, int count, List<KeyUsageType> usages, int threads, Writer out, String name,
            char[] password, Actor actor) {
        check(first, count, usages, threads);
        try {
            return write(first, count, usages, threads, out, name, password, actor);
        } catch (java.io.UncheckedIOException e) {
            throw new PkiException(PkiException.Code.IO, "{out} " + name + " cannot be written: "
                    + e.getCause().getMessage(), e);
        }
    }

    private static void check(Eui64 first, int count, List<KeyUsageType> usages, int threads) {
        if (count < 1 || count > MAX_COUNT) {
            throw new PkiException(PkiException.Code.BAD_OPTION, "{count} " + count + " must be 1 to " + MAX_COUNT);
        }
        if (threads < 1 || threads > 64) {
            throw new PkiException(PkiException.Code.BAD_OPTION, "{threads} " + threads + " must be 1 to 64");
        }
        if (Long.compareUnsigned(first.value() + count - 1, first.value()) < 0) {
            throw new PkiException(PkiException.Code.BAD_EUI, "EUI-64 range from " + first + " overflows");
        }
        if (usages.isEmpty()) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "{usage} must name DS, KA or both");
        }
    }

    private Result write(Eui64 first, int count, List<KeyUsageType> usages, int threads, Writer w, String outPath,
            char[] password, Actor actor) {
        long keysStarted = System.nanoTime();
        List<byte[]> keys = deviceKeys(count * usages.size(), threads);
        Duration keyGeneration = Duration.ofNanos(System.nanoTime() - keysStarted);
        long started = System.nanoTime();
        Instant now = pki.now();
        DeviceCertificateMaker maker = new DeviceCertificateMaker(pki, first, usages, keys, password, outPath, now);
        // workers build, sign, encode and describe certificates; this thread writes each chunk as it is
        // done, inside the one transaction that also holds the audit row
        int total = count * usages.size();
        Eui64 last = new Eui64(first.value() + count - 1);
        pki.database().get().write(jdbc -> {
            inOrder(total, threads, maker, chunk -> {
                try {
                    for (DeviceCertificateMaker.Made m : chunk) {
                        w.write(m.pem());
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                pki.repository().insertCertificates(jdbc, chunk.stream().map(DeviceCertificateMaker.Made::row).toList());
            });
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("first_eui", first.toString());
            detail.put("last_eui", last.toString());
            detail.put("devices", count);
            detail.put("usages", usages.stream().map(Enum::name).toList());
            detail.put("out", outPath);
            pki.audit().append(jdbc, pki.entry(now, actor, "pki.issue.devices", first + ".." + last, null,
                    String.valueOf(total), null, detail));
            return null;
        });
        try {
            w.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Result(total, first, last, outPath, keyGeneration, Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * The DCA's part alone, for {@code pki benchmark}: the same workers build, sign, encode and
     * describe {@code count} certificates (the PEM text and the rows made and dropped), nothing
     * recorded; certificates per second.
     */
    double makeWithoutRecording(Eui64 first, int count, int threads, char[] password) {
        List<byte[]> keys = deviceKeys(count, threads);
        DeviceCertificateMaker maker = new DeviceCertificateMaker(pki, first, List.of(KeyUsageType.DS), keys, password,
                "benchmark.pem", pki.now());
        long started = System.nanoTime(); // the keystore opened and the template made: once per request
        long[] bytes = {0};
        inOrder(count, threads, maker, chunk -> chunk.forEach(m -> bytes[0] += m.pem().length()));
        return count / ((System.nanoTime() - started) / 1e9);
    }

    /**
     * The devices' own key pairs: each device keeps its private key and sends the DCA its public key
     * as a SubjectPublicKeyInfo, which is all the DCA sees.
     */
    private static List<byte[]> deviceKeys(int n, int threads) {
        return parallel(n, threads, i -> Crypto.newKeyPair().getPublic().getEncoded());
    }

    /**
     * {@code work} applied to 0..n-1 on {@code threads} threads; {@code sink} receives the results in
     * index order, chunk by chunk, on the calling thread while later chunks are still being made.
     */
    private static <T> void inOrder(int n, int threads, IntFunction<T> work, java.util.function.Consumer<List<T>> sink) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int chunk = Math.max(1, Math.min(2_000, (n + threads * 8 - 1) / (threads * 8)));
            List<Future<List<T>>> parts = new ArrayList<>();
            for (int start = 0; start < n; start += chunk) {
                int from = start;
                int to = Math.min(n, start + chunk);
                parts.add(pool.submit(() -> {
                    List<T> done = new ArrayList<>(to - from);
                    for (int i = from; i < to; i++) {
                        done.add(work.apply(i));
                    }
                    return done;
                }));
            }
            for (Future<List<T>> f : parts) {
                sink.accept(f.get());
            }
        } catch (InterruptedException e) {
            throw cancelled();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code work} applied to 0..n-1 on {@code threads} threads, results in index order. */
    /** Ctrl-C (an interrupt of the command's thread): the one transaction rolls back, the file is not made. */
    private static PkiException cancelled() {
        return new PkiException(PkiException.Code.CANCELLED, "issuance cancelled (Ctrl-C): nothing issued,"
                + " nothing recorded, no file written (the certificates are issued in one transaction); run it again");
    }

    private static <T> List<T> parallel(int n, int threads, IntFunction<T> work) {
        List<T> all = new ArrayList<>(n);
        inOrder(n, threads, work, all::addAll);
        return all;
    }
}
