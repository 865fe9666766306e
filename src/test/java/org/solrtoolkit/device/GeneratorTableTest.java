package org.solrtoolkit.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.junit.jupiter.api.Test;

/** The meters' fixed-base table gives Bouncy Castle's own d·G, for every kind of scalar. */
class GeneratorTableTest {

    private static final ECNamedCurveParameterSpec P256 = ECNamedCurveTable.getParameterSpec("secp256r1");

    @Test
    void theSameProductsAsBouncyCastlesCombMultiplier() {
        GeneratorTable table = new GeneratorTable(P256.getG());
        BigInteger n = P256.getN();
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ONE, BigInteger.TWO, BigInteger.valueOf(255),
                BigInteger.valueOf(256), BigInteger.ONE.shiftLeft(248), BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE),
                n.subtract(BigInteger.ONE), n.subtract(BigInteger.TWO), n.shiftRight(1)));
        Random random = new Random(16);
        for (int i = 0; i < 200; i++) {
            scalars.add(new BigInteger(256, random).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE));
        }
        for (BigInteger d : scalars) {
            ECPoint expected = new FixedPointCombMultiplier().multiply(P256.getG(), d).normalize();
            ECPoint got = table.multiply(d);
            assertThat(got.isNormalized()).isTrue();
            assertThat(got.getEncoded(false)).as(d.toString(16)).isEqualTo(expected.getEncoded(false));
        }
    }
}
