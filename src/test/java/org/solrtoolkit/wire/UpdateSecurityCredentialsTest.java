package org.solrtoolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.pki.CellUsage;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.RemotePartyRole;

/**
 * The CS02b payloads as GBCS ASN.1, on our own certificates: the 6.23 command the DCC builds, the
 * immediate response, a partial success (KA status 10, its replacing values equal to the existing
 * ones), the future-dated acceptance and its 8F66 alert, and what the codec refuses.
 */
class UpdateSecurityCredentialsTest {

    private final WireFixture f = new WireFixture();
    static final CellIdentifier SUPPLIER_DS = new CellIdentifier(RemotePartyRole.SUPPLIER,
            CellKeyUsage.DIGITAL_SIGNATURE, CellUsage.MANAGEMENT);
    static final CellIdentifier SUPPLIER_KA = new CellIdentifier(RemotePartyRole.SUPPLIER, CellKeyUsage.KEY_AGREEMENT,
            CellUsage.MANAGEMENT);
    static final CellIdentifier SUPPLIER_KA_TOPUP = new CellIdentifier(RemotePartyRole.SUPPLIER,
            CellKeyUsage.KEY_AGREEMENT, CellUsage.PREPAYMENT_TOP_UP);
    static final CellIdentifier TCOS_DS = new CellIdentifier(RemotePartyRole.TRANSITIONAL_COS,
            CellKeyUsage.DIGITAL_SIGNATURE, CellUsage.MANAGEMENT);

    UpdateSecurityCredentials changeOfSupplier(Optional<Instant> at) {
        return changeOfSupplierFor(f, at);
    }

    /** The 6.23 command's payload for the fixture's SoLR. */
    UpdateSecurityCredentials changeOfSupplierFor(WireFixture f, Optional<Instant> at) {
        return new UpdateSecurityCredentials(ReplacementMode.SUPPLIER_BY_TRANS_COS, true, Optional.of(TCOS_DS),
                4_294_967_303L, OptionalLong.empty(), OptionalLong.empty(),
                List.of(new SeqNumberChange(RemotePartyRole.SUPPLIER, 1_000L, OptionalLong.of(2_000L))),
                List.of(new UpdateSecurityCredentials.Replacement(f.solr(KeyUsageType.DS, f.solrDs), SUPPLIER_DS),
                        new UpdateSecurityCredentials.Replacement(f.solr(KeyUsageType.KA, f.solrKa), SUPPLIER_KA),
                        new UpdateSecurityCredentials.Replacement(f.solr(KeyUsageType.KA, f.solrKaTopUp),
                                SUPPLIER_KA_TOPUP)),
                List.of(f.oca), at);
    }

    @Test
    void theChangeOfSupplierCommandEncodesAsGbcsAsn1AndReadsBack() {
        UpdateSecurityCredentials c = changeOfSupplier(Optional.empty());
        byte[] der = c.encode();
        String hex = HexFormat.of().withUpperCase().formatHex(der);
        // authorising remote party control: mode 7, [1] disapply, [2] the TCoS DS cell, the seq number
        assertThat(hex).contains("020107" + "810101" + "A207" + "020105" + "03020780" + "020501" + "00000007");
        // [6] the Supplier's new floor and its prepayment top-up floor
        assertThat(hex).contains("A614" + "3012" + "020102" + "020203E8" + "3009" + "3007" + "020100" + "020207D0");
        // the cells: DS (role 2, digitalSignature), KA, KA prepayment top-up (cell usage 1 written out)
        assertThat(hex).contains("3007" + "020102" + "03020780").contains("300A" + "020102" + "03020308" + "020101");
        UpdateSecurityCredentials back = UpdateSecurityCredentials.decode(der);
        assertThat(back.mode()).isEqualTo(ReplacementMode.SUPPLIER_BY_TRANS_COS);
        assertThat(back.mode().messageCode()).isEqualTo(0x0107);
        assertThat(back.disapplyTimeChecks()).isTrue();
        assertThat(back.authorisingCell()).contains(TCOS_DS);
        assertThat(back.authorisingSeqNumber()).isEqualTo(4_294_967_303L);
        assertThat(back.otherChanges()).containsExactly(new SeqNumberChange(RemotePartyRole.SUPPLIER, 1_000L,
                OptionalLong.of(2_000L)));
        assertThat(back.replacements()).extracting(UpdateSecurityCredentials.Replacement::target)
                .containsExactly(SUPPLIER_DS, SUPPLIER_KA, SUPPLIER_KA_TOPUP);
        assertThat(back.replacements().get(1).certificate()).isEqualTo(c.replacements().get(1).certificate());
        assertThat(back.certificationPath()).containsExactly(f.oca);
        assertThat(back.executionDateTime()).isEmpty();
        assertThat(back.encode()).isEqualTo(der);
    }

    @Test
    void aContingencyCommandCarriesThePlaintextSymmetricKeyRightAfterTheMode() {
        byte[] key = new byte[32];
        java.util.Arrays.fill(key, (byte) 0x5A);
        UpdateSecurityCredentials c = new UpdateSecurityCredentials(ReplacementMode.ANY_BY_CONTINGENCY, false,
                Optional.empty(), 12L, OptionalLong.empty(), OptionalLong.empty(), List.of(),
                List.of(new UpdateSecurityCredentials.Replacement(f.root, new CellIdentifier(RemotePartyRole.ROOT,
                        CellKeyUsage.of((KeyUsageType) null), CellUsage.MANAGEMENT))), List.of(), Optional.empty(), Optional.of(key));
        byte[] der = c.encode();
        // mode 9, then [0] IMPLICIT OCTET STRING of 32 octets, then the seq number
        assertThat(HexFormat.of().withUpperCase().formatHex(der)).contains("020109" + "8020" + "5A".repeat(32) + "02010C");
        UpdateSecurityCredentials back = UpdateSecurityCredentials.decode(der);
        assertThat(back.mode()).isEqualTo(ReplacementMode.ANY_BY_CONTINGENCY);
        assertThat(back.plaintextSymmetricKey()).hasValueSatisfying(k -> assertThat(k).isEqualTo(key));
        assertThat(back.authorisingSeqNumber()).isEqualTo(12L);
    }

    @Test
    void aFutureDatedCommandCarriesItsExecutionTime() {
        Instant at = Instant.parse("2026-12-01T02:00:00Z");
        byte[] der = changeOfSupplier(Optional.of(at)).encode();
        assertThat(HexFormat.of().withUpperCase().formatHex(der)).endsWith("180F" + "32303236313230313032303030305A");
        assertThat(UpdateSecurityCredentials.decode(der).executionDateTime()).contains(at);
    }

    @Test
    void aPartialSuccessSaysWhichCellFailedAndKeepsItsExistingValues() {
        byte[] oldDsSki = HexFormat.of().parseHex("4A9BDEF1571EFB13");
        byte[] newDsSki = HexFormat.of().parseHex("48CF1B32697C4669");
        byte[] oldKaSki = HexFormat.of().parseHex("4011223344556677");
        byte[] failing = WireFixture.SOLR.toBytes();
        byte[] previous = HexFormat.of().parseHex("00DB400000000001");
        ExecutionOutcome outcome = new ExecutionOutcome(4_294_967_303L, ReplacementMode.SUPPLIER_BY_TRANS_COS,
                List.of(new SeqNumberChange(RemotePartyRole.SUPPLIER, 1_000L, OptionalLong.of(2_000L))),
                List.of(new ReplacementOutcome(SUPPLIER_DS, 0, previous, oldDsSki, failing, newDsSki),
                        new ReplacementOutcome(SUPPLIER_KA, 10, previous, oldKaSki, previous, oldKaSki)));
        byte[] payload = UpdateSecurityCredentialsResponse.encode(Optional.of(outcome));
        assertThat(HexFormat.of().withUpperCase().formatHex(payload)).startsWith("30").contains("0500")
                .contains("0A010A"); // status 10 as an ENUMERATED
        ExecutionOutcome back = UpdateSecurityCredentialsResponse.decode(payload).orElseThrow();
        assertThat(back).isEqualTo(outcome);
        assertThat(back.allSucceeded()).isFalse();
        ReplacementOutcome ka = back.outcomes().get(1);
        assertThat(ka.succeeded()).isFalse();
        assertThat(ka.replacingSki()).isEqualTo(ka.existingSki());
        assertThat(ka.replacingSubjectUniqueId()).isEqualTo(ka.existingSubjectUniqueId());
    }

    @Test
    void aFutureDatedCommandIsAcceptedAtOnceAndItsOutcomeComesInAn8F66Alert() {
        byte[] accepted = UpdateSecurityCredentialsResponse.encode(Optional.empty());
        assertThat(HexFormat.of().withUpperCase().formatHex(accepted)).isEqualTo("30020500");
        assertThat(UpdateSecurityCredentialsResponse.decode(accepted)).isEmpty();
        ExecutionOutcome outcome = new ExecutionOutcome(9, ReplacementMode.SUPPLIER_BY_TRANS_COS, List.of(),
                List.of(new ReplacementOutcome(SUPPLIER_DS, 0, new byte[8], new byte[8], new byte[8], new byte[8])));
        UpdateSecurityCredentialsResponse.Alert alert = new UpdateSecurityCredentialsResponse.Alert(
                UpdateSecurityCredentialsResponse.ALERT_FUTURE_DATED_SUCCESS, Instant.parse("2026-12-01T02:00:00Z"), outcome);
        byte[] payload = alert.encode();
        assertThat(HexFormat.of().withUpperCase().formatHex(payload)).startsWith("30").contains("0203008F66");
        assertThat(UpdateSecurityCredentialsResponse.Alert.decode(payload)).isEqualTo(alert);
    }

    /**
     * The certificates are written as their octets, not encoded again: the payload is still DER (Bouncy
     * Castle reads it and writes the same octets back), and read lazily it gives the same command,
     * from a non-minimal outer length too; a certificate that is not one is refused in one line.
     */
    @Test
    void certificatesAreWrittenAsTheirOctetsAndThePayloadStaysDer() throws Exception {
        UpdateSecurityCredentials c = changeOfSupplier(Optional.of(Instant.parse("2026-11-21T09:00:00Z")));
        byte[] der = c.encode();
        assertThat(org.bouncycastle.asn1.ASN1Primitive.fromByteArray(der).getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER))
                .isEqualTo(der);
        assertThat(der[1] & 0xff).isEqualTo(0x82);
        byte[] longForm = new byte[der.length + 1]; // 30 83 00 LL LL: the same length in one more octet
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x83;
        System.arraycopy(der, 2, longForm, 3, der.length - 2);
        UpdateSecurityCredentials back = UpdateSecurityCredentials.decode(longForm);
        assertThat(back.encode()).isEqualTo(der);
        assertThat(back.replacements().get(0).certificate()).isEqualTo(c.replacements().get(0).certificate());
        assertThat(back.executionDateTime()).contains(Instant.parse("2026-11-21T09:00:00Z"));

        byte[] cert = c.replacements().get(0).certificate().getEncoded();
        int at = indexOf(der, cert);
        byte[] notACertificate = der.clone(); // the DS certificate's TBS made an INTEGER of the same length
        notACertificate[at + 4] = 0x02;
        assertThatThrownBy(() -> UpdateSecurityCredentials.decode(notACertificate)).isInstanceOf(GbcsException.class)
                .hasMessageStartingWith("GBCS message: replacement certificate is not an X.509 certificate");
    }

    private static int indexOf(byte[] in, byte[] part) {
        for (int i = 0; i + part.length <= in.length; i++) {
            if (java.util.Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @Test
    void nonMinimalAsn1LengthsAreAccepted() {
        // the accepted-only response written with a long-form length: 30 81 02 05 00
        assertThat(UpdateSecurityCredentialsResponse.decode(HexFormat.of().parseHex("3081020500"))).isEmpty();
    }

    @Test
    void badPayloadsAndValuesAreRefusedInOneLine() {
        assertThatThrownBy(() -> UpdateSecurityCredentials.decode(HexFormat.of().parseHex("3003020107")))
                .isInstanceOf(GbcsException.class)
                .hasMessage("GBCS message: Update Security Credentials command has 1 elements, expected 3 or 4");
        byte[] der = changeOfSupplier(Optional.empty()).encode();
        assertThatThrownBy(() -> UpdateSecurityCredentials.decode(java.util.Arrays.copyOf(der, der.length - 20)))
                .isInstanceOf(GbcsException.class).hasMessageStartingWith(
                        "GBCS message: Update Security Credentials command is not valid ASN.1");
        assertThatThrownBy(() -> new SeqNumberChange(RemotePartyRole.SUPPLIER, -1L, OptionalLong.empty()).asn1())
                .isInstanceOf(GbcsException.class).hasMessage("floor 18446744073709551615 is above 2^63-1")
                .extracting(e -> ((GbcsException) e).errorCode()).isEqualTo(GbcsException.Code.BAD_VALUE);
        assertThatThrownBy(() -> UpdateSecurityCredentialsResponse.decode(HexFormat.of().parseHex("3003010100")))
                .hasMessageContaining("is not { commandAccepted NULL, executionOutcome OPTIONAL }");
    }
}
