package org.solrtoolkit.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.Commissioning;
import org.solrtoolkit.device.FleetGenerator;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.NewEvent;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.SmkiEnvironment;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.playbook.Playbook;
import org.solrtoolkit.store.Database;

/**
 * The campaign on a generated fleet in a scratch directory and database, and in the same run
 * {@code openssl speed -multi T -seconds 5 ecdsap256} on the same machine with T the campaign's
 * threads (issue 15: like against like; a single-process openssl halved the floor on two threads
 * and flattered the ratio): the campaign's wall time against the time openssl needs for as many
 * ECDSA P-256 signs and verifies as the campaign really did. Every meter's command is signed and
 * verified; nothing is skipped for the measurement. The time inside signing and verifying is
 * counted ({@link CryptoTime}), so the share spent outside crypto is measured, not guessed.
 */
public final class CampaignBenchmark {

    /** The figures of one run. */
    public record Figures(long meters, int threads, double generateSeconds, double campaignSeconds, long signs,
            long verifies, long peakHeapBytes, double opensslSignsPerSecond, double opensslVerifiesPerSecond,
            double cryptoThreadSeconds, String provider, boolean wire, long keyAgreements, long xmlSignatures,
            double opensslKeyAgreementsPerSecond) {

        /** The direct path's figures (no key agreements, no XML). */
        public Figures(long meters, int threads, double generateSeconds, double campaignSeconds, long signs,
                long verifies, long peakHeapBytes, double opensslSignsPerSecond, double opensslVerifiesPerSecond,
                double cryptoThreadSeconds, String provider) {
            this(meters, threads, generateSeconds, campaignSeconds, signs, verifies, peakHeapBytes,
                    opensslSignsPerSecond, opensslVerifiesPerSecond, cryptoThreadSeconds, provider, false, 0, 0, 1);
        }

        /** Of the campaign's thread time (wall time x threads), the share not spent signing or verifying. */
        public double shareOutsideCrypto() {
            return Math.max(0, 1 - cryptoThreadSeconds / (campaignSeconds * threads));
        }

        public double metersPerSecond() {
            return meters / campaignSeconds;
        }

        /** How long openssl takes for the campaign's signs, verifies and key agreements. */
        public double opensslSeconds() {
            return signs / opensslSignsPerSecond + verifies / opensslVerifiesPerSecond
                    + keyAgreements / opensslKeyAgreementsPerSecond;
        }

        public double ratio() {
            return campaignSeconds / opensslSeconds();
        }
    }

    public Figures run(Path scratch, Playbook playbook, long meters, int threads, int batch) throws IOException {
        return run(scratch, playbook, meters, threads, batch, false);
    }

    /**
     * @param wire every meter over the wire formats ({@link WirePath}): per meter the SoLR's XML
     *     signature on the request and the DCC's check of it, the TCoS signature and the ACB's key
     *     agreement for the MAC, the meter's key agreement, MAC and signature checks and its signed
     *     response, the DCC's XML signature on the DUIS response, the importer's checks of both
     */
    public Figures run(Path scratch, Playbook playbook, long meters, int threads, int batch, boolean wire)
            throws IOException {
        return run(scratch, playbook, meters, threads, batch, wire, scratch.resolve("bench.db").toString());
    }

    /**
     * As {@link #run(Path, Playbook, long, int, int, boolean)} on the database {@code location}: a
     * SQLite file, or a new, empty {@code postgresql://} server database (issue 18: the same campaign
     * on the server, in the same run).
     */
    public Figures run(Path scratch, Playbook playbook, long meters, int threads, int batch, boolean wire,
            String location) throws IOException {
        try {
            return measure(scratch, playbook, meters, threads, batch, wire, location);
        } catch (InterruptedException e) {
            throw cancelled();
        } catch (org.solrtoolkit.ToolkitException e) {
            throw e.isCancelled() ? cancelled() : e;
        }
    }

    /** Ctrl-C during any part of it: the caller removes the scratch folder; nothing else was touched. */
    private static CampaignException cancelled() {
        Thread.interrupted();
        return new CampaignException(CampaignException.Code.CANCELLED, "campaign benchmark cancelled (Ctrl-C): its"
                + " scratch fleet and database are removed, nothing else was touched");
    }

    private Figures measure(Path scratch, Playbook playbook, long meters, int threads, int batch, boolean wire,
            String location) throws IOException, InterruptedException {
        char[] password = "benchmark-only-password".toCharArray();
        Clock clock = Clock.systemUTC();
        Database db = Database.open(location);
        if (db.isServer() && db.jdbc().queryForObject("SELECT count(*) FROM meter", java.util.Map.of(), Long.class) > 0) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "the benchmark's server database " + db.name()
                    + " is not empty; give a new one");
        }
        AuditLog audit = new AuditLog();
        PkiService pki = new PkiService(() -> db, audit, clock);
        pki.init(scratch.resolve("smki"), PartySpec.DEMO, SmkiEnvironment.preset("test", null, null), password,
                Actor.unidentified(null));
        Event event = new EventService(() -> db, audit, clock).create(new NewEvent("Benchmark", "Acme Energy",
                "Bravo Power", List.of(), Instant.now(clock), true), playbook, Optional.empty());
        long g0 = System.nanoTime();
        new FleetGenerator(() -> db, audit, clock, new Commissioning(pki)).generate(meters, 0.3, 1, "Acme Energy",
                Actor.unidentified(event.id()), n -> { });
        double generate = (System.nanoTime() - g0) / 1e9;
        System.gc();
        org.solrtoolkit.HeapPeak.reset();
        org.solrtoolkit.device.CryptoTime.reset();
        CampaignService campaigns = new CampaignService(() -> db, audit, clock, pki, new ChecklistService(() -> db,
                audit, clock));
        long t0 = System.nanoTime();
        CampaignService.Summary s = campaigns.run(event, new CampaignOptions(threads, batch, 3, 0).wire(wire), password,
                new Operator("Benchmark", "Bravo Power", PartyRole.SOLR), (done, toDo) -> { });
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cryptoSeconds = org.solrtoolkit.device.CryptoTime.nanos() / 1e9;
        long heap = org.solrtoolkit.HeapPeak.bytes();
        if (s.overall().getOrDefault(ItemState.APPLIED, 0L) != meters) {
            throw new IllegalStateException("the benchmark campaign did not apply every meter: " + s.overall());
        }
        double[] openssl = opensslSpeed(threads);
        String provider = org.solrtoolkit.pki.Crypto.ecdsa().getName() + " "
                + org.solrtoolkit.pki.Crypto.ecdsa().getVersionStr();
        if (!wire) {
            return new Figures(meters, threads, generate, seconds, s.signs(), s.verifies(), heap, openssl[0],
                    openssl[1], cryptoSeconds, provider);
        }
        // per commanded meter: 4 signatures (XML request, TCoS, device response, XML response), 4 checks of
        // them, 2 key agreements (the ACB's and the meter's, for the MAC); chain checks as on the direct path
        long commanded = s.signs();
        long chains = s.verifies() - s.signs();
        return new Figures(meters, threads, generate, seconds, 4 * commanded, 4 * commanded + chains, heap,
                openssl[0], openssl[1], cryptoSeconds, provider, true, 2 * commanded, 4 * commanded,
                opensslEcdh(threads));
    }

    /** {@code openssl speed -multi T -seconds 5 ecdhp256}: key agreements per second of T processes together. */
    static double opensslEcdh(int threads) throws IOException, InterruptedException {
        String out = openssl(threads, "ecdhp256");
        Matcher m = Pattern.compile("256 bits ecdh \\(nistp256\\)\\s+\\S+s\\s+([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("cannot read openssl speed's output: " + out.strip());
        }
        return Double.parseDouble(m.group(1));
    }

    /**
     * {@code openssl speed -multi T -seconds 5 ecdsap256}: signs and verifies per second of T processes
     * together, as many as the campaign's threads (openssl adds up its processes' rates).
     */
    static double[] opensslSpeed(int threads) throws IOException, InterruptedException {
        return rates(openssl(threads, "ecdsap256"));
    }

    private static String openssl(int threads, String algorithm) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "speed"));
        if (threads > 1) {
            cmd.addAll(List.of("-multi", String.valueOf(threads)));
        }
        cmd.addAll(List.of("-seconds", "5", algorithm));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) { // 130: Ctrl-C reached openssl too (the terminal's whole foreground group)
            if (p.exitValue() == 130 || Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            throw new IllegalStateException("openssl speed failed (exit " + p.exitValue() + "): " + out.strip());
        }
        return out;
    }

    /** Signs/s and verifies/s from {@code openssl speed}'s summary line (one process or {@code -multi}'s total). */
    static double[] rates(String out) {
        Matcher m = Pattern.compile("256 bits ecdsa \\(nistp256\\)\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)")
                .matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("cannot read openssl speed's output: " + out.strip());
        }
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
    }
}
