package org.cavaplan.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The log-rank test as R's {@code survdiff} (rho = 0): per distinct event time, expected events
 * per group {@code d n_k / n} and the hypergeometric covariance; the statistic is {@code (O -
 * E)' V^- (O - E)} over the groups with a positive expected count, one group left out.
 */
final class LogRankTest {
    private LogRankTest() {}

    static LogRank test(KaplanMeierEstimator.Curve[] curves) throws SurvivalException.ModelException {
        int k = curves.length;
        if (k < 2) {
            throw new SurvivalException.TooFewGroups("the log-rank test needs two or more groups, found " + k);
        }
        int totalEvents = 0;
        int deathRows = 0;
        for (KaplanMeierEstimator.Curve c : curves) {
            totalEvents += c.events;
            for (int i = 0; i < c.size; i++) {
                if (c.nEvent[i] > 0) {
                    deathRows++;
                }
            }
        }
        if (totalEvents == 0) {
            throw new SurvivalException.TooFewEvents("the log-rank test", 0);
        }
        double[] deathTimes = new double[deathRows];
        int m = 0;
        for (KaplanMeierEstimator.Curve c : curves) {
            for (int i = 0; i < c.size; i++) {
                if (c.nEvent[i] > 0) {
                    deathTimes[m++] = c.time[i];
                }
            }
        }
        Arrays.sort(deathTimes);
        m = TimeFix.distinct(deathTimes, m, deathTimes);

        double[] observed = new double[k];
        double[] expected = new double[k];
        double[][] var = new double[k][k];
        int[] pointer = new int[k];
        double[] risk = new double[k];
        for (int t = 0; t < m; t++) {
            double time = deathTimes[t];
            double deaths = 0;
            double nrisk = 0;
            for (int g = 0; g < k; g++) {
                KaplanMeierEstimator.Curve c = curves[g];
                while (pointer[g] < c.size && c.time[pointer[g]] < time) {
                    pointer[g]++;
                }
                risk[g] = pointer[g] < c.size ? c.nRisk[pointer[g]] : 0;
                if (pointer[g] < c.size && c.time[pointer[g]] == time) {
                    deaths += c.nEvent[pointer[g]];
                    observed[g] += c.nEvent[pointer[g]];
                }
                nrisk += risk[g];
            }
            for (int g = 0; g < k; g++) {
                expected[g] += deaths * risk[g] / nrisk;
            }
            if (nrisk == 1) {
                continue;
            }
            for (int a = 0; a < k; a++) {
                double tmp = deaths * risk[a] * (nrisk - deaths) / (nrisk * (nrisk - 1));
                var[a][a] += tmp;
                for (int b = 0; b < k; b++) {
                    var[a][b] -= tmp * risk[b] / nrisk;
                }
            }
        }

        List<Integer> used = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            if (expected[g] > 0) {
                used.add(g);
            }
        }
        if (used.size() < 2) {
            throw new SurvivalException.TooFewGroups(
                    "the log-rank test needs two or more groups at risk at an event time, found " + used.size());
        }
        int q = used.size() - 1;
        double[][] vv = new double[q][q];
        double[] diff = new double[q];
        for (int a = 0; a < q; a++) {
            int ga = used.get(a + 1);
            diff[a] = observed[ga] - expected[ga];
            for (int b = 0; b < q; b++) {
                vv[a][b] = var[ga][used.get(b + 1)];
            }
        }
        double[] sol = solve(vv, diff.clone());
        if (sol == null) {
            throw new SurvivalException.TooFewGroups(
                    "the log-rank variance matrix is singular (too few events where groups overlap)");
        }
        double chi = 0;
        for (int a = 0; a < q; a++) {
            chi += sol[a] * diff[a];
        }
        List<LogRank.Group> groups = new ArrayList<>(k);
        for (int g = 0; g < k; g++) {
            groups.add(new LogRank.Group(curves[g].label, curves[g].n, observed[g], expected[g]));
        }
        return new LogRank(groups, ChiSquareTest.of(chi, used.size() - 1));
    }

    /** Gaussian elimination with partial pivoting; null when singular. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        double scale = 0;
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
            for (double v : m[i]) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[piv][col])) {
                    piv = r;
                }
            }
            if (Math.abs(m[piv][col]) <= scale * 1e-14) {
                return null;
            }
            double[] tr = m[col];
            m[col] = m[piv];
            m[piv] = tr;
            double tb = b[col];
            b[col] = b[piv];
            b[piv] = tb;
            for (int r = col + 1; r < n; r++) {
                double f = m[r][col] / m[col][col];
                for (int c = col; c < n; c++) {
                    m[r][c] -= f * m[col][c];
                }
                b[r] -= f * b[col];
            }
        }
        for (int r = n - 1; r >= 0; r--) {
            double s = b[r];
            for (int c = r + 1; c < n; c++) {
                s -= m[r][c] * b[c];
            }
            b[r] = s / m[r][r];
        }
        return b;
    }
}
