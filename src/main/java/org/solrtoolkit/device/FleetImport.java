package org.solrtoolkit.device;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
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
import java.util.HashMap;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.store.Database;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code fleet import}: one thread parses and checks the CSV's rows ({@link FleetCsv}) while the
 * thread holding the database transaction inserts them in batches with their commissioned cells,
 * so memory stays flat and a crash leaves all of the file or none of it. Atomic by default (any bad
 * row and nothing is imported); with skip-invalid the valid rows go in and the rejected ones go to
 * a rejects file with their reasons ({@link RejectsWriter}). The file's SHA-256 is audited.
 */
final class FleetImport {

    private static final int BATCH = 5_000;

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    private final FleetRepository meters;
    private final Commissioning commissioning;

    FleetImport(Supplier<Database> db, AuditLog audit, Clock clock, FleetRepository meters,
            Commissioning commissioning) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.meters = meters;
        this.commissioning = commissioning;
    }

    FleetService.ImportResult run(Path file, boolean skipInvalid, Path rejectsFile, Actor actor) {
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
            FleetService.ImportResult result = db.get().write(jdbc -> {
                MessageDigest sha = sha256();
                try (InputStream raw = Files.newInputStream(file);
                        Reader in = new InputStreamReader(new DigestInputStream(raw, sha), StandardCharsets.UTF_8
                                .newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT));
                        RejectsWriter rejects = new RejectsWriter(tmp)) {
                    Inserter inserter = new Inserter(jdbc, now, rejects);
                    FleetCsv.Result r = readInBatches(in, file, rejects, inserter::insert);
                    return finish(jdbc, file, r, inserter, sha, skipInvalid, rejectsFile, actor, now);
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

    /**
     * Parses {@code in} on a reader thread, handing each batch of valid lines to {@code sink} on
     * this thread (which holds the transaction); rejected rows go to {@code rejects}.
     */
    private static FleetCsv.Result readInBatches(Reader in, Path file, RejectsWriter rejects,
            Consumer<List<FleetCsv.Line>> sink) {
        BlockingQueue<List<FleetCsv.Line>> queue = new ArrayBlockingQueue<>(8);
        List<FleetCsv.Line> end = List.of();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Future<FleetCsv.Result> parsed = reader.submit(() -> {
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
        try {
            for (List<FleetCsv.Line> lines = queue.take(); lines != end; lines = queue.take()) {
                sink.accept(lines);
            }
            return parsed.get();
        } catch (InterruptedException e) {
            throw new DeviceException(DeviceException.Code.CANCELLED, "fleet import cancelled (Ctrl-C): nothing"
                    + " imported (the import is one transaction); run it again");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        } finally {
            parsed.cancel(true);
            reader.shutdownNow();
        }
    }

    /** Inserts valid lines with their commissioned cells; a device already in the database is a problem. */
    private final class Inserter {
        private final NamedParameterJdbcTemplate jdbc;
        private final Instant now;
        private final RejectsWriter rejects;
        private final boolean fleetExists;
        private final Map<String, Optional<Long>> cellSets = new HashMap<>();
        private final List<FleetCsv.Problem> problems = new ArrayList<>();
        private long alreadyThere;

        Inserter(NamedParameterJdbcTemplate jdbc, Instant now, RejectsWriter rejects) {
            this.jdbc = jdbc;
            this.now = now;
            this.rejects = rejects;
            this.fleetExists = meters.count(jdbc) > 0;
        }

        void insert(List<FleetCsv.Line> lines) {
            List<FleetRepository.NewMeter> batch = new ArrayList<>(lines.size());
            for (FleetCsv.Line line : lines) {
                MeterRecord m = line.meter();
                if (fleetExists && meters.exists(jdbc, m.deviceId())) {
                    FleetCsv.Problem p = new FleetCsv.Problem(line.line(), "device_id", "device " + m.deviceId()
                            + " is already in the database");
                    alreadyThere++;
                    if (problems.size() < FleetCsv.MAX_PROBLEMS) {
                        problems.add(p);
                    }
                    rejects.write(line.line(), m, List.of(p));
                } else {
                    Long set = cellSets.computeIfAbsent(m.type() + "|" + m.supplier().toLowerCase(Locale.ROOT),
                            k -> commissioning.cells(m.type(), m.supplier()).map(cells -> meters.cellSet(jdbc, cells)))
                            .orElse(null);
                    batch.add(new FleetRepository.NewMeter(m, now, set));
                }
            }
            if (!batch.isEmpty()) {
                meters.insert(jdbc, batch);
            }
        }
    }

    /** Refuses the whole file for any problem unless skipping; otherwise audits the import. */
    private FleetService.ImportResult finish(NamedParameterJdbcTemplate jdbc, Path file, FleetCsv.Result r,
            Inserter inserter, MessageDigest sha, boolean skipInvalid, Path rejectsFile, Actor actor, Instant now) {
        List<FleetCsv.Problem> problems = new ArrayList<>(r.problems());
        problems.addAll(inserter.problems);
        problems.sort(Comparator.comparingLong(FleetCsv.Problem::line));
        long problemCount = r.problemCount() + inserter.alreadyThere;
        long rejectedRows = r.rejectedRows() + inserter.alreadyThere;
        long imported = r.rows() - inserter.alreadyThere;
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
                (String) detail.get("sha256"), FleetService.json(detail)));
        return new FleetService.ImportResult(imported, rejectedRows, problems, problemCount,
                Optional.ofNullable(rejectsFile));
    }

    private static void put(BlockingQueue<List<FleetCsv.Line>> q, List<FleetCsv.Line> lines) {
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

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
