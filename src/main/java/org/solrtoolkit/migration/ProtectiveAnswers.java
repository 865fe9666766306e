package org.solrtoolkit.migration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import java.util.function.Function;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.wire.DuisResponse;
import org.solrtoolkit.wire.GeneralSigning;
import org.solrtoolkit.wire.PrepaymentResponse;

/**
 * The DCC's answers to protective requests as the supplier reads them ({@link ProtectiveDuis}): the
 * DUIS response's XML signature by an XML-signing certificate the SMKI holds, then what it says: a DCC
 * alert NO_RESPONSE, an {@code E} code REJECTED, or the device's signed GBCS answer (its signature
 * checked with the device's DS key, its counter the request's) EXECUTED or NOT_EXECUTED.
 */
final class ProtectiveAnswers {

    private ProtectiveAnswers() {
    }

    /** The state and outcome an answer gives: the DCC's codes, or the device's signed result. */
    static String[] verdict(DuisResponse r, Function<Eui64, List<PublicKey>> deviceKeys) {
        if (r.kind() == DuisResponse.Kind.DCC_ALERT) {
            return new String[] {"NO_RESPONSE", r.alertCode().orElse("")};
        }
        if (r.responseCode().startsWith("E")) {
            return new String[] {"REJECTED", r.responseCode()};
        }
        GeneralSigning g = GeneralSigning.decode(r.gbcsPayload().orElseThrow(() -> new CampaignException(
                CampaignException.Code.BAD_INPUT, "an I0 response without the device's GBCS payload")));
        Eui64 device = r.requestId().target();
        if (!g.originator().equals(device) || g.counter() != r.requestId().counter()
                || deviceKeys.apply(device).stream().noneMatch(g::verifies)) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "the device's response does not verify with"
                    + " the DS certificate of " + device + "; nothing recorded");
        }
        PrepaymentResponse p = PrepaymentResponse.decode(g.payload());
        return new String[] {p.executed() ? "EXECUTED" : "NOT_EXECUTED", "result " + p.result()};
    }

    static DuisResponse read(Path f, DuisImport.SignerCertificates dcc) {
        byte[] xml;
        try {
            xml = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new CampaignException(CampaignException.Code.IO, f + " cannot be read: " + e.getMessage());
        }
        X509Holder signer = new X509Holder();
        DuisResponse r = DuisResponse.read(xml, f.getFileName().toString(), s -> dcc.find(s).map(c -> signer.c = c))
                .response();
        if (!dcc.xmlSigning(signer.c)) {
            throw new CampaignException(CampaignException.Code.BAD_INPUT, "signed with a certificate that is not an"
                    + " XML-signing certificate");
        }
        return r;
    }

    private static final class X509Holder {
        org.bouncycastle.cert.X509CertificateHolder c;
    }
}
