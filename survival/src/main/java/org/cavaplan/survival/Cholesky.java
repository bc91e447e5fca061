package org.cavaplan.survival;

/**
 * The generalized Cholesky decomposition {@code A = F D F'} (F unit lower triangular, D
 * diagonal) that R's survival package uses for the Cox information matrix: a pivot below {@code
 * toler} times the largest diagonal marks its column as redundant (D = 0) instead of failing.
 *
 * <p>The input is the upper triangle {@code m[i][j], j >= i}; the factor is written to the lower
 * triangle and the diagonal.
 */
final class Cholesky {
    private Cholesky() {}

    /** Factorizes in place; returns the rank (negative when the matrix is not non-negative). */
    static int factor(double[][] m, int n, double toler) {
        boolean nonNegative = true;
        double eps = 0;
        for (int i = 0; i < n; i++) {
            if (m[i][i] > eps) {
                eps = m[i][i];
            }
            for (int j = i + 1; j < n; j++) {
                m[j][i] = m[i][j];
            }
        }
        if (eps == 0) {
            for (int i = 0; i < n; i++) {
                m[i][i] = 0;
            }
            return 0;
        }
        eps *= toler;
        int rank = 0;
        for (int i = 0; i < n; i++) {
            double pivot = m[i][i];
            if (!Double.isFinite(pivot) || pivot < eps) {
                m[i][i] = 0;
                if (pivot < -8 * eps) {
                    nonNegative = false;
                }
            } else {
                rank++;
                for (int j = i + 1; j < n; j++) {
                    double temp = m[j][i] / pivot;
                    m[j][i] = temp;
                    m[j][j] -= temp * temp * pivot;
                    for (int k = j + 1; k < n; k++) {
                        m[k][j] -= temp * m[k][i];
                    }
                }
            }
        }
        return nonNegative ? rank : -rank;
    }

    /** Solves {@code A b = y} in place given the factor; redundant columns get 0. */
    static void solve(double[][] m, int n, double[] y) {
        for (int i = 0; i < n; i++) {
            double temp = y[i];
            for (int j = 0; j < i; j++) {
                temp -= y[j] * m[i][j];
            }
            y[i] = temp;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (m[i][i] == 0) {
                y[i] = 0;
            } else {
                double temp = y[i] / m[i][i];
                for (int j = i + 1; j < n; j++) {
                    temp -= y[j] * m[j][i];
                }
                y[i] = temp;
            }
        }
    }

    /**
     * Replaces the factor by the (generalized) inverse of A, written to the upper triangle and the
     * diagonal ({@code m[i][j], j >= i}); rows of redundant columns become 0.
     */
    static void invert(double[][] m, int n) {
        for (int i = 0; i < n; i++) {
            if (m[i][i] > 0) {
                m[i][i] = 1 / m[i][i];
                for (int j = i + 1; j < n; j++) {
                    m[j][i] = -m[j][i];
                    for (int k = 0; k < i; k++) {
                        m[j][k] += m[j][i] * m[i][k];
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (m[i][i] == 0) {
                for (int j = 0; j < i; j++) {
                    m[j][i] = 0;
                }
                for (int j = i; j < n; j++) {
                    m[i][j] = 0;
                }
            } else {
                for (int j = i + 1; j < n; j++) {
                    double temp = m[j][i] * m[j][j];
                    m[i][j] = temp;
                    for (int k = i; k < j; k++) {
                        m[i][k] += temp * m[j][k];
                    }
                }
            }
        }
    }
}
