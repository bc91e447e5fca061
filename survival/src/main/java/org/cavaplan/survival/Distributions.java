package org.cavaplan.survival;

/**
 * Tail probabilities needed for the tests: the chi-square upper tail through the regularized
 * upper incomplete gamma function, computed with a power series below {@code a + 1} and a Lentz
 * continued fraction above it, so that small p-values keep their relative accuracy (about 1e-14).
 */
final class Distributions {
    /** {@code qnorm(0.975)}: the normal quantile for two-sided 95 % limits. */
    static final double Z_975 = 1.959963984540054;

    private static final double EPS = 1e-16;
    private static final double TINY = 1e-300;
    private Distributions() {}

    /** {@code P(X > x)} for {@code X ~ chi-square(df)}; 1 for {@code x <= 0}. */
    static double chiSquareUpperTail(double x, int df) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x <= 0) {
            return 1.0;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        return gammaQ(df / 2.0, x / 2.0);
    }

    /** Two-sided normal p-value {@code 2 P(Z > |z|)}. */
    static double twoSidedNormal(double z) {
        return chiSquareUpperTail(z * z, 1);
    }

    /** Regularized upper incomplete gamma {@code Q(a, x)}, {@code a > 0, x > 0}. */
    static double gammaQ(double a, double x) {
        double logPrefix = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1) {
            double term = 1.0 / a;
            double sum = term;
            for (int n = 1; n < 10_000; n++) {
                term *= x / (a + n);
                sum += term;
                if (Math.abs(term) < Math.abs(sum) * EPS) {
                    break;
                }
            }
            return 1.0 - sum * Math.exp(logPrefix);
        }
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 10_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.abs(d) < TINY) {
                d = TINY;
            }
            c = b + an / c;
            if (Math.abs(c) < TINY) {
                c = TINY;
            }
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPS) {
                break;
            }
        }
        return Math.exp(logPrefix) * h;
    }

    /**
     * {@code log(Gamma(a))} for {@code a > 0}: exact products for the integer and half-integer
     * arguments of chi-square tails, otherwise Stirling's series after shifting {@code a} above 10.
     */
    static double logGamma(double a) {
        if (a == Math.rint(a) && a <= 1e6) {
            double s = 0;
            for (int k = 2; k < a; k++) {
                s += Math.log(k);
            }
            return s;
        }
        if (a * 2 == Math.rint(a * 2) && a <= 1e6) {
            double s = 0.5 * Math.log(Math.PI);
            for (double j = 0.5; j < a; j++) {
                s += Math.log(j);
            }
            return s;
        }
        double shift = 0;
        double z = a;
        while (z < 10) {
            shift += Math.log(z);
            z += 1;
        }
        double z2 = 1 / (z * z);
        double series =
                (1.0 / 12 - z2 * (1.0 / 360 - z2 * (1.0 / 1260 - z2 * (1.0 / 1680 - z2 / 1188)))) / z;
        return (z - 0.5) * Math.log(z) - z + 0.5 * Math.log(2 * Math.PI) + series - shift;
    }
}
