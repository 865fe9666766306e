package org.solrtoolkit.migration;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.dcc.SimulatedDcc;
import org.solrtoolkit.device.CellContent;
import org.solrtoolkit.device.GbcsDelivery;
import org.solrtoolkit.device.GbcsMeter;
import org.solrtoolkit.device.MeterKeys;
import org.solrtoolkit.device.MeterService;
import org.solrtoolkit.device.SimulatedMeter;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.device.TrustCache;
import org.solrtoolkit.device.TrustAnchorCell;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.wire.CriticalRequest;
import org.solrtoolkit.wire.CriticalService;
import org.solrtoolkit.wire.DuisException;
import org.solrtoolkit.wire.DuisResponse;
import org.solrtoolkit.wire.GbcsException;
import org.solrtoolkit.wire.GeneralSigning;
import org.solrtoolkit.wire.PrepaymentCommand;
import org.solrtoolkit.wire.PrepaymentResponse;
import org.solrtoolkit.wire.RequestId;

/**
 * One critical protective request to one meter over the wire formats, in memory (domain.md sections
 * 6 and 7): the supplier signs a DUIS request (CommandVariant 4) with its XML-signing key; the
 * simulated DCC checks it and that the supplier is registered for the meter's MPxN
 * ({@link DccRegistration}) and returns the GBCS pre-command; the supplier checks that the pre-command
 * is what it asked for and signs it with its Supplier DS key; the DCC has the ACB MAC it and sends it;
 * the meter checks MAC, originator, signature against its Supplier DS cell and counter against its
 * Supplier floor, executes and answers signed; the supplier checks the DCC's XML signature and the
 * device's GBCS signature. What the supplier learns is what the DCC reports; the meter's own check log
 * is kept for the trainer ({@link Outcome#trainer}). Thread-safe: each call has its own DCC and meter.
 */
final class ProtectivePath {

    /** One protective request: the service and its parameters. */
    record Request(CriticalService service, PrepaymentCommand parameters) {
    }

    /** How a request ended. */
    enum Result { EXECUTED, NOT_EXECUTED, REJECTED, NO_RESPONSE }

    /**
     * @param meter the meter after it (floors and prepayment state), or the meter unchanged
     * @param changed whether the meter's state changed (it authenticated the command)
     * @param code the DUIS response code or DCC alert code, or the device's result for an executed or not
     *     executed command
     * @param seen what the sender sees (the DCC's words)
     * @param trainer the meter's check log, for the trainer only
     */
    record Outcome(StoredMeter meter, boolean changed, Result result, String code, String seen, String trainer,
            List<SimulatedMeter.Alert> alerts) {
    }

    private final DuisUsers users;
    private final java.util.Set<BigInteger> revoked;
    private final PrivateKey supplierDs;
    private final SimulatedDcc.Keys dccKeys;
    private final DccRegistration registration;
    private final GbcsDelivery fleet;
    private final MeterLink link;
    /** The requesters' certificates, inspected once for the run (the DCC checks one per request). */
    private final TrustCache trust = new TrustCache();

    ProtectivePath(DuisUsers users, java.util.Set<BigInteger> revoked, PrivateKey supplierDs, SimulatedDcc.Keys dccKeys, DccRegistration registration,
            GbcsDelivery fleet, MeterLink link) {
        this.users = users;
        this.revoked = revoked;
        this.supplierDs = supplierDs;
        this.dccKeys = dccKeys;
        this.registration = registration;
        this.fleet = fleet;
        this.link = link;
    }

    Outcome send(StoredMeter m, Map<TrustAnchorCell, CellContent> cells, Request request, Instant now) {
        Eui64 id = m.id();
        KeyPair ka = fleet.keyPair(id, MeterKeys.Usage.KA);
        KeyPair ds = fleet.keyPair(id, MeterKeys.Usage.DS);
        SimulatedMeter meter = m.toMeter(cells, ka);
        GbcsMeter device = new GbcsMeter(meter, ds.getPrivate());
        DuisUsers.User user = users.forFuel(m.mpxn().fuel());
        X509CertificateHolder xmlCert = user.key().chain().get(0);
        RequestId rid = new RequestId(user.eui(), id, MeterService.counter(now, m.floor(RemotePartyRole.SUPPLIER)));
        String[] trainer = {""};
        String[] offline = {null};
        SimulatedDcc dcc = new SimulatedDcc(new OneMeterDirectory(m, ka.getPublic(), xmlCert,
                revoked.contains(xmlCert.getSerialNumber()), registration, trust), (to, command, at) -> {
            offline[0] = link.unreachable(to, at).orElse(null);
            if (offline[0] != null) {
                trainer[0] = offline[0];
                return Optional.empty();
            }
            GbcsMeter.Answer a = device.handle(command, at);
            trainer[0] = a.outcome().ownReason().orElse("all checks passed");
            return a.response();
        }, dccKeys, () -> 0L);
        byte[] xml = new CriticalRequest(rid, request.service(), request.parameters()).signed(user.key().key(), xmlCert);
        SimulatedDcc.Handled first = dcc.preCommand(xml, rid + ".xml", now);
        DuisResponse pre = read(first.response(), rid);
        if (pre.kind() != DuisResponse.Kind.PRE_COMMAND) {
            return new Outcome(m, false, Result.REJECTED, pre.responseCode(), "rejected by the DCC: " + pre.responseCode()
                    + " (" + first.outcome().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")",
                    "the request did not reach the meter", List.of());
        }
        GeneralSigning unsigned = GeneralSigning.decode(pre.gbcsPayload().orElseThrow());
        if (!unsigned.recipient().equals(id) || unsigned.counter() != rid.counter()
                || !PrepaymentCommand.decode(unsigned.payload()).equals(request.parameters())) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "the DCC's pre-command for " + rid
                    + " is not what was asked for; nothing was signed");
        }
        byte[] signedPre = unsigned.sign(supplierDs).encode();
        SimulatedDcc.Handled second = dcc.signedPreCommand(CriticalRequest.signedPreCommand(rid, request.service(),
                signedPre, user.key().key(), xmlCert), rid + ".signed.xml", now);
        DuisResponse r = read(second.response(), rid);
        if (r.kind() == DuisResponse.Kind.DCC_ALERT) {
            return new Outcome(m, false, Result.NO_RESPONSE, r.alertCode().orElse(""), "DCC alert " + r.alertCode()
                    .orElse("") + ": no response from the device", trainer[0], List.of());
        }
        if (r.responseCode().startsWith("E")) {
            return new Outcome(m, false, Result.REJECTED, r.responseCode(), "rejected by the DCC: " + r.responseCode(),
                    trainer[0], List.of());
        }
        GeneralSigning answer = GeneralSigning.decode(r.gbcsPayload().orElseThrow());
        if (!answer.verifies(ds.getPublic()) || !answer.originator().equals(id) || answer.counter() != rid.counter()) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "the device's response to " + rid
                    + " does not verify with its DS certificate");
        }
        PrepaymentResponse p = PrepaymentResponse.decode(answer.payload());
        StoredMeter after = m.after(meter);
        return new Outcome(after, true, p.executed() ? Result.EXECUTED : Result.NOT_EXECUTED, "result " + p.result(),
                p.executed() ? "executed (balance " + p.balance() + "p, supply " + after.prepayment().supply() + ")"
                        : "not executed by the device (result " + p.result() + " other-reason)", trainer[0],
                meter.alerts());
    }

    private DuisResponse read(byte[] xml, RequestId rid) {
        X509CertificateHolder dsp = dccKeys.xmlSigningCertificate();
        try {
            return DuisResponse.read(xml, rid + ".response.xml", s -> s.serial().equals(dsp.getSerialNumber())
                    && s.names(dsp) ? Optional.of(dsp) : Optional.empty()).response();
        } catch (DuisException | GbcsException e) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "the DCC's response to " + rid
                    + " does not check: " + e.getMessage());
        }
    }


}
