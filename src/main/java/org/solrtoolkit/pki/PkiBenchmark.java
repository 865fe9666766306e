package org.solrtoolkit.pki;

import java.nio.file.Path;
import java.security.KeyPair;
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
 * Measures device certificate issuance against bare ECDSA P-256 signing by the same provider on the
 * same machine, threads and count (issue 15), in a scratch SMKI and database of its own (the user's
 * database is not touched). Issuance is the DCA's work for keys the devices made: building, signing
 * and encoding each certificate, its PEM text and its row; the rate recorded as {@code pki issue}
 * records it (the rows in the database, one audit row) and the rate with the devices' key
 * generation are reported beside it.
 */
public final class PkiBenchmark {

    /**
     * The figures of one run.
     *
     * @param coldPerSecond the first round, as a one-shot {@code pki issue} of that many runs in a new JVM
     *     (key generation included): what a user sees, before the JIT has compiled the hot paths
     * @param issuedPerSecond the DCA's issuance: build, sign, encode, PEM, row (not written)
     * @param recordedPerSecond the same written as {@code pki issue} does: PEM file, database, audit
     * @param signsPerSecond bare signing of TBS-sized messages by {@code provider} on the same threads
     */
    public record Figures(int count, int threads, String provider, int coldCount, double coldPerSecond,
            double issuedPerSecond, double recordedPerSecond, double withKeyGenerationPerSecond,
            double signsPerSecond) {

        /** Issuance against signing on the same threads (issue 15's yardstick, target 0.5). */
        public double ratio() {
            return issuedPerSecond / signsPerSecond;
        }
    }

    private static final int ROUNDS = 3;

    public Figures run(Path scratch, int count, int threads) throws Exception {
        char[] password = "benchmark-only-password".toCharArray();
        Database db = Database.open(scratch.resolve("bench.db"));
        PkiService pki = new PkiService(() -> db, new AuditLog(), Clock.systemUTC());
        pki.init(scratch.resolve("smki"), List.of(PartySpec.DEMO.get(3)), SmkiEnvironment.preset("test", null, null),
                password, Actor.unidentified(null));
        DeviceIssuance issuance = new DeviceIssuance(pki);
        int round = Math.min(10_000, count);
        double cold = 0;
        for (int r = 0; r < 6; r++) { // the JIT needs some 50,000 certificates to settle
            DeviceIssuance.Result warm = issuance.issue(new Eui64(0x00DBFF0000000000L + r * 0x100000L), round,
                    List.of(KeyUsageType.DS), threads, scratch.resolve("warmup.pem"), password, Actor.unidentified(null));
            if (r == 0) {
                cold = warm.perSecondWithKeyGeneration();
            }
            issuance.makeWithoutRecording(new Eui64(0x00DBFE0000000000L), round, threads, password);
            bareSigning(round, threads);
        }
        // issuance and signing taken in turns, three rounds each, so a change in the machine's speed
        // during the run (another process, the CPU's clock) falls on both sides alike
        double issueSeconds = 0;
        double signSeconds = 0;
        for (int r = 0; r < ROUNDS; r++) {
            int n = count / ROUNDS + (r < count % ROUNDS ? 1 : 0);
            issueSeconds += n / issuance.makeWithoutRecording(new Eui64(0x00DB000000000001L + r * (long) count), n,
                    threads, password);
            signSeconds += n / bareSigning(n, threads);
        }
        double issued = count / issueSeconds;
        double signs = count / signSeconds;
        DeviceIssuance.Result recorded = issuance.issue(Eui64.parse("00-DB-01-00-00-00-00-01"), count,
                List.of(KeyUsageType.DS), threads, scratch.resolve("devices.pem"), password, Actor.unidentified(null));
        return new Figures(count, threads, Crypto.ecdsa().getName() + " " + Crypto.ecdsa().getVersionStr(), round,
                cold, issued, recorded.perSecond(), recorded.perSecondWithKeyGeneration(), signs);
    }

    /**
     * Signs {@code count} TBS-sized messages with one P-256 key per thread by the ECDSA provider;
     * signatures per second.
     */
    static double bareSigning(int count, int threads) throws Exception {
        java.security.Provider provider = Crypto.ecdsa();
        byte[] tbs = new byte[400]; // about the size of a device certificate's TBSCertificate
        java.util.Arrays.fill(tbs, (byte) 'x');
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            // each thread makes its key and signer first; the clock starts when all are ready, as the
            // issuance's clock starts once its DCA key and template are ready
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(threads);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<Future<Integer>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = count / threads + (t < count % threads ? 1 : 0);
                parts.add(pool.submit(() -> {
                    KeyPair kp = Crypto.newKeyPair();
                    Signature s = Signature.getInstance("SHA256withECDSA", provider);
                    s.initSign(kp.getPrivate(), Crypto.random());
                    ready.countDown();
                    go.await();
                    int len = 0;
                    for (int i = 0; i < n; i++) {
                        s.update(tbs);
                        len += s.sign().length;
                    }
                    return len;
                }));
            }
            ready.await();
            long t0 = System.nanoTime();
            go.countDown();
            for (Future<Integer> f : parts) {
                f.get();
            }
            return count / ((System.nanoTime() - t0) / 1e9);
        } finally {
            pool.shutdownNow();
        }
    }
}
