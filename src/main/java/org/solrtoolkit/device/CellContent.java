package org.solrtoolkit.device;

import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.pki.CertificateInspector;
import org.solrtoolkit.pki.ContingencyKey;
import org.solrtoolkit.pki.Eui64;

/**
 * What a trust anchor cell holds (domain.md section 3): the certificate's subject unique id
 * (EUI-64; none for the Root), its SKI, and its public key; a Root cell also keeps the Root
 * certificate's WrappedApexContingencyKey (DER, {@link ContingencyKey}), which a contingency
 * command unlocks.
 */
public record CellContent(Optional<Eui64> eui, String ski, SubjectPublicKeyInfo publicKey, Optional<byte[]> contingency) {

    public CellContent(Optional<Eui64> eui, String ski, SubjectPublicKeyInfo publicKey) {
        this(eui, ski, publicKey, Optional.empty());
    }

    public static CellContent of(X509CertificateHolder c) {
        return of(c, new CertificateInspector().inspect(c));
    }

    /** From a certificate already inspected. */
    static CellContent of(X509CertificateHolder c, org.solrtoolkit.pki.CertificateInfo info) {
        return new CellContent(info.eui(), info.ski(), c.getSubjectPublicKeyInfo(), ContingencyKey.extensionOf(c));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CellContent c && eui.equals(c.eui) && ski.equals(c.ski) && publicKey.equals(c.publicKey)
                && Arrays.equals(contingency.orElse(null), c.contingency.orElse(null));
    }

    @Override
    public int hashCode() {
        return ski.hashCode();
    }

    @Override
    public String toString() {
        return eui.map(Eui64::toString).orElse("-") + " SKI " + ski;
    }
}
