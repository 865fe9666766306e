package org.solrtoolkit.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.wire.DuisException;

/**
 * {@code dcc simulate} (issue 16): the simulated DCC and the event's fleet answer the requests a SoLR
 * exported, so a rehearsal runs the live loop end to end (export, simulate, import). The DCC's keys
 * are the SMKI's DCC party's ({@code tcos-ds}, {@code acb-ka}, {@code dsp-xml-sign}); its registration
 * data say the Failing Supplier is registered for the fleet's MPxNs until the appointment and the
 * SoLR from then; the meters are the fleet's, each with its own keys, changed as they really change.
 * One response file per request; a file that is not a 6.23 request is listed and answered by none.
 */
public final class DccSimulation {

    /** What the DCC did: how many requests, by outcome, and the files it could not read. */
    public record Result(long requests, Map<DccOutcome, Long> outcomes, List<String> unreadable, Path responses) {
    }

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
        if (!Files.isDirectory(requests)) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "{requests} " + requests + " is not a folder"
                    + " of exported requests ('campaign export-duis' writes one)");
        }
        PartySpec dcc = pki.parties().stream().filter(p -> p.kind() == SmkiPartyKind.DCC).findFirst().orElseThrow(() ->
                new CampaignException(CampaignException.Code.NO_SOLR_CERTIFICATES, "the SMKI holds no DCC party; run"
                        + " 'pki init' with the event current"));
        Keystores.Entry dsp = key(dcc, "dsp-xml-sign", password);
        Keystores.Entry tcos = key(dcc, "tcos-ds", password);
        // the TCoS's own system title, as its certificate (and so the meters' TCoS cell) carries it
        Eui64 tcosEui = new org.solrtoolkit.pki.CertificateInspector().inspect(tcos.chain().get(0)).eui()
                .orElse(dcc.eui(org.solrtoolkit.pki.RemotePartyRole.TRANSITIONAL_COS));
        SimulatedDcc.Keys keys = new SimulatedDcc.Keys(tcosEui, tcos.key(),
                key(dcc, "acb-ka", password).key(), dsp.key(), dsp.chain().get(0));
        Eui64 failing = eui(event, PartyRole.FAILING_SUPPLIER);
        Eui64 solr = eui(event, PartyRole.SOLR);
        GbcsDelivery fleet = meters.onTheWire(password);
        SimulatedDcc.Directory directory = new SimulatedDcc.Directory() {
            @Override
            public Optional<org.bouncycastle.cert.X509CertificateHolder> certificate(java.math.BigInteger serial) {
                return pki.certificateBySerial(serial);
            }

            @Override
            public Optional<Eui64> registeredSupplier(String mpxn, Instant at) {
                return Optional.of(at.isBefore(event.appointedAt()) ? failing : solr);
            }

            @Override
            public Optional<String> mpxn(Eui64 device) {
                return fleet.mpxn(device);
            }

            @Override
            public Optional<java.security.PublicKey> deviceKeyAgreement(Eui64 device) {
                return fleet.mpxn(device).map(m -> fleet.keyAgreement(device));
            }
        };
        AtomicLong counters = new AtomicLong(clock.millis() * 1_000);
        SimulatedDcc sim = new SimulatedDcc(directory, (device, command, at) -> fleet.deliver(device, command, actor),
                keys, counters::incrementAndGet);
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
        for (Path f : files) {
            String name = f.getFileName().toString();
            String base = name.substring(0, name.length() - 4);
            try {
                SimulatedDcc.Handled h = sim.handle(Files.readAllBytes(f), name,
                        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                Files.write(responses.resolve(base + ".response.xml"), h.response());
                if (commands.isPresent() && h.command().isPresent()) {
                    Files.writeString(commands.get().resolve(base + ".gbcs.hex"),
                            HexFormat.of().withUpperCase().formatHex(h.command().get()) + "\n");
                }
                outcomes.merge(h.outcome(), 1L, Long::sum);
            } catch (DuisException e) {
                unreadable.add(name + ": " + e.getMessage());
            } catch (IOException e) {
                throw new CampaignException(CampaignException.Code.IO, "{responses} cannot be written: " + e.getMessage());
            }
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        outcomes.forEach((k, v) -> detail.put(k.name(), v));
        detail.put("unreadable", unreadable.size());
        detail.put("requests", requests.toString());
        db.get().write(jdbc -> audit.append(jdbc, AuditEntry.of(clock.instant(), actor, "dcc.simulate", "event "
                + event.id(), null, String.valueOf(files.size()), detail)));
        return new Result(files.size(), outcomes, unreadable, responses);
    }

    private Keystores.Entry key(PartySpec dcc, String alias, char[] password) {
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

    private Eui64 eui(Event event, PartyRole role) {
        String name = event.partyOf(role).orElseThrow(() -> new CampaignException(CampaignException.Code.BAD_INPUT,
                "event " + event.id() + " has no " + role + ": the DCC cannot tell who is registered")).name();
        return pki.parties().stream().filter(p -> p.name().equalsIgnoreCase(name)).map(PartySpec::eui).findFirst()
                .orElseGet(() -> PartySpec.derived(name, SmkiPartyKind.SUPPLIER).eui());
    }
}
