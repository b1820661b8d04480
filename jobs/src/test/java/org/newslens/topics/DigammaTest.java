package org.newslens.topics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;

class DigammaTest {
    private final double[] steps = new double[Digamma.MAX_STEPS];

    private void assertSameBits(double x) {
        assertEquals(Double.doubleToRawLongBits(Gamma.digamma(x)), Double.doubleToRawLongBits(Digamma.of(x, steps)),
                () -> "digamma(" + x + "): " + Gamma.digamma(x) + " vs " + Digamma.of(x, steps));
    }

    @Test
    void isCommonsMathsDigammaBitForBit() {
        // the E-step's arguments: gamma near alpha (0.25) up to document lengths, their sums, lambda's entries
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            assertSameBits(random.nextDouble() * 60);
            assertSameBits(Math.exp(random.nextDouble(-20, 8)));
        }
        // the limits and their neighbours, whole numbers, and what falls back to Commons Math
        for (double x : new double[] {1e-5, Math.nextUp(1e-5), Math.nextDown(1e-5), 1e-300, Double.MIN_VALUE, 49,
            Math.nextDown(49.0), Math.nextUp(49.0), 48, 1, 2, 0.5, 1e300, 0, -0.0, -0.5, -3.25,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            assertSameBits(x);
        }
    }
}
