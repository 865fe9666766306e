package org.solrtoolkit.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class Eui64Test {

    @Test
    void acceptsBothFormsAndPrintsOne() {
        Eui64 a = Eui64.parse("00-DB-12-34-56-78-90-A0");
        Eui64 b = Eui64.parse("00db1234567890a0");
        assertThat(a).isEqualTo(b);
        assertThat(b.toString()).isEqualTo("00-DB-12-34-56-78-90-A0");
        assertThat(a.compact()).isEqualTo("00DB1234567890A0");
        assertThat(Eui64.of(a.toBytes())).isEqualTo(a);
        assertThat(Eui64.parse("FF-FF-FF-FF-FF-FF-FF-FF").toString()).isEqualTo("FF-FF-FF-FF-FF-FF-FF-FF");
    }

    @Test
    void wrongLengthIsRefusedWithTheAcceptedForms() {
        for (String bad : new String[] {"00-DB-12-34-56-78-90", "00DB1234567890A0FF", "00-DB-12-34-56-78-90-AZ", ""}) {
            assertThatThrownBy(() -> Eui64.parse(bad)).as(bad)
                    .isInstanceOf(PkiException.class)
                    .hasMessage("EUI-64 '" + bad + "' must be 8 octets (16 hex digits), e.g. 00-DB-12-34-56-78-90-A0"
                            + " or 00DB1234567890A0");
        }
        assertThatThrownBy(() -> Eui64.of(new byte[7])).hasMessage("EUI-64 must be 8 octets, got 7");
    }

    @Test
    void remotePartyRolesAreExactlyTheGbcsCodes() {
        assertThat(RemotePartyRole.fromCode("02")).contains(RemotePartyRole.SUPPLIER);
        assertThat(RemotePartyRole.fromCode("7f")).contains(RemotePartyRole.OTHER);
        assertThat(RemotePartyRole.fromCode("08")).contains(RemotePartyRole.LOAD_CONTROLLER);
        for (String notARole : new String[] {"87", "89", "137", "2", "002", "09", "7E", ""}) {
            assertThat(RemotePartyRole.fromCode(notARole)).as(notARole).isEmpty();
        }
    }
}
