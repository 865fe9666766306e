package org.solrtoolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.pki.KeyUsageType;

/**
 * DUIS 6.23 requests and DUIS responses as signed XML: made and checked by the JDK's XML-security
 * library, broken by any edited element, and every bad input one clear line.
 */
class DuisTest {

    private final WireFixture f = new WireFixture();
    private final KeyPair solrXml = f.issuer.newKeyPair();
    private final X509CertificateHolder solrXmlCert = f.solr(KeyUsageType.DS, solrXml);
    private final KeyPair dccXml = f.issuer.newKeyPair();
    private final X509CertificateHolder dccXmlCert = f.solr(KeyUsageType.DS, dccXml);

    private Function<DuisSignature.Signer, Optional<X509CertificateHolder>> known(X509CertificateHolder... certs) {
        return s -> java.util.Arrays.stream(certs).filter(c -> c.getSerialNumber().equals(s.serial())).findFirst();
    }

    CoSRequest request() {
        return new CoSRequest(new RequestId(WireFixture.SOLR, WireFixture.METER, 4_294_967_303L), Optional.empty(),
                1_000L, OptionalLong.of(2_000L), f.solr(KeyUsageType.DS, f.solrDs),
                Optional.of(f.solr(KeyUsageType.KA, f.solrKa)), Optional.of(f.solr(KeyUsageType.KA, f.solrKaTopUp)),
                List.of(f.oca), false, "1312345678333");
    }

    @Test
    void aSignedCoSRequestReadsBackAndNamesItsSigner() {
        CoSRequest r = request();
        byte[] xml = r.signed(solrXml.getPrivate(), solrXmlCert);
        String text = new String(xml, StandardCharsets.UTF_8);
        assertThat(text).contains("<sr:Request").contains("xmlns:sr=\"http://www.dccinterface.co.uk/ServiceUserGateway\"")
                .contains("<sr:RequestID>00-DB-50-00-00-00-00-02:00-DB-12-34-56-78-90-A0:4294967303</sr:RequestID>")
                .contains("<sr:CommandVariant>1</sr:CommandVariant>")
                .contains("<sr:ServiceReferenceVariant>6.23</sr:ServiceReferenceVariant>")
                .contains("<sr:SupplierFloorSeqNumber>1000</sr:SupplierFloorSeqNumber>")
                .contains("xml-exc-c14n#").contains("xmldsig-more#ecdsa-sha256").contains("xmlenc#sha256")
                .contains("enveloped-signature").contains("<ds:X509IssuerSerial>");
        assertThat(text.indexOf("SupplierFloorSeqNumber")).isLessThan(text.indexOf("SupplierReplacementCertificates"));
        assertThat(text.indexOf("ApplyTimeBasedCPVChecks")).isLessThan(text.indexOf("ImportMPxN"));
        CoSRequest.Signed back = CoSRequest.read(xml, "req.xml", known(solrXmlCert));
        assertThat(back.signer().serial()).isEqualTo(solrXmlCert.getSerialNumber());
        assertThat(back.request().requestId()).isEqualTo(r.requestId());
        assertThat(back.request().supplierFloor()).isEqualTo(1_000L);
        assertThat(back.request().prepaymentTopUpFloor()).hasValue(2_000L);
        assertThat(back.request().keyAgreementTopUp()).isEqualTo(r.keyAgreementTopUp());
        assertThat(back.request().certificationPath()).containsExactly(f.oca);
        assertThat(back.request().importMpxn()).isEqualTo("1312345678333");
    }

    @Test
    void anyEditedElementBreaksTheSignature() {
        String xml = new String(request().signed(solrXml.getPrivate(), solrXmlCert), StandardCharsets.UTF_8);
        for (String[] edit : new String[][] {{"4294967303<", "4294967304<"}, {">1000<", ">1001<"},
            {"1312345678333", "1312345678334"}, {">false<", ">true<"}}) {
            byte[] changed = xml.replace(edit[0], edit[1]).getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> CoSRequest.read(changed, "req.xml", known(solrXmlCert)))
                    .as(edit[0]).isInstanceOf(DuisException.class)
                    .hasMessageContaining("req.xml: the XML signature of").hasMessageContaining("does not verify")
                    .extracting(e -> ((DuisException) e).errorCode()).isEqualTo(DuisException.Code.BAD_SIGNATURE);
        }
    }

    @Test
    void anUnknownSignerAMissingSignatureAndAFileThatIsNotDuisAreOneLineEach() {
        byte[] xml = request().signed(solrXml.getPrivate(), solrXmlCert);
        assertThatThrownBy(() -> CoSRequest.read(xml, "req.xml", known(dccXmlCert)))
                .hasMessageStartingWith("the XML signature names ").hasMessageEndingWith(", a certificate not known here")
                .extracting(e -> ((DuisException) e).errorCode()).isEqualTo(DuisException.Code.UNKNOWN_SIGNER);
        String unsigned = new String(xml, StandardCharsets.UTF_8).replaceAll("(?s)<ds:Signature.*</ds:Signature>", "");
        assertThatThrownBy(() -> CoSRequest.read(unsigned.getBytes(StandardCharsets.UTF_8), "req.xml", known(solrXmlCert)))
                .hasMessage("req.xml has 0 XML signatures; a DUIS message has exactly one");
        assertThatThrownBy(() -> CoSRequest.read("<invoice/>".getBytes(StandardCharsets.UTF_8), "bill.xml",
                known(solrXmlCert))).hasMessage("bill.xml is not a DUIS Request (its root is invoice in namespace none)");
        assertThatThrownBy(() -> CoSRequest.read("not xml".getBytes(StandardCharsets.UTF_8), "notes.txt",
                known(solrXmlCert))).hasMessageStartingWith("notes.txt is not XML: ");
        String dtd = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
        assertThatThrownBy(() -> CoSRequest.read(dtd.getBytes(StandardCharsets.UTF_8), "evil.xml", known(solrXmlCert)))
                .hasMessageStartingWith("evil.xml is not XML: ").hasMessageContaining("DOCTYPE");
    }

    @Test
    void aFloorAbove2To63Minus1IsRefused() {
        String xml = new String(request().signed(solrXml.getPrivate(), solrXmlCert), StandardCharsets.UTF_8)
                .replace(">1000<", ">9223372036854775808<");
        assertThatThrownBy(() -> CoSRequest.read(xml.getBytes(StandardCharsets.UTF_8), "req.xml", known(solrXmlCert)))
                .hasMessage("req.xml: SupplierFloorSeqNumber 9223372036854775808 is outside 0 to 2^63-1"
                        + " (9223372036854775807)");
        assertThat(CoSRequest.floor("9223372036854775807", "SupplierFloorSeqNumber", "f")).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void responsesAndAlertsRoundTripSignedByTheDcc() {
        RequestId id = new RequestId(WireFixture.SOLR, WireFixture.METER, 7);
        Instant at = Instant.parse("2026-11-29T10:16:00Z");
        byte[] gbcs = {(byte) 0xDF, 0x09, 0x02};
        for (DuisResponse r : List.of(DuisResponse.response(id, "I0", at, "6.23", gbcs),
                DuisResponse.response(id, "I99", at, "6.23", null), DuisResponse.response(id, "E65", at, "6.23", null),
                DuisResponse.deviceAlert(id, "8F66", at, gbcs), DuisResponse.dccAlert(id, "N24", at))) {
            byte[] xml = r.signed(dccXml.getPrivate(), dccXmlCert);
            DuisResponse.Signed back = DuisResponse.read(xml, "resp.xml", known(dccXmlCert));
            assertThat(back.response()).as(r.kind() + " " + r.responseCode()).isEqualTo(r);
        }
        String text = new String(DuisResponse.response(id, "I0", at, "6.23", gbcs).signed(dccXml.getPrivate(),
                dccXmlCert), StandardCharsets.UTF_8);
        assertThat(text).contains("<sr:ResponseID>00-DB-12-34-56-78-90-A0:00-DB-50-00-00-00-00-02:7</sr:ResponseID>")
                .contains("<sr:ServiceReference>6.23</sr:ServiceReference>").contains("<sr:GBCSPayload>3wkC</sr:GBCSPayload>");
        assertThatThrownBy(() -> RequestId.parse("00-DB-50-00-00-00-00-02:7"))
                .hasMessage("RequestID '00-DB-50-00-00-00-00-02:7' is not userEUI:deviceEUI:counter");
        assertThat(RequestId.parse("00-db-50-00-00-00-00-02:00-DB-12-34-56-78-90-A0:18446744073709551615").counter())
                .isEqualTo(-1L);
        assertThat(new BigInteger("18446744073709551615").longValue()).isEqualTo(-1L);
    }
}
