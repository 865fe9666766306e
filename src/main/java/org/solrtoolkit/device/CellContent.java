package org.solrtoolkit.device;

import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.pki.CertificateInspector;
import org.solrtoolkit.pki.Eui64;

/**
 * What a trust anchor cell holds (domain.md section 3): the certificate's subject unique id
 * (EUI-64; none for the Root), its SKI, and its public key.
 */
public record CellContent(Optional<Eui64> eui, String ski, SubjectPublicKeyInfo publicKey) {

    public static CellContent of(X509CertificateHolder c) {
        return of(c, new CertificateInspector().inspect(c));
    }

    /** From a certificate already inspected. */
    static CellContent of(X509CertificateHolder c, org.solrtoolkit.pki.CertificateInfo info) {
        return new CellContent(info.eui(), info.ski(), c.getSubjectPublicKeyInfo());
    }

    @Override
    public String toString() {
        return eui.map(Eui64::toString).orElse("-") + " SKI " + ski;
    }
}
