package org.solrtoolkit.pki;

import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/** One rule of the GBCS certificate profile, with a stable code and the section it implements. */
public interface CertificateCheck {

    /** Severity of a failed check. */
    enum Severity { ERROR, WARNING }

    String code();

    String section();

    Severity severity();

    boolean appliesTo(CertificateKind kind);

    /** What is wrong with {@code certificate} under this rule, or empty if it passes. */
    Optional<String> check(X509CertificateHolder certificate);
}
