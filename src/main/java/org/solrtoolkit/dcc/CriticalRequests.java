package org.solrtoolkit.dcc;

import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.pki.CertificateInfo;
import org.solrtoolkit.pki.CertificateKind;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.wire.Cra;
import org.solrtoolkit.wire.DuisException;
import org.solrtoolkit.wire.DuisResponse;
import org.solrtoolkit.wire.GbcsKdf;
import org.solrtoolkit.wire.GeneralCiphering;
import org.solrtoolkit.wire.GeneralSigning;

/**
 * The simulated DCC's side of critical requests (domain.md sections 6 and 7): a user's request is
 * answered with a GBCS pre-command for it to sign; the signed pre-command is checked against the one
 * issued, MACed by the ACB and sent to the device. A pre-command is remembered until it comes back.
 */
final class CriticalRequests {

    private final SimulatedDcc.Directory directory;
    private final SimulatedDcc.Network network;
    private final SimulatedDcc.Keys keys;
    private final SimulatedDcc dcc;
    private final SimulatedDcc.PreCommands issued;

    CriticalRequests(SimulatedDcc.Directory directory, SimulatedDcc.Network network, SimulatedDcc.Keys keys,
            SimulatedDcc dcc, SimulatedDcc.PreCommands issued) {
        this.directory = directory;
        this.network = network;
        this.keys = keys;
        this.dcc = dcc;
        this.issued = issued;
    }


    /**
     * Step 1 of a critical request (domain.md section 7; DUIS CommandVariant 4): checks the XML
     * signature and signer, the counter, and that the requester is the supplier registered for the
     * device's MPxN (in the DCC's inventory); then answers with the GBCS pre-command (General Signing,
     * CRA command, the RequestID's counter, the registered supplier's entity as originator, the use
     * case's message code for the device's fuel, unsigned) for the user to sign. A service the device
     * has no use case for (7.1 on a gas meter) is rejected.
     */
    SimulatedDcc.Handled preCommand(byte[] xml, String file, Instant now) {
        org.solrtoolkit.wire.CriticalRequest.Signed signed;
        try {
            signed = org.solrtoolkit.wire.CriticalRequest.read(xml, file, s -> directory.certificate(s.serial())
                    .filter(s::names));
        } catch (DuisException e) {
            if (e.errorCode() == DuisException.Code.MALFORMED) {
                throw e;
            }
            org.solrtoolkit.wire.CriticalRequest u = org.solrtoolkit.wire.CriticalRequest.unchecked(xml, file);
            return dcc.reject(u.requestId(), DccOutcome.AUTHENTICATION_FAILED, now, u.service().srv());
        }
        org.solrtoolkit.wire.CriticalRequest r = signed.request();
        String srv = r.service().srv();
        Optional<DccOutcome> refusal = requester(r.requestId(), signed.signer());
        if (refusal.isPresent()) {
            return dcc.reject(r.requestId(), refusal.get(), now, srv);
        }
        Eui64 device = r.requestId().target();
        Optional<String> mpxn = directory.mpxn(device);
        if (mpxn.isEmpty()) {
            return dcc.reject(r.requestId(), DccOutcome.MPXN_NOT_THE_DEVICE, now, srv);
        }
        Optional<Eui64> entity = directory.registeredEntity(r.requestId().originator(), mpxn.get(), now);
        if (entity.isEmpty()) {
            return dcc.reject(r.requestId(), DccOutcome.NOT_REGISTERED, now, srv);
        }
        boolean gas = mpxn.get().length() != 13;
        Optional<Integer> code = r.service().messageCode(gas);
        if (r.service() == org.solrtoolkit.wire.CriticalService.UPDATE_PAYMENT_MODE
                && r.parameters().paymentModeCredit().filter(c -> !c).isPresent()) {
            code = Optional.of(gas ? org.solrtoolkit.wire.CriticalService.TO_PREPAYMENT_GSME
                    : org.solrtoolkit.wire.CriticalService.TO_PREPAYMENT_ESME);
        }
        if (code.isEmpty()) {
            return dcc.reject(r.requestId(), DccOutcome.NOT_FOR_DEVICE_TYPE, now, srv);
        }
        GeneralSigning pre = GeneralSigning.unsigned(Cra.COMMAND, r.requestId().counter(), entity.get(), device, null,
                code.get(), r.parameters().encode());
        byte[] octets = pre.encode();
        issued.issued(r.requestId(), pre.signedPart());
        return new SimulatedDcc.Handled(r.requestId(), DccOutcome.PRE_COMMAND, DuisResponse.preCommand(r.requestId(), now, srv, octets)
                .signed(keys.xmlSigning(), keys.xmlSigningCertificate()), Optional.empty(), OptionalLong.empty());
    }

    /**
     * Step 2: the signed pre-command. The XML signature and signer are checked again, the GBCS must
     * be the pre-command the DCC issued for that RequestID with a signature added (the DCC does not
     * check the supplier's signature: the meter does, against its Supplier DS cell), then the ACB MACs
     * it with its and the device's key-agreement keys and it is sent; the device's signed response
     * comes back in a DUIS response {@code I0}.
     */
    SimulatedDcc.Handled signedPreCommand(byte[] xml, String file, Instant now) {
        org.solrtoolkit.wire.CriticalRequest.PreCommandSigned signed;
        signed = org.solrtoolkit.wire.CriticalRequest.readPreCommand(xml, file, s -> directory.certificate(s.serial())
                .filter(s::names)); // one whose signature fails is not answered: nothing is sent
        org.solrtoolkit.wire.RequestId id = signed.requestId();
        String srv = signed.service().srv();
        X509CertificateHolder signer = directory.certificate(signed.signer().serial()).orElseThrow();
        CertificateInfo info = directory.inspect(signer);
        if (info.kind() != CertificateKind.XML_SIGNING || !info.eui().equals(Optional.of(id.originator()))) {
            return dcc.reject(id, DccOutcome.NOT_AN_XML_SIGNING_CERTIFICATE, now, srv);
        }
        byte[] expected = issued.take(id).orElse(null);
        GeneralSigning g;
        try {
            g = GeneralSigning.decode(signed.gbcs());
        } catch (org.solrtoolkit.wire.GbcsException e) {
            return dcc.reject(id, DccOutcome.NOT_THE_PRE_COMMAND, now, srv);
        }
        if (expected == null || g.signature() == null || !java.util.Arrays.equals(expected, g.signedPart())) {
            return dcc.reject(id, DccOutcome.NOT_THE_PRE_COMMAND, now, srv);
        }
        Eui64 device = g.recipient();
        Optional<PublicKey> deviceKa = directory.deviceKeyAgreement(device);
        if (deviceKa.isEmpty()) {
            return dcc.reject(id, DccOutcome.MPXN_NOT_THE_DEVICE, now, srv);
        }
        byte[] command = GeneralCiphering.wrap(g.encode(), GbcsKdf.derive(keys.acbKa(), deviceKa.get(), Cra.COMMAND,
                g.counter(), g.originator(), device), g.originator()).encode();
        Optional<byte[]> answer = network.send(device, command, now);
        if (answer.isEmpty()) {
            return new SimulatedDcc.Handled(id, DccOutcome.NO_RESPONSE, DuisResponse.dccAlert(id, DccOutcome.NO_RESPONSE.code(), now)
                    .signed(keys.xmlSigning(), keys.xmlSigningCertificate()), Optional.of(command), OptionalLong.empty());
        }
        return new SimulatedDcc.Handled(id, DccOutcome.DELIVERED, DuisResponse.response(id, DccOutcome.DELIVERED.code(), now, srv,
                answer.get()).signed(keys.xmlSigning(), keys.xmlSigningCertificate()), Optional.of(command),
                OptionalLong.empty());
    }

    /** The signer must be the requester's XML-signing certificate and the counter above the last answered. */
    private Optional<DccOutcome> requester(org.solrtoolkit.wire.RequestId id, org.solrtoolkit.wire.DuisSignature.Signer s) {
        X509CertificateHolder signer = directory.certificate(s.serial()).orElseThrow();
        CertificateInfo info = directory.inspect(signer);
        if (info.kind() != CertificateKind.XML_SIGNING || !info.eui().equals(Optional.of(id.originator()))) {
            return Optional.of(DccOutcome.NOT_AN_XML_SIGNING_CERTIFICATE);
        }
        OptionalLong last = directory.lastCounter(id.originator(), id.target());
        if (last.isPresent() && Long.compareUnsigned(id.counter(), last.getAsLong()) <= 0) {
            return Optional.of(DccOutcome.COUNTER_NOT_INCREASING);
        }
        return Optional.empty();
    }
}
