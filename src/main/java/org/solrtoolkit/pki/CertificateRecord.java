package org.solrtoolkit.pki;

import java.time.Instant;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * A certificate the toolkit knows, as stored: who holds it (party and keystore alias), what cell
 * it is for, and whether it has been revoked.
 */
public record CertificateRecord(
        String serial,
        CertificateKind kind,
        Optional<RemotePartyRole> role,
        Optional<KeyUsageType> keyUsage,
        Optional<CellUsage> cellUsage,
        Optional<Eui64> eui,
        Optional<String> party,
        Optional<String> alias,
        Optional<String> keystore,
        Optional<String> pemPath,
        Status status,
        Optional<Instant> revokedAt,
        Optional<String> revocationReason,
        X509CertificateHolder certificate) {

    /** Revocation status in the toolkit's records. */
    public enum Status { VALID, REVOKED }

    @Override
    public String toString() {
        return serial + " " + kind + party.map(p -> " of " + p).orElse("") + alias.map(a -> " (" + a + ")").orElse("");
    }
}
