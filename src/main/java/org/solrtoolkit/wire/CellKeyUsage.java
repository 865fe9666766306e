package org.solrtoolkit.wire;

import org.bouncycastle.asn1.x509.KeyUsage;
import org.solrtoolkit.pki.KeyUsageType;

/** The key usage of a trust anchor cell, a KeyUsage BIT STRING in GBCS ASN.1 (domain.md section 3). */
public enum CellKeyUsage {
    DIGITAL_SIGNATURE(KeyUsage.digitalSignature), KEY_AGREEMENT(KeyUsage.keyAgreement),
    /** The Root cell's. */
    KEY_CERT_SIGN(KeyUsage.keyCertSign);

    private final int bits;

    CellKeyUsage(int bits) {
        this.bits = bits;
    }

    KeyUsage asn1() {
        return new KeyUsage(bits);
    }

    /** The cell key usage of a certificate's DS or KA usage; null (no DS or KA) is the Root's. */
    public static CellKeyUsage of(KeyUsageType usage) {
        return usage == null ? KEY_CERT_SIGN : usage == KeyUsageType.DS ? DIGITAL_SIGNATURE : KEY_AGREEMENT;
    }

    /** From the BIT STRING: exactly one of the three usages. */
    static CellKeyUsage of(org.bouncycastle.asn1.ASN1BitString bits) {
        int v = bits.intValue();
        for (CellKeyUsage u : values()) {
            if (v == u.bits) {
                return u;
            }
        }
        throw GbcsException.malformed(String.format("key usage bits 0x%X are not exactly one of digitalSignature,"
                + " keyAgreement, keyCertSign", v));
    }
}
