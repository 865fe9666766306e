package org.solrtoolkit.pki;

/**
 * One failed profile rule on one certificate: where (file and certificate index in it), the rule's
 * stable code, severity and GBCS section, and what is wrong.
 */
public record LintFinding(String file, int certificate, String code, CertificateCheck.Severity severity,
        String section, String message) {

    /** ERROR fails {@code pki lint}; WARNING is reported only. */
    public boolean isError() {
        return severity == CertificateCheck.Severity.ERROR;
    }

    @Override
    public String toString() {
        return file + (certificate > 0 ? "#" + certificate : "") + ": " + severity + " " + code + " (" + section + "): "
                + message;
    }
}
