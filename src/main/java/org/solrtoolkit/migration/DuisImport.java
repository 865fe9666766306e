package org.solrtoolkit.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.pki.CertificateInspector;
import org.solrtoolkit.pki.CertificateKind;
import org.solrtoolkit.pki.Crypto;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.wire.DuisException;
import org.solrtoolkit.wire.DuisResponse;
import org.solrtoolkit.wire.DuisSignature;
import org.solrtoolkit.wire.ExecutionOutcome;
import org.solrtoolkit.wire.GbcsDecoder;
import org.solrtoolkit.wire.GbcsException;
import org.solrtoolkit.wire.GeneralSigning;
import org.solrtoolkit.wire.ReplacementOutcome;
import org.solrtoolkit.wire.UpdateSecurityCredentialsResponse;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * {@code campaign import-duis} (issue 16; domain.md section 6): what the SoLR's DCC adapter saved,
 * into the campaign's outcomes. Each file must be a DUIS response signed by the DCC's XML-signing
 * key and answer a request this database exported; an {@code I0} carries the device's GBCS
 * response, whose signature is checked with the device's DS key and whose per-cell statuses make the
 * item APPLIED, PARTIAL or FAILED (an acceptance alone, for a future-dated command, ACKNOWLEDGED);
 * {@code I99} is ACKNOWLEDGED, an {@code E} code REJECTED with it, a DCC alert UNREACHABLE, a device
 * alert 8F66 / 8F67 the future-dated command's outcome. Every file is checked before anything is
 * written: one that fails is named with its reason and nothing is imported (or, with skip-invalid,
 * the others are). A file already imported (same SHA-256) changes nothing; an item already settled
 * is not moved back.
 */
public final class DuisImport {

    /**
     * What was imported: new states by count, files already imported, files refused with their
     * reason, what the playbook's campaign steps did, and how many files were read in all.
     */
    public record Result(Map<ItemState, Long> states, long alreadyImported, List<String> refused, List<String> steps,
            long files) {
        Result withSteps(List<String> marked) {
            return new Result(states, alreadyImported, refused, List.copyOf(marked), files);
        }
    }

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final PkiService pki;

    public DuisImport(Supplier<Database> db, AuditLog audit, PkiService pki) {
        this.db = db;
        this.audit = audit;
        this.pki = pki;
    }

    /**
     * @param deviceKeys the DS public keys of a device: its DS Device Certificates recorded here, and
     *     in a simulated event the fleet's own
     */
    public Result importFiles(Event event, List<Path> inputs, boolean skipInvalid,
            Function<Eui64, List<PublicKey>> deviceKeys, Actor actor, Instant now) {
        Database d = db.get();
        d.requireWritable(); // before a million files are checked for nothing
        // the checks read per file (already imported? which request? which keys?), and the checked
        // files wait in a temporary table of this connection: on one connection
        return d.pinned(() -> {
            StagedResponses stage = new StagedResponses(d);
            try {
                return importPinned(event, inputs, skipInvalid, deviceKeys, actor, now, stage);
            } finally {
                stage.drop();
            }
        });
    }

    private Result importPinned(Event event, List<Path> inputs, boolean skipInvalid,
            Function<Eui64, List<PublicKey>> deviceKeys, Actor actor, Instant now, StagedResponses stage) {
        List<Path> files = ResponseFiles.expand(inputs);
        SignerCertificates signers = new SignerCertificates(pki);
        List<String> refused = new ArrayList<>();
        long already = 0;
        for (Path f : files) {
            try {
                Optional<StagedResponses.Checked> c = check(event, f, signers, deviceKeys, stage);
                if (c.isEmpty()) {
                    already++;
                } else {
                    stage.add(c.get());
                }
            } catch (DuisException | GbcsException | CampaignException e) {
                refused.add(f + ": " + e.getMessage());
            }
        }
        if (!refused.isEmpty() && !skipInvalid) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, refused.size() == 1 ? refused.get(0)
                    + "; nothing imported" : refused.size() + " of " + files.size() + " file(s) refused, nothing"
                            + " imported (give {skip-invalid} to import the others): " + String.join("; ", refused));
        }
        stage.flush();
        long checked = stage.size();
        Map<ItemState, Long> states = new EnumMap<>(ItemState.class);
        if (checked > 0) {
            db.get().write(jdbc -> {
                for (long at = 0; at < checked; at += StagedResponses.BATCH) {
                    List<StagedResponses.Checked> page = stage.page(jdbc, at);
                    MapSqlParameterSource[] items = new MapSqlParameterSource[page.size()];
                    for (int i = 0; i < items.length; i++) {
                        StagedResponses.Checked c = page.get(i);
                        items[i] = new MapSqlParameterSource("s", c.state().name()).addValue("code", c.statusCode())
                                .addValue("d", c.detail()).addValue("t", now.toEpochMilli())
                                .addValue("c", c.campaignId()).addValue("dev", c.deviceId());
                    }
                    // in the order checked, one statement each: a second answer for an item sees the first's state
                    int[] moved = jdbc.batchUpdate("UPDATE campaign_item SET state = :s, status_code = :code, detail"
                            + " = :d, updated_at = :t WHERE campaign_id = :c AND device_id = :dev AND state IN ('SENT',"
                            + " 'ACKNOWLEDGED')", items);
                    MapSqlParameterSource[] responses = new MapSqlParameterSource[page.size()];
                    for (int i = 0; i < responses.length; i++) {
                        StagedResponses.Checked c = page.get(i);
                        responses[i] = new MapSqlParameterSource("s", c.sha256()).addValue("r", c.requestId())
                                .addValue("k", c.kind()).addValue("code", c.code())
                                .addValue("o", moved[i] == 1 ? c.state().name() : "kept").addValue("f", c.file())
                                .addValue("t", now.toEpochMilli());
                        if (moved[i] == 1) {
                            states.merge(c.state(), 1L, Long::sum);
                        }
                    }
                    jdbc.batchUpdate("INSERT INTO duis_response (sha256, request_id, kind, code, outcome, file,"
                            + " imported_at) VALUES (:s, :r, :k, :code, :o, :f, :t)", responses);
                }
                Map<String, Object> detail = new LinkedHashMap<>();
                states.forEach((k, v) -> detail.put(k.name(), v));
                detail.put("files", checked);
                detail.put("refused", refused.size());
                audit.append(jdbc, AuditEntry.of(now, actor, "campaign.import-duis", "event " + event.id(), null,
                        String.valueOf(checked), detail));
                return null;
            });
        }
        return new Result(states, already, refused, List.of(), files.size());
    }

    /** The file checked; empty when it was imported before. */
    private Optional<StagedResponses.Checked> check(Event event, Path f, SignerCertificates signers,
            Function<Eui64, List<PublicKey>> deviceKeys, StagedResponses stage) {
        byte[] xml;
        try {
            xml = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new CampaignException(CampaignException.Code.IO, "cannot be read: " + e.getMessage());
        }
        String sha = HexFormat.of().formatHex(Crypto.sha256(xml));
        if (db.get().jdbc().queryForObject("SELECT count(*) FROM duis_response WHERE sha256 = :s", Map.of("s", sha),
                Integer.class) > 0 || stage.holds(sha)) {
            return Optional.empty();
        }
        String name = f.getFileName().toString();
        X509CertificateHolder[] signer = new X509CertificateHolder[1]; // the certificate the signature names, read once
        DuisResponse.Signed signed = DuisResponse.read(xml, name, s -> signers.find(s).map(c -> signer[0] = c));
        if (!signers.xmlSigning(signer[0])) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "signed by " + signed.signer()
                    + ", which is not an XML-signing certificate (the DCC signs DUIS responses with one)");
        }
        DuisResponse r = signed.response();
        List<Map<String, Object>> found = db.get().jdbc().queryForList("SELECT d.campaign_id, d.device_id, c.event_id"
                + " FROM duis_request d JOIN campaign c ON c.id = d.campaign_id WHERE d.request_id = :r",
                Map.of("r", r.requestId().toString()));
        if (found.isEmpty()) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "answers RequestID " + r.requestId()
                    + ", which this database never exported");
        }
        Map<String, Object> req = found.get(0);
        if (!event.id().equals(req.get("event_id"))) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "answers a request of event " + req.get("event_id")
                    + "'s campaign; the current event is " + event.id() + " ('event use' the other one)");
        }
        long campaignId = ((Number) req.get("campaign_id")).longValue();
        long deviceId = ((Number) req.get("device_id")).longValue();
        Verdict v = verdict(r, deviceKeys);
        return Optional.of(new StagedResponses.Checked(sha, r.requestId().toString(), r.kind().name(), r.alertCode().orElse(
                r.responseCode()), name, campaignId, deviceId, v.state(), v.code(), v.detail()));
    }

    /**
     * The certificates that sign the files of one import, each read and inspected once: a DCC adapter's
     * folder holds thousands of responses signed by one or two DCC XML-signing certificates.
     */
    static final class SignerCertificates {
        private final PkiService pki;
        private final Map<java.math.BigInteger, Optional<X509CertificateHolder>> bySerial = new HashMap<>();
        private final Map<X509CertificateHolder, Boolean> xmlSigning = new HashMap<>();

        SignerCertificates(PkiService pki) {
            this.pki = pki;
        }

        Optional<X509CertificateHolder> find(DuisSignature.Signer s) {
            return bySerial.computeIfAbsent(s.serial(), pki::certificateBySerial).filter(s::names);
        }

        boolean xmlSigning(X509CertificateHolder c) {
            return xmlSigning.computeIfAbsent(c, x -> new CertificateInspector().inspect(x).kind()
                    == CertificateKind.XML_SIGNING);
        }
    }

    /** What a response says of its meter, as the campaign records it: the item's state, status code and detail. */
    record Verdict(ItemState state, Integer code, String detail) {
    }

    /**
     * What a DUIS response whose XML signature has been checked says of its meter (domain.md section
     * 6): a DCC alert UNREACHABLE, {@code I99} ACKNOWLEDGED, an {@code E} code REJECTED, an {@code I0}
     * or device alert decided by the device's signed GBCS answer, its signature checked with the
     * device's DS keys. The same rules for files imported from a DCC adapter and for a campaign run
     * over the wire in memory ({@link WirePath}).
     *
     * @throws CampaignException BAD_INPUT for an answer that is not the device's or fails its signature
     * @throws org.solrtoolkit.wire.GbcsException for a malformed GBCS payload
     */
    static Verdict verdict(DuisResponse r, Function<Eui64, List<PublicKey>> deviceKeys) {
        return switch (r.kind()) {
            case DCC_ALERT -> new Verdict(ItemState.UNREACHABLE, null, "DCC alert " + r.alertCode().orElse(""));
            case PRE_COMMAND -> throw new CampaignException(CampaignException.Code.BAD_INPUT, "a pre-command for "
                    + r.serviceReferenceVariant().orElse("?") + " is not an answer to a 6.23 request");
            case DEVICE_ALERT -> device(r, deviceKeys, true);
            case RESPONSE -> r.responseCode().equals("I99") ? new Verdict(ItemState.ACKNOWLEDGED, null,
                    "I99 acknowledged by the DCC")
                    : r.responseCode().startsWith("E") ? new Verdict(ItemState.REJECTED, null, "rejected by the DCC: "
                            + r.responseCode())
                    : device(r, deviceKeys, false);
        };
    }

    /** An I0 response or a device alert: the device's signed GBCS answer decides the item's state. */
    private static Verdict device(DuisResponse r, Function<Eui64, List<PublicKey>> deviceKeys, boolean alert) {
        byte[] gbcs = r.gbcsPayload().orElseThrow(() -> new CampaignException(CampaignException.Code.BAD_INPUT,
                r.responseCode() + " without a GBCSPayload"));
        GeneralSigning g = GeneralSigning.decode(gbcs);
        Eui64 device = r.requestId().target();
        if (!g.originator().equals(device)) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "the GBCS response is from " + g.originator()
                    + ", the request was for " + device);
        }
        if (deviceKeys.apply(device).stream().noneMatch(g::verifies)) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "the device's signature on the GBCS response"
                    + " does not verify with " + device + "'s DS key");
        }
        Optional<ExecutionOutcome> outcome = alert
                ? Optional.of(UpdateSecurityCredentialsResponse.Alert.decode(g.payload()).outcome())
                : UpdateSecurityCredentialsResponse.decode(g.payload());
        if (outcome.isEmpty()) {
            return new Verdict(ItemState.ACKNOWLEDGED, null,
                    "accepted for a future time; the outcome comes as an 8F66 or 8F67 alert");
        }
        List<ReplacementOutcome> cells = outcome.get().outcomes();
        long ok = cells.stream().filter(ReplacementOutcome::succeeded).count();
        ItemState state = ok == cells.size() && ok > 0 ? ItemState.APPLIED : ok > 0 ? ItemState.PARTIAL
                : ItemState.FAILED;
        Integer code = cells.stream().filter(c -> !c.succeeded()).map(ReplacementOutcome::statusCode).findFirst()
                .orElse(null);
        String detail = String.join("; ", cells.stream().map(c -> c.cell() + " " + c.statusCode() + " "
                + GbcsDecoder.status(c.statusCode())).toList()) + "; floors " + String.join(", ", outcome.get()
                .seqNumberChanges().stream().map(s -> s.role().title() + " " + s.floor() + s.prepaymentFloor().stream()
                        .mapToObj(p -> " (prepayment " + p + ")").findFirst().orElse("")).toList());
        return new Verdict(state, code, detail);
    }
}
