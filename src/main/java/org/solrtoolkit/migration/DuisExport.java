package org.solrtoolkit.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.Cs02bCommand;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.pki.Crypto;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.Keystores;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiException;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.wire.CoSRequest;
import org.solrtoolkit.wire.RequestId;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * {@code campaign export-duis} (issue 16; domain.md section 6): one signed DUIS SRV 6.23 request per
 * meter not yet applied, in the campaign's priority order, for the SoLR's DCC adapter. Each carries
 * the SoLR's three Supplier certificates, the Issuing OCA as the certification path, the floors the
 * SoLR chose, the meter's MPxN as ImportMPxN, and a RequestID {@code SoLR EUI:device EUI:counter}
 * whose counter is strictly increasing per pair and persisted ({@code duis_counter}): never handed
 * out twice, even after a crash or a second export. It is signed with the SoLR's DUIS XML-signing
 * key ({@code xml-sign}). Batch by batch, the files are written, then their requests recorded, the
 * items marked SENT and one audit row committed together; a manifest (RequestID, device, MPxN,
 * file, SHA-256) lists what each committed batch wrote.
 */
public final class DuisExport {

    static final int BATCH = 1_000;

    /** What to export: where, how many (0: all), the floors, an optional execution time. */
    public record Options(Path out, long limit, long supplierFloor, OptionalLong topUpFloor, Optional<Instant> executeAt) {
    }

    /** What was exported. */
    public record Result(long campaignId, long requests, Path manifest, Optional<String> first, Optional<String> last) {
    }

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final PkiService pki;
    private final MeterStore meters;
    private final CampaignRepository campaigns;

    DuisExport(Supplier<Database> db, AuditLog audit, PkiService pki, MeterStore meters, CampaignRepository campaigns) {
        this.db = db;
        this.audit = audit;
        this.pki = pki;
        this.meters = meters;
        this.campaigns = campaigns;
    }

    /** Checks what it can before writing anything, then exports under the campaign lock. */
    Result export(Event event, String solr, Options o, char[] password, Actor actor, Instant now) {
        Path parent = o.out().toAbsolutePath().getParent();
        if (Files.exists(o.out()) ? !Files.isDirectory(o.out()) : parent == null || !Files.isDirectory(parent)) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "{out} " + o.out() + " is not a directory,"
                    + " nor one that can be made here; give a folder for the requests");
        }
        CertificateGate gate = new CertificateGate(pki);
        List<Cs02bCommand.Replacement> replacements = gate.replacements(solr, CampaignRoute.CHANGE_OF_SUPPLIER, now);
        DuisUsers xml = DuisUsers.of(pki, solr, password);
        try (CampaignLock lock = CampaignLock.acquire(db.get())) {
            long campaignId = new CampaignPlanner(db, audit, meters, campaigns).campaignFor(event,
                    CampaignRoute.CHANGE_OF_SUPPLIER, solr, now, actor);
            Files.createDirectories(o.out());
            return export(campaignId, solr, o, replacements, gate.issuingOca(), xml, actor, now);
        } catch (IOException e) {
            throw new CampaignException(CampaignException.Code.IO, "{out} " + o.out() + " cannot be made: "
                    + e.getMessage());
        }
    }

    /** The SoLR's DUIS XML-signing key, or NO_XML_SIGNING_KEY saying how to get one. */
    static Keystores.Entry xmlSigningKey(PkiService pki, String solr, char[] password) {
        try {
            return pki.partyKey(solr, "xml-sign", password);
        } catch (PkiException e) {
            if (e.errorCode() != PkiException.Code.KEYSTORE_ALIAS && e.errorCode() != PkiException.Code.UNKNOWN_PARTY) {
                throw e;
            }
            throw new CampaignException(CampaignException.Code.NO_XML_SIGNING_KEY, "the SoLR '" + solr + "' has no DUIS"
                    + " XML-signing key (xml-sign): 'pki init' issues one to every party; nothing was exported");
        }
    }

    private Result export(long campaignId, String solr, Options o, List<Cs02bCommand.Replacement> replacements,
            X509CertificateHolder issuingOca, DuisUsers xml, Actor actor, Instant now) {
        Map<TrustAnchorCell, X509CertificateHolder> certs = new LinkedHashMap<>();
        replacements.forEach(r -> certs.put(r.cell(), r.certificate()));
        Path manifest = o.out().resolve("manifest.csv");
        long done = 0;
        Optional<String> first = Optional.empty();
        Optional<String> last = Optional.empty();
        int grp = 0;
        long after = Long.MIN_VALUE;
        while (o.limit() == 0 || done < o.limit()) {
            int n = (int) Math.min(BATCH, o.limit() == 0 ? BATCH : o.limit() - done);
            List<CampaignRepository.Item> items = campaigns.next(db.get().jdbc(), campaignId,
                    CampaignRepository.Pass.PENDING, Integer.MAX_VALUE, grp, after, n);
            if (items.isEmpty()) {
                break;
            }
            grp = items.get(items.size() - 1).grp();
            after = items.get(items.size() - 1).deviceId();
            List<String> lines = batch(campaignId, items, o, certs, issuingOca, xml, actor, now);
            appendManifest(manifest, lines);
            if (first.isEmpty()) {
                first = Optional.of(lines.get(0).split(",", 2)[0]);
            }
            last = Optional.of(lines.get(lines.size() - 1).split(",", 2)[0]);
            done += items.size();
        }
        return new Result(campaignId, done, manifest, first, last);
    }

    /** One batch: files written, then requests, SENT items, counters and the audit row in one transaction. */
    private List<String> batch(long campaignId, List<CampaignRepository.Item> items, Options o,
            Map<TrustAnchorCell, X509CertificateHolder> certs, X509CertificateHolder oca, DuisUsers users,
            Actor actor, Instant now) {
        Map<Long, StoredMeter> byId = new LinkedHashMap<>();
        meters.find(db.get().jdbc(), items.stream().map(CampaignRepository.Item::deviceId).toList())
                .forEach(m -> byId.put(m.id().value(), m));
        List<Path> written = new ArrayList<>();
        try {
            return db.get().write(jdbc -> {
                List<String> lines = new ArrayList<>();
                for (CampaignRepository.Item it : items) {
                    StoredMeter m = byId.get(it.deviceId());
                    DuisUsers.User user = users.forFuel(m.mpxn().fuel()); // a gas meter under the gas user id
                    Eui64 solr = user.eui();
                    long counter = jdbc.queryForObject("INSERT INTO duis_counter (originator, target, counter) VALUES"
                            + " (:o, :t, 1) ON CONFLICT (originator, target) DO UPDATE SET counter = duis_counter.counter + 1"
                            + " RETURNING counter", Map.of("o", solr.toString(), "t", m.id().toString()), Long.class);
                    RequestId id = new RequestId(solr, m.id(), counter);
                    String mpxn = m.mpxn().value();
                    byte[] request = new CoSRequest(id, o.executeAt(), o.supplierFloor(), o.topUpFloor(),
                            certs.get(TrustAnchorCell.SUPPLIER_DS), Optional.ofNullable(certs.get(TrustAnchorCell.SUPPLIER_KA)),
                            Optional.ofNullable(certs.get(TrustAnchorCell.SUPPLIER_KA_TOPUP)), List.of(oca), true, mpxn)
                            .signed(user.key().key(), user.key().chain().get(0));
                    String name = id.toString().replace(':', '_') + ".xml";
                    Path file = o.out().resolve(name);
                    write(file, request);
                    written.add(file);
                    String sha = HexFormat.of().formatHex(Crypto.sha256(request));
                    jdbc.update("INSERT INTO duis_request (request_id, campaign_id, device_id, counter, mpxn, file, sha256,"
                            + " sent_at) VALUES (:r, :c, :d, :n, :m, :f, :s, :t)", new MapSqlParameterSource("r",
                                    id.toString()).addValue("c", campaignId)
                            .addValue("d", m.id().value()).addValue("n", counter).addValue("m", mpxn)
                            .addValue("f", name).addValue("s", sha).addValue("t", now.toEpochMilli()));
                    jdbc.update("UPDATE campaign_item SET state = 'SENT', attempts = attempts + 1, updated_at = :t"
                            + " WHERE campaign_id = :c AND device_id = :d", Map.of("t", now.toEpochMilli(), "c",
                                    campaignId, "d", m.id().value()));
                    lines.add(csv(id.toString(), m.id().toString(), mpxn, name, sha));
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("campaign", campaignId);
                detail.put("requests", items.size());
                detail.put("first", lines.get(0).split(",", 2)[0]);
                detail.put("last", lines.get(lines.size() - 1).split(",", 2)[0]);
                detail.put("out", o.out().toString());
                audit.append(jdbc, AuditEntry.of(now, actor, "campaign.export-duis", "campaign " + campaignId, null,
                        String.valueOf(items.size()), detail));
                return lines;
            });
        } catch (RuntimeException e) {
            written.forEach(DuisExport::deleteQuietly); // a batch that did not commit leaves no files
            throw e;
        }
    }

    static void write(Path file, byte[] content) {
        try {
            Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CampaignException(CampaignException.Code.IO, "{out} " + file + " cannot be written: "
                    + e.getMessage());
        }
    }

    static void appendManifest(Path manifest, List<String> lines) {
        try {
            boolean fresh = !Files.exists(manifest);
            StringBuilder sb = new StringBuilder();
            if (fresh) {
                sb.append(csv("request_id", "device", "mpxn", "file", "sha256"));
            }
            lines.forEach(sb::append);
            Files.writeString(manifest, sb, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new CampaignException(CampaignException.Code.IO, "{out} " + manifest + " cannot be written: "
                    + e.getMessage());
        }
    }

    static String csv(String... values) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, CSVFormat.RFC4180)) {
            p.printRecord((Object[]) values);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return sb.toString();
    }

    static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a file that cannot go is listed in no manifest and recorded nowhere
        }
    }
}
