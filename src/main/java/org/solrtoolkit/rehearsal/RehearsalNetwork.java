package org.solrtoolkit.rehearsal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.device.Cs02bCommand;
import org.solrtoolkit.device.Cs02bResponse;
import org.solrtoolkit.device.Network;
import org.solrtoolkit.device.SimulatedMeter;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.event.CurrentEvent;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.Party;
import org.solrtoolkit.migration.MeterLink;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.store.Database;

/**
 * The DCC and the WAN as a running rehearsal's faults make them: meters of an offline share do not
 * answer, requests for the Failing Supplier are rejected once its MPIDs have moved (MP185), and the
 * DCC places a wrong SoLR KA certificate while that fault lasts. Outside a rehearsal (the current
 * event is live, or there is none) everything gets through. What is active is read once per
 * simulated instant: time stands still within a command, and only moving the clock changes faults.
 */
public final class RehearsalNetwork implements Network, MeterLink {


    private static final RehearsalRepository REHEARSALS = new RehearsalRepository();

    private final Supplier<Database> db;
    private volatile Snapshot snapshot;

    public RehearsalNetwork(Supplier<Database> db) {
        this.db = db;
    }

    /** What is in force at one simulated instant. */
    record Snapshot(Instant at, String eventId, long seed, String failingSupplier, String solr, List<Offline> offline,
            Optional<X509CertificateHolder> wrongKa, Optional<Instant> mpidsTransferredAt) {
    }

    /** An active offline window: the fault's ordinal (part of the hash), share and window. */
    record Offline(int ordinal, double share, Instant from, Instant until) {
    }

    /** Forgets what was read (the clock moved or a fault struck in this process). */
    void invalidate() {
        snapshot = null;
    }

    private Snapshot at(Instant now) {
        Snapshot s = snapshot;
        if (s != null && s.at().equals(now)) {
            return s;
        }
        s = load(now);
        snapshot = s;
        return s;
    }

    private Snapshot load(Instant now) {
        var jdbc = db.get().jdbc();
        Optional<Event> current = CurrentEvent.of(jdbc).filter(Event::isRehearsal);
        Optional<Long> seeded = current.flatMap(e -> REHEARSALS.seed(jdbc, e.id()));
        if (seeded.isEmpty()) {
            return new Snapshot(now, null, 0, null, null, List.of(), Optional.empty(), Optional.empty());
        }
        String eventId = current.get().id();
        long seed = seeded.get();
        String fs = current.get().partyOf(PartyRole.FAILING_SUPPLIER).map(Party::name).orElse(null);
        String solr = current.get().partyOf(PartyRole.SOLR).map(Party::name).orElse(null);
        List<Offline> offline = new ArrayList<>();
        Optional<X509CertificateHolder> wrongKa = Optional.empty();
        Optional<Instant> mpids = Optional.empty();
        List<RehearsalRepository.FaultRow> active = new ArrayList<>(REHEARSALS.faults(jdbc, eventId, List.of("ACTIVE")));
        active.sort(java.util.Comparator.comparingInt(RehearsalRepository.FaultRow::ordinal));
        for (RehearsalRepository.FaultRow f : active) {
            Instant until = f.endsAt().orElse(Instant.MAX);
            switch (f.type()) {
                case METERS_OFFLINE -> offline.add(new Offline(f.ordinal(), Double.parseDouble(f.params().get("share")),
                        f.startsAt(), until));
                case UNKNOWN_KA_ISSUER -> wrongKa = Optional.of(Der.certificate(f.detail().path("certificate")
                        .asText()));
                case MPIDS_TRANSFERRED_EARLY -> mpids = Optional.of(f.startsAt());
                default -> {
                }
            }
        }
        return new Snapshot(now, eventId, seed, fs, solr, List.copyOf(offline), wrongKa, mpids);
    }


    /**
     * Certificates stored with a fault. A class of its own: the network is a bean, and Spring reads a
     * bean's method signatures at start-up, where a Bouncy Castle type costs every command (issue 13).
     */
    private static final class Der {
        static X509CertificateHolder certificate(String base64) {
            try {
                return new X509CertificateHolder(Base64.getDecoder().decode(base64));
            } catch (IOException e) {
                throw new IllegalStateException("rehearsal_fault holds a DER certificate written by the toolkit", e);
            }
        }
    }

    /**
     * Whether {@code device} is in the offline share of fault {@code ordinal}: a hash of the
     * rehearsal's seed, the fault and the meter, so the same meters are offline in every replay.
     */
    static boolean inShare(long seed, int ordinal, long device, double share) {
        return unit(seed, ordinal, device) < share;
    }

    /** A number in [0, 1) from the seed, the fault and the meter ({@link org.solrtoolkit.device.CustomerReaction#unit}). */
    static double unit(long seed, int ordinal, long device) {
        return org.solrtoolkit.device.CustomerReaction.unit(seed, ordinal, device);
    }

    @Override
    public Optional<String> rejects(String onBehalfOf, String sender, Instant now) {
        Snapshot s = at(now);
        if (s.mpidsTransferredAt().isPresent() && onBehalfOf.equalsIgnoreCase(s.failingSupplier())) {
            return Optional.of("REHEARSAL fault: " + s.failingSupplier() + "'s MPIDs were transferred to " + s.solr()
                    + " at " + s.mpidsTransferredAt().get() + ", so the DCC no longer accepts requests sent by "
                    + sender + " on its behalf (MP185: the PMA can delay the MPID transfer until the SRP's work is done)");
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> unreachable(Eui64 meter, Instant now) {
        Snapshot s = at(now);
        for (Offline o : s.offline()) {
            if (inShare(s.seed(), o.ordinal(), meter.value(), o.share())) {
                return Optional.of("no answer on the WAN (REHEARSAL fault meters-offline from " + o.from()
                        + (o.until().equals(Instant.MAX) ? "" : " until " + o.until()) + ")");
            }
        }
        return Optional.empty();
    }

    @Override
    public Cs02bResponse deliver(SimulatedMeter meter, Cs02bCommand.Signed command, Instant now) throws Unreachable {
        Optional<String> off = unreachable(meter.eui(), now);
        if (off.isPresent()) {
            throw new Unreachable(off.get());
        }
        return meter.process(command, now);
    }

    @Override
    public List<Cs02bCommand.Replacement> placed(List<Cs02bCommand.Replacement> checked, Instant now) {
        Optional<X509CertificateHolder> wrong = at(now).wrongKa();
        if (wrong.isEmpty()) {
            return checked;
        }
        return checked.stream().map(r -> r.cell() == TrustAnchorCell.SUPPLIER_KA
                ? new Cs02bCommand.Replacement(r.cell(), wrong.get()) : r).toList();
    }

    @Override
    public long pauseMillis(int pass) {
        // simulated time stands still within a command: waiting in real time changes nothing in a rehearsal
        Snapshot s = snapshot;
        boolean rehearsal = (s != null ? s : load(Instant.EPOCH)).eventId() != null;
        return rehearsal ? 0 : MeterLink.super.pauseMillis(pass);
    }
}
