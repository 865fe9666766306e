package org.solrtoolkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.solrtoolkit.pki.CertificateIssuer;
import org.solrtoolkit.pki.Eui64;

class UtrnTest {

    private static final CertificateIssuer KEYS = new CertificateIssuer(Clock.systemUTC());
    private static final Eui64 ACME = Eui64.parse("00-DB-A0-00-00-00-00-01");
    private static final Eui64 BRAVO = Eui64.parse("00-DB-B0-00-00-00-00-02");
    private static final Eui64 METER = Eui64.parse("00-DB-12-34-56-78-90-A0");

    @ParameterizedTest
    @ValueSource(strings = {"73943333457189043313", "74301825837596672005", "73946144332040217315",
        "73947252416745201637"})
    void gbcsCheckDigitVectorsPass(String utrn) {
        assertThat(new Utrn(utrn).digits()).isEqualTo(utrn);
    }

    @Test
    void decodesValueClassAndCounterBits() {
        Utrn u = new Utrn("7394 3333 4571 8904 3313");
        assertThat(u.value()).isEqualTo(100);
        assertThat(u.valueClass()).isEqualTo(Utrn.ValueClass.POUNDS);
        assertThat(u.pence()).isEqualTo(10_000);
        assertThat(u.counterBits()).isEqualTo(1);
        assertThat(u.grouped()).isEqualTo("73943 33345 71890 43313");
    }

    @Test
    void wrongCheckDigitOrLengthIsRefused() {
        assertThatThrownBy(() -> new Utrn("73943333457189043314"))
                .isInstanceOf(DeviceException.class)
                .hasMessage("UTRN '73943333457189043314' has check digit 4, expected 3: a digit was mistyped");
        assertThatThrownBy(() -> new Utrn("7394333345718904331"))
                .hasMessage("UTRN '7394333345718904331' must be 20 digits (it has 19 digit(s))");
        assertThatThrownBy(() -> new Utrn("7394333345718904331X"))
                .hasMessage("UTRN '7394333345718904331X' must be 20 digits (it has 19 digit(s) and other characters)");
    }

    @Test
    void aUtrnMadeWithTheSuppliersTopUpKeyIsAuthenticOnlyForItsMeterAndCounter() {
        KeyPair supplierTopUp = KEYS.newKeyPair();
        KeyPair meterKa = KEYS.newKeyPair();
        long counter = 5L << 32;
        Utrn u = Utrn.generate(supplierTopUp.getPrivate(), ACME, meterKa.getPublic(), METER, counter, 20,
                Utrn.ValueClass.POUNDS);
        assertThat(u.digits()).hasSize(20).startsWith("739");
        assertThat(u.value()).isEqualTo(20);
        assertThat(u.counterBits()).isEqualTo(5);
        // the meter recomputes with its own KA key and the supplier's public key in its top-up cell
        assertThat(u.authentic(meterKa.getPrivate(), supplierTopUp.getPublic(), ACME, METER, counter)).isTrue();
        assertThat(u.authentic(meterKa.getPrivate(), supplierTopUp.getPublic(), ACME,
                Eui64.parse("00-DB-12-34-56-78-90-A1"), counter)).as("another meter").isFalse();
        assertThat(u.authentic(meterKa.getPrivate(), supplierTopUp.getPublic(), ACME, METER, counter + (1L << 32)))
                .as("another counter").isFalse();
        KeyPair solrTopUp = KEYS.newKeyPair();
        assertThat(u.authentic(meterKa.getPrivate(), solrTopUp.getPublic(), BRAVO, METER, counter))
                .as("after the SoLR's certificate replaced the top-up cell").isFalse();
    }

    @Test
    void valueAboveTheRangeIsRefused() {
        KeyPair k = KEYS.newKeyPair();
        assertThatThrownBy(() -> Utrn.generate(k.getPrivate(), ACME, k.getPublic(), METER, 0, 8192,
                Utrn.ValueClass.PENNIES)).hasMessage("value 8192 must be 0 to 8191 pennies (use pounds for larger"
                + " amounts)");
    }

    @Test
    void mpanCheckDigitAndMprnLength() {
        String first12 = "123456789012";
        String mpan = first12 + Mpxn.mpanCheckDigit(first12);
        assertThat(Mpxn.parse(mpan).fuel()).isEqualTo(Mpxn.Fuel.ELECTRICITY);
        String wrong = first12 + ((Mpxn.mpanCheckDigit(first12) + 1) % 10);
        assertThatThrownBy(() -> Mpxn.parse(wrong)).hasMessageStartingWith("MPAN '" + wrong + "' has check digit");
        assertThat(Mpxn.parse("1312345678907").fuel()).as("published example core").isEqualTo(Mpxn.Fuel.ELECTRICITY);
        assertThat(Mpxn.parse("1234567").fuel()).isEqualTo(Mpxn.Fuel.GAS);
        assertThatThrownBy(() -> Mpxn.parse("12345")).hasMessage("MPxN '12345' has 5 digits: an MPAN core has 13, an"
                + " MPRN 6 to 10");
        assertThatThrownBy(() -> Mpxn.parse("12AB56")).hasMessageContaining("must be digits");
    }
}
