package org.solrtoolkit.pki;

/**
 * What a certificate is in the SMKI hierarchy, decided from its content (domain.md section 2).
 * {@link #XML_SIGNING} is an organisation's DUIS XML-signing certificate: organisation-shaped, its
 * OU not a GBCS Remote Party Role but {@code 87} (a DCC User's) or {@code 89} (the DCC's; DCC Boxed
 * writes it {@code 137}, 0x89 in decimal); it signs DUIS messages and never goes in a trust anchor
 * cell.
 */
public enum CertificateKind {
    ROOT, ISSUING_CA, ORGANISATION, XML_SIGNING, DEVICE, UNKNOWN;

    /** The OU codes of XML-signing certificates. */
    public static final java.util.Set<String> XML_SIGNING_OUS = java.util.Set.of("87", "89", "137");
}
