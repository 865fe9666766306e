package org.solrtoolkit.wire;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.pki.CertificateIssuer;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.RemotePartyRole;
import org.solrtoolkit.pki.SmkiEnvironment;

/** Our own keys and certificates for golden tests (never the public vectors' files): a small SMKI, a SoLR, a device. */
final class WireFixture {

    static final Instant NOW = Instant.parse("2026-11-29T10:15:30Z");
    static final Eui64 TCOS = Eui64.parse("90-B3-D5-1F-30-05-00-01");
    static final Eui64 ACB = Eui64.parse("90-B3-D5-1F-30-04-00-01");
    static final Eui64 SOLR = Eui64.parse("00-DB-50-00-00-00-00-02");
    static final Eui64 METER = Eui64.parse("00-DB-12-34-56-78-90-A0");
    static final ASN1ObjectIdentifier ORG_POLICY = new ASN1ObjectIdentifier("1.2.826.0.1.8641679.1.2.1.3");

    final CertificateIssuer issuer = new CertificateIssuer(Clock.fixed(NOW, ZoneOffset.UTC));
    final KeyPair rootKeys = issuer.newKeyPair();
    final KeyPair ocaKeys = issuer.newKeyPair();
    final X509CertificateHolder root = issuer.root("Wire Root", rootKeys, SmkiEnvironment.ANY_POLICY, Duration.ofDays(7300));
    final X509CertificateHolder oca = issuer.issuingCa("Wire OCA", ocaKeys.getPublic(), root, rootKeys.getPrivate(),
            SmkiEnvironment.ANY_POLICY, Duration.ofDays(3650));
    final KeyPair tcosDs = issuer.newKeyPair();
    final KeyPair acbKa = issuer.newKeyPair();
    final KeyPair meterDs = issuer.newKeyPair();
    final KeyPair meterKa = issuer.newKeyPair();
    final KeyPair solrDs = issuer.newKeyPair();
    final KeyPair solrKa = issuer.newKeyPair();
    final KeyPair solrKaTopUp = issuer.newKeyPair();

    X509CertificateHolder solr(KeyUsageType usage, KeyPair keys) {
        return issuer.organisation("Sunrise Energy", RemotePartyRole.SUPPLIER, SOLR, usage, keys.getPublic(), oca,
                ocaKeys.getPrivate(), ORG_POLICY);
    }
}
