package org.solrtoolkit.pki;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a certificate says, parsed by attribute type and extension OID (never by RDN order, string
 * splitting or file name): kind, role, key usage, EUI-64, names, serial, validity, key identifiers,
 * policies and SHA-256 fingerprint.
 */
public record CertificateInfo(
        CertificateKind kind,
        Optional<String> roleCode,
        Optional<RemotePartyRole> role,
        List<String> keyUsages,
        Optional<KeyUsageType> keyUsage,
        Optional<Eui64> eui,
        String subject,
        String issuer,
        String serial,
        Instant notBefore,
        Instant notAfter,
        String ski,
        String aki,
        List<String> policies,
        String publicKey,
        String signatureAlgorithm,
        String sha256) {

    public CertificateInfo {
        keyUsages = List.copyOf(keyUsages);
        policies = List.copyOf(policies);
    }
}
