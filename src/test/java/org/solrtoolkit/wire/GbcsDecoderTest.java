package org.solrtoolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.RemotePartyRole;

/**
 * {@code gbcs decode} and {@code duis show} underneath: a MACed 6.23 command, a partial-success
 * response and a DUIS response carrying it, decoded with the signature checked where the
 * originator's certificate is known, not checked where it is not, and failing where it is wrong.
 */
class GbcsDecoderTest {

    private final WireFixture f = new WireFixture();
    private final X509CertificateHolder tcosCert = f.issuer.organisation("DCC TCoS", RemotePartyRole.TRANSITIONAL_COS,
            WireFixture.TCOS, KeyUsageType.DS, f.tcosDs.getPublic(), f.oca, f.ocaKeys.getPrivate(), WireFixture.ORG_POLICY);

    private byte[] command() {
        byte[] payload = new UpdateSecurityCredentialsTest().changeOfSupplierFor(f, Optional.empty()).encode();
        GeneralSigning g = GeneralSigning.unsigned(Cra.COMMAND, 4_294_967_303L, WireFixture.TCOS, WireFixture.METER, null,
                ReplacementMode.SUPPLIER_BY_TRANS_COS.messageCode(), payload).sign(f.tcosDs.getPrivate());
        return GeneralCiphering.wrap(g.encode(), GbcsKdf.derive(f.acbKa.getPrivate(), f.meterKa.getPublic(), Cra.COMMAND,
                g.counter(), g.originator(), g.recipient()), g.originator()).encode();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aMacedCommandDecodesWithItsSignatureCheckedWhereTheCertificateIsKnown() {
        GbcsDecoder.Decoded d = new GbcsDecoder(eui -> eui.equals(WireFixture.TCOS) ? List.of(tcosCert)
                : List.of()).decode(command());
        Map<String, Object> m = d.fields();
        assertThat(d.signatureFailed()).isFalse();
        assertThat(m).containsEntry("framing", "General Ciphering (MACed) around General Signing")
                .containsEntry("cra", "command").containsEntry("originator_counter", "4294967303")
                .containsEntry("originator", "90-B3-D5-1F-30-05-00-01")
                .containsEntry("message_code", "0x0107 CS02b Update Security Credentials, supplier_by_trans_cos");
        assertThat((String) m.get("signature")).startsWith("verifies with the DS certificate CN=DCC TCoS");
        assertThat((String) m.get("mac")).contains("not checked");
        Map<String, Object> payload = (Map<String, Object>) m.get("payload");
        assertThat(payload).containsEntry("mode", "supplier_by_trans_cos").containsEntry("time_based_checks", "disapplied");
        assertThat((List<Object>) payload.get("replacements")).hasSize(3);
        // unknown originator: said, not failed
        GbcsDecoder.Decoded unknown = new GbcsDecoder(eui -> List.of()).decode(command());
        assertThat(unknown.signatureFailed()).isFalse();
        assertThat((String) unknown.fields().get("signature")).startsWith("not checked: no DS certificate of");
        // the wrong key: failed
        X509CertificateHolder other = f.solr(KeyUsageType.DS, f.solrDs);
        assertThat(new GbcsDecoder(eui -> List.of(other)).decode(command()).signatureFailed()).isTrue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPartialSuccessInADuisResponseIsShownCellByCell() {
        CellIdentifier ka = UpdateSecurityCredentialsTest.SUPPLIER_KA;
        ExecutionOutcome outcome = new ExecutionOutcome(9, ReplacementMode.SUPPLIER_BY_TRANS_COS,
                List.of(new SeqNumberChange(RemotePartyRole.SUPPLIER, 1_000, OptionalLong.empty())),
                List.of(new ReplacementOutcome(ka, 10, new byte[8], new byte[8], new byte[8], new byte[8])));
        GeneralSigning response = GeneralSigning.unsigned(Cra.RESPONSE, 9, WireFixture.METER, WireFixture.TCOS,
                Instant.parse("2026-11-29T10:16:00Z"), 0x0107, UpdateSecurityCredentialsResponse.encode(Optional.of(outcome)))
                .sign(f.meterDs.getPrivate());
        var xmlKeys = f.issuer.newKeyPair();
        X509CertificateHolder xmlCert = f.solr(KeyUsageType.DS, xmlKeys);
        byte[] xml = DuisResponse.response(new RequestId(WireFixture.SOLR, WireFixture.METER, 9), "I0",
                Instant.parse("2026-11-29T10:16:01Z"), "6.23", response.encode()).signed(xmlKeys.getPrivate(), xmlCert);
        DuisInspector.Shown shown = new DuisInspector(serial -> serial.equals(xmlCert.getSerialNumber())
                ? Optional.of(xmlCert) : Optional.empty(), new GbcsDecoder(eui -> List.of())).show(xml, "r.xml");
        assertThat(shown.signatureFailed()).isFalse();
        assertThat(shown.fields()).containsEntry("message", "DUIS response I0 to 6.23").containsEntry("response_code", "I0");
        assertThat((String) shown.fields().get("xml_signature")).startsWith("verifies (");
        Map<String, Object> gbcs = (Map<String, Object>) shown.fields().get("gbcs");
        Map<String, Object> out = (Map<String, Object>) ((Map<String, Object>) gbcs.get("payload")).get("execution_outcome");
        assertThat((List<Map<String, Object>>) out.get("cells")).singleElement().satisfies(c -> assertThat(c)
                .containsEntry("status", "10 noTrustAnchor"));
        // an XML signer not known here is said, not failed
        DuisInspector.Shown unknown = new DuisInspector(serial -> Optional.empty(), new GbcsDecoder(e -> List.of()))
                .show(xml, "r.xml");
        assertThat(unknown.signatureFailed()).isFalse();
        assertThat((String) unknown.fields().get("xml_signature")).startsWith("not checked: the XML signature names");
    }

    @Test
    void whatIsNotGbcsIsOneLine() {
        assertThatThrownBy(() -> new GbcsDecoder(e -> List.of()).decode(new byte[] {0x30, 0x00}))
                .hasMessage("GBCS message: it starts with 0x30, not DD (General Ciphering) or DF (General Signing)");
        assertThatThrownBy(() -> new GbcsDecoder(e -> List.of()).decode(new byte[0]))
                .hasMessage("GBCS message: the message is empty");
        assertThat(Eui64.parse("90-B3-D5-1F-30-05-00-01")).isEqualTo(WireFixture.TCOS);
    }
}
