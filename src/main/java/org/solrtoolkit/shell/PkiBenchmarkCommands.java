package org.solrtoolkit.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import org.solrtoolkit.pki.PkiBenchmark;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code pki benchmark}: issuance in a scratch SMKI against bare signing on the same threads. */
@Command(command = "pki", group = "SMKI certificates")
class PkiBenchmarkCommands {

    @Command(command = "benchmark", description = "Device certificate issuance rate vs bare ECDSA signing (Bouncy Castle and native)")
    String benchmark(@Option(longNames = "count", defaultValue = "10000") int count,
            @Option(longNames = "threads", defaultValue = "2") int threads) throws Exception {
        Path scratch = Files.createTempDirectory("solr-toolkit-bench");
        try {
            PkiBenchmark.Figures f = new PkiBenchmark().run(scratch, count, threads);
            // the cold figure is the one 'pki issue' prints for a one-shot run; the warm ones are the
            // steady state after some 60,000 certificates, compared with warm bare signing (issue 14)
            return BenchmarkVerdict.of(String.format("cold, as a one-shot 'pki issue --count %,d' runs: %,.0f/s with"
                    + " the devices' key generation (the JIT not yet warm)%nwarm, after 60,000: issued %,d device"
                    + " certificates on %d thread(s): %,.0f/s (build, sign, PEM, database, audit; %,.0f/s with the"
                    + " devices' key generation); bare Bouncy Castle ECDSA P-256 signing: %,.0f/s; ratio %.2f",
                    f.coldCount(), f.coldPerSecond(), f.count(), f.threads(), f.issuedPerSecond(),
                    f.withKeyGenerationPerSecond(), f.bareSignsPerSecond(), f.ratio())
                    + String.format("%nagainst native signing (%s, the campaign's provider) on the same threads:"
                    + " %,.0f/s; ratio %.2f (target >= 0.50)", f.nativeProvider(), f.nativeSignsPerSecond(),
                    f.nativeRatio()),
                    // the target is against the fastest signing this machine has, the campaign's (issue 15)
                    f.nativeRatio() >= 0.5, String.format("ratio %.2f to native signing on the same threads, target"
                            + " >= 0.50 (issuance still signs with Bouncy Castle)", f.nativeRatio()), System.out);
        } finally {
            try (var s = Files.walk(scratch)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
