package org.solrtoolkit.migration;

import java.security.KeyPair;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.dcc.SimulatedDcc;
import org.solrtoolkit.device.CellContent;
import org.solrtoolkit.device.Cs02bCommand;
import org.solrtoolkit.device.GbcsDelivery;
import org.solrtoolkit.device.GbcsMeter;
import org.solrtoolkit.device.MeterKeys;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.device.SimulatedMeter;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.device.TrustCache;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.wire.CoSRequest;
import org.solrtoolkit.wire.DuisException;
import org.solrtoolkit.wire.DuisResponse;
import org.solrtoolkit.wire.GbcsException;
import org.solrtoolkit.wire.RequestId;

/**
 * One meter of a change-of-supplier campaign over the wire formats, in memory (issue 16; domain.md
 * section 6): the SoLR signs a DUIS 6.23 request with its XML-signing key; the simulated DCC checks
 * that signature and the signer, the registration of the ImportMPxN and the device, builds the GBCS
 * CS02b, signs it as TCoS and has the ACB MAC it; the meter (its own keys) checks MAC, signature,
 * counter and cells on the octets and answers signed; the DCC wraps the answer in a signed DUIS
 * response; and the SoLR's importer checks the DCC's XML signature and the device's GBCS signature
 * and reads the per-cell outcome ({@link DuisImport#verdict}). The SoLR's side holds only its own
 * keys: the TCoS and ACB keys are the simulated DCC's. What the SoLR learns is what the DCC reports
 * (response codes, DCC alerts, per-cell status codes), never the meter's own check log.
 * Thread-safe: every meter gets its own DCC and GBCS meter instances.
 */
final class WirePath {

    /** The SoLR's side: its user ids and XML-signing keys (per fuel), and the floors each request carries. */
    record Solr(DuisUsers users, long supplierFloor, OptionalLong topUpFloor) {
    }

    private final Solr solr;
    private final SimulatedDcc.Keys dccKeys;
    private final X509CertificateHolder dspCertificate;
    private final DccRegistration registration;
    private final GbcsDelivery fleet;
    private final MeterLink link;

    WirePath(Solr solr, SimulatedDcc.Keys dccKeys, DccRegistration registration, GbcsDelivery fleet,
            MeterLink link) {
        this.solr = solr;
        this.dccKeys = dccKeys;
        this.dspCertificate = dccKeys.xmlSigningCertificate();
        this.registration = registration;
        this.fleet = fleet;
        this.link = link;
    }

    /**
     * The wire formats' path of the change of supplier of {@code event} to {@code solr}: its
     * XML-signing keys (per fuel), the simulated DCC's keys and registration data, the fleet's own
     * keys. Floors: Supplier 0 and no top-up floor, as {@code export-duis} without options.
     */
    static WirePath of(java.util.function.Supplier<org.solrtoolkit.store.Database> db,
            org.solrtoolkit.audit.AuditLog audit, java.time.Clock clock, org.solrtoolkit.pki.PkiService pki,
            org.solrtoolkit.event.Event event, String solr, char[] password, MeterLink link) {
        return new WirePath(new Solr(DuisUsers.of(pki, solr, password), 0, OptionalLong.empty()),
                DccSimulation.keys(pki, password), DccRegistration.of(db.get().jdbc(), pki, event),
                new MeterService(db, audit, clock, pki).onTheWire(password), link);
    }

    /**
     * Commands {@code m} (commissioned, not yet holding the new certificates) with the replacements
     * in {@code reps}; the outcome as the SoLR's importer classifies the DCC's response.
     */
    MigrationStep.Outcome send(StoredMeter m, Map<TrustAnchorCell, CellContent> cells, List<Cs02bCommand.Replacement> reps,
            List<X509CertificateHolder> path, TrustCache trust, int attempt, Instant now) {
        Eui64 id = m.id();
        KeyPair ka = fleet.keyPair(id, MeterKeys.Usage.KA);
        KeyPair ds = fleet.keyPair(id, MeterKeys.Usage.DS);
        SimulatedMeter meter = m.toMeter(cells, ka).trusting(trust);
        GbcsMeter device = new GbcsMeter(meter, ds.getPrivate());
        DuisUsers.User user = solr.users().forFuel(m.mpxn().fuel()); // a gas meter under the gas user id
        RequestId rid = new RequestId(user.eui(), id, MeterService.counter(now, 0));
        byte[] request = new CoSRequest(rid, Optional.empty(), solr.supplierFloor(), solr.topUpFloor(),
                certificate(reps, TrustAnchorCell.SUPPLIER_DS), Optional.of(certificate(reps, TrustAnchorCell.SUPPLIER_KA)),
                Optional.of(certificate(reps, TrustAnchorCell.SUPPLIER_KA_TOPUP)), path, true, m.mpxn().value())
                .signed(user.key().key(), user.key().chain().get(0));
        String[] offline = new String[1];
        String[] trainer = {null};
        SimulatedDcc dcc = new SimulatedDcc(new OneMeterDirectory(m, ka.getPublic(), user.key().chain().get(0), false,
                registration, trust), (to, command, at) -> {
            offline[0] = link.unreachable(to, at).orElse(null);
            if (offline[0] != null) {
                return Optional.empty();
            }
            GbcsMeter.Answer a = device.handle(command, at);
            trainer[0] = a.outcome().ownReason().orElse(null);
            return a.response();
        }, dccKeys, () -> MeterService.counter(now, m.floor(RemotePartyRole.TRANSITIONAL_COS)));
        SimulatedDcc.Handled h = dcc.handle(request, rid + ".xml", now);
        DuisImport.Verdict v;
        try {
            DuisResponse r = DuisResponse.read(h.response(), rid + ".response.xml", s -> s.serial().equals(
                    dspCertificate.getSerialNumber()) && s.names(dspCertificate) ? Optional.of(dspCertificate)
                    : Optional.empty()).response();
            v = DuisImport.verdict(r, e -> List.of(ds.getPublic()));
        } catch (DuisException | GbcsException | CampaignException e) {
            return new MigrationStep.Outcome(m, null, ItemState.FAILED, null, "the DCC's response does not check: "
                    + e.getMessage(), attempt, true);
        }
        // what the SoLR learns is the DCC's report; why (a rehearsal's fault, the meter's own check) is the trainer's
        String why = offline[0] != null ? offline[0] : trainer[0];
        return switch (v.state()) {
            case APPLIED, PARTIAL -> new MigrationStep.Outcome(m.after(meter), new EnumMap<>(meter.cells()), v.state(),
                    v.code(), v.state() == ItemState.APPLIED ? null : v.detail(), attempt, true, why);
            default -> new MigrationStep.Outcome(m, null, v.state(), v.code(), v.detail(), attempt, true, why);
        };
    }


    private static X509CertificateHolder certificate(List<Cs02bCommand.Replacement> reps, TrustAnchorCell cell) {
        return reps.stream().filter(r -> r.cell() == cell).map(Cs02bCommand.Replacement::certificate).findFirst()
                .orElseThrow();
    }
}
