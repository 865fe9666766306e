package org.solrtoolkit.rehearsal;

import java.io.IOException;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.solrtoolkit.pki.CertificateIssuer;
import org.solrtoolkit.pki.Gbcs;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.pki.SmkiEnvironment;
import org.solrtoolkit.pki.SmkiPartyKind;

/**
 * The DCC holds a SoLR Supplier KA certificate from an issuer no meter's Root knows: the public
 * conformance case of domain.md section 3 (DS success, KA status 10, KA prepayment success). The
 * certificate is kept in the fault's detail; {@link RehearsalNetwork} places it while ACTIVE.
 */
final class UnknownKaIssuer implements FaultEffect {

    @Override
    public Map<String, Object> strike(FaultContext c) {
        String solr = c.solr();
        X509CertificateHolder ka = c.pki().certificate(solr, "supplier-ka").orElseThrow();
        CertificateIssuer issuer = new CertificateIssuer(c.clock());
        KeyPair rootKeys = issuer.newKeyPair();
        KeyPair caKeys = issuer.newKeyPair();
        X509CertificateHolder root = issuer.root("Unknown Root OCA", rootKeys, SmkiEnvironment.ANY_POLICY,
                Duration.ofDays(365L * 30));
        X509CertificateHolder ca = issuer.issuingCa("Unknown Issuing OCA", caKeys.getPublic(), root,
                rootKeys.getPrivate(), SmkiEnvironment.ANY_POLICY, Duration.ofDays(365L * 20));
        Map<String, Object> d = new LinkedHashMap<>();
        X509CertificateHolder wrong;
        try {
            wrong = issuer.organisation(solr, RemotePartyRole.SUPPLIER, PartySpec.derived(solr,
                    SmkiPartyKind.SUPPLIER).eui(), KeyUsageType.KA, new JcaPEMKeyConverter().setProvider(Gbcs.BC)
                    .getPublicKey(ka.getSubjectPublicKeyInfo()), ca, caKeys.getPrivate(), SmkiEnvironment.ANY_POLICY);
            d.put("certificate", Base64.getEncoder().encodeToString(wrong.getEncoded()));
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        d.put("what", "the DCC holds a " + solr + " Supplier KA certificate issued by '" + ca.getSubject()
                + "', which no meter's Root knows: CS02b answers will be partial (KA status 10)");
        d.put("issuer", ca.getSubject().toString());
        d.put("serial", wrong.getSerialNumber().toString(16));
        return d;
    }

    @Override
    public boolean lasting() {
        return true;
    }
}
