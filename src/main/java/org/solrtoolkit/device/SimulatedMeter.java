package org.solrtoolkit.device;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.Gbcs;
import org.solrtoolkit.pki.RemotePartyRole;

/**
 * A smart meter as a state machine over its trust anchor cells, its sequence-number floors and
 * its own key pairs (domain.md section 3). It applies a CS02b only if every command-level check
 * passes on the bytes (target, authoriser, signature against the authorising cell, counter above the
 * floor, cells the mode allows), then checks each replacement (role and key usage for the cell,
 * chain through the path certificates to the Root cell, validity unless disapplied) and answers per
 * cell: partial success is real. Devices do not check revocation. Not thread-safe: one meter is
 * worked on by one thread at a time.
 */
public final class SimulatedMeter {

    private final Eui64 eui;
    private final DeviceType type;
    private final KeyPair keyAgreement;
    private final Map<TrustAnchorCell, CellContent> cells = new EnumMap<>(TrustAnchorCell.class);
    private final Map<RemotePartyRole, Long> floors = new EnumMap<>(RemotePartyRole.class);
    private long prepaymentFloor;
    private PrepaymentState prepayment;
    /** The last UTRNs accepted, to name a duplicate as such (a meter keeps a short log). */
    private final java.util.ArrayDeque<String> acceptedUtrns = new java.util.ArrayDeque<>();
    private static final int UTRN_LOG = 5;
    /** Shared answers that depend only on bytes (certificate inspection, certificate signatures); may be null. */
    private TrustCache trust;

    /**
     * A commissioned meter whose cells hold {@code certificates} (every cell of its type must be
     * given), with all floors at zero.
     */
    public SimulatedMeter(Eui64 eui, DeviceType type, KeyPair keyAgreement,
            Map<TrustAnchorCell, X509CertificateHolder> certificates) {
        this.eui = eui;
        this.type = type;
        this.keyAgreement = keyAgreement;
        for (TrustAnchorCell cell : TrustAnchorCell.of(type)) {
            X509CertificateHolder c = certificates.get(cell);
            if (c == null) {
                throw new DeviceException(DeviceException.Code.BAD_INPUT, type + " " + eui + " needs a certificate for"
                        + " its " + cell + " cell");
            }
            cells.put(cell, CellContent.of(c));
        }
        this.prepayment = PrepaymentState.credit(Instant.EPOCH);
    }

    private SimulatedMeter(Eui64 eui, DeviceType type, KeyPair keyAgreement) {
        this.eui = eui;
        this.type = type;
        this.keyAgreement = keyAgreement;
    }

    /**
     * A meter as stored: its cells' contents, floors, prepayment floor and state and the UTRNs it
     * last accepted. {@code keyAgreement} (the meter's own KA key pair) is needed only to check UTRNs
     * and may be null otherwise.
     */
    public static SimulatedMeter restore(Eui64 eui, DeviceType type, KeyPair keyAgreement,
            Map<TrustAnchorCell, CellContent> cells, Map<RemotePartyRole, Long> floors, long prepaymentFloor,
            PrepaymentState prepayment, List<String> recentUtrns) {
        SimulatedMeter m = new SimulatedMeter(eui, type, keyAgreement);
        m.cells.putAll(cells);
        m.floors.putAll(floors);
        m.prepaymentFloor = prepaymentFloor;
        m.prepayment = prepayment;
        m.acceptedUtrns.addAll(recentUtrns);
        return m;
    }

    /** Shares {@code cache} for answers that depend only on bytes (a campaign's meters see the same certificates). */
    public SimulatedMeter trusting(TrustCache cache) {
        this.trust = cache;
        return this;
    }

    /** The cells and what they hold, in cell order. */
    public Map<TrustAnchorCell, CellContent> cells() {
        return java.util.Collections.unmodifiableMap(cells);
    }

    /** The floors that have been set, by role. */
    public Map<RemotePartyRole, Long> floors() {
        return java.util.Collections.unmodifiableMap(floors);
    }

    /** The UTRNs last accepted, oldest first. */
    public List<String> recentUtrns() {
        return List.copyOf(acceptedUtrns);
    }

    public PrepaymentState prepayment() {
        return prepayment;
    }

    public void prepayment(PrepaymentState state) {
        this.prepayment = state;
    }

    /**
     * Offers a UTRN from {@code originator} (domain.md section 4). The meter rebuilds the full
     * counter from the 10 bits the UTRN carries (bits 32..41) and the bits above them from its
     * prepayment floor (INFERENCE: suppliers step their UTRN counter by 2^32, so the low 32 bits are
     * zero), then refuses a tag that its KA key and the Supplier KA (prepaymentTopUp) cell do not
     * reproduce (checked first: it says most about a UTRN from the wrong supplier), a duplicate, or a
     * counter at or below the floor; otherwise it credits the value and raises the floor.
     */
    public TopUpResult offer(Utrn utrn, Eui64 originator, Instant at) {
        if (prepayment.mode() != PrepaymentState.PaymentMode.PREPAYMENT) {
            return TopUpResult.NOT_PREPAYMENT;
        }
        long counter = (prepaymentFloor & ~((1L << 42) - 1)) | ((long) utrn.counterBits() << 32);
        if (!utrnAuthentic(utrn, originator, counter)) {
            return TopUpResult.NOT_AUTHENTIC;
        }
        if (acceptedUtrns.contains(utrn.digits())) {
            return TopUpResult.DUPLICATE;
        }
        if (Long.compareUnsigned(counter, prepaymentFloor) <= 0) {
            return TopUpResult.COUNTER_AT_OR_BELOW_FLOOR;
        }
        prepaymentFloor = counter;
        acceptedUtrns.addLast(utrn.digits());
        if (acceptedUtrns.size() > UTRN_LOG) {
            acceptedUtrns.removeFirst();
        }
        PrepaymentState before = prepayment;
        prepayment = prepayment.topUp(utrn.pence(), at);
        if (before.supply() == PrepaymentState.SupplyState.DISABLED && prepayment.supply() == PrepaymentState.SupplyState.ARMED) {
            alert(MeterAlert.SUPPLY_ARMED, at);
        }
        return TopUpResult.ACCEPTED;
    }

    public Eui64 eui() {
        return eui;
    }

    public DeviceType type() {
        return type;
    }

    public Optional<CellContent> cell(TrustAnchorCell cell) {
        return Optional.ofNullable(cells.get(cell));
    }

    /** The sequence-number floor of a role (anti-replay): a command's counter must be above it. */
    public long floor(RemotePartyRole role) {
        return floors.getOrDefault(role, 0L);
    }

    public long prepaymentFloor() {
        return prepaymentFloor;
    }

    /**
     * Processes a signed CS02b at {@code now}. A command-level failure changes nothing; otherwise
     * each cell is replaced or kept as its outcome says, and the floors move as the command says.
     */
    public Cs02bResponse process(Cs02bCommand.Signed signed, Instant now) {
        Cs02bCommand cmd;
        try {
            cmd = signed.command();
        } catch (DeviceException e) {
            return rejected(new ArrayList<>(), MeterCheck.PARSE, "parse", e.getMessage());
        }
        return process(cmd, key -> verifies(key, signed.body(), signed.signature()), new ArrayList<>(), now);
    }

    /**
     * The command-level checks alone, nothing changed: a future-dated command is accepted on
     * receipt and executed at its time ({@link GbcsMeter}).
     */
    Cs02bResponse check(Cs02bCommand cmd, java.util.function.Predicate<SubjectPublicKeyInfo> signature,
            List<Cs02bResponse.Check> checks) {
        return CommandChecks.refusal(this, cmd, signature, checks).orElse(new Cs02bResponse(true, Optional.empty(), List.of(), checks));
    }

    java.security.KeyPair keyAgreement() {
        return keyAgreement;
    }

    /**
     * Processes a CS02b already read from its encoding (the toolkit's own, or GBCS on the wire:
     * {@link GbcsMeter}); {@code signature} says whether the command's signature verifies with the
     * key in the authorising cell; {@code checks} may hold the checks made before (the MAC).
     */
    Cs02bResponse process(Cs02bCommand cmd, java.util.function.Predicate<SubjectPublicKeyInfo> signature,
            List<Cs02bResponse.Check> checks, Instant now) {
        Optional<Cs02bResponse> refused = CommandChecks.refusal(this, cmd, signature, checks);
        if (refused.isPresent()) {
            return refused.get();
        }
        TrustAnchorCell auth = cmd.authorisingCell();
        List<Cs02bResponse.CellOutcome> outcomes = new ReplacementCheck(type, cells, trust).checkAll(cmd, now, checks);
        outcomes.stream().filter(o -> o.status() == CellStatus.SUCCESS).forEach(o -> cells.put(o.cell(), o.replacing()));
        floors.put(auth.role(), cmd.originatorCounter());
        floors.putAll(cmd.otherFloors()); // only the roles the mode may set (CommandChecks)
        if (cmd.mode() == Cs02bMode.SUPPLIER_BY_TRANS_COS) {
            // a new supplier starts its own counters: its floors are reset to what the command says
            floors.put(RemotePartyRole.SUPPLIER, cmd.supplierFloor().orElse(0L));
            prepaymentFloor = cmd.prepaymentFloor().orElse(0L);
        } else {
            cmd.supplierFloor().ifPresent(f -> floors.put(RemotePartyRole.SUPPLIER, f));
            cmd.prepaymentFloor().ifPresent(f -> prepaymentFloor = f);
        }
        return new Cs02bResponse(true, Optional.empty(), outcomes, checks);
    }

    /** A device alert this meter raised while processing (kept by the caller in {@code meter_alert}). */
    public record Alert(MeterAlert alert, Instant at) {
    }

    private final List<Alert> alerts = new ArrayList<>();

    void alert(MeterAlert a, Instant at) {
        alerts.add(new Alert(a, at));
    }

    /** The alerts raised since this meter was restored, oldest first. */
    public List<Alert> alerts() {
        return List.copyOf(alerts);
    }

    /** Moves the floor of {@code role} to {@code counter} (a command above it was accepted). */
    void raiseFloor(RemotePartyRole role, long counter) {
        floors.put(role, counter);
    }

    boolean verifies(SubjectPublicKeyInfo key, byte[] body, byte[] signature) {
        PublicKey k;
        try {
            k = cellKey(key);
        } catch (DeviceException e) {
            return false;
        }
        return Ecdsa.verify(k, body, signature);
    }

    /**
     * The key of a cell, for checking a signature or agreeing a MAC key with it: one key object per
     * distinct key through the trust cache where the meter has one (a campaign's meters share it, so
     * the provider's translation of the key is made once), else made now.
     *
     * @throws DeviceException BAD_KEY if the cell's key cannot be used
     */
    PublicKey cellKey(SubjectPublicKeyInfo key) {
        return trust == null ? publicKey(key) : trust.publicKey(key);
    }

    /**
     * Whether {@code utrn} is authentic for this meter from {@code originator} at {@code counter},
     * checked with the meter's KA key against the key in its Supplier KA (prepaymentTopUp) cell.
     */
    public boolean utrnAuthentic(Utrn utrn, Eui64 originator, long counter) {
        return utrn.authentic(keyAgreement.getPrivate(), publicKey(cells.get(TrustAnchorCell.SUPPLIER_KA_TOPUP)
                .publicKey()), originator, eui, counter);
    }

    static PublicKey publicKey(SubjectPublicKeyInfo spki) {
        try {
            return new JcaPEMKeyConverter().setProvider(Gbcs.BC).getPublicKey(spki);
        } catch (org.bouncycastle.openssl.PEMException e) {
            throw new DeviceException(DeviceException.Code.BAD_KEY, "cell key cannot be used: " + e.getMessage(), e);
        }
    }

    /** Records a check; its detail is only worked out when the check fails (a million meters pass them all). */
    static boolean check(List<Cs02bResponse.Check> checks, MeterCheck code, String name, boolean passed,
            java.util.function.Supplier<String> detail) {
        checks.add(new Cs02bResponse.Check(code, name, passed, passed ? "" : detail.get()));
        return passed;
    }

    static Cs02bResponse rejected(List<Cs02bResponse.Check> checks, MeterCheck code, String check,
            String why) {
        return new Cs02bResponse(false, Optional.of(new Cs02bResponse.Refusal(code, check, why)), List.of(), checks);
    }

    @Override
    public String toString() {
        return type + " " + eui;
    }
}
