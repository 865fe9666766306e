package org.solrtoolkit.dcc;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.pki.CellUsage;
import org.solrtoolkit.pki.CertificateInfo;
import org.solrtoolkit.pki.CertificateInspector;
import org.solrtoolkit.pki.CertificateKind;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.wire.CellIdentifier;
import org.solrtoolkit.wire.CellKeyUsage;
import org.solrtoolkit.wire.CoSRequest;
import org.solrtoolkit.wire.Cra;
import org.solrtoolkit.wire.DuisException;
import org.solrtoolkit.wire.DuisResponse;
import org.solrtoolkit.wire.GbcsKdf;
import org.solrtoolkit.wire.GeneralCiphering;
import org.solrtoolkit.wire.GeneralSigning;
import org.solrtoolkit.wire.ReplacementMode;
import org.solrtoolkit.wire.SeqNumberChange;
import org.solrtoolkit.wire.UpdateSecurityCredentials;

/**
 * The DCC's side of SRV 6.23 (domain.md section 6). For each signed request: the XML signature is
 * checked with the certificate its X509IssuerSerial names, which must be the requester's DUIS
 * XML-signing certificate (OU 87, the requester's EUI-64); the requester must be the supplier
 * registered for the ImportMPxN, which must be the device's. Then the DCC, as TCoS, builds the GBCS
 * CS02b in mode supplierByTransCoS (the TCoS DS cell authorises it; its own counter, strictly
 * increasing; the Supplier floors the request gives in {@code [6]}; the replacements into the three
 * Supplier cells; time-based checks disapplied when the request says not to apply them), signs it
 * with the TCoS key, has the ACB MAC it with the ACB's key-agreement key and the device's, and sends
 * it. The device's signed GBCS response comes back in a DUIS response {@code I0} signed with the
 * DCC's XML-signing key; a rejection carries only the DCC's reason ({@link DccOutcome}).
 */
public final class SimulatedDcc {

    /** What the DCC knows: the SMKI repository, its registration data and its inventory. */
    public interface Directory {
        /** A certificate by serial number (the X509IssuerSerial of a request's signature). */
        Optional<X509CertificateHolder> certificate(BigInteger serial);

        /**
         * If {@code user} is a user id of the supplier registered for {@code mpxn} at {@code at} (for that
         * meter point's fuel), the entity identifier in that supplier's certificates (the originator of
         * the commands it signs); empty otherwise.
         */
        Optional<Eui64> registeredEntity(Eui64 user, String mpxn, Instant at);

        /** The device's MPxN in the DCC's inventory. */
        Optional<String> mpxn(Eui64 device);

        /** The key-agreement public key (from its KA Device Certificate) of a device the inventory holds. */
        Optional<PublicKey> deviceKeyAgreement(Eui64 device);

        /** The highest RequestID counter answered for this originator and target (unsigned), if any. */
        OptionalLong lastCounter(Eui64 originator, Eui64 target);

        /** What a requester's certificate is (its kind and entity), as the SMKI repository's copy says. */
        default CertificateInfo inspect(X509CertificateHolder certificate) {
            return new CertificateInspector().inspect(certificate);
        }
    }

    /** Pre-commands the DCC issued and not yet signed back (in memory, or its log when requests come as files). */
    public interface PreCommands {
        void issued(org.solrtoolkit.wire.RequestId id, byte[] signedPart);

        /** The octets issued for {@code id}, forgotten once taken (a pre-command is signed back once). */
        Optional<byte[]> take(org.solrtoolkit.wire.RequestId id);

        static PreCommands inMemory() {
            java.util.Map<org.solrtoolkit.wire.RequestId, byte[]> m = new java.util.concurrent.ConcurrentHashMap<>();
            return new PreCommands() {
                public void issued(org.solrtoolkit.wire.RequestId id, byte[] signedPart) {
                    m.put(id, signedPart);
                }

                public Optional<byte[]> take(org.solrtoolkit.wire.RequestId id) {
                    return Optional.ofNullable(m.remove(id));
                }
            };
        }
    }

    /** The path to the devices: the device's GBCS response, or empty when it does not answer. */
    public interface Network {
        Optional<byte[]> send(Eui64 device, byte[] command, Instant now);
    }

    /** The DCC's own keys: TCoS signs, the ACB MACs, the DSP signs DUIS responses. */
    public record Keys(Eui64 tcos, PrivateKey tcosDs, PrivateKey acbKa, PrivateKey xmlSigning,
            X509CertificateHolder xmlSigningCertificate) {
    }

    /**
     * What was done with one request: the outcome, the signed DUIS response, the GBCS command sent and
     * the GBCS (TCoS) counter it carried, by which a device's later alert is matched to the request.
     */
    public record Handled(org.solrtoolkit.wire.RequestId requestId, DccOutcome outcome, byte[] response,
            Optional<byte[]> command, OptionalLong gbcsCounter) {
    }

    private final Directory directory;
    private final Network network;
    private final Keys keys;
    private final LongSupplier counters;
    private final CriticalRequests critical;

    /** @param counters the TCoS originator counters, strictly increasing */
    public SimulatedDcc(Directory directory, Network network, Keys keys, LongSupplier counters) {
        this(directory, network, keys, counters, PreCommands.inMemory());
    }

    /** This DCC keeping its issued pre-commands in {@code store}. */
    public SimulatedDcc(Directory directory, Network network, Keys keys, LongSupplier counters, PreCommands store) {
        this.directory = directory;
        this.network = network;
        this.keys = keys;
        this.counters = counters;
        this.critical = new CriticalRequests(directory, network, keys, this, store);
    }

    /**
     * Answers one request file. A file that is not a 6.23 request at all (no RequestID to answer)
     * is a {@link DuisException}: there is nobody to send a response to.
     */
    public Handled handle(byte[] xml, String file, Instant now) {
        CoSRequest.Signed signed;
        try {
            signed = CoSRequest.read(xml, file, s -> directory.certificate(s.serial()).filter(s::names));
        } catch (DuisException e) {
            if (e.errorCode() == DuisException.Code.MALFORMED) {
                throw e;
            }
            return reject(CoSRequest.unchecked(xml, file).requestId(), DccOutcome.AUTHENTICATION_FAILED, now);
        }
        CoSRequest r = signed.request();
        X509CertificateHolder signer = directory.certificate(signed.signer().serial()).orElseThrow();
        CertificateInfo info = directory.inspect(signer);
        if (info.kind() != CertificateKind.XML_SIGNING || !info.eui().equals(Optional.of(r.requestId().originator()))) {
            return reject(r.requestId(), DccOutcome.NOT_AN_XML_SIGNING_CERTIFICATE, now);
        }
        OptionalLong last = directory.lastCounter(r.requestId().originator(), r.requestId().target());
        if (last.isPresent() && Long.compareUnsigned(r.requestId().counter(), last.getAsLong()) <= 0) {
            return reject(r.requestId(), DccOutcome.COUNTER_NOT_INCREASING, now);
        }
        if (directory.registeredEntity(r.requestId().originator(), r.importMpxn(), now).isEmpty()) {
            return reject(r.requestId(), DccOutcome.NOT_REGISTERED, now);
        }
        Eui64 device = r.requestId().target();
        // the inventory first: a device the DCC does not hold under this MPxN costs no key look-up
        Optional<PublicKey> deviceKa = directory.mpxn(device).equals(Optional.of(r.importMpxn()))
                ? directory.deviceKeyAgreement(device) : Optional.empty();
        if (deviceKa.isEmpty()) {
            return reject(r.requestId(), DccOutcome.MPXN_NOT_THE_DEVICE, now);
        }
        long counter = counters.getAsLong();
        byte[] command = command(r, deviceKa.get(), counter);
        Optional<byte[]> answer = network.send(device, command, now);
        if (answer.isEmpty()) {
            return new Handled(r.requestId(), DccOutcome.NO_RESPONSE, DuisResponse.dccAlert(r.requestId(),
                    DccOutcome.NO_RESPONSE.code(), now).signed(keys.xmlSigning(), keys.xmlSigningCertificate()),
                    Optional.of(command), OptionalLong.of(counter));
        }
        return new Handled(r.requestId(), DccOutcome.DELIVERED, DuisResponse.response(r.requestId(),
                DccOutcome.DELIVERED.code(), now, CoSRequest.SERVICE_REFERENCE, answer.get()).signed(keys.xmlSigning(),
                keys.xmlSigningCertificate()), Optional.of(command), OptionalLong.of(counter));
    }

    /**
     * Step 1 of a critical request (domain.md section 7; DUIS CommandVariant 4): the GBCS pre-command
     * for the user to sign, or the DCC's rejection ({@link CriticalRequests}).
     */
    public Handled preCommand(byte[] xml, String file, Instant now) {
        return critical.preCommand(xml, file, now);
    }

    /** Step 2: the signed pre-command, checked, MACed by the ACB and sent ({@link CriticalRequests}). */
    public Handled signedPreCommand(byte[] xml, String file, Instant now) {
        return critical.signedPreCommand(xml, file, now);
    }

    /**
     * Passes on a device's alert on the future-dated command of {@code request}: a DUIS
     * DeviceAlertMessage with the alert code (8F66 success, 8F67 failure) and the device's signed
     * GBCS alert, signed with the DCC's XML-signing key.
     */
    public byte[] alert(org.solrtoolkit.wire.RequestId request, boolean succeeded, byte[] gbcs, Instant now) {
        int code = succeeded ? org.solrtoolkit.wire.UpdateSecurityCredentialsResponse.ALERT_FUTURE_DATED_SUCCESS
                : org.solrtoolkit.wire.UpdateSecurityCredentialsResponse.ALERT_FUTURE_DATED_FAILURE;
        return DuisResponse.deviceAlert(request, String.format("%04X", code), now, gbcs).signed(keys.xmlSigning(),
                keys.xmlSigningCertificate());
    }

    /** The GBCS CS02b the DCC sends for a checked request: TCoS-signed and MACed by the ACB. */
    byte[] command(CoSRequest r, PublicKey deviceKa, long counter) {
        List<UpdateSecurityCredentials.Replacement> reps = new ArrayList<>();
        reps.add(new UpdateSecurityCredentials.Replacement(r.digitalSigning(), supplier(CellKeyUsage.DIGITAL_SIGNATURE,
                CellUsage.MANAGEMENT)));
        r.keyAgreement().ifPresent(c -> reps.add(new UpdateSecurityCredentials.Replacement(c,
                supplier(CellKeyUsage.KEY_AGREEMENT, CellUsage.MANAGEMENT))));
        r.keyAgreementTopUp().ifPresent(c -> reps.add(new UpdateSecurityCredentials.Replacement(c,
                supplier(CellKeyUsage.KEY_AGREEMENT, CellUsage.PREPAYMENT_TOP_UP))));
        UpdateSecurityCredentials payload = new UpdateSecurityCredentials(ReplacementMode.SUPPLIER_BY_TRANS_COS,
                !r.applyTimeBasedCpvChecks(), Optional.of(new CellIdentifier(RemotePartyRole.TRANSITIONAL_COS,
                        CellKeyUsage.DIGITAL_SIGNATURE, CellUsage.MANAGEMENT)), counter, OptionalLong.empty(),
                OptionalLong.empty(), List.of(new SeqNumberChange(RemotePartyRole.SUPPLIER, r.supplierFloor(),
                        r.prepaymentTopUpFloor())), reps, r.certificationPath(), r.executionDateTime());
        Eui64 device = r.requestId().target();
        GeneralSigning g = GeneralSigning.unsigned(Cra.COMMAND, counter, keys.tcos(), device, null,
                ReplacementMode.SUPPLIER_BY_TRANS_COS.messageCode(), payload.encode()).sign(keys.tcosDs());
        return GeneralCiphering.wrap(g.encode(), GbcsKdf.derive(keys.acbKa(), deviceKa, Cra.COMMAND, counter,
                keys.tcos(), device), keys.tcos()).encode();
    }

    private static CellIdentifier supplier(CellKeyUsage usage, CellUsage cellUsage) {
        return new CellIdentifier(RemotePartyRole.SUPPLIER, usage, cellUsage);
    }

    private Handled reject(org.solrtoolkit.wire.RequestId id, DccOutcome why, Instant now) {
        return reject(id, why, now, CoSRequest.SERVICE_REFERENCE);
    }

    Handled reject(org.solrtoolkit.wire.RequestId id, DccOutcome why, Instant now, String srv) {
        return new Handled(id, why, DuisResponse.response(id, why.code(), now, srv, null)
                .signed(keys.xmlSigning(), keys.xmlSigningCertificate()), Optional.empty(), OptionalLong.empty());
    }
}
