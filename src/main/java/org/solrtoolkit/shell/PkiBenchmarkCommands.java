package org.solrtoolkit.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import org.solrtoolkit.pki.PkiBenchmark;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code pki benchmark}: issuance in a scratch SMKI against bare signing on the same threads. */
@Command(command = "pki", group = "SMKI certificates")
public class PkiBenchmarkCommands {

    @Command(command = "benchmark", description = "Device certificate issuance rate vs bare ECDSA signing on the same threads")
    String benchmark(@Option(longNames = "count", defaultValue = "10000") int count,
            @Option(longNames = "threads", defaultValue = "2") int threads) throws Exception {
        Path scratch = Files.createTempDirectory("solr-toolkit-bench");
        try {
            PkiBenchmark.Figures f = new PkiBenchmark().run(scratch, count, threads);
            // the cold figure is the one 'pki issue' prints for a one-shot run; the warm ones are the
            // steady state after some 60,000 certificates, compared with warm bare signing (issue 14)
            // the cold figure is the one 'pki issue' prints for a one-shot run; the warm ones are the
            // steady state after some 60,000 certificates (issue 14); the target is issuance against
            // signing by the same provider on the same threads (issue 15)
            return BenchmarkVerdict.of(String.format("cold, as a one-shot 'pki issue --count %,d' runs: %,.0f/s with"
                    + " the devices' key generation (the JIT not yet warm)%n"
                    + "warm, after 60,000, %,d device certificates on %d thread(s), ECDSA by %s:%n"
                    + "  issuance (build, sign, encode, PEM, row)      %,9.0f/s%n"
                    + "  recorded as 'pki issue' does (file, database)  %,9.0f/s%n"
                    + "  recorded, with the devices' key generation     %,9.0f/s%n"
                    + "  bare signing of TBS-sized messages             %,9.0f/s%n"
                    + "ratio issuance / signing %.2f (target >= 0.50)",
                    f.coldCount(), f.coldPerSecond(), f.count(), f.threads(), f.provider(), f.issuedPerSecond(),
                    f.recordedPerSecond(), f.withKeyGenerationPerSecond(), f.signsPerSecond(), f.ratio()),
                    f.ratio() >= 0.5, String.format("ratio %.2f of issuance to signing on the same threads, target"
                            + " >= 0.50", f.ratio()), System.out);
        } finally {
            try (var s = Files.walk(scratch)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
