package org.solrtoolkit.pki;

/** What a certificate is in the SMKI hierarchy, decided from its content (domain.md section 2). */
public enum CertificateKind {
    ROOT, ISSUING_CA, ORGANISATION, DEVICE, UNKNOWN
}
