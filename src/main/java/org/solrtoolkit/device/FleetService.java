package org.solrtoolkit.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.store.Database;

/**
 * The fleet inventory in the database: import from CSV (atomic by default: any bad row and nothing
 * is imported; with skip-invalid the valid rows go in and the rejected ones go to a rejects file
 * with their reasons), export to CSV, and counts. Imports stream in batches inside one transaction,
 * so memory stays flat and a crash leaves either all of it or none.
 */
public final class FleetService {

    private static final int BATCH = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    private final FleetRepository meters = new FleetRepository();
    private final Commissioning commissioning;

    /**
     * @param commissioning what the cells of imported meters hold (their supplier's certificates and
     *     the DCC's and network operator's, from this database's SMKI); meters whose supplier the SMKI
     *     does not hold are imported without cells
     */
    public FleetService(Supplier<Database> db, AuditLog audit, Clock clock, Commissioning commissioning) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.commissioning = commissioning;
    }

    /** What an import did. */
    public record ImportResult(long imported, long rejected, List<FleetCsv.Problem> problems, long problemCount,
            Optional<Path> rejects) {
    }

    /**
     * Imports {@code file}.
     *
     * @param rejectsFile where rejected rows go when {@code skipInvalid}; required then
     * @throws DeviceException IMPORT_REFUSED with every problem (nothing written) when a row is bad
     *     and {@code skipInvalid} is off; BAD_INPUT for a file that is not a usable CSV
     */
    public ImportResult importCsv(Path file, boolean skipInvalid, Path rejectsFile, Actor actor) {
        if (skipInvalid && rejectsFile == null) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "{skip-invalid} needs {rejects} FILE for the"
                    + " rejected rows and their reasons");
        }
        if (!Files.isRegularFile(file)) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "fleet file " + file + " does not exist");
        }
        Path rejectsTmp = null;
        try {
            if (rejectsFile != null) {
                Path dir = rejectsFile.toAbsolutePath().getParent();
                if (dir == null || !Files.isDirectory(dir)) {
                    throw new DeviceException(DeviceException.Code.BAD_INPUT, "{rejects} " + rejectsFile
                            + ": its directory does not exist");
                }
                rejectsTmp = Files.createTempFile(dir, ".rejects", ".csv");
            }
            Path tmp = rejectsTmp;
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            ImportResult result = db.get().write(jdbc -> {
                boolean fleetExists = meters.count(jdbc) > 0;
                List<FleetRepository.NewMeter> batch = new ArrayList<>(BATCH);
                Map<String, Optional<Long>> cellSets = new java.util.HashMap<>();
                List<FleetCsv.Problem> dbProblems = new ArrayList<>();
                long[] alreadyThere = {0};
                MessageDigest sha = sha256();
                try (InputStream raw = Files.newInputStream(file);
                        Reader in = new InputStreamReader(new DigestInputStream(raw, sha), StandardCharsets.UTF_8
                                .newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT));
                        RejectsWriter rejects = new RejectsWriter(tmp)) {
                    // one thread parses and checks rows while this one (which holds the transaction) writes them
                    java.util.concurrent.BlockingQueue<List<FleetCsv.Line>> queue =
                            new java.util.concurrent.ArrayBlockingQueue<>(8);
                    List<FleetCsv.Line> end = List.of();
                    java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor();
                    java.util.concurrent.Future<FleetCsv.Result> parsed = reader.submit(() -> {
                        List<FleetCsv.Line> lines = new ArrayList<>(BATCH);
                        try {
                            FleetCsv.Result res = FleetCsv.read(in, file.toString(), line -> {
                                lines.add(line);
                                if (lines.size() == BATCH) {
                                    put(queue, new ArrayList<>(lines));
                                    lines.clear();
                                }
                            }, rejects::write);
                            if (!lines.isEmpty()) {
                                put(queue, new ArrayList<>(lines));
                            }
                            return res;
                        } finally {
                            put(queue, end);
                        }
                    });
                    FleetCsv.Result r;
                    try {
                        for (List<FleetCsv.Line> lines = queue.take(); lines != end; lines = queue.take()) {
                            for (FleetCsv.Line line : lines) {
                                if (fleetExists && meters.exists(jdbc, line.meter().deviceId())) {
                                    FleetCsv.Problem p = new FleetCsv.Problem(line.line(), "device_id", "device "
                                            + line.meter().deviceId() + " is already in the database");
                                    alreadyThere[0]++;
                                    if (dbProblems.size() < FleetCsv.MAX_PROBLEMS) {
                                        dbProblems.add(p);
                                    }
                                    rejects.write(line.line(), line.meter(), List.of(p));
                                } else {
                                    MeterRecord m = line.meter();
                                    Long set = cellSets.computeIfAbsent(m.type() + "|" + m.supplier().toLowerCase(
                                            java.util.Locale.ROOT), k -> commissioning.cells(m.type(), m.supplier())
                                            .map(cells -> meters.cellSet(jdbc, cells))).orElse(null);
                                    batch.add(new FleetRepository.NewMeter(m, now, set));
                                }
                            }
                            if (!batch.isEmpty()) {
                                meters.insert(jdbc, batch);
                                batch.clear();
                            }
                        }
                        r = parsed.get();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new DeviceException(DeviceException.Code.IO, "import interrupted");
                    } catch (java.util.concurrent.ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException re) {
                            throw re;
                        }
                        throw new UncheckedIOException(new IOException(e.getCause()));
                    } finally {
                        parsed.cancel(true);
                        reader.shutdownNow();
                    }
                    List<FleetCsv.Problem> problems = new ArrayList<>(r.problems());
                    problems.addAll(dbProblems);
                    problems.sort(Comparator.comparingLong(FleetCsv.Problem::line));
                    long problemCount = r.problemCount() + alreadyThere[0];
                    long rejectedRows = r.rejectedRows() + alreadyThere[0];
                    long imported = r.rows() - alreadyThere[0];
                    if (problemCount > 0 && !skipInvalid) {
                        throw refused(file, problems, problemCount, rejectedRows);
                    }
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("file", file.toAbsolutePath().toString());
                    detail.put("sha256", HexFormat.of().formatHex(sha.digest()));
                    detail.put("imported", imported);
                    detail.put("rejected", rejectedRows);
                    audit.append(jdbc, new AuditEntry(now, actor.eventId(), actor.name(), actor.party(), actor.role(),
                            "fleet.import", file.getFileName().toString(), null, String.valueOf(imported), null,
                            skipInvalid && rejectedRows > 0 ? rejectedRows + " rows rejected" : null,
                            (String) detail.get("sha256"), json(detail)));
                    return new ImportResult(imported, rejectedRows, problems, problemCount,
                            Optional.ofNullable(rejectsFile));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (rejectsTmp != null) {
                Files.move(rejectsTmp, rejectsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return result;
        } catch (UncheckedIOException | IOException e) {
            Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "fleet file " + file + " cannot be read as UTF-8"
                    + " text (" + cause.getClass().getSimpleName() + "); save it as CSV UTF-8");
        } finally {
            if (rejectsTmp != null) {
                try {
                    Files.deleteIfExists(rejectsTmp);
                } catch (IOException ignored) {
                    // a hidden temporary file is all that can be left
                }
            }
        }
    }

    private static void put(java.util.concurrent.BlockingQueue<List<FleetCsv.Line>> q, List<FleetCsv.Line> lines) {
        try {
            q.put(lines);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeviceException(DeviceException.Code.IO, "import interrupted");
        }
    }

    private static DeviceException refused(Path file, List<FleetCsv.Problem> problems, long count, long rows) {
        String list = problems.stream().map(p -> file + ": " + p).collect(Collectors.joining("\n"));
        return new DeviceException(DeviceException.Code.IMPORT_REFUSED, list + "\n" + file + ": " + count
                + " problem(s) in " + rows + " row(s)" + (count > problems.size() ? " (first " + problems.size()
                + " shown)" : "") + "; nothing imported (fix them, or use {skip-invalid} {rejects} FILE)");
    }

    /** Writes every meter in device order to {@code file} (CSV, all columns); returns how many. */
    public long export(Path file, Actor actor) {
        return export(file, actor, null);
    }

    /**
     * The same, with {@code marking} as a '#' comment line above the header (a rehearsal's export
     * says REHEARSAL; import skips such lines).
     */
    public long export(Path file, Actor actor, String marking) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "export file " + file
                    + ": its directory does not exist");
        }
        long[] n = {0};
        try {
            Path tmp = Files.createTempFile(dir, ".export", ".csv");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                var sink = FleetCsv.writer(w, marking);
                Instant at = clock.instant();
                meters.forEach(db.get().jdbc(), m -> {
                    sink.accept(FleetRepository.record(m.settled(at)));
                    n[0]++;
                });
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Code.IO, "export file " + file + " cannot be written: "
                    + e.getMessage());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        db.get().write(jdbc -> audit.append(jdbc, new AuditEntry(now, actor.eventId(), actor.name(), actor.party(),
                actor.role(), "fleet.export", file.getFileName().toString(), null, String.valueOf(n[0]), null, null,
                null, json(Map.of("file", file.toAbsolutePath().toString(), "meters", n[0])))));
        return n[0];
    }

    /** The first {@code limit} meter ids (for tab completion). */
    public List<org.solrtoolkit.pki.Eui64> ids(int limit) {
        return meters.ids(db.get().jdbc(), limit);
    }

    public long count() {
        return meters.count(db.get().jdbc());
    }

    /** Rejected rows as CSV: the row's values, its line and its reasons. */
    private static final class RejectsWriter implements AutoCloseable {
        private final BufferedWriter out;
        private CSVPrinter printer;

        RejectsWriter(Path file) throws IOException {
            this.out = file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }

        synchronized void write(FleetCsv.Rejected r) {
            print(r.line(), new ArrayList<>(FleetCsv.COLUMNS.stream().map(c -> r.values().getOrDefault(c, "")).toList()),
                    r.problems());
        }

        synchronized void write(long line, MeterRecord m, List<FleetCsv.Problem> problems) {
            print(line, FleetCsv.values(m), problems);
        }

        private void print(long line, List<String> values, List<FleetCsv.Problem> problems) {
            if (out == null) {
                return;
            }
            try {
                if (printer == null) {
                    List<String> header = new ArrayList<>(FleetCsv.COLUMNS);
                    header.add("line");
                    header.add("reasons");
                    printer = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new))
                            .get());
                }
                List<String> row = new ArrayList<>(values);
                while (row.size() < FleetCsv.COLUMNS.size()) {
                    row.add("");
                }
                row.add(String.valueOf(line));
                row.add(problems.stream().map(p -> (p.column() == null ? "" : p.column() + ": ") + p.reason())
                        .collect(Collectors.joining("; ")));
                printer.printRecord(row);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (printer != null) {
                printer.flush();
            }
            if (out != null) {
                out.close();
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
