package org.solrtoolkit.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.DeviceException;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.device.Mpxn;
import org.solrtoolkit.device.PrepaymentState;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.pki.Crypto;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.wire.CriticalRequest;
import org.solrtoolkit.wire.CriticalService;
import org.solrtoolkit.wire.DuisException;
import org.solrtoolkit.wire.DuisResponse;
import org.solrtoolkit.wire.GbcsException;
import org.solrtoolkit.wire.GeneralSigning;
import org.solrtoolkit.wire.RequestId;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * Protective requests in a live event, as files for the supplier's DCC adapter (domain.md sections 6
 * and 7; table {@code protect_request}), in the two steps a critical request takes:
 * <ol>
 *   <li>{@link #export}: a signed DUIS request (CommandVariant 4) per meter, RequestID counters above
 *       any earlier one for the pair and at least the time in microseconds (they are also the GBCS
 *       counters the meter checks against its Supplier floor), a manifest; the requests SENT.</li>
 *   <li>{@link #signPreCommands}: each pre-command the DCC returned, checked against the request it
 *       answers (device, counter, use case, parameters: the supplier signs only what it asked for),
 *       signed with the Supplier DS key and written as a signed DUIS {@code SignedPreCommand}.</li>
 *   <li>{@link #importResponses}: the DCC's answers: the device's signed GBCS response (its signature
 *       checked with the device's DS key) EXECUTED or NOT_EXECUTED, an {@code E} code REJECTED, a DCC
 *       alert NO_RESPONSE. The same file twice changes nothing.</li>
 * </ol>
 */
public final class ProtectiveDuis {

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    private final PkiService pki;
    private final MeterService meters;
    private final MeterStore store = new MeterStore();

    public ProtectiveDuis(Supplier<Database> db, AuditLog audit, Clock clock, PkiService pki, MeterService meters) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.pki = pki;
        this.meters = meters;
    }

    public record Exported(long requests, Path manifest) {
    }

    /**
     * Step 1 for meter {@code id} or every prepayment meter.
     *
     * @throws DeviceException BAD_INPUT for parameters no meter accepts or 7.1 on a gas meter (nothing written)
     */
    public Exported export(Event event, Operator op, Optional<Eui64> id, ProtectionService.Step step, Path out,
            char[] password, Actor actor) {
        ProtectionRules.validate(step);
        String signer = ProtectionRules.signer(event, op).name();
        DuisUsers users = DuisUsers.of(pki, signer, password);
        List<StoredMeter> targets = new ArrayList<>();
        if (id.isPresent()) {
            targets.add(meters.show(id.get()).meter());
        } else {
            store.walk(db.get().jdbc(), m -> {
                if (m.prepayment().mode() == PrepaymentState.PaymentMode.PREPAYMENT) {
                    targets.add(m);
                }
            });
        }
        if (step.service() == CriticalService.ENABLE_SUPPLY) {
            targets.stream().filter(m -> m.mpxn().fuel() == Mpxn.Fuel.GAS).findFirst().ifPresent(m -> {
                throw new DeviceException(DeviceException.Code.BAD_INPUT, "meter " + m.id() + " is gas: 7.1 Enable Supply"
                        + " works remotely for electricity only; nothing was exported");
            });
        }
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CampaignException(CampaignException.Code.IO, "{out} " + out + " cannot be made: " + e.getMessage());
        }
        Path manifest = out.resolve("manifest.csv");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        byte[] parameters = step.parameters().encode();
        for (int from = 0; from < targets.size(); from += DuisExport.BATCH) {
            List<StoredMeter> batch = targets.subList(from, Math.min(targets.size(), from + DuisExport.BATCH));
            List<Path> written = new ArrayList<>();
            try {
                List<String> lines = db.get().write(jdbc -> {
                    List<String> l = new ArrayList<>();
                    for (StoredMeter m : batch) {
                        DuisUsers.User user = users.forFuel(m.mpxn().fuel());
                        // the next counter, and never less than now in microseconds (CASE: the greater, in both dialects)
                        long counter = jdbc.queryForObject("INSERT INTO duis_counter (originator, target, counter) VALUES"
                                + " (:o, :t, :c) ON CONFLICT (originator, target) DO UPDATE SET counter = CASE WHEN"
                                + " duis_counter.counter + 1 > excluded.counter THEN duis_counter.counter + 1 ELSE"
                                + " excluded.counter END RETURNING counter", Map.of("o", user.eui().toString(),
                                        "t", m.id().toString(), "c", micros), Long.class);
                        RequestId rid = new RequestId(user.eui(), m.id(), counter);
                        byte[] xml = new CriticalRequest(rid, step.service(), step.parameters()).signed(user.key().key(),
                                user.key().chain().get(0));
                        String name = rid.toString().replace(':', '_') + ".xml";
                        DuisExport.write(out.resolve(name), xml);
                        written.add(out.resolve(name));
                        jdbc.update("INSERT INTO protect_request (request_id, event_id, device_id, service, parameters,"
                                + " state, file, updated_at) VALUES (:r, :e, :d, :s, :p, 'SENT', :f, :t)",
                                new MapSqlParameterSource("r", rid.toString()).addValue("e", event.id())
                                        .addValue("d", m.id().value()).addValue("s", step.service().srv())
                                        .addValue("p", parameters).addValue("f", name).addValue("t", now.toEpochMilli()));
                        l.add(DuisExport.csv(rid.toString(), m.id().toString(), m.mpxn().value(), name,
                                HexFormat.of().formatHex(Crypto.sha256(xml))));
                    }
                    audit.append(jdbc, AuditEntry.of(now, actor, "meter.protect.export-duis", out.toString(), null,
                            step.service().srv(), Map.of("signer", signer, "requests", batch.size())));
                    return l;
                });
                DuisExport.appendManifest(manifest, lines);
            } catch (RuntimeException e) {
                written.forEach(DuisExport::deleteQuietly); // a batch that did not commit leaves no files
                throw e;
            }
        }
        return new Exported(targets.size(), manifest);
    }

    public record Signed(long signed, List<String> refused, Path out) {
    }

    /** Step 2: every pre-command among {@code inputs} that answers a SENT request of this event, signed into {@code out}. */
    public Signed signPreCommands(Event event, Operator op, List<Path> inputs, Path out, char[] password, Actor actor) {
        String signer = ProtectionRules.signer(event, op).name();
        DuisUsers users = DuisUsers.of(pki, signer, password);
        java.security.PrivateKey supplierDs = pki.partyKey(signer, "supplier-ds", password).key();
        DuisImport.SignerCertificates dcc = new DuisImport.SignerCertificates(pki);
        List<String> refused = new ArrayList<>();
        long signed = 0;
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new CampaignException(CampaignException.Code.IO, "{out} " + out + " cannot be made: " + e.getMessage());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (Path f : ResponseFiles.expand(inputs)) {
            String name = f.getFileName().toString();
            try {
                DuisResponse r = ProtectiveAnswers.read(f, dcc);
                if (r.kind() != DuisResponse.Kind.PRE_COMMAND) {
                    continue; // an answer for 'meter import-duis'
                }
                Request req = request(event, r.requestId(), "SENT").orElseThrow(() -> new CampaignException(
                        CampaignException.Code.BAD_INPUT, "answers no request exported and not yet signed"));
                GeneralSigning pre = GeneralSigning.decode(r.gbcsPayload().orElseThrow());
                boolean same = pre.recipient().equals(r.requestId().target()) && pre.counter() == r.requestId().counter()
                        && CriticalService.ofMessageCode(pre.messageCode()).map(CriticalService::srv).equals(
                                Optional.of(req.service())) && java.util.Arrays.equals(pre.payload(), req.parameters());
                if (!same) {
                    throw new CampaignException(CampaignException.Code.BAD_INPUT, "the pre-command is not the command"
                            + " requested (device, counter, use case or parameters differ); not signed");
                }
                DuisUsers.User user = users.forFuel(r.requestId().originator().equals(users.forFuel(Mpxn.Fuel.GAS).eui())
                        ? Mpxn.Fuel.GAS : Mpxn.Fuel.ELECTRICITY);
                byte[] xml = CriticalRequest.signedPreCommand(r.requestId(), CriticalService.ofSrv(req.service())
                        .orElseThrow(), pre.sign(supplierDs).encode(), user.key().key(), user.key().chain().get(0));
                String base = r.requestId().toString().replace(':', '_');
                db.get().write(jdbc -> { // the request SIGNED and its audit row together; the file only if they commit
                    state(jdbc, r.requestId(), "SIGNED", null, now);
                    audit.append(jdbc, AuditEntry.of(now, actor, "meter.protect.sign-pre-command", r.requestId().target()
                            .toString(), "SENT", "SIGNED", Map.of("request", r.requestId().toString(), "signer", signer,
                                    "file", base + ".signed.xml")));
                    DuisExport.write(out.resolve(base + ".signed.xml"), xml);
                    return null;
                });
                signed++;
            } catch (CampaignException | DuisException | GbcsException e) {
                refused.add(name + ": " + e.getMessage());
            }
        }
        return new Signed(signed, refused, out);
    }

    public record Imported(Map<String, Long> states, long already, List<String> refused) {
    }

    /** Step 3: the DCC's answers to this event's protective requests, recorded. */
    public Imported importResponses(Event event, List<Path> inputs, Function<Eui64, List<PublicKey>> deviceKeys,
            Actor actor) {
        DuisImport.SignerCertificates dcc = new DuisImport.SignerCertificates(pki);
        Map<String, Long> states = new TreeMap<>();
        List<String> refused = new ArrayList<>();
        long already = 0;
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        for (Path f : ResponseFiles.expand(inputs)) {
            String name = f.getFileName().toString();
            try {
                DuisResponse r = ProtectiveAnswers.read(f, dcc);
                if (r.kind() == DuisResponse.Kind.PRE_COMMAND) {
                    continue; // for 'duis sign-pre-commands'
                }
                Request req = request(event, r.requestId(), null).orElseThrow(() -> new CampaignException(
                        CampaignException.Code.BAD_INPUT, "answers no protective request of event " + event.id()));
                String[] v = ProtectiveAnswers.verdict(r, deviceKeys);
                if (v[0].equals(req.state()) && v[1].equals(req.outcome())) {
                    already++;
                    continue;
                }
                db.get().write(jdbc -> {
                    state(jdbc, r.requestId(), v[0], v[1], now);
                    audit.append(jdbc, AuditEntry.of(now, actor, "meter.protect.import-duis", r.requestId().target()
                            .toString(), req.state(), v[0], Map.of("request", r.requestId().toString(), "service",
                                    req.service(), "outcome", v[1], "file", name)));
                    return null;
                });
                states.merge(v[0], 1L, Long::sum);
            } catch (CampaignException | DuisException | GbcsException e) {
                refused.add(name + ": " + e.getMessage());
            }
        }
        return new Imported(states, already, refused);
    }

    private record Request(String service, byte[] parameters, String state, String outcome) {
    }

    private Optional<Request> request(Event event, RequestId id, String state) {
        return db.get().jdbc().query("SELECT service, parameters, state, outcome FROM protect_request WHERE request_id = :r"
                + " AND event_id = :e" + (state == null ? "" : " AND state = :s"), new MapSqlParameterSource("r",
                        id.toString()).addValue("e", event.id()).addValue("s", state), (rs, n) -> new Request(
                                rs.getString(1), rs.getBytes(2), rs.getString(3), rs.getString(4))).stream().findFirst();
    }

    private static void state(org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc, RequestId id,
            String state, String outcome, Instant now) {
        jdbc.update("UPDATE protect_request SET state = :s, outcome = :o, updated_at = :t WHERE request_id = :r",
                new MapSqlParameterSource("s", state).addValue("o", outcome).addValue("t", now.toEpochMilli())
                        .addValue("r", id.toString()));
    }

    /** How many of this event's protective requests are in each state (for status and the report). */
    public Map<String, Long> states(Event event) {
        Map<String, Long> out = new LinkedHashMap<>();
        db.get().jdbc().query("SELECT state, count(*) FROM protect_request WHERE event_id = :e GROUP BY state ORDER BY"
                + " state", Map.of("e", event.id()), rs -> {
                    out.put(rs.getString(1), rs.getLong(2));
                });
        return out;
    }

}
