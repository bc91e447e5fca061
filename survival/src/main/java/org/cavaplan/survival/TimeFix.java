package org.cavaplan.survival;

/**
 * Merges times that differ only by floating point noise, as R's {@code aeqSurv} (the {@code
 * timefix = TRUE} default of survfit, survdiff and coxph) does: among the sorted distinct finite
 * times, a time within {@code sqrt(machine epsilon)} of its predecessor (absolutely, or relative to
 * the mean absolute distinct time) is replaced by the first time of its run.
 */
final class TimeFix {
    static final double TOLERANCE = Math.sqrt(Math.ulp(1.0));

    private TimeFix() {}

    /**
     * Representatives for sorted distinct times.
     *
     * @param unique strictly ascending distinct times
     * @param count how many entries of {@code unique} to use
     * @return {@code null} when no two times are tied (the usual case), otherwise an array with the
     *     replacement of each distinct time
     */
    static double[] representatives(double[] unique, int count) {
        if (count < 2) {
            return null;
        }
        double meanAbs = 0;
        for (int i = 0; i < count; i++) {
            meanAbs += Math.abs(unique[i]);
        }
        meanAbs /= count;
        double[] rep = null;
        for (int i = 1; i < count; i++) {
            double dy = unique[i] - unique[i - 1];
            if (dy <= TOLERANCE || dy / meanAbs <= TOLERANCE) {
                if (rep == null) {
                    rep = new double[count];
                    System.arraycopy(unique, 0, rep, 0, count);
                }
                rep[i] = rep[i - 1];
            }
        }
        return rep;
    }

    /** Distinct values of a sorted array (in place into a new array); returns the count in out[0]. */
    static int distinct(double[] sorted, int n, double[] out) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (k == 0 || sorted[i] != out[k - 1]) {
                out[k++] = sorted[i];
            }
        }
        return k;
    }
}
