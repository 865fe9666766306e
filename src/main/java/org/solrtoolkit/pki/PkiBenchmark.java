package org.solrtoolkit.pki;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.store.Database;

/**
 * Measures device certificate issuance against bare Bouncy Castle ECDSA P-256 signing on the same
 * machine, threads and count, in a scratch SMKI and database of its own (the user's database is not
 * touched). Issuance is the DCA's work for keys the devices made: building and signing each
 * certificate, the PEM bundle, the database rows and the audit row; the rate with the devices' key
 * generation is reported beside it.
 */
public final class PkiBenchmark {

    /**
     * The figures of one run: the DCA's issuance rate (build, sign, PEM, database and audit), the
     * rate including the devices' key generation, and bare signing on the same threads.
     */
    /**
     * @param coldPerSecond the first round, as a one-shot {@code pki issue} of that many runs in a new JVM
     *     (key generation included): what a user sees, before the JIT has compiled the EC arithmetic
     */
    public record Figures(int count, int threads, double issuedPerSecond, double withKeyGenerationPerSecond,
            double bareSignsPerSecond, int coldCount, double coldPerSecond, String nativeProvider,
            double nativeSignsPerSecond) {

        /** Issuance against the native provider's signing on the same threads (issue 15's yardstick). */
        public double nativeRatio() {
            return issuedPerSecond / nativeSignsPerSecond;
        }
        public double ratio() {
            return issuedPerSecond / bareSignsPerSecond;
        }
    }

    public Figures run(Path scratch, int count, int threads) throws Exception {
        char[] password = "benchmark-only-password".toCharArray();
        Database db = Database.open(scratch.resolve("bench.db"));
        PkiService pki = new PkiService(() -> db, new AuditLog(), Clock.systemUTC());
        pki.init(scratch.resolve("smki"), List.of(PartySpec.DEMO.get(3)), SmkiEnvironment.preset("test", null, null),
                password, Actor.unidentified(null));
        DeviceIssuance issuance = new DeviceIssuance(pki);
        // warm up the JIT on both paths before measuring
        double cold = 0;
        int coldCount = Math.min(10_000, count);
        for (int round = 0; round < 6; round++) { // the JIT needs some 50,000 certificates to settle
            DeviceIssuance.Result warm = issuance.issue(new Eui64(0x00DBFF0000000000L + round * 0x100000L), Math.min(10_000, count),
                    List.of(KeyUsageType.DS), threads,
                    scratch.resolve("warmup.pem"), password, Actor.unidentified(null));
            if (round == 0) {
                cold = warm.perSecondWithKeyGeneration();
            }
            bareSigning(Math.min(10_000, count), threads);
        }
        DeviceIssuance.Result r = issuance.issue(Eui64.parse("00-DB-00-00-00-00-00-01"), count,
                List.of(KeyUsageType.DS), threads, scratch.resolve("devices.pem"), password, Actor.unidentified(null));
        double bare = bareSigning(count, threads);
        // the same signing through the provider that signs the campaign's commands (ACCP where it loads)
        bareSigning(Math.min(10_000, count), threads, Crypto.ecdsa());
        double nativeRate = bareSigning(count, threads, Crypto.ecdsa());
        return new Figures(count, threads, r.perSecond(), r.perSecondWithKeyGeneration(), bare, coldCount, cold,
                Crypto.ecdsa().getName() + " " + Crypto.ecdsa().getVersionStr(), nativeRate);
    }

    /** Signs {@code count} TBS-sized messages with one P-256 key per thread; signatures per second. */
    static double bareSigning(int count, int threads) throws Exception {
        return bareSigning(count, threads, Gbcs.BC);
    }

    /** The same with {@code provider}'s ECDSA (keys made its own first, as the campaign's are). */
    static double bareSigning(int count, int threads, java.security.Provider provider) throws Exception {
        CertificateIssuer keys = new CertificateIssuer(Clock.systemUTC());
        byte[] tbs = new byte[300]; // about the size of a device certificate's TBSCertificate
        java.util.Arrays.fill(tbs, (byte) 'x');
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            List<Future<Integer>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = count / threads + (t < count % threads ? 1 : 0);
                parts.add(pool.submit(() -> {
                    KeyPair kp = keys.newKeyPair();
                    Signature s = Signature.getInstance("SHA256withECDSA", provider);
                    java.security.PrivateKey key = provider == Gbcs.BC ? kp.getPrivate() : Crypto.signingKey(kp.getPrivate());
                    s.initSign(key, SecureRandom.getInstance("DRBG")); // best case: no shared lock
                    int len = 0;
                    for (int i = 0; i < n; i++) {
                        s.update(tbs);
                        len += s.sign().length;
                    }
                    return len;
                }));
            }
            for (Future<Integer> f : parts) {
                f.get();
            }
            return count / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
