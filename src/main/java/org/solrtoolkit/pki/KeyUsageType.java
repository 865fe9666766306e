package org.solrtoolkit.pki;

/** The one key usage an SMKI end-entity certificate carries (GBCS section 12): signing or key agreement. */
public enum KeyUsageType {
    /** digitalSignature */
    DS,
    /** keyAgreement */
    KA
}
