package org.solrtoolkit.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The General Signing and General Ciphering framing, its r||s signature and the ACB's MAC, on our own keys. */
class GeneralSigningTest {

    private final WireFixture f = new WireFixture();
    private static final byte[] PAYLOAD = HexFormat.of().parseHex("3003020107");

    private GeneralSigning command() {
        return GeneralSigning.unsigned(Cra.COMMAND, 0x0000000100000007L, WireFixture.TCOS, WireFixture.METER, null,
                0x0107, PAYLOAD);
    }

    @Test
    void theHeaderIsLaidOutAsGbcsSaysAndRoundTrips() {
        GeneralSigning signed = command().sign(f.tcosDs.getPrivate());
        byte[] apdu = signed.encode();
        String hex = HexFormat.of().withUpperCase().formatHex(apdu);
        assertThat(hex).startsWith("DF09" + "01" + "0000000100000007" + "08" + "90B3D51F30050001" + "08"
                + "00DB1234567890A0" + "00" + "02" + "0107" + "05" + "3003020107" + "40");
        assertThat(apdu).hasSize(2 + 1 + 8 + 9 + 9 + 1 + 3 + 6 + 1 + 64);
        GeneralSigning back = GeneralSigning.decode(apdu);
        assertThat(back).isEqualTo(signed);
        assertThat(back.verifies(f.tcosDs.getPublic())).isTrue();
        assertThat(back.verifies(f.meterDs.getPublic())).isFalse();
        // the signature covers every octet after DF through the payload
        assertThat(signed.signedPart()).isEqualTo(java.util.Arrays.copyOfRange(apdu, 1, apdu.length - 65));
    }

    @Test
    void anyChangedOctetBreaksTheSignatureAndTheMac() {
        GeneralSigning signed = command().sign(f.tcosDs.getPrivate());
        javax.crypto.SecretKey acbSide = GbcsKdf.derive(f.acbKa.getPrivate(), f.meterKa.getPublic(), Cra.COMMAND,
                signed.counter(), WireFixture.TCOS, WireFixture.METER);
        byte[] wire = GeneralCiphering.wrap(signed.encode(), acbSide, WireFixture.TCOS).encode();
        assertThat(HexFormat.of().withUpperCase().formatHex(wire)).startsWith("DD000000000000" + String.format("%02X",
                5 + signed.encode().length + 12) + "1100000000" + "DF09"); // 121 octets follow: a one-octet length
        // the device derives the same key from its own KA private key and the ACB's KA public key
        javax.crypto.SecretKey deviceSide = GbcsKdf.derive(f.meterKa.getPrivate(), f.acbKa.getPublic(), Cra.COMMAND,
                signed.counter(), WireFixture.TCOS, WireFixture.METER);
        assertThat(deviceSide.getEncoded()).isEqualTo(acbSide.getEncoded()).hasSize(16);
        GeneralCiphering received = GeneralCiphering.decode(wire);
        assertThat(received.macVerifies(deviceSide, WireFixture.TCOS)).isTrue();
        assertThat(GeneralSigning.decode(received.apdu()).verifies(f.tcosDs.getPublic())).isTrue();
        for (int i = 14; i < wire.length; i += 7) { // past the framing: the APDU and the MAC
            byte[] tampered = wire.clone();
            tampered[i] ^= 0x01;
            GeneralCiphering t = GeneralCiphering.decode(tampered);
            assertThat(t.macVerifies(deviceSide, WireFixture.TCOS)).as("octet %d", i).isFalse();
        }
        byte[] apdu = signed.encode();
        apdu[40] ^= 0x01; // inside the signed part
        assertThat(GeneralSigning.decode(apdu).verifies(f.tcosDs.getPublic())).isFalse();
        // another counter (another message) derives another key
        assertThat(GbcsKdf.derive(f.meterKa.getPrivate(), f.acbKa.getPublic(), Cra.COMMAND, signed.counter() + 1,
                WireFixture.TCOS, WireFixture.METER).getEncoded()).isNotEqualTo(acbSide.getEncoded());
    }

    @Test
    void aPreCommandHasSignatureLengthZeroAndADateTimeReadsBack() {
        GeneralSigning pre = GeneralSigning.unsigned(Cra.RESPONSE, 7, WireFixture.METER, WireFixture.TCOS,
                WireFixture.NOW, 0x0107, PAYLOAD);
        byte[] apdu = pre.encode();
        assertThat(apdu[apdu.length - 1]).isZero();
        GeneralSigning back = GeneralSigning.decode(apdu);
        assertThat(back.signature()).isNull();
        assertThat(back.instant()).contains(WireFixture.NOW);
        assertThat(back.verifies(f.meterDs.getPublic())).isFalse();
    }

    @Test
    void nonMinimalLengthsAreReadAsDevicesSendThem() {
        byte[] apdu = command().sign(f.tcosDs.getPrivate()).encode();
        // rewrite the content length 05 as 82 00 05 (and the other information length 02 as 81 02)
        int otherInfo = 2 + 1 + 8 + 9 + 9 + 1;
        byte[] longer = new byte[apdu.length + 3];
        System.arraycopy(apdu, 0, longer, 0, otherInfo);
        longer[otherInfo] = (byte) 0x81;
        longer[otherInfo + 1] = 0x02;
        longer[otherInfo + 2] = 0x01;
        longer[otherInfo + 3] = 0x07;
        longer[otherInfo + 4] = (byte) 0x82;
        longer[otherInfo + 5] = 0x00;
        longer[otherInfo + 6] = 0x05;
        System.arraycopy(apdu, otherInfo + 4, longer, otherInfo + 7, apdu.length - otherInfo - 4);
        GeneralSigning back = GeneralSigning.decode(longer);
        assertThat(back.payload()).isEqualTo(PAYLOAD);
        assertThat(back.messageCode()).isEqualTo(0x0107);
    }

    @Test
    void aTruncatedOrWronglyFramedMessageSaysWhichPartAndWhy() {
        byte[] apdu = command().sign(f.tcosDs.getPrivate()).encode();
        assertThatThrownBy(() -> GeneralSigning.decode(java.util.Arrays.copyOf(apdu, 50)))
                .isInstanceOf(GbcsException.class).hasMessageStartingWith("GBCS message: ")
                .hasMessageContaining("is cut short");
        byte[] alert = apdu.clone();
        alert[2] = 9;
        assertThatThrownBy(() -> GeneralSigning.decode(alert)).hasMessage(
                "GBCS message: CRA flag 0x09 is not 1 (command), 2 (response) or 3 (alert)");
        assertThatThrownBy(() -> GeneralCiphering.decode(apdu)).hasMessage(
                "GBCS message: General Ciphering tag is 0xDF, expected 0xDD");
        byte[] extra = java.util.Arrays.copyOf(apdu, apdu.length + 1);
        assertThatThrownBy(() -> GeneralSigning.decode(extra)).hasMessage("GBCS message: 1 octets after the signature");
    }
}
