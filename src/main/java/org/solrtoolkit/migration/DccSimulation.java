package org.solrtoolkit.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.dcc.DccOutcome;
import org.solrtoolkit.dcc.SimulatedDcc;
import org.solrtoolkit.device.GbcsDelivery;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.Keystores;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiException;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.SmkiPartyKind;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.wire.CoSRequest;
import org.solrtoolkit.wire.CriticalRequest;
import org.solrtoolkit.wire.DuisException;
import org.solrtoolkit.wire.RequestId;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/**
 * {@code dcc simulate} (issue 16): the simulated DCC and the event's fleet answer the requests a SoLR
 * exported, so a rehearsal runs the live loop end to end (export, simulate, import). The DCC's keys
 * are the SMKI's DCC party's ({@code tcos-ds}, {@code acb-ka}, {@code dsp-xml-sign}); its registration
 * data say the Failing Supplier is registered for the fleet's MPxNs until the appointment and the
 * SoLR from then; the meters are the fleet's, each with its own keys, changed as they really change.
 * One response file per request; a file that is not a 6.23 request is listed and answered by none.
 * The DCC answers a request once: running it again over the same folder answers only the new ones
 * ({@code dcc_request} is its log). Each run first lets the meters execute the future-dated commands
 * now due and passes their 8F66 / 8F67 alerts on ({@code <request>.alert.xml}).
 */
public final class DccSimulation {

    /** What the DCC did: how many requests, by outcome, and the files it could not read. */
    public record Result(long requests, Map<DccOutcome, Long> outcomes, long alreadyAnswered, long alerts,
            List<String> unreadable, Path responses) {
    }

    /** Requests answered per transaction: the meters' changes and the DCC's log of a batch commit together. */
    private static final int BATCH = 200;

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    private final PkiService pki;
    private final MeterService meters;

    public DccSimulation(Supplier<Database> db, AuditLog audit, Clock clock, PkiService pki, MeterService meters) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.pki = pki;
        this.meters = meters;
    }

    public Result simulate(Event event, Path requests, Path responses, Optional<Path> commands, char[] password,
            Actor actor) {
        // the DCC and the meters read per request (log, inventory, cells): on one connection
        return db.get().pinned(() -> simulatePinned(event, requests, responses, commands, password, actor));
    }

    private Result simulatePinned(Event event, Path requests, Path responses, Optional<Path> commands,
            char[] password, Actor actor) {
        if (!Files.isDirectory(requests)) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "{requests} " + requests + " is not a folder"
                    + " of exported requests ('campaign export-duis' writes one)");
        }
        SimulatedDcc.Keys keys = keys(pki, password);
        DccRegistration registration = DccRegistration.of(db.get().jdbc(), pki, event);
        GbcsDelivery fleet = meters.onTheWire(password);
        SimulatedDcc.Directory directory = new SimulatedDcc.Directory() {
            @Override
            public Optional<org.bouncycastle.cert.X509CertificateHolder> certificate(java.math.BigInteger serial) {
                return pki.certificateBySerial(serial);
            }

            @Override
            public Optional<Eui64> registeredEntity(Eui64 user, String mpxn, Instant at) {
                return registration.registeredEntity(user, mpxn, at);
            }

            @Override
            public Optional<String> mpxn(Eui64 device) {
                return fleet.mpxn(device);
            }

            @Override
            public Optional<java.security.PublicKey> deviceKeyAgreement(Eui64 device) {
                return Optional.of(fleet.keyAgreement(device)); // asked only for a device the inventory holds
            }

            @Override
            public OptionalLong lastCounter(Eui64 originator, Eui64 target) {
                return DccSimulation.this.lastCounter(originator, target);
            }
        };
        AtomicLong counters = new AtomicLong(clock.millis() * 1_000);
        SimulatedDcc sim = new SimulatedDcc(directory, (device, command, at) -> fleet.deliver(device, command, actor),
                keys, counters::incrementAndGet, new SimulatedDcc.PreCommands() {
                    // issued in one run, signed back in a later one: kept in the DCC's log, within the batch's transaction
                    public void issued(RequestId id, byte[] signedPart) {
                        db.get().jdbc().update("INSERT INTO dcc_precommand (request_id, signed_part) VALUES"
                                + " (:r, :s) ON CONFLICT (request_id) DO UPDATE SET signed_part = excluded.signed_part",
                                new MapSqlParameterSource("r", id.toString()).addValue("s", signedPart));
                    }

                    public Optional<byte[]> take(RequestId id) {
                        List<byte[]> found = db.get().jdbc().query("SELECT signed_part FROM dcc_precommand WHERE"
                                + " request_id = :r", new MapSqlParameterSource("r", id.toString()), (rs, n) -> rs.getBytes(1));
                        db.get().jdbc().update("DELETE FROM dcc_precommand WHERE request_id = :r",
                                new MapSqlParameterSource("r", id.toString()));
                        return found.stream().findFirst();
                    }
                });
        List<Path> files;
        try (Stream<Path> s = Files.list(requests)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".xml")).sorted().toList();
            Files.createDirectories(responses);
            if (commands.isPresent()) {
                Files.createDirectories(commands.get());
            }
        } catch (IOException e) {
            throw new CampaignException(CampaignException.Code.IO, "{responses} cannot be written: " + e.getMessage());
        }
        Map<DccOutcome, Long> outcomes = new EnumMap<>(DccOutcome.class);
        List<String> unreadable = new ArrayList<>();
        long alerts = alerts(sim, fleet, responses, actor);
        long answered = 0;
        for (int from = 0; from < files.size(); from += BATCH) {
            List<Path> batch = files.subList(from, Math.min(files.size(), from + BATCH));
            // the meters' changes, the DCC's log and the files of a batch: one transaction (a crash re-answers it)
            answered += db.get().write(jdbc -> {
                long skipped = 0;
                for (Path f : batch) {
                    String name = f.getFileName().toString();
                    String base = name.substring(0, name.length() - 4);
                    try {
                        byte[] xml = Files.readAllBytes(f);
                        CriticalRequest.Kind kind = CriticalRequest.kind(xml, name);
                        // the DCC's log key: a signed pre-command answers the same RequestID a second time
                        String logged = switch (kind) {
                            case CHANGE_OF_SUPPLIER -> CoSRequest.unchecked(xml, name).requestId().toString();
                            case CRITICAL -> CriticalRequest.unchecked(xml, name).requestId().toString();
                            case SIGNED_PRE_COMMAND -> CriticalRequest.preCommandId(xml, name) + "#signed";
                        };
                        if (jdbc.queryForObject("SELECT count(*) FROM dcc_request WHERE request_id = :r",
                                new MapSqlParameterSource("r", logged), Long.class) > 0) {
                            skipped++;
                            continue;
                        }
                        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
                        SimulatedDcc.Handled h = switch (kind) {
                            case CHANGE_OF_SUPPLIER -> sim.handle(xml, name, at);
                            case CRITICAL -> sim.preCommand(xml, name, at);
                            case SIGNED_PRE_COMMAND -> sim.signedPreCommand(xml, name, at);
                        };
                        jdbc.update("INSERT INTO dcc_request (request_id, originator, target, counter, gbcs_counter,"
                                + " outcome, file, answered_at) VALUES (:r, :o, :t, :c, :g, :out, :f, :at)",
                                new MapSqlParameterSource("r", logged)
                                        .addValue("o", h.requestId().originator().toString())
                                        .addValue("t", h.requestId().target().toString())
                                        .addValue("c", h.requestId().counter())
                                        .addValue("g", h.gbcsCounter().isPresent() ? h.gbcsCounter().getAsLong() : null)
                                        .addValue("out", h.outcome().name()).addValue("f", base)
                                        .addValue("at", clock.millis()));
                        Files.write(responses.resolve(base + ".response.xml"), h.response());
                        if (commands.isPresent() && h.command().isPresent()) {
                            Files.writeString(commands.get().resolve(base + ".gbcs.hex"),
                                    HexFormat.of().withUpperCase().formatHex(h.command().get()) + "\n");
                        }
                        outcomes.merge(h.outcome(), 1L, Long::sum);
                    } catch (DuisException e) {
                        unreadable.add(name + ": " + e.getMessage());
                    } catch (IOException e) {
                        throw new CampaignException(CampaignException.Code.IO, "{responses} cannot be written: "
                                + e.getMessage());
                    }
                }
                return skipped;
            });
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> detail.put(k.name(), v));
        detail.put("already_answered", answered);
        detail.put("alerts", alerts);
        detail.put("unreadable", unreadable.size());
        detail.put("requests", requests.toString());
        db.get().write(jdbc -> audit.append(jdbc, AuditEntry.of(clock.instant(), actor, "dcc.simulate", "event "
                + event.id(), null, String.valueOf(files.size()), detail)));
        return new Result(files.size(), outcomes, answered, alerts, unreadable, responses);
    }

    /** The DCC's registration data of the events (MP185): shown, and the MPID transfer recorded. */
    public DccRegistrations registrations() {
        return new DccRegistrations(db, audit, clock);
    }

    /**
     * The last RequestID counter the DCC answered for the pair (unsigned), from its log; a request
     * whose signature did not check does not count (a forged high counter must not lock the user out).
     */
    private OptionalLong lastCounter(Eui64 originator, Eui64 target) {
        return db.get().jdbc().queryForList("SELECT counter FROM dcc_request WHERE originator = :o AND target = :t"
                + " AND outcome NOT IN ('AUTHENTICATION_FAILED', 'NOT_AN_XML_SIGNING_CERTIFICATE')",
                new MapSqlParameterSource("o", originator.toString()).addValue("t", target.toString()), Long.class)
                .stream().mapToLong(Long::longValue).reduce((a, b) -> Long.compareUnsigned(a, b) >= 0 ? a : b);
    }

    /**
     * The meters execute the future-dated commands now due; each 8F66 / 8F67 alert goes to the user
     * who sent the request, as a DeviceAlertMessage named after the request's file ({@code .alert.xml}).
     */
    private long alerts(SimulatedDcc sim, GbcsDelivery fleet, Path responses, Actor actor) {
        long n = 0;
        for (GbcsDelivery.Alert a : fleet.executeDue(actor)) {
            List<Map<String, Object>> req = db.get().jdbc().queryForList("SELECT request_id, file FROM dcc_request"
                    + " WHERE target = :t AND gbcs_counter = :g", new MapSqlParameterSource("t", a.device().toString())
                    .addValue("g", a.counter()));
            if (req.isEmpty()) {
                continue; // a command the DCC did not send from a request (none in this simulation)
            }
            try {
                Files.write(responses.resolve(req.get(0).get("file") + ".alert.xml"), sim.alert(RequestId.parse(
                        (String) req.get(0).get("request_id")), a.succeeded(), a.gbcs(), clock.instant()
                        .truncatedTo(ChronoUnit.MILLIS)));
            } catch (IOException e) {
                throw new CampaignException(CampaignException.Code.IO, "{responses} cannot be written: " + e.getMessage());
            }
            n++;
        }
        return n;
    }

    /**
     * The simulated DCC's keys, the SMKI's DCC party's: TCoS ({@code tcos-ds}, with the EUI-64 its
     * certificate and so the meters' TCoS cell carry), ACB ({@code acb-ka}), DSP ({@code dsp-xml-sign}).
     */
    static SimulatedDcc.Keys keys(PkiService pki, char[] password) {
        PartySpec dcc = pki.parties().stream().filter(p -> p.kind() == SmkiPartyKind.DCC).findFirst().orElseThrow(() ->
                new CampaignException(CampaignException.Code.NO_SOLR_CERTIFICATES, "the SMKI holds no DCC party; run"
                        + " 'pki init' with the event current"));
        Keystores.Entry dsp = key(pki, dcc, "dsp-xml-sign", password);
        Keystores.Entry tcos = key(pki, dcc, "tcos-ds", password);
        Eui64 tcosEui = new org.solrtoolkit.pki.CertificateInspector().inspect(tcos.chain().get(0)).eui()
                .orElse(dcc.eui(org.solrtoolkit.pki.RemotePartyRole.TRANSITIONAL_COS));
        return new SimulatedDcc.Keys(tcosEui, tcos.key(), key(pki, dcc, "acb-ka", password).key(), dsp.key(),
                dsp.chain().get(0));
    }

    private static Keystores.Entry key(PkiService pki, PartySpec dcc, String alias, char[] password) {
        try {
            return pki.partyKey(dcc.name(), alias, password);
        } catch (PkiException e) {
            if (e.errorCode() != PkiException.Code.KEYSTORE_ALIAS) {
                throw e;
            }
            throw new CampaignException(CampaignException.Code.NO_XML_SIGNING_KEY, "the DCC party '" + dcc.name()
                    + "' has no key '" + alias + "' in its keystore; a 'pki init' of this version issues it");
        }
    }
}
