package org.cavaplan.survival;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers straight from bytes. Plain decimals with at most 18 significant digits
 * and a small exponent are converted exactly (both the mantissa and the power of ten are exact
 * doubles, so one IEEE operation rounds correctly); anything else goes to {@link
 * Double#parseDouble}, so the result always equals {@code Double.parseDouble(text)}.
 */
final class DoubleParser {
    private static final double[] POW10 = new double[23];
    private static final long MAX_EXACT = 1L << 53;

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private DoubleParser() {}

    /**
     * Parses {@code b[from, to)} (already trimmed).
     *
     * @return the value, or NaN when the text is not a plain decimal number (NaN, Inf, hex and
     *     other forms Java would accept are rejected too)
     */
    static double parse(byte[] b, int from, int to) {
        int i = from;
        if (i >= to) {
            return Double.NaN;
        }
        boolean negative = false;
        if (b[i] == '-' || b[i] == '+') {
            negative = b[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0;
        int exp10 = 0;
        int digits = 0;
        boolean exact = true;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
            int d = b[i] - '0';
            digits++;
            if (significant < 18) {
                mantissa = mantissa * 10 + d;
                if (mantissa != 0) {
                    significant++;
                }
            } else {
                exp10++;
                if (d != 0) {
                    exact = false;
                }
            }
            i++;
        }
        if (i < to && b[i] == '.') {
            i++;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                int d = b[i] - '0';
                digits++;
                if (significant < 18) {
                    mantissa = mantissa * 10 + d;
                    if (mantissa != 0) {
                        significant++;
                    }
                    exp10--;
                } else if (d != 0) {
                    exact = false;
                }
                i++;
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean expNegative = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                expNegative = b[i] == '-';
                i++;
            }
            int expDigits = 0;
            int e = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9') {
                if (e < 100_000) {
                    e = e * 10 + (b[i] - '0');
                }
                expDigits++;
                i++;
            }
            if (expDigits == 0) {
                return Double.NaN;
            }
            exp10 += expNegative ? -e : e;
        }
        if (i != to) {
            return Double.NaN;
        }
        double value;
        if (exact && mantissa <= MAX_EXACT && exp10 >= -22 && exp10 <= 22) {
            value = exp10 >= 0 ? mantissa * POW10[exp10] : mantissa / POW10[-exp10];
        } else {
            value = Double.parseDouble(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
            return value;
        }
        return negative ? -value : value;
    }
}
