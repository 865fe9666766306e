package org.solrtoolkit.pki;

import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * The certificate policy OIDs of an SMKI environment (SEC Appendix A for Organisation
 * Certificates, Appendix B for Device Certificates). Test and production environments use
 * different OIDs, so they are configuration: {@code pki init --environment} picks a preset and
 * {@code --org-policy} / {@code --device-policy} override it. INFERENCE: the preset values are
 * our reading of the SMKI arc; replace them with the values the DCC publishes for your environment.
 */
public record SmkiEnvironment(String name, ASN1ObjectIdentifier organisationPolicy, ASN1ObjectIdentifier devicePolicy) {

    /** anyPolicy, carried by the root and issuing CAs so that they constrain nothing below them. */
    public static final ASN1ObjectIdentifier ANY_POLICY = new ASN1ObjectIdentifier("2.5.29.32.0");

    public static SmkiEnvironment preset(String name, String orgPolicy, String devicePolicy) {
        String n = name == null ? "test" : name.trim().toLowerCase(Locale.ROOT);
        String org;
        String dev;
        switch (n) {
            case "production" -> {
                org = "1.2.826.0.1.8641679.1.2.1.1";
                dev = "1.2.826.0.1.8641679.1.2.1.2";
            }
            case "test" -> {
                org = "1.2.826.0.1.8641679.1.2.1.3";
                dev = "1.2.826.0.1.8641679.1.2.1.4";
            }
            default -> throw new PkiException(PkiException.Code.BAD_INPUT, "{environment} '" + name
                    + "' is not test or production");
        }
        return new SmkiEnvironment(n, oid("{org-policy}", orgPolicy == null ? org : orgPolicy),
                oid("{device-policy}", devicePolicy == null ? dev : devicePolicy));
    }

    static ASN1ObjectIdentifier oid(String option, String text) {
        try {
            return new ASN1ObjectIdentifier(text.trim());
        } catch (IllegalArgumentException e) {
            throw new PkiException(PkiException.Code.BAD_INPUT, option + " '" + text
                    + "' is not an object identifier (e.g. 1.2.826.0.1.8641679.1.2.1.1)");
        }
    }
}
