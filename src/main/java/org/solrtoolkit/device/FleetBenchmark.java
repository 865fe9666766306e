package org.solrtoolkit.device;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.store.Database;

/**
 * Measures {@code fleet import} against Apache Commons CSV alone parsing the same file, in one run,
 * in a scratch directory and database: the import's target is at most three times the parse time.
 */
public final class FleetBenchmark {

    /** The figures of one run. */
    public record Figures(long rows, long bytes, double parseSeconds, double importSeconds, long peakHeapBytes) {
        public double ratio() {
            return importSeconds / parseSeconds;
        }
    }

    public Figures run(Path scratch, int rows) throws IOException {
        Path csv = scratch.resolve("fleet.csv");
        write(csv, rows, 42);
        // best of three for the parser and best of two imports (each into a new database): the same
        // treatment for both, and the comparison does not hang on one noisy run
        double parse = Double.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long t0 = System.nanoTime();
            if (parse(csv) == 0) {
                throw new IllegalStateException("nothing parsed");
            }
            parse = Math.min(parse, (System.nanoTime() - t0) / 1e9);
        }
        double imported = Double.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            imported = Math.min(imported, timedImport(Database.open(scratch.resolve("bench-" + i + ".db")), csv));
        }
        long heap = org.solrtoolkit.HeapPeak.bytes();
        return new Figures(rows, Files.size(csv), parse, imported, heap);
    }

    /** The figures of a comparison of the file and the server database (issue 18). */
    public record ServerFigures(long rows, double fileSeconds, double serverSeconds) {
        public double ratio() {
            return serverSeconds / fileSeconds;
        }
    }

    /**
     * The same import into a new SQLite file and into the new, empty server database {@code url}
     * (login from the environment), once each, in one run on the same generated CSV.
     */
    public ServerFigures onServer(Path scratch, int rows, String url) throws IOException {
        Path csv = scratch.resolve("fleet.csv");
        write(csv, rows, 42);
        double file = timedImport(Database.open(scratch.resolve("bench-file.db")), csv);
        double server = timedImport(Database.server(url, System.getenv()), csv);
        return new ServerFigures(rows, file, server);
    }

    /** Seconds to import {@code csv} into {@code db}, which is closed afterwards. */
    private static double timedImport(Database db, Path csv) {
        try (db) {
            FleetService fleet = new FleetService(() -> db, new AuditLog(), Clock.systemUTC(),
                    new Commissioning(new PkiService(() -> db, new AuditLog(), Clock.systemUTC())));
            long t0 = System.nanoTime();
            fleet.importCsv(csv, false, null, Actor.unidentified(null));
            return (System.nanoTime() - t0) / 1e9;
        }
    }

    /** Commons CSV alone: every record, every field touched. */
    static long parse(Path csv) throws IOException {
        long n = 0;
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
                CSVParser p = CSVParser.builder().setReader(r).setFormat(CSVFormat.RFC4180.builder().setHeader()
                        .setSkipHeaderRecord(true).get()).get()) {
            for (CSVRecord rec : p) {
                for (String v : rec) {
                    n += v.length();
                }
            }
        }
        return n;
    }

    /** A realistic inventory: ESME/GSME mix, prepayment share, balances near zero and on emergency credit. */
    static void write(Path csv, int rows, long seed) throws IOException {
        Random rnd = new Random(seed);
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write(String.join(",", FleetCsv.COLUMNS) + "\r\n");
            for (int i = 0; i < rows; i++) {
                Eui64 id = new Eui64(0x00DB000000000000L + i);
                boolean esme = rnd.nextInt(100) < 55;
                String mpxn;
                if (esme) {
                    String first12 = String.format("%012d", 100_000_000_000L + i);
                    mpxn = first12 + Mpxn.mpanCheckDigit(first12);
                } else {
                    mpxn = String.valueOf(1_000_000 + i % 9_000_000);
                }
                boolean prepay = rnd.nextInt(100) < 40;
                long balance = prepay ? rnd.nextInt(5000) - 1000 : 0;
                w.write(id + "," + (esme ? "ESME" : "GSME") + "," + mpxn + "," + (prepay ? "prepayment" : "credit") + ","
                        + String.format("%.2f", balance / 100.0) + ",15.00," + (rnd.nextInt(10) == 0 ? "120.00" : "0.00")
                        + ",25," + (rnd.nextInt(100) < 12) + ",Acme Energy,enabled,0." + (10 + rnd.nextInt(20)) + "\r\n");
            }
        }
    }
}
