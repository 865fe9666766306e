package org.solrtoolkit.migration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.pki.CertificateInfo;
import org.solrtoolkit.pki.CertificateInspector;

/**
 * What each requester's XML-signing certificate is, inspected once for a run of the in-memory wire
 * path rather than once per request (a campaign has one signer per fuel and a request per meter).
 * Keyed by the certificate itself, so another certificate is inspected on its own; bounded.
 */
final class SignerInspections {

    private static final int MAX = 64;
    private final Map<X509CertificateHolder, CertificateInfo> known = new ConcurrentHashMap<>();

    CertificateInfo inspect(X509CertificateHolder certificate) {
        if (known.size() > MAX) {
            known.clear();
        }
        return known.computeIfAbsent(certificate, c -> new CertificateInspector().inspect(c));
    }
}
