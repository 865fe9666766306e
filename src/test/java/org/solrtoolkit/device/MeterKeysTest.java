package org.solrtoolkit.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.Gbcs;

class MeterKeysTest {

    private static final Eui64 A = Eui64.parse("00-DB-5E-00-00-00-00-01");
    private static final Eui64 B = Eui64.parse("00-DB-5E-00-00-00-00-02");

    @TempDir
    Path dir;

    @Test
    void eachMeterHasItsOwnStableKeyPairsWhosePartsMatch() throws Exception {
        MeterKeys keys = MeterKeys.of(new byte[32]);
        KeyPair a = keys.keyPair(A, MeterKeys.Usage.KA);
        assertThat(keys.keyPair(A, MeterKeys.Usage.KA).getPublic()).isEqualTo(a.getPublic());
        assertThat(keys.keyPair(B, MeterKeys.Usage.KA).getPublic()).isNotEqualTo(a.getPublic());
        assertThat(keys.keyPair(A, MeterKeys.Usage.DS).getPublic()).isNotEqualTo(a.getPublic());
        assertThat(MeterKeys.of(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0}).keyPair(A, MeterKeys.Usage.KA).getPublic()).isNotEqualTo(a.getPublic());
        // ECDH both ways gives one secret only if each public key belongs to its private key
        KeyPair b = keys.keyPair(B, MeterKeys.Usage.KA);
        assertThat(ecdh(a, b)).isEqualTo(ecdh(b, a));
    }

    private static byte[] ecdh(KeyPair mine, KeyPair theirs) throws Exception {
        KeyAgreement ka = KeyAgreement.getInstance("ECDH", Gbcs.BC);
        ka.init(mine.getPrivate());
        ka.doPhase(theirs.getPublic(), true);
        return ka.generateSecret();
    }

    @Test
    void theFleetSecretLivesInAPasswordProtectedPkcs12() {
        Path ks = dir.resolve("fleet/fleet-secret.p12");
        MeterKeys made = MeterKeys.openOrCreate(ks, "pw-123456".toCharArray());
        assertThat(ks).exists();
        MeterKeys again = MeterKeys.openOrCreate(ks, "pw-123456".toCharArray());
        assertThat(again.keyPair(A, MeterKeys.Usage.KA).getPublic()).isEqualTo(made.keyPair(A, MeterKeys.Usage.KA)
                .getPublic());
        assertThatThrownBy(() -> MeterKeys.openOrCreate(ks, "wrong".toCharArray())).isInstanceOf(DeviceException.class)
                .hasMessageContaining("wrong password");
        assertThat(Files.isRegularFile(ks)).isTrue();
    }
}
