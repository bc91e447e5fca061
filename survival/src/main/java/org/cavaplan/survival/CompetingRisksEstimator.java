package org.cavaplan.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cumulative incidence (Aalen-Johansen) and Gray's test, as R's {@code cmprsk::cuminc} computes
 * them: times compared exactly (no {@code timefix}), the variance by Gray's delta method, the test
 * with rho = 0 and one stratum.
 *
 * <p>Cost: the times of each group and status are sorted once ({@code double[]} sorts, nothing
 * boxed); each curve is one merge pass over its group's three sorted arrays; the test is one pass
 * over the distinct times of all groups with O(k^2) work per time for k groups.
 */
final class CompetingRisksEstimator {
    private CompetingRisksEstimator() {}

    /** Status codes: 0 censored, 1 event of interest, 2 competing event. */
    private static final int STATUSES = 3;

    static CompetingRisks estimate(Groups.KmInput in) {
        int k = in.labels.length;
        // times[g][status], each sorted ascending
        double[][][] times = sortedTimes(in, k);
        boolean[] present = new boolean[STATUSES];
        for (int g = 0; g < k; g++) {
            for (int c = 1; c < STATUSES; c++) {
                present[c] |= times[g][c].length > 0;
            }
        }
        List<CumulativeIncidence> curves = new ArrayList<>();
        List<GrayTest> tests = new ArrayList<>();
        for (int cause = 1; cause < STATUSES; cause++) {
            if (!present[cause]) {
                continue;
            }
            int other = 3 - cause;
            for (int g = 0; g < k; g++) {
                curves.add(curve(in.labels[g], cause, times[g][cause], times[g][other], times[g][0]));
            }
            if (k > 1) {
                tests.add(new GrayTest(cause, grayTest(times, cause)));
            }
        }
        return new CompetingRisks(in.time.length, in.dropped, curves, tests);
    }

    private static double[][][] sortedTimes(Groups.KmInput in, int k) {
        int[][] count = new int[k][STATUSES];
        for (int i = 0; i < in.time.length; i++) {
            count[in.group[i]][in.event[i]]++;
        }
        double[][][] times = new double[k][STATUSES][];
        for (int g = 0; g < k; g++) {
            for (int c = 0; c < STATUSES; c++) {
                times[g][c] = new double[count[g][c]];
                count[g][c] = 0;
            }
        }
        for (int i = 0; i < in.time.length; i++) {
            int g = in.group[i];
            int c = in.event[i];
            times[g][c][count[g][c]++] = in.time[i];
        }
        for (double[][] group : times) {
            for (double[] t : group) {
                Arrays.sort(t);
            }
        }
        return times;
    }

    /**
     * One group's curve for one cause. Walks the distinct times with S (the Kaplan-Meier estimate
     * of being free of either event, just before the time), F (the cumulative incidence) and the
     * three sums of Gray's variance, {@code V(t) = v1 + F^2 v3 - 2 F v2}.
     */
    private static CumulativeIncidence curve(String label, int cause, double[] events, double[] competing,
            double[] censored) {
        int n = events.length + competing.length + censored.length;
        List<CumulativeIncidence.Point> points = new ArrayList<>();
        int i = 0;
        int j = 0;
        int c = 0;
        double atRisk = n;
        double s = 1;
        double f = 0;
        double v1 = 0;
        double v2 = 0;
        double v3 = 0;
        while (i < events.length || j < competing.length || c < censored.length) {
            double t = Double.POSITIVE_INFINITY;
            if (i < events.length) {
                t = events[i];
            }
            if (j < competing.length && competing[j] < t) {
                t = competing[j];
            }
            if (c < censored.length && censored[c] < t) {
                t = censored[c];
            }
            int d = 0;
            while (i < events.length && events[i] == t) {
                d++;
                i++;
            }
            int o = 0;
            while (j < competing.length && competing[j] == t) {
                o++;
                j++;
            }
            int cens = 0;
            while (c < censored.length && censored[c] == t) {
                cens++;
                c++;
            }
            if (d + o > 0) {
                double sAfter = s * (atRisk - d - o) / atRisk;
                if (d > 0) {
                    f += s * d / atRisk;
                }
                if (o > 0 && sAfter > 0) {
                    double w = tieFactor(o, atRisk) * s * s * o / (atRisk * atRisk);
                    double a = 1 / sAfter;
                    double b = f / sAfter;
                    v1 += b * b * w;
                    v2 += a * b * w;
                    v3 += a * a * w;
                }
                if (d > 0) {
                    double w = tieFactor(d, atRisk) * s * s * d / (atRisk * atRisk);
                    double a = sAfter > 0 ? 1 / sAfter : 0;
                    double b = 1 + a * f;
                    v1 += b * b * w;
                    v2 += a * b * w;
                    v3 += a * a * w;
                    double variance = v1 + f * f * v3 - 2 * f * v2;
                    points.add(point(t, f, variance));
                }
                s = sAfter;
            }
            atRisk -= d + o + cens;
        }
        return new CumulativeIncidence(label, cause, n, events.length, points);
    }

    /** The correction for tied events in the variance: {@code 1 - (d - 1) / (n - 1)}, 1 for one event. */
    private static double tieFactor(int d, double atRisk) {
        return d > 1 ? 1 - (d - 1.0) / (atRisk - 1.0) : 1;
    }

    private static CumulativeIncidence.Point point(double t, double f, double variance) {
        double lower = Double.NaN;
        double upper = Double.NaN;
        if (f > 0 && f < 1 && variance >= 0) {
            double q = Distributions.Z_975 * Math.sqrt(variance) / (-f * Math.log(f));
            lower = Math.pow(f, Math.exp(q));
            upper = Math.pow(f, Math.exp(-q));
        }
        return new CumulativeIncidence.Point(t, f, variance, lower, upper);
    }

    /**
     * Gray's test for one cause across the k groups (Gray 1988, section 2; rho = 0). At each distinct
     * time of the pooled data, per group: the number at risk, the left-continuous Kaplan-Meier
     * estimate of being free of either event and cumulative incidence, and the events of either
     * cause. The score of group i sums {@code d_i - d R_i / R} over the times, with R_i the group's
     * "adjusted risk set" {@code n_i (1 - F_i-) / S_i-}; its variance follows Gray's estimator.
     */
    static ChiSquareTest grayTest(double[][][] times, int cause) {
        int k = times.length;
        int k1 = k - 1;
        int other = 3 - cause;
        int[] at = new int[k * STATUSES]; // next index per group and status
        int[] atRisk = new int[k];
        for (int g = 0; g < k; g++) {
            for (int c = 0; c < STATUSES; c++) {
                atRisk[g] += times[g][c].length;
            }
        }
        double[] sBefore = new double[k];
        double[] sAfter = new double[k];
        double[] fBefore = new double[k];
        double[] fAfter = new double[k];
        Arrays.fill(sBefore, 1);
        Arrays.fill(sAfter, 1);
        int[] d1 = new int[k];
        int[] d2 = new int[k];
        int[] removed = new int[k];
        double[][] a = new double[k][k];
        double[][] cc = new double[k][k];
        double[] v3 = new double[k];
        double[][] v2 = new double[k1][k];
        double[][] v = new double[k1][k1];
        double[] score = new double[k1];
        double pooledBefore = 0;
        int[] counts = new int[STATUSES];
        while (true) {
            double t = Double.POSITIVE_INFINITY;
            for (int g = 0; g < k; g++) {
                for (int c = 0; c < STATUSES; c++) {
                    int p = at[g * STATUSES + c];
                    if (p < times[g][c].length && times[g][c][p] < t) {
                        t = times[g][c][p];
                    }
                }
            }
            if (t == Double.POSITIVE_INFINITY) {
                break;
            }
            int nd1 = 0;
            int nd2 = 0;
            for (int g = 0; g < k; g++) {
                for (int c = 0; c < STATUSES; c++) {
                    int p = at[g * STATUSES + c];
                    double[] tc = times[g][c];
                    int q = p;
                    while (q < tc.length && tc[q] == t) {
                        q++;
                    }
                    counts[c] = q - p;
                    at[g * STATUSES + c] = q;
                }
                d1[g] = counts[cause];
                d2[g] = counts[other];
                removed[g] = counts[0] + counts[1] + counts[2];
                nd1 += d1[g];
                nd2 += d2[g];
            }
            if (nd1 > 0 || nd2 > 0) {
                double tr = 0;
                double tq = 0;
                for (int g = 0; g < k; g++) {
                    if (atRisk[g] <= 0) {
                        continue;
                    }
                    int events = d1[g] + d2[g];
                    sAfter[g] = sBefore[g] * (atRisk[g] - events) / atRisk[g];
                    fAfter[g] = fBefore[g] + (sBefore[g] * d1[g]) / atRisk[g];
                    tr += atRisk[g] / sBefore[g];
                    tq += atRisk[g] * (1 - fBefore[g]) / sBefore[g];
                }
                double pooled = pooledBefore + nd1 / tr;
                double step = nd1 / (tr * (1 - pooledBefore));
                for (int g = 0; g < k; g++) {
                    Arrays.fill(a[g], 0);
                }
                for (int g = 0; g < k; g++) {
                    if (atRisk[g] <= 0) {
                        continue;
                    }
                    double hg = atRisk[g] / sBefore[g];
                    a[g][g] = hg * (1 - hg / tr);
                    cc[g][g] += a[g][g] * step;
                    for (int h = g + 1; h < k; h++) {
                        if (atRisk[h] <= 0) {
                            continue;
                        }
                        a[g][h] = -hg * atRisk[h] / (sBefore[h] * tr);
                        a[h][g] = a[g][h];
                        cc[g][h] += a[g][h] * step;
                        cc[h][g] = cc[g][h];
                    }
                }
                for (int g = 0; g < k1; g++) {
                    if (atRisk[g] > 0) {
                        score[g] += d1[g] - nd1 * atRisk[g] * (1 - fBefore[g]) / (sBefore[g] * tq);
                    }
                }
                if (nd1 > 0) {
                    for (int h = 0; h < k; h++) {
                        if (atRisk[h] <= 0) {
                            continue;
                        }
                        double t4 = sAfter[h] > 0 ? 1 - (1 - pooled) / sAfter[h] : 1;
                        double t5 = nd1 > 1 ? 1 - (nd1 - 1) / (tr * sBefore[h] - 1) : 1;
                        double t3 = t5 * sBefore[h] * nd1 / (tr * atRisk[h]);
                        accumulate(h, t4, t3, a, cc, v3, v2, v, false);
                    }
                }
                if (nd2 > 0) {
                    for (int h = 0; h < k; h++) {
                        if (sAfter[h] <= 0 || d2[h] <= 0) {
                            continue;
                        }
                        double t4 = (1 - pooled) / sAfter[h];
                        double t5 = d2[h] > 1 ? 1 - (d2[h] - 1.0) / (atRisk[h] - 1.0) : 1;
                        double r = atRisk[h];
                        double t3 = t5 * (sBefore[h] * sBefore[h] * d2[h]) / (r * r);
                        accumulate(h, t4, t3, a, cc, v3, v2, v, true);
                    }
                }
                pooledBefore = pooled;
            }
            for (int g = 0; g < k; g++) {
                atRisk[g] -= removed[g];
                fBefore[g] = fAfter[g];
                sBefore[g] = sAfter[g];
            }
        }
        for (int i = 0; i < k1; i++) {
            for (int j = 0; j <= i; j++) {
                for (int h = 0; h < k; h++) {
                    v[i][j] += cc[i][h] * cc[j][h] * v3[h] + cc[i][h] * v2[j][h] + cc[j][h] * v2[i][h];
                }
                v[j][i] = v[i][j];
            }
        }
        double statistic = quadraticForm(score, v);
        return ChiSquareTest.of(statistic, k1);
    }

    /**
     * Adds one group's term at one time to the variance sums. For an event of the cause ({@code
     * competingEvent} false) the weight of group i is {@code a[i][h] - t4 c[i][h]}; for a competing
     * event it is {@code t4 c[i][h]}, entering v2 with the opposite sign.
     */
    private static void accumulate(int h, double t4, double t3, double[][] a, double[][] cc, double[] v3,
            double[][] v2, double[][] v, boolean competingEvent) {
        int k1 = v.length;
        v3[h] += t4 * t4 * t3;
        for (int i = 0; i < k1; i++) {
            double wi = competingEvent ? t4 * cc[i][h] : a[i][h] - t4 * cc[i][h];
            v2[i][h] += competingEvent ? -wi * t4 * t3 : wi * t4 * t3;
            for (int j = 0; j <= i; j++) {
                double wj = competingEvent ? t4 * cc[j][h] : a[j][h] - t4 * cc[j][h];
                v[i][j] += wi * wj * t3;
            }
        }
    }

    /** {@code s' V^-1 s} by Gaussian elimination with partial pivoting; NaN when V is singular. */
    static double quadraticForm(double[] s, double[][] v) {
        int n = s.length;
        double[][] m = new double[n][n + 1];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            System.arraycopy(v[i], 0, m[i], 0, n);
            m[i][n] = s[i];
            for (int j = 0; j < n; j++) {
                scale = Math.max(scale, Math.abs(v[i][j]));
            }
        }
        if (!(scale > 0)) {
            return Double.NaN;
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot][col]) <= 1e-7 * scale) {
                return Double.NaN;
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            for (int r = col + 1; r < n; r++) {
                double factor = m[r][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[r][c] -= factor * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = m[r][n];
            for (int c = r + 1; c < n; c++) {
                sum -= m[r][c] * x[c];
            }
            x[r] = sum / m[r][r];
        }
        double q = 0;
        for (int i = 0; i < n; i++) {
            q += s[i] * x[i];
        }
        return q;
    }
}
