package org.cavaplan.survival;

import java.util.Arrays;

/**
 * Concordance of a risk score with survival, as {@code coxph} reports it (R's {@code
 * concordancefit(..., reverse = TRUE)}, time weight "n"), with its infinitesimal-jackknife standard
 * error. O(n log n): a backward sweep over time with Fenwick trees of all subjects seen so far and
 * of the events seen so far, indexed by the rank of the score.
 *
 * <p>A pair is comparable when one subject has an event strictly before the other's time, or an
 * event at the time the other is censored. Internally pairs are counted in R's unreversed sense
 * (the longer survivor has the larger score = concordant) and the counts are swapped at the end.
 */
final class ConcordanceCalculator {
    private ConcordanceCalculator() {}

    /**
     * @param time ascending times
     * @param status 1 = event
     * @param score risk score (linear predictor) per row
     */
    static CoxModel.Concordance compute(double[] time, byte[] status, double[] score) {
        int n = time.length;
        double[] sorted = score.clone();
        Arrays.sort(sorted);
        int m = TimeFix.distinct(sorted, n, sorted);
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            rank[i] = Arrays.binarySearch(sorted, 0, m, score[i]) + 1; // 1-based for the tree
        }
        Fenwick all = new Fenwick(m);
        Fenwick dead = new Fenwick(m);
        long[] ic = new long[n];
        long[] id = new long[n];
        long[] it = new long[n];
        long conc = 0;
        long disc = 0;
        long tiedX = 0;
        long tiedY = 0;
        long tiedXY = 0;
        int[] deathRanks = new int[0];

        int hi = n - 1;
        while (hi >= 0) {
            int lo = hi;
            while (lo > 0 && time[lo - 1] == time[hi]) {
                lo--;
            }
            // Censored at this time join the risk set before the events at this time are compared.
            int deaths = 0;
            for (int i = lo; i <= hi; i++) {
                if (status[i] == 0) {
                    int r = rank[i];
                    long lt = dead.less(r);
                    ic[i] -= lt;
                    id[i] -= dead.total - lt - dead.equal(r);
                    it[i] -= dead.equal(r);
                    all.add(r);
                } else {
                    deaths++;
                }
            }
            if (deaths > 0) {
                if (deathRanks.length < deaths) {
                    deathRanks = new int[Math.max(deaths, 2 * deathRanks.length)];
                }
                int d = 0;
                for (int i = lo; i <= hi; i++) {
                    if (status[i] == 1) {
                        int r = rank[i];
                        long lt = all.less(r);
                        long eq = all.equal(r);
                        long gt = all.total - lt - eq;
                        conc += gt;
                        disc += lt;
                        tiedX += eq;
                        ic[i] += gt;
                        id[i] += lt;
                        it[i] += eq;
                        deathRanks[d++] = r;
                    }
                }
                tiedY += (long) deaths * (deaths - 1) / 2;
                Arrays.sort(deathRanks, 0, deaths);
                for (int s = 0; s < deaths; ) {
                    int e = s;
                    while (e < deaths && deathRanks[e] == deathRanks[s]) {
                        e++;
                    }
                    long run = e - s;
                    tiedXY += run * (run - 1) / 2;
                    s = e;
                }
                for (int i = lo; i <= hi; i++) {
                    if (status[i] == 1) {
                        dead.add(rank[i]);
                    }
                }
                for (int i = lo; i <= hi; i++) {
                    if (status[i] == 1) {
                        int r = rank[i];
                        long lt = dead.less(r);
                        ic[i] -= lt;
                        id[i] -= dead.total - lt - dead.equal(r);
                        it[i] -= dead.equal(r);
                        all.add(r);
                    }
                }
            }
            hi = lo - 1;
        }
        for (int i = 0; i < n; i++) {
            int r = rank[i];
            long lt = dead.less(r);
            ic[i] += lt;
            id[i] += dead.total - lt - dead.equal(r);
            it[i] += dead.equal(r);
        }

        long npair = conc + disc + tiedX;
        if (npair == 0) {
            return new CoxModel.Concordance(Double.NaN, Double.NaN, 0, 0, 0, tiedY - tiedXY);
        }
        double np = npair;
        double somer = (conc - disc) / np;
        double var = 0;
        for (int i = 0; i < n; i++) {
            double dfbeta = (ic[i] - id[i]) / np - (somer / np) * (ic[i] + id[i] + it[i]);
            var += dfbeta * dfbeta;
        }
        double concordance = 1 - (somer + 1) / 2;
        return new CoxModel.Concordance(
                concordance, Math.sqrt(var / 4), disc, conc, tiedX, tiedY - tiedXY);
    }

    /** Counts per rank with prefix sums. */
    private static final class Fenwick {
        private final long[] tree;
        private final long[] count;
        private long total;

        Fenwick(int size) {
            tree = new long[size + 1];
            count = new long[size + 1];
        }

        void add(int r) {
            count[r]++;
            total++;
            for (int i = r; i < tree.length; i += i & -i) {
                tree[i]++;
            }
        }

        /** Entries with rank below r. */
        long less(int r) {
            long s = 0;
            for (int i = r - 1; i > 0; i -= i & -i) {
                s += tree[i];
            }
            return s;
        }

        long equal(int r) {
            return count[r];
        }

    }
}
