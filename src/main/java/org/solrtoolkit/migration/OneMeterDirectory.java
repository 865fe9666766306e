package org.solrtoolkit.migration;

import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.dcc.SimulatedDcc;
import org.solrtoolkit.device.StoredMeter;
import org.solrtoolkit.device.TrustCache;
import org.solrtoolkit.pki.Eui64;

/**
 * What the simulated DCC knows for one request to one meter, in memory ({@link WirePath},
 * {@link ProtectivePath}): the requester's XML-signing certificate (unless revoked: a revoked
 * certificate is not in the DCC's view of the SMKI), the event's registration data, the meter's
 * MPxN and key-agreement key. Each RequestID here is new (its counter is above the meter's floor, in
 * microseconds), so there is no last counter to compare with. What the requester's certificate is
 * comes from the run's {@link TrustCache}, inspected once for all its requests.
 */
record OneMeterDirectory(StoredMeter meter, PublicKey deviceKa, X509CertificateHolder xml, boolean xmlRevoked,
        DccRegistration registration, TrustCache trust) implements SimulatedDcc.Directory {

    @Override
    public Optional<X509CertificateHolder> certificate(BigInteger serial) {
        return serial.equals(xml.getSerialNumber()) && !xmlRevoked ? Optional.of(xml) : Optional.empty();
    }

    @Override
    public Optional<Eui64> registeredEntity(Eui64 user, String mpxn, Instant at) {
        return registration.registeredEntity(user, mpxn, at);
    }

    @Override
    public Optional<String> mpxn(Eui64 device) {
        return device.equals(meter.id()) ? Optional.of(meter.mpxn().value()) : Optional.empty();
    }

    @Override
    public Optional<PublicKey> deviceKeyAgreement(Eui64 device) {
        return device.equals(meter.id()) ? Optional.of(deviceKa) : Optional.empty();
    }

    @Override
    public OptionalLong lastCounter(Eui64 originator, Eui64 target) {
        return OptionalLong.empty();
    }

    @Override
    public org.solrtoolkit.pki.CertificateInfo inspect(X509CertificateHolder certificate) {
        return trust.inspection(certificate);
    }
}
