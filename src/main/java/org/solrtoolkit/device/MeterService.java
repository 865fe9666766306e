package org.solrtoolkit.device;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.SmkiPartyKind;
import org.solrtoolkit.store.Database;

/**
 * Work on stored meters (domain.md sections 3 and 4): show one as of now, top it up with a UTRN
 * made with a supplier's prepayment key, and send a signed CS02b. The meter's checks run on the bytes
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
            pki.parties().forEach(p -> p.euis().forEach(e -> holders.put(e, p.name())));
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
        return new TopUpSender(this).send(id, party, pence, password, actor);
    }

    /**
     * The DCC's checks before it carries a request signed with {@code signer}'s {@code alias} key:
     * the request is not rejected for the supplier (MPIDs transferred, MP185), and the certificate
     * is not revoked (the DCC refuses requests under a revoked certificate; MP134A lets the PMA delay
     * revocation so that an SRP can still protect customers).
     */
    void admitted(String signer, String sender, String alias, String what) {
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
                            + " prepayment meters are protected)");
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
                var certificate = pki.certificate(p.name(), alias.get()); // no lambda: see ToolkitConfiguration.Smki
                if (certificate.isPresent()) {
                    reps.add(new Cs02bCommand.Replacement(cell, certificate.get()));
                }
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
        return new CredentialsUpdate(this).send(id, req, password, actor);
    }

    /**
     * The fleet as the DCC reaches it (issue 16): GBCS commands delivered to meters, their MPxNs and
     * key-agreement keys ({@link GbcsDelivery}); the fleet secret is opened once.
     */
    public GbcsDelivery onTheWire(char[] password) {
        return new GbcsDelivery(this, meterKeys(password));
    }

    /** Whether this database's fleet is simulated here (it has the fleet secret the meters' keys derive from). */
    public boolean simulated() {
        return pki.initialised() && java.nio.file.Files.exists(pki.directory().resolve("fleet").resolve("fleet-secret.p12"));
    }

    // ---- fleet state as of now

    /** Who is off supply now and for how long, and counts as of now. */
    public record SupplyStats(Instant at, long meters, long prepayment, long offSupply, long offSupplyPsr,
            long neverDisabled, long onEmergencyCredit, Duration longestOff, double customerHoursOff,
            Map<String, Map<String, Long>> counts) {
    }

    /** Streams the fleet once, settling each meter to now (nothing is written). */
    public SupplyStats stats() {
        return new SupplyStatistics(this).now();
    }

    // ---- helpers, shared with the commands' own classes (CredentialsUpdate, SupplyStatistics)

    Supplier<Database> database() {
        return db;
    }

    AuditLog audit() {
        return audit;
    }

    PkiService pki() {
        return pki;
    }

    Network network() {
        return network;
    }

    FleetRepository meters() {
        return meters;
    }

    StoredMeter require(Eui64 id) {
        return meters.find(db.get().jdbc(), id).orElseThrow(() -> new DeviceException(DeviceException.Code.BAD_INPUT,
                "no meter " + id + " in the fleet (fleet import or fleet generate first; fleet stats shows the fleet)"));
    }

    Map<TrustAnchorCell, CellContent> cells(StoredMeter m) {
        if (!m.commissioned()) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "meter " + m.id() + " has no trust anchor cells:"
                    + " its supplier '" + m.supplier() + "' has no certificates in this database's SMKI (pki init,"
                    + " then import the meter again)");
        }
        return cellsCached(m);
    }

    Map<TrustAnchorCell, CellContent> cellsCached(StoredMeter m) {
        return cellSets.cells(db.get().jdbc(), m.cellSetId());
    }

    PartySpec supplier(String party) {
        PartySpec p = pki.parties().stream().filter(s -> s.name().equalsIgnoreCase(party)).findFirst()
                .orElseThrow(() -> new DeviceException(DeviceException.Code.BAD_INPUT, "'" + party
                        + "': the SMKI holds no such party (" + partyNames() + ")"));
        if (p.kind() != SmkiPartyKind.SUPPLIER) {
            throw new DeviceException(DeviceException.Code.BAD_INPUT, "'" + party + "' is a " + p.kind()
                    + ", not a supplier");
        }
        return p;
    }

    String partyNames() {
        return String.join(", ", pki.parties().stream().map(PartySpec::name).toList());
    }

    /** The party whose certificate is in {@code cell}. */
    String holder(CellContent cell, TrustAnchorCell which) {
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

    MeterKeys meterKeys(char[] password) {
        return MeterKeys.openOrCreate(pki.directory().resolve("fleet").resolve("fleet-secret.p12"), password);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    static AuditEntry entry(Instant at, Actor actor, String action, String subject, String before,
            String after, Map<String, Object> detail) {
        return AuditEntry.of(at, actor, action, subject, before, after, detail);
    }
}
