package org.cavaplan.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Product-limit estimates per group, as R's {@code survfit} (type "kaplan-meier", Greenwood
 * variance, log-scale 95 % limits capped at 1, {@code timefix = TRUE}).
 *
 * <p>Cost: one sort of the event times and one of the censoring times per group, then one merge
 * pass; times are never boxed.
 */
final class KaplanMeierEstimator {
    private KaplanMeierEstimator() {}

    /** One group's curve in arrays; rows are the distinct times. */
    static final class Curve {
        final String label;
        final int n;
        final int events;
        final int size;
        final double[] time;
        final int[] nRisk;
        final int[] nEvent;
        final int[] nCensor;
        final double[] surv;
        /** sqrt of the Greenwood sum: the standard error of log S. */
        final double[] logSe;

        Curve(String label, int n, int events, int size, double[] time, int[] nRisk, int[] nEvent,
                int[] nCensor, double[] surv, double[] logSe) {
            this.label = label;
            this.n = n;
            this.events = events;
            this.size = size;
            this.time = time;
            this.nRisk = nRisk;
            this.nEvent = nEvent;
            this.nCensor = nCensor;
            this.surv = surv;
            this.logSe = logSe;
        }

        double lower(int i) {
            return surv[i] == 0 ? Double.NaN : Math.exp(Math.log(surv[i]) - Distributions.Z_975 * logSe[i]);
        }

        double upper(int i) {
            return surv[i] == 0
                    ? Double.NaN
                    : Math.min(Math.exp(Math.log(surv[i]) + Distributions.Z_975 * logSe[i]), 1.0);
        }

        KaplanMeier toRecord() {
            List<KaplanMeier.Row> rows = new ArrayList<>(size);
            double[] lower = new double[size];
            double[] upper = new double[size];
            for (int i = 0; i < size; i++) {
                lower[i] = lower(i);
                upper[i] = upper(i);
                rows.add(new KaplanMeier.Row(time[i], nRisk[i], nEvent[i], nCensor[i], surv[i],
                        surv[i] * logSe[i], lower[i], upper[i]));
            }
            KaplanMeier.Median median = new KaplanMeier.Median(
                    median(time, surv, size), median(time, lower, size), median(time, upper, size));
            return new KaplanMeier(label, n, events, rows, median);
        }
    }

    static Curve[] curves(Groups.KmInput in) {
        int k = in.labels.length;
        int n = in.time.length;
        int[] nev = new int[k];
        int[] ncens = new int[k];
        for (int i = 0; i < n; i++) {
            if (in.event[i] == 1) {
                nev[in.group[i]]++;
            } else {
                ncens[in.group[i]]++;
            }
        }
        double[][] ev = new double[k][];
        double[][] ce = new double[k][];
        for (int g = 0; g < k; g++) {
            ev[g] = new double[nev[g]];
            ce[g] = new double[ncens[g]];
        }
        int[] fe = new int[k];
        int[] fc = new int[k];
        for (int i = 0; i < n; i++) {
            int g = in.group[i];
            if (in.event[i] == 1) {
                ev[g][fe[g]++] = in.time[i];
            } else {
                ce[g][fc[g]++] = in.time[i];
            }
        }
        for (int g = 0; g < k; g++) {
            Arrays.sort(ev[g]);
            Arrays.sort(ce[g]);
        }
        applyTimeFix(ev, ce);
        Curve[] curves = new Curve[k];
        for (int g = 0; g < k; g++) {
            curves[g] = merge(in.labels[g], ev[g], ce[g]);
        }
        return curves;
    }

    /** Distinct values of the union of the per-group sorted arrays, then R's aeqSurv mapping. */
    private static void applyTimeFix(double[][] ev, double[][] ce) {
        int total = 0;
        for (int g = 0; g < ev.length; g++) {
            total += ev[g].length + ce[g].length;
        }
        double[] all = new double[total];
        int u = 0;
        for (int g = 0; g < ev.length; g++) {
            u = mergeDistinct(ev[g], ce[g], all, u);
        }
        if (ev.length > 1) {
            Arrays.sort(all, 0, u);
            u = TimeFix.distinct(all, u, all);
        }
        double[] rep = TimeFix.representatives(all, u);
        if (rep == null) {
            return;
        }
        for (double[][] arrays : new double[][][] {ev, ce}) {
            for (double[] a : arrays) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = rep[Arrays.binarySearch(all, 0, u, a[i])];
                }
            }
        }
    }

    /** Appends the distinct values of merge(a, b) to out from index at; returns the new end. */
    private static int mergeDistinct(double[] a, double[] b, double[] out, int at) {
        int i = 0;
        int j = 0;
        int start = at;
        while (i < a.length || j < b.length) {
            double v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
            if (at == start || out[at - 1] != v) {
                out[at++] = v;
            }
        }
        return at;
    }

    private static Curve merge(String label, double[] ev, double[] ce) {
        int n = ev.length + ce.length;
        int cap = 0;
        {
            int i = 0;
            int j = 0;
            double last = Double.NaN;
            while (i < ev.length || j < ce.length) {
                double v = j >= ce.length || (i < ev.length && ev[i] <= ce[j]) ? ev[i++] : ce[j++];
                if (cap == 0 || v != last) {
                    cap++;
                    last = v;
                }
            }
        }
        double[] time = new double[cap];
        int[] nRisk = new int[cap];
        int[] nEvent = new int[cap];
        int[] nCensor = new int[cap];
        double[] surv = new double[cap];
        double[] logSe = new double[cap];
        int i = 0;
        int j = 0;
        int atRisk = n;
        double km = 1;
        double greenwood = 0;
        for (int r = 0; r < cap; r++) {
            double t = i < ev.length && (j >= ce.length || ev[i] <= ce[j]) ? ev[i] : ce[j];
            int d = 0;
            while (i < ev.length && ev[i] == t) {
                d++;
                i++;
            }
            int c = 0;
            while (j < ce.length && ce[j] == t) {
                c++;
                j++;
            }
            if (d > 0) {
                double nr = atRisk;
                km *= (nr - d) / nr;
                greenwood += d / (nr * (nr - d));
            }
            time[r] = t;
            nRisk[r] = atRisk;
            nEvent[r] = d;
            nCensor[r] = c;
            surv[r] = km;
            logSe[r] = Math.sqrt(greenwood);
            atRisk -= d + c;
        }
        return new Curve(label, n, ev.length, cap, time, nRisk, nEvent, nCensor, surv, logSe);
    }

    /**
     * R's median rule ({@code survmean}'s {@code minmin}): among the rows with {@code y < 0.5 +
     * tol} (NaN rows left out), take the first; if it equals 0.5 within tol and the curve later
     * drops below it, return the midpoint between its time and the time of that drop.
     */
    static OptionalDouble median(double[] time, double[] y, int size) {
        final double tol = TimeFix.TOLERANCE;
        int first = -1;
        for (int i = 0; i < size; i++) {
            if (!Double.isNaN(y[i]) && y[i] < 0.5 + tol) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return OptionalDouble.empty();
        }
        if (Math.abs(y[first] - 0.5) < tol) {
            for (int i = first + 1; i < size; i++) {
                if (!Double.isNaN(y[i]) && y[i] < y[first]) {
                    return OptionalDouble.of((time[first] + time[i]) / 2);
                }
            }
        }
        return OptionalDouble.of(time[first]);
    }
}
