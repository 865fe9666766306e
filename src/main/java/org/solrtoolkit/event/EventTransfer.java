package org.solrtoolkit.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.solrtoolkit.Json;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.audit.AuditVerification;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TableCopy;

/**
 * {@code event export} / {@code event import} (issue 18): an event database moved whole, from a
 * laptop's SQLite file to the server (or back), its audit chain row for row so that it verifies as
 * it did, and everything the events hold (checklists, SMKI records, fleet, campaigns, rehearsal).
 * The file is a ZIP: {@code manifest.json} (format, schema version, row counts, the chain's head, the
 * SHA-256 of each entry) and one JSON-lines entry per table. An import goes into a database with no
 * event and no audit row yet, in one transaction: a file whose entries do not match the manifest, or
 * whose chain does not verify once loaded, writes nothing.
 */
public final class EventTransfer {

    static final String FORMAT = "solr-toolkit-event-export";

    /** What an export or import moved. */
    public record Moved(Path file, List<String> events, Map<String, Long> rows, String auditHead) {
    }

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;

    public EventTransfer(Supplier<Database> db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** The same, on another database (the target of {@code event export --to}). */
    public EventTransfer on(Supplier<Database> other) {
        return new EventTransfer(other, audit, clock);
    }

    /**
     * Writes the database's events and records to {@code file} (a new file).
     *
     * @throws EventException BAD_INPUT for an existing file or no events; IO when it cannot be written
     */
    public Moved export(Path file, Actor actor) {
        if (Files.exists(file)) {
            throw new EventException(EventException.Code.BAD_INPUT, "{file} " + file + " exists; export to a new file");
        }
        Database d = db.get();
        List<String> events = new EventRepository().list(d.jdbc()).stream().map(Event::id).toList();
        if (events.isEmpty()) {
            throw new EventException(EventException.Code.BAD_INPUT, "database " + d.name() + " holds no event to export");
        }
        AuditVerification chain = audit.verify(d.jdbc());
        Path dir = file.toAbsolutePath().getParent();
        Map<String, Long> rows = new LinkedHashMap<>();
        ObjectNode sums = Json.mapper().createObjectNode();
        try {
            Path tmp = Files.createTempFile(dir, ".export", ".tmp");
            try (OutputStream raw = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(raw)) {
                for (String table : TableCopy.tables(d.jdbc())) {
                    zip.putNextEntry(new ZipEntry(table + ".jsonl"));
                    MessageDigest sha = sha256();
                    DigestOutputStream out = new DigestOutputStream(new NonClosing(zip), sha);
                    rows.put(table, TableCopy.export(d.jdbc(), table, out));
                    out.flush();
                    zip.closeEntry();
                    sums.put(table, HexFormat.of().formatHex(sha.digest()));
                }
                ObjectNode m = Json.mapper().createObjectNode();
                m.put("format", FORMAT);
                m.put("schema_version", Database.schemaVersion());
                m.put("source", d.name());
                m.put("exported_at", clock.instant().toString());
                m.set("events", Json.mapper().valueToTree(events));
                m.put("audit_head", chain.headHash());
                m.put("audit_rows", chain.rowsChecked());
                m.set("rows", Json.mapper().valueToTree(rows));
                m.set("sha256", sums);
                zip.putNextEntry(new ZipEntry("manifest.json"));
                zip.write(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
                zip.closeEntry();
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EventException(EventException.Code.BAD_INPUT, "{file} " + file + " cannot be written: " + e.getMessage());
        }
        return new Moved(file, events, rows, chain.headHash());
    }

    /**
     * Loads an export into this database, which must hold no event and no audit row yet; on a server
     * only its owner (the event administrator) may.
     *
     * @throws EventException BAD_INPUT naming what is wrong with the file or the target; nothing is written
     */
    public Moved importFile(Path file, Actor actor) {
        Database d = db.get();
        if (!Files.isRegularFile(file)) {
            throw new EventException(EventException.Code.BAD_INPUT, "{file} " + file + " does not exist");
        }
        if (!new EventRepository().list(d.jdbc()).isEmpty() || audit.verify(d.jdbc()).rowsChecked() > 0) {
            throw new EventException(EventException.Code.BAD_INPUT, "database " + d.name() + " already holds events or"
                    + " audit rows; an export is imported into a new database, so its audit chain is copied row for row");
        }
        if (!d.isOwner()) {
            throw new EventException(EventException.Code.NOT_ADMINISTRATOR, "only the event administrator (the"
                    + " database's owner) imports an event into a server database");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            JsonNode m = manifest(zip, file);
            for (var it = m.path("sha256").fields(); it.hasNext();) {
                var e = it.next();
                ZipEntry entry = zip.getEntry(e.getKey() + ".jsonl");
                if (entry == null || !sha256Of(zip, entry).equals(e.getValue().asText())) {
                    throw new EventException(EventException.Code.BAD_INPUT, "{file} " + file + ": entry " + e.getKey()
                            + ".jsonl does not match its manifest (damaged or edited); nothing imported");
                }
            }
            Instant now = clock.instant();
            Map<String, Long> rows = new LinkedHashMap<>();
            AuditVerification chain = d.write(jdbc -> {
                try {
                    for (String table : TableCopy.tables(jdbc)) {
                        ZipEntry entry = zip.getEntry(table + ".jsonl");
                        if (entry != null) {
                            try (InputStream in = zip.getInputStream(entry)) {
                                rows.put(table, TableCopy.load(jdbc, table, in));
                            }
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                TableCopy.advanceIdentities(jdbc);
                AuditVerification v = audit.verify(jdbc);
                if (!v.ok() || !v.headHash().equals(m.path("audit_head").asText())) {
                    throw new EventException(EventException.Code.BAD_INPUT, "{file} " + file + ": its audit chain does"
                            + " not verify (" + (v.ok() ? "its head is not the one exported" : v.problem())
                            + "); nothing imported");
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("file", file.getFileName().toString());
                detail.put("source", m.path("source").asText());
                detail.put("exported_at", m.path("exported_at").asText());
                detail.put("audit_head", v.headHash());
                detail.put("rows", rows);
                audit.append(jdbc, AuditEntry.of(now, actor, "event.import", file.getFileName().toString(), null,
                        String.valueOf(rows.values().stream().mapToLong(Long::longValue).sum()), detail));
                return v;
            });
            return new Moved(file, Json.mapper().convertValue(m.path("events"), List.class), rows, chain.headHash());
        } catch (IOException e) {
            throw new EventException(EventException.Code.BAD_INPUT, "{file} " + file + " is not an event export ("
                    + e.getMessage() + ")");
        } catch (java.io.UncheckedIOException e) {
            throw new EventException(EventException.Code.BAD_INPUT, "{file} " + file + " cannot be read: "
                    + e.getCause().getMessage() + "; nothing imported");
        }
    }

    private static JsonNode manifest(ZipFile zip, Path file) throws IOException {
        ZipEntry e = zip.getEntry("manifest.json");
        if (e == null) {
            throw new EventException(EventException.Code.BAD_INPUT, "{file} " + file + " has no manifest.json: not an"
                    + " event export");
        }
        JsonNode m;
        try (InputStream in = zip.getInputStream(e)) {
            m = Json.mapper().readTree(in);
        }
        if (!FORMAT.equals(m.path("format").asText())) {
            throw new EventException(EventException.Code.BAD_INPUT, "{file} " + file + " is not an event export");
        }
        if (m.path("schema_version").asInt() != Database.schemaVersion()) {
            throw new EventException(EventException.Code.BAD_INPUT, "{file} " + file + " was exported at schema version "
                    + m.path("schema_version").asInt() + ", this toolkit is at " + Database.schemaVersion()
                    + "; import it with the version that exported it");
        }
        return m;
    }

    private static String sha256Of(ZipFile zip, ZipEntry entry) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] buf = new byte[65_536];
            for (int n; (n = in.read(buf)) > 0;) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ZIP stream stays open across entries. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
