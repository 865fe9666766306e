package org.solrtoolkit.report;

import org.solrtoolkit.migration.CampaignRoute;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.audit.AuditRecord;
import org.solrtoolkit.audit.AuditVerification;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.StepStatus;
import org.solrtoolkit.event.StepView;
import org.solrtoolkit.migration.CampaignService;
import org.solrtoolkit.pki.CertificateRecord;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.store.Database;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The event report for the SMKI PMA and for trainers: one self-contained HTML page (inline CSS and
 * SVG, no script, no external file: it opens offline), CSV files of the steps, the audit log, the
 * campaign's outcomes per meter and the certificates, and {@code MANIFEST.sha256} in the format
 * {@code sha256sum -c} reads. A rehearsal's report says REHEARSAL on every page. A broken audit
 * chain is stated on the first page; the report is still written.
 */
public final class ReportService {

    static final String MANIFEST = "MANIFEST.sha256";
    private static final CSVFormat CSV = CSVFormat.RFC4180;

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final ChecklistService checklist;
    private final CampaignService campaigns;
    private final PkiService pki;
    private final Clock clock;

    public ReportService(Supplier<Database> db, AuditLog audit, ChecklistService checklist, CampaignService campaigns,
            PkiService pki, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.checklist = checklist;
        this.campaigns = campaigns;
        this.pki = pki;
        this.clock = clock;
    }

    /** What was written, and what the audit chain check found. */
    public record Written(Path dir, List<Path> files, AuditVerification chain, boolean rehearsal) {
    }

    /**
     * Writes the report of {@code event} into {@code out}.
     *
     * @param force write into a folder that is not empty (files of the same name are replaced)
     * @throws ReportException NOT_EMPTY for a folder with files in it (without force); UNWRITABLE for
     *     a folder that cannot be made or written (nothing is written in either case)
     */
    public Written write(Event event, Path out, boolean force, Actor actor) {
        Path dir = out.toAbsolutePath().normalize();
        checkDirectory(out, dir, force);
        NamedParameterJdbcTemplate jdbc = db.get().jdbc();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        AuditVerification chain = audit.verify(jdbc);
        List<StepView> steps = checklist.steps(event);
        Map<String, Instant> started = audit.firstTimes(jdbc, event.id(), List.of("step.start", "step.start.override"));
        List<AuditRecord> rows = audit.list(jdbc, event.id(), null);
        List<CertificateRecord> certificates = pki.initialised() ? pki.list(null) : List.of();
        List<Path> files = new ArrayList<>();
        // a rehearsal's trainer sees what each simulated meter said; a live event has only the DCC's words
        List<CampaignService.Failure> trainer = event.isRehearsal() && campaigns.status(event).isPresent()
                ? campaigns.failures(event) : List.of();
        try {
            files.add(writeSteps(dir.resolve("steps.csv"), event, steps, started));
            files.add(writeAudit(dir.resolve("audit.csv"), event, rows));
            files.add(writeCampaign(dir.resolve("campaign.csv"), event));
            files.add(writeCertificates(dir.resolve("certificates.csv"), event, certificates));
            String html = new ReportPage(event, now, chain, steps, started, rows, certificates,
                    campaignStates(event), new FleetChart(db, campaigns).series(event), campaigns.outcomeCodes(event), campaigns.duisExchange(event), files.stream()
                            .map(p -> p.getFileName().toString()).toList(), trainer).html();
            Path index = dir.resolve("index.html");
            Files.writeString(index, html, StandardCharsets.UTF_8);
            files.add(0, index);
            Path manifest = dir.resolve(MANIFEST);
            StringBuilder m = new StringBuilder();
            for (Path f : files) {
                m.append(sha256(f)).append("  ").append(f.getFileName()).append('\n');
            }
            Files.writeString(manifest, m.toString(), StandardCharsets.US_ASCII);
            files.add(manifest);
        } catch (IOException e) {
            throw new ReportException(ReportException.Code.UNWRITABLE, "report folder " + out + " cannot be written ("
                    + e.getClass().getSimpleName() + " " + e.getMessage() + "); choose a folder you can write to");
        }
        if (chain.ok() && !db.get().isReadOnly()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("dir", dir.toString());
            detail.put("files", files.stream().map(p -> p.getFileName().toString()).toList());
            detail.put("audit_head", chain.headHash());
            try {
                detail.put("manifest_sha256", sha256(dir.resolve(MANIFEST)));
            } catch (IOException e) {
                throw new ReportException(ReportException.Code.UNWRITABLE, "report folder " + out + ": " + e.getMessage());
            }
            db.get().write(w -> audit.append(w, AuditEntry.of(now, actor, "report.event", event.id(), null,
                    dir.getFileName().toString(), detail)));
        }
        return new Written(dir, files, chain, event.isRehearsal());
    }

    private static void checkDirectory(Path out, Path dir, boolean force) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new ReportException(ReportException.Code.UNWRITABLE, "{out} " + out + " is a file, not a folder;"
                    + " give a new or empty folder");
        }
        if (Files.isDirectory(dir)) {
            try (var list = Files.list(dir)) {
                if (list.findAny().isPresent() && !force) {
                    throw new ReportException(ReportException.Code.NOT_EMPTY, "{out} " + out + " exists and is not"
                            + " empty; give a new or empty folder, or add {force} to replace the report's files in it");
                }
            } catch (IOException e) {
                throw new ReportException(ReportException.Code.UNWRITABLE, "{out} " + out + " cannot be read ("
                        + e.getMessage() + "); choose a folder you can write to");
            }
            if (!Files.isWritable(dir)) {
                throw new ReportException(ReportException.Code.UNWRITABLE, "{out} " + out + " is not writable;"
                        + " choose a folder you can write to");
            }
            return;
        }
        try {
            Files.createDirectories(dir);
        } catch (AccessDeniedException e) {
            throw new ReportException(ReportException.Code.UNWRITABLE, "{out} " + out + " cannot be created (permission"
                    + " denied on " + e.getFile() + "); choose a folder you can write to");
        } catch (IOException e) {
            throw new ReportException(ReportException.Code.UNWRITABLE, "{out} " + out + " cannot be created ("
                    + e.getClass().getSimpleName() + " " + e.getMessage() + "); choose a folder you can write to");
        }
    }

    /** Each campaign of the event (change of supplier, recovery, contingency route) by its label. */
    private Map<String, CampaignService.Status> campaignStates(Event event) {
        Map<String, CampaignService.Status> m = new LinkedHashMap<>();
        campaigns.status(event, CampaignRoute.CHANGE_OF_SUPPLIER).ifPresent(s -> m.put("change of supplier"
                + " (supplierByTransCoS)", s));
        campaigns.status(event, CampaignRoute.RECOVERY).ifPresent(s -> m.put("recovery"
                + " (anyExceptAbnormalRootByRecovery)", s));
        campaigns.status(event, CampaignRoute.CONTINGENCY).ifPresent(s -> m.put("contingency route, new Root"
                + " (anyByContingency)", s));
        return m;
    }


    // ---- CSV files (RFC 4180, header row: they open in a spreadsheet)

    private static Path writeSteps(Path f, Event e, List<StepView> steps, Map<String, Instant> started)
            throws IOException {
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8); CSVPrinter p = new CSVPrinter(w, CSV)) {
            mark(p, e);
            p.printRecord("step", "role", "phase", "title", "due", "due_at", "status", "started_at", "done_at", "late",
                    "overdue", "updated_by");
            for (StepView s : steps) {
                boolean done = s.status() == StepStatus.DONE;
                boolean late = done && s.dueAt().map(d -> s.updatedAt() != null && s.updatedAt().isAfter(d))
                        .orElse(false);
                p.printRecord(s.id(), s.role(), s.phase(), s.title(), s.due(), s.dueAt().map(Instant::toString)
                        .orElse(""), s.status(), Optional.ofNullable(started.get(s.id())).map(Instant::toString)
                                .orElse(""), done && s.updatedAt() != null ? s.updatedAt().toString() : "", late,
                        s.overdue(), s.updatedBy() == null ? "" : s.updatedBy());
            }
        }
        return f;
    }

    private static Path writeAudit(Path f, Event e, List<AuditRecord> rows) throws IOException {
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8); CSVPrinter p = new CSVPrinter(w, CSV)) {
            mark(p, e);
            p.printRecord("seq", "at", "actor", "party", "role", "action", "subject", "before", "after", "note",
                    "reason", "evidence_sha256", "detail", "prev_hash", "hash");
            for (AuditRecord r : rows) {
                AuditEntry a = r.entry();
                p.printRecord(r.seq(), r.at(), a.actor(), a.party(), a.role(), a.action(), a.subject(), a.before(),
                        a.after(), a.note(), a.reason(), a.evidenceSha256(), a.detail(), r.prevHash(), r.hash());
            }
        }
        return f;
    }

    private Path writeCampaign(Path f, Event e) throws IOException {
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8); CSVPrinter p = new CSVPrinter(w, CSV)) {
            mark(p, e);
            p.printRecord("device_id", "priority_group", "state", "attempts", "status_code", "detail", "updated_at");
            IOException[] failed = {null};
            campaigns.forEachItem(e, i -> {
                if (failed[0] != null) {
                    return;
                }
                try {
                    p.printRecord(new Eui64(i.deviceId()), i.group(), i.state(), i.attempts(),
                            i.statusCode() == null ? "" : i.statusCode(), i.detail(),
                            i.updatedAt().map(Instant::toString).orElse(""));
                } catch (IOException ex) {
                    failed[0] = ex;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        }
        return f;
    }

    private static Path writeCertificates(Path f, Event e, List<CertificateRecord> certificates) throws IOException {
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8); CSVPrinter p = new CSVPrinter(w, CSV)) {
            mark(p, e);
            p.printRecord("serial", "kind", "party", "alias", "role", "key_usage", "cell_usage", "eui", "subject",
                    "issuer", "not_before", "not_after", "status", "revoked_at", "revocation_reason");
            for (CertificateRecord c : certificates) {
                p.printRecord(c.serial(), c.kind(), c.party().orElse(""), c.alias().orElse(""), c.role().map(r ->
                        r.code() + " " + r).orElse(""), c.keyUsage().map(Enum::name).orElse(""), c.cellUsage()
                                .map(Enum::name).orElse(""), c.eui().map(Eui64::toString).orElse(""),
                        c.certificate().getSubject(), c.certificate().getIssuer(), c.certificate().getNotBefore()
                                .toInstant(), c.certificate().getNotAfter().toInstant(), c.status(), c.revokedAt()
                                        .map(Instant::toString).orElse(""), c.revocationReason().orElse(""));
            }
        }
        return f;
    }

    /** A rehearsal's CSV says so on its first line (a spreadsheet shows it as the first row). */
    private static void mark(CSVPrinter p, Event e) throws IOException {
        if (e.isRehearsal()) {
            p.printRecord("REHEARSAL " + e.id() + ": simulated event, not a live one");
        }
    }

    static String sha256(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
