package org.newslens.topics;

import org.apache.commons.math3.special.Gamma;

/**
 * Commons Math's {@link Gamma#digamma}, bit for bit, without its recursion. For x below 49 it returns
 * {@code digamma(x + 1) - 1 / x}, one call per unit step up to 49: the topic E-step calls it 21 times per update with
 * values near alpha (0.25), so about 49 nested calls each time, which the JIT does not inline. Here the arguments are
 * walked up in a loop and the reciprocals subtracted on the way back, in the recursion's order, so every rounding
 * is the same and {@code article_topics} does not change.
 */
final class Digamma {
    /** The recursion's limits (Commons Math 3.6.1). */
    private static final double S_LIMIT = 1e-5;
    private static final double C_LIMIT = 49;
    /** Deepest walk for 0 < x: 49 unit steps reach C_LIMIT from any positive x. */
    static final int MAX_STEPS = 50;

    private Digamma() {
    }

    /** digamma(x), as {@link Gamma#digamma}; {@code steps} is scratch space of {@link #MAX_STEPS} doubles. */
    static double of(double x, double[] steps) {
        if (!(x > 0) || Double.isInfinite(x)) {
            return Gamma.digamma(x); // NaN, infinities, zero and negatives: rare, and exactly as before
        }
        int n = 0;
        double y = x;
        double value;
        while (true) {
            if (y <= S_LIMIT) {
                value = -Gamma.GAMMA - 1 / y;
                break;
            }
            if (y >= C_LIMIT) {
                value = Gamma.digamma(y); // the asymptotic series, no recursion from here
                break;
            }
            steps[n++] = y;
            y = y + 1;
        }
        while (n > 0) {
            value = value - 1 / steps[--n];
        }
        return value;
    }
}
