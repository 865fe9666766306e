package org.solrtoolkit.pki;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Runs every {@link ProfileRule} that applies to a certificate's kind and reports every failure of
 * every certificate of every file, never just the first.
 */
public final class ProfileLinter {

    /** Every finding on one certificate. */
    public List<LintFinding> lint(String file, int index, X509CertificateHolder c) {
        CertificateKind kind = CertificateInspector.kind(c);
        List<LintFinding> findings = new ArrayList<>();
        for (ProfileRule rule : ProfileRule.values()) {
            if (rule.appliesTo(kind)) {
                rule.check(c).ifPresent(m -> findings.add(new LintFinding(file, index, rule.code(), rule.severity(),
                        rule.section(), m)));
            }
        }
        return findings;
    }

    /** Every finding in every file; a file that holds no certificate fails as a whole. */
    public List<LintFinding> lint(List<Path> files) {
        List<LintFinding> findings = new ArrayList<>();
        for (Path f : files) {
            List<X509CertificateHolder> certs = CertificateFiles.read(f);
            for (int i = 0; i < certs.size(); i++) {
                findings.addAll(lint(f.toString(), certs.size() > 1 ? i + 1 : 0, certs.get(i)));
            }
        }
        return findings;
    }
}
