package org.solrtoolkit.device;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.solrtoolkit.Json;
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
     * Imports {@code file} ({@link FleetImport}).
     *
     * @param rejectsFile where rejected rows go when {@code skipInvalid}; required then
     * @throws DeviceException IMPORT_REFUSED with every problem (nothing written) when a row is bad
     *     and {@code skipInvalid} is off; BAD_INPUT for a file that is not a usable CSV
     */
    public ImportResult importCsv(Path file, boolean skipInvalid, Path rejectsFile, Actor actor) {
        return new FleetImport(db, audit, clock, meters, commissioning).run(file, skipInvalid, rejectsFile, actor);
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
        long n;
        try {
            Path tmp = Files.createTempFile(dir, ".export", ".csv");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                n = write(w, marking);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Code.IO, "export file " + file + " cannot be written: "
                    + e.getMessage());
        }
        audited(actor, file.getFileName().toString(), file.toAbsolutePath().toString(), n);
        return n;
    }

    /** The same CSV written to {@code out} (standard output, for a pipe), audited as exported to {@code name}. */
    public long export(Writer out, String name, Actor actor, String marking) {
        long n;
        try {
            n = write(out, marking);
            out.flush();
        } catch (IOException e) {
            throw new DeviceException(DeviceException.Code.IO, "export to " + name + " failed: " + e.getMessage());
        }
        audited(actor, name, name, n);
        return n;
    }

    private long write(Writer w, String marking) {
        long[] n = {0};
        var sink = FleetCsvWriter.writer(w, marking);
        Instant at = clock.instant();
        meters.forEach(db.get().jdbc(), m -> {
            sink.accept(FleetRepository.record(m.settled(at)));
            n[0]++;
        });
        return n[0];
    }

    private void audited(Actor actor, String subject, String where, long n) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        db.get().write(jdbc -> audit.append(jdbc, new AuditEntry(now, actor.eventId(), actor.name(), actor.party(),
                actor.role(), "fleet.export", subject, null, String.valueOf(n), null, null, null, json(Map.of("file",
                        where, "meters", n)))));
    }

    /** The first {@code limit} meter ids (for tab completion). */
    public List<org.solrtoolkit.pki.Eui64> ids(int limit) {
        return meters.ids(db.get().jdbc(), limit);
    }

    public long count() {
        return meters.count(db.get().jdbc());
    }

    static String json(Object o) {
        try {
            return Json.mapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
