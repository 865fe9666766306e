package org.solrtoolkit.device;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.pki.SmkiPartyKind;
import org.solrtoolkit.store.Database;

/**
 * Work on stored meters (domain.md sections 3 and 4): show one as of now, top it up with a UTRN
 * made with a supplier's prepayment key, put prepayment meters in safe mode with a command signed
 * by the Failing Supplier's key, and send a signed CS02b. The meter's checks run on the bytes
 * ({@link SimulatedMeter}); consumption is drawn for the simulated hours since the meter was last
 * settled; each change and its audit row commit together. A command the meter refuses outright
 * writes nothing.
 */
public final class MeterService {

    /** Meters read, processed and written per transaction when walking the fleet. */
    static final int PAGE = 2_000;

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    private Network network = Network.OPEN;
    private final PkiService pki;
    private final FleetRepository meters = new FleetRepository();
    /** Stored cell sets never change (a change makes a new set), so their contents are cached by id. */
    private final MeterStore cellSets = new MeterStore();

    /** Sends requests through {@code network} (a rehearsal's DCC and WAN faults). */
    public MeterService network(Network network) {
        this.network = network;
        return this;
    }

    public MeterService(Supplier<Database> db, AuditLog audit, Clock clock, PkiService pki) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.pki = pki;
    }

    // ---- show

    /** One cell as {@code meter show} prints it: what it holds and whose certificate that is. */
    public record CellView(TrustAnchorCell cell, Optional<Eui64> eui, String ski, Optional<String> holder) {
    }

    /** A meter as of {@code at}, with its cells. */
    public record MeterView(StoredMeter meter, Instant at, List<CellView> cells) {
    }

    /** The meter as of now (consumption drawn to the last whole simulated hour), with its cells. */
    public MeterView show(Eui64 id) {
        Instant now = now();
        StoredMeter m = require(id).settled(now);
        List<CellView> cells = new ArrayList<>();
        if (m.commissioned()) {
            Map<Eui64, String> holders = new java.util.HashMap<>();
            pki.parties().forEach(p -> holders.put(p.eui(), p.name()));
            cellSets.cells(db.get().jdbc(), m.cellSetId()).forEach((cell, c) -> cells.add(new CellView(cell, c.eui(),
                    c.ski(), cell == TrustAnchorCell.ROOT ? Optional.of("Root OCA") : c.eui().map(holders::get))));
        }
        return new MeterView(m, now, cells);
    }

    // ---- top-up

    /** A top-up offered to a meter: the UTRN made for it and what the meter said. */
    public record TopUp(Eui64 meter, String party, Utrn utrn, long counter, TopUpResult result,
            PrepaymentState after) {
    }

    /**
     * Makes a UTRN for {@code pence} with {@code party}'s prepayment top-up key for meter {@code id}
     * and offers it to the meter. The offer and the meter's answer are recorded (a refused UTRN is
     * something the PMA wants to see), the balance only changes if it was accepted.
     *
     * @throws DeviceException BAD_INPUT for an unknown meter or party, or an amount a UTRN cannot carry
     */
    public TopUp topUp(Eui64 id, String party, long pence, char[] password, Actor actor) {
        Instant now = now();
        StoredMeter stored = require(id).settled(now);
        Map<TrustAnchorCell, CellContent> cells = cells(stored);
        PartySpec supplier = supplier(party);
        int value;
        Utrn.ValueClass valueClass;
        if (pence <= 0) {
            throw new DeviceException(DeviceException.Code.BAD_OPTION, "{amount} must be more than zero");
        } else if (pence % 100 == 0 && pence / 100 <= Utrn.MAX_VALUE) {
            value = (int) (pence / 100);
            valueClass = Utrn.ValueClass.POUNDS;
        } else if (pence <= Utrn.MAX_VALUE) {
            value = (int) pence;
            valueClass = Utrn.ValueClass.PENNIES;
        } else {
            throw new DeviceException(DeviceException.Code.BAD_OPTION, "{amount} £" + java.math.BigDecimal.valueOf(pence, 2)
                    + ": a UTRN carries whole pounds up to £8191 or pennies up to £81.91");
        }
        PrivateKey key = pki.partyKey(supplier.name(), "supplier-ka-topup", password).key();
        KeyPair meterKa = meterKeys(password).keyPair(id, MeterKeys.Usage.KA);
        long counter = meters.lastTopUpCounter(db.get().jdbc(), id, supplier.name()) + (1L << 32);
        Utrn utrn = Utrn.generate(key, supplier.eui(), meterKa.getPublic(), id, counter, value, valueClass);
        SimulatedMeter meter = stored.toMeter(cells, meterKa);
        TopUpResult result = meter.offer(utrn, supplier.eui(), now);
        StoredMeter after = stored.after(meter);
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("party", supplier.name());
        detail.put("originator", supplier.eui().toString());
        detail.put("counter", Long.toUnsignedString(counter));
        detail.put("utrn", utrn.digits());
        detail.put("pence", pence);
        detail.put("result", result.name());
        detail.put("balance", after.prepayment().balance());
        detail.put("supply", after.prepayment().supply().name());
        db.get().write(jdbc -> {
            meters.update(jdbc, List.of(after));
            meters.insertTopUp(jdbc, id, supplier.name(), supplier.eui(), counter, utrn, now, result);
            audit.append(jdbc, entry(now, actor, "meter.topup", id.toString(), String.valueOf(stored.prepayment()
                    .balance()), result.name(), detail));
            return null;
        });
        return new TopUp(id, supplier.name(), utrn, counter, result, after.prepayment());
    }

    // ---- safe mode

    /** What a safe-mode run did: meters that accepted it, and refusals by reason (with one example meter). */
    public record SafeModeResult(long accepted, Map<MeterCheck, Long> refused, Map<MeterCheck, Eui64> example,
            Optional<Cs02bResponse> single) {
        public long refusedCount() {
            return refused.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * Sends safe mode on (or off) to one meter or to every prepayment meter, each command signed with
     * {@code failingSupplier}'s Supplier DS key. Meters whose Supplier cells no longer hold that key
     * refuse it (the signature check). One meter: a refusal writes nothing and is thrown; the whole
     * fleet: accepted ones are written page by page with one audit row per page, refusals counted.
     */
    public SafeModeResult safeMode(Optional<Eui64> id, boolean on, String failingSupplier, char[] password,
            Actor actor) {
        PartySpec signer = supplier(failingSupplier);
        admitted(signer.name(), actor.party(), "supplier-ds", "safe mode");
        PrivateKey key = pki.partyKey(signer.name(), "supplier-ds", password).key();
        if (id.isPresent()) {
            Instant now = now();
            StoredMeter stored = require(id.get()).settled(now);
            Optional<String> off = network.unreachable(stored.id(), now);
            if (off.isPresent()) {
                throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "meter " + stored.id()
                        + " did not answer: " + off.get() + "; try again later");
            }
            SimulatedMeter meter = stored.toMeter(cells(stored), null);
            Cs02bResponse r = meter.process(new SafeModeCommand(stored.id(), signer.eui(), counter(now, stored.floor(
                    RemotePartyRole.SUPPLIER)), on).sign(key), now);
            if (!r.accepted()) {
                throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "meter " + stored.id()
                        + " refused safe mode " + (on ? "on" : "off") + " signed by " + signer.name() + ": "
                        + r.rejection().orElseThrow());
            }
            StoredMeter after = stored.after(meter);
            db.get().write(jdbc -> {
                meters.update(jdbc, List.of(after));
                audit.append(jdbc, entry(now, actor, "meter.safe-mode", stored.id().toString(),
                        String.valueOf(stored.prepayment().safeMode()), String.valueOf(on), Map.of("signer",
                                signer.name(), "checks", r.checks().stream().map(c -> c.name() + ": " + (c.passed()
                                        ? "pass" : "fail")).toList())));
                return null;
            });
            return new SafeModeResult(1, Map.of(), Map.of(), Optional.of(r));
        }
        long accepted = 0;
        Map<MeterCheck, Long> refused = new java.util.EnumMap<>(MeterCheck.class);
        Map<MeterCheck, Eui64> example = new java.util.EnumMap<>(MeterCheck.class);
        Long after = null;
        while (true) {
            Instant now = now();
            List<StoredMeter> page = meters.page(db.get().jdbc(), after, PAGE, true);
            if (page.isEmpty()) {
                break;
            }
            after = page.get(page.size() - 1).id().value();
            record Done(StoredMeter meter, Cs02bResponse response) {
            }
            List<Done> done = page.parallelStream().map(s -> {
                StoredMeter m = s.settled(now);
                Optional<String> off = network.unreachable(m.id(), now);
                if (off.isPresent()) {
                    return new Done(m, Cs02bResponse.refused(MeterCheck.DELIVERED, off.get()));
                }
                if (!m.commissioned()) {
                    return new Done(m, Cs02bResponse.refused(MeterCheck.HAS_CELLS, "the meter has no trust anchor"
                            + " cells"));
                }
                SimulatedMeter meter = m.toMeter(cellsCached(m), null);
                Cs02bResponse r = meter.process(new SafeModeCommand(m.id(), signer.eui(), counter(now,
                        m.floor(RemotePartyRole.SUPPLIER)), on).sign(key), now);
                return new Done(r.accepted() ? m.after(meter) : m, r);
            }).toList();
            List<StoredMeter> changed = new ArrayList<>();
            for (Done d : done) {
                if (d.response().accepted()) {
                    changed.add(d.meter());
                } else {
                    MeterCheck why = d.response().refusal().orElseThrow().check();
                    refused.merge(why, 1L, Long::sum);
                    example.putIfAbsent(why, d.meter().id());
                }
            }
            accepted += changed.size();
            if (!changed.isEmpty()) {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("signer", signer.name());
                detail.put("meters", changed.size());
                detail.put("first", changed.get(0).id().toString());
                detail.put("last", changed.get(changed.size() - 1).id().toString());
                db.get().write(jdbc -> {
                    meters.update(jdbc, changed);
                    audit.append(jdbc, entry(now, actor, "meter.safe-mode", "all prepayment meters", null,
                            String.valueOf(on), detail));
                    return null;
                });
            }
        }
        return new SafeModeResult(accepted, refused, example, Optional.empty());
    }

    /**
     * The DCC's checks before it carries a request signed with {@code signer}'s {@code alias} key:
     * the request is not rejected for the supplier (MPIDs transferred, MP185), and the certificate
     * is not revoked (the DCC refuses requests under a revoked certificate; MP134A lets the PMA delay
     * revocation so that an SRP can still set safe mode).
     */
    private void admitted(String signer, String sender, String alias, String what) {
        Optional<String> rejected = network.rejects(signer, sender == null ? signer : sender, now());
        if (rejected.isPresent()) {
            throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "the DCC rejected " + what + " for "
                    + signer + ": " + rejected.get());
        }
        pki.record(signer, alias).filter(r -> r.status() == org.solrtoolkit.pki.CertificateRecord.Status.REVOKED)
                .ifPresent(r -> {
                    throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "the DCC rejected " + what
                            + ": " + signer + "'s " + alias + " certificate " + r.serial() + " was revoked at "
                            + r.revokedAt().map(Instant::toString).orElse("?") + " (" + r.revocationReason().orElse("")
                            + "); requests signed under it are refused (MP134A: the PMA can delay revocation until"
                            + " prepayment meters are in safe mode)");
                });
    }

    // ---- CS02b

    /**
     * What to send in a CS02b: the mode; the party whose key signs it (default: the holder of the
     * mode's authorising cell) and the keystore alias of that key (default: the one for that cell);
     * the counter (default: above the meter's floor); the replacements; and the disapply-time flag.
     */
    public record CredentialsRequest(Cs02bMode mode, Optional<String> signer, Optional<String> signerAlias,
            Optional<Long> counter, List<Cs02bCommand.Replacement> replacements, boolean disapplyTimeChecks) {
    }

    /** The certificates {@code party} holds for the cells {@code mode} may replace, as replacements. */
    public List<Cs02bCommand.Replacement> replacementsFrom(String party, Cs02bMode mode) {
        PartySpec p = pki.parties().stream().filter(s -> s.name().equalsIgnoreCase(party)).findFirst()
                .orElseThrow(() -> new DeviceException(DeviceException.Code.BAD_INPUT, "{with} '" + party
                        + "': the SMKI holds no such party (" + partyNames() + ")"));
        List<Cs02bCommand.Replacement> reps = new ArrayList<>();
        for (TrustAnchorCell cell : TrustAnchorCell.values()) {
            Optional<String> alias = aliasFor(cell, p.kind());
            if (alias.isPresent() && mode.mayReplace(cell)) {
                pki.certificate(p.name(), alias.get()).ifPresent(c -> reps.add(new Cs02bCommand.Replacement(cell, c)));
            }
        }
        if (reps.isEmpty()) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "{with} '" + party + "': a " + p.kind()
                    + " has no certificates for the cells " + mode + " replaces");
        }
        return reps;
    }

    /**
     * Builds, signs and sends a CS02b to meter {@code id}. If the meter refuses it, or accepts it
     * but no cell could be replaced, nothing is written and the reason is thrown; otherwise the cells
     * that succeeded are replaced, the floors move and the outcome is audited.
     *
     * @throws DeviceException COMMAND_REFUSED naming the failed check or the cells and their status codes
     */
    public Cs02bResponse updateCredentials(Eui64 id, CredentialsRequest req, char[] password, Actor actor) {
        Instant now = now();
        StoredMeter stored = require(id).settled(now);
        Map<TrustAnchorCell, CellContent> cells = cells(stored);
        TrustAnchorCell auth = req.mode().authoriser();
        String signerName = req.signer().orElseGet(() -> holder(cells.get(auth), auth));
        PartySpec signer = pki.parties().stream().filter(s -> s.name().equalsIgnoreCase(signerName)).findFirst()
                .orElseThrow(() -> new DeviceException(DeviceException.Code.BAD_INPUT, "{signer} '" + signerName
                        + "': the SMKI holds no such party (" + partyNames() + ")"));
        String alias = req.signerAlias().or(() -> aliasFor(auth, signer.kind())).orElseThrow(() ->
                new DeviceException(DeviceException.Code.BAD_INPUT, "{signer} " + signer.name() + " (" + signer.kind()
                        + ") has no key for the " + auth + " cell; name one with {signer-key} ALIAS"));
        PrivateKey key = pki.partyKey(signer.name(), alias, password).key();
        long counter = req.counter().orElseGet(() -> counter(now, stored.floor(auth.role())));
        Cs02bCommand cmd = new Cs02bCommand(req.mode(), auth, counter, id, req.replacements(),
                List.of(pki.issuingOcaCertificate()), Optional.empty(), Optional.empty(), req.disapplyTimeChecks());
        SimulatedMeter meter = stored.toMeter(cells, null);
        Cs02bResponse r = meter.process(cmd.sign(key), now);
        if (!r.accepted()) {
            throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "meter " + id + " refused the CS02b ("
                    + req.mode() + " signed by " + signer.name() + "): " + r.rejection().orElseThrow());
        }
        if (r.outcomes().stream().noneMatch(o -> o.status() == CellStatus.SUCCESS)) {
            throw new DeviceException(DeviceException.Code.COMMAND_REFUSED, "meter " + id + " replaced no cell: "
                    + String.join("; ", r.outcomes().stream().map(o -> o.cell() + " status " + o.status().code() + " "
                            + o.status() + " (" + o.reason() + ")").toList()));
        }
        Map<TrustAnchorCell, CellContent> next = new EnumMap<>(meter.cells());
        String supplierNow = Optional.ofNullable(next.get(TrustAnchorCell.SUPPLIER_DS)).flatMap(CellContent::eui)
                .flatMap(pki::partyByEui).map(PartySpec::name).orElse(stored.supplier());
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("mode", req.mode().name());
        detail.put("signer", signer.name());
        detail.put("counter", Long.toUnsignedString(counter));
        detail.put("outcomes", r.outcomes().stream().map(o -> o.cell() + " " + o.status().code() + " " + o.status())
                .toList());
        detail.put("checks", r.checks().stream().map(c -> c.name() + ": " + (c.passed() ? "pass" : "fail")).toList());
        db.get().write(jdbc -> {
            long set = meters.cellSet(jdbc, next);
            meters.update(jdbc, List.of(stored.after(meter).withCells(set, supplierNow)));
            audit.append(jdbc, entry(now, actor, "meter.cs02b", id.toString(), stored.supplier(), supplierNow, detail));
            return null;
        });
        return r;
    }

    // ---- fleet state as of now

    /** Who is off supply now and for how long, and counts as of now. */
    public record SupplyStats(Instant at, long meters, long prepayment, long offSupply, long offSupplyPsr,
            long safeMode, long onEmergencyCredit, Duration longestOff, double customerHoursOff,
            Map<String, Map<String, Long>> counts) {
    }

    /** Streams the fleet once, settling each meter to now (nothing is written). */
    public SupplyStats stats() {
        Instant now = now();
        long[] n = new long[6];
        Duration[] longest = {Duration.ZERO};
        double[] hours = {0};
        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (String k : List.of("device_type", "payment_mode", "supply_state", "psr", "supplier")) {
            counts.put(k, new TreeMap<>());
        }
        meters.forEach(db.get().jdbc(), stored -> {
            StoredMeter m = stored.settled(now);
            PrepaymentState s = m.prepayment();
            n[0]++;
            counts.get("device_type").merge(m.type().name(), 1L, Long::sum);
            counts.get("payment_mode").merge(s.mode().name(), 1L, Long::sum);
            counts.get("supply_state").merge(s.supply().name(), 1L, Long::sum);
            counts.get("psr").merge(String.valueOf(m.psr()), 1L, Long::sum);
            counts.get("supplier").merge(m.supplier(), 1L, Long::sum);
            if (s.mode() == PrepaymentState.PaymentMode.PREPAYMENT) {
                n[1]++;
            }
            if (s.supply() == PrepaymentState.SupplyState.DISABLED) {
                n[2]++;
                if (m.psr()) {
                    n[3]++;
                }
                Duration off = s.offSupplyFor(now);
                hours[0] += off.toMinutes() / 60.0;
                if (off.compareTo(longest[0]) > 0) {
                    longest[0] = off;
                }
            }
            if (s.safeMode()) {
                n[4]++;
            }
            if (s.onEmergencyCredit()) {
                n[5]++;
            }
        });
        return new SupplyStats(now, n[0], n[1], n[2], n[3], n[4], n[5], longest[0], hours[0], counts);
    }

    // ---- helpers

    private StoredMeter require(Eui64 id) {
        return meters.find(db.get().jdbc(), id).orElseThrow(() -> new DeviceException(DeviceException.Code.BAD_INPUT,
                "no meter " + id + " in the fleet (fleet import or fleet generate first; fleet stats shows the fleet)"));
    }

    private Map<TrustAnchorCell, CellContent> cells(StoredMeter m) {
        if (!m.commissioned()) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "meter " + m.id() + " has no trust anchor cells:"
                    + " its supplier '" + m.supplier() + "' has no certificates in this database's SMKI (pki init,"
                    + " then import the meter again)");
        }
        return cellsCached(m);
    }

    private Map<TrustAnchorCell, CellContent> cellsCached(StoredMeter m) {
        return cellSets.cells(db.get().jdbc(), m.cellSetId());
    }

    private PartySpec supplier(String party) {
        PartySpec p = pki.parties().stream().filter(s -> s.name().equalsIgnoreCase(party)).findFirst()
                .orElseThrow(() -> new DeviceException(DeviceException.Code.BAD_INPUT, "'" + party
                        + "': the SMKI holds no such party (" + partyNames() + ")"));
        if (p.kind() != SmkiPartyKind.SUPPLIER) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "'" + party + "' is a " + p.kind()
                    + ", not a supplier");
        }
        return p;
    }

    private String partyNames() {
        return String.join(", ", pki.parties().stream().map(PartySpec::name).toList());
    }

    /** The party whose certificate is in {@code cell}. */
    private String holder(CellContent cell, TrustAnchorCell which) {
        return Optional.ofNullable(cell).flatMap(CellContent::eui).flatMap(pki::partyByEui).map(PartySpec::name)
                .orElseThrow(() -> new DeviceException(DeviceException.Code.BAD_INPUT, "the meter's " + which
                        + " cell holds a certificate of no party this SMKI knows; name the signer with {signer}"));
    }

    /** The keystore alias of a party of {@code kind} whose certificate goes in {@code cell}. */
    static Optional<String> aliasFor(TrustAnchorCell cell, SmkiPartyKind kind) {
        return kind.keys().stream().filter(k -> k.role() == cell.role() && k.usage() == cell.usage()
                && k.cellUsage() == cell.cellUsage()).map(SmkiPartyKind.OrgKey::alias).findFirst();
    }

    /**
     * The originator counter for a command at {@code now}: microseconds since the epoch (counters
     * that follow time never go back), or one above the meter's floor if that is higher.
     */
    public static long counter(Instant now, long floor) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, now);
        return Long.compareUnsigned(micros, floor) > 0 ? micros : floor + 1;
    }

    private MeterKeys meterKeys(char[] password) {
        return MeterKeys.openOrCreate(pki.directory().resolve("fleet").resolve("fleet-secret.p12"), password);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static AuditEntry entry(Instant at, Actor actor, String action, String subject, String before,
            String after, Map<String, Object> detail) {
        return AuditEntry.of(at, actor, action, subject, before, after, detail);
    }
}
