package org.cavaplan.survival;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Complete-case subsets of a {@link SurvivalData} for each analysis, with groups put into R's
 * factor order: numerically when every label is a number, otherwise by text (code point order).
 */
final class Groups {
    private Groups() {}

    /** Rows used by the Kaplan-Meier curves and the log-rank test. */
    static final class KmInput {
        final double[] time;
        final byte[] event;
        final int[] group;
        final String[] labels;
        final int dropped;

        KmInput(double[] time, byte[] event, int[] group, String[] labels, int dropped) {
            this.time = time;
            this.event = event;
            this.group = group;
            this.labels = labels;
            this.dropped = dropped;
        }
    }

    /** Rows used by the Cox model; covariates row-major {@code x[i * p + j]}. */
    static final class CoxInput {
        final double[] time;
        final byte[] event;
        final double[] x;
        final int p;
        final List<String> names;
        final int dropped;

        CoxInput(double[] time, byte[] event, double[] x, int p, List<String> names, int dropped) {
            this.time = time;
            this.event = event;
            this.x = x;
            this.p = p;
            this.names = names;
            this.dropped = dropped;
        }

        int n() {
            return time.length;
        }
    }

    /** Rows of the curves; with competing risks either event counts as the event (status 2 becomes 1). */
    static KmInput kmInput(SurvivalData d) throws SurvivalException.NoCompleteRows {
        return kmInput(d, false);
    }

    /**
     * Rows with time, event (and group); {@code causes}: keep the status 0/1/2 of competing-risk
     * data as it is, otherwise an event of either kind is 1.
     */
    static KmInput kmInput(SurvivalData d, boolean causes) throws SurvivalException.NoCompleteRows {
        int n = d.rows;
        boolean grouped = d.groupCode != null;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            if (keepKm(d, i, grouped)) {
                kept++;
            }
        }
        if (kept == 0) {
            throw new SurvivalException.NoCompleteRows(n, n);
        }
        double[] time = new double[kept];
        byte[] event = new byte[kept];
        int[] group = new int[kept];
        String[] labels;
        int[] remap;
        if (grouped) {
            boolean[] used = new boolean[d.groupLabels.length];
            for (int i = 0; i < n; i++) {
                if (keepKm(d, i, true)) {
                    used[d.groupCode[i]] = true;
                }
            }
            remap = new int[d.groupLabels.length];
            labels = order(d.groupLabels, used, remap);
        } else {
            labels = new String[] {"all"};
            remap = null;
        }
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (keepKm(d, i, grouped)) {
                time[k] = d.time[i];
                event[k] = causes || d.event[i] != 2 ? d.event[i] : 1;
                group[k] = grouped ? remap[d.groupCode[i]] : 0;
                k++;
            }
        }
        return new KmInput(time, event, group, labels, n - kept);
    }

    private static boolean keepKm(SurvivalData d, int i, boolean grouped) {
        return !Double.isNaN(d.time[i])
                && d.event[i] != SurvivalData.MISSING_EVENT
                && (!grouped || d.groupCode[i] >= 0);
    }

    static CoxInput coxInput(SurvivalData d) throws SurvivalException.NoCompleteRows {
        int n = d.rows;
        int p = d.covariates.length;
        boolean[] keep = new boolean[n];
        int kept = 0;
        for (int i = 0; i < n; i++) {
            boolean ok = !Double.isNaN(d.time[i]) && d.event[i] != SurvivalData.MISSING_EVENT;
            for (int j = 0; ok && j < p; j++) {
                ok = !Double.isNaN(d.covariates[j][i]);
            }
            keep[i] = ok;
            if (ok) {
                kept++;
            }
        }
        if (kept == 0) {
            throw new SurvivalException.NoCompleteRows(n, n);
        }
        double[] time = new double[kept];
        byte[] event = new byte[kept];
        double[] x = new double[kept * p];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                time[k] = d.time[i];
                event[k] = d.event[i] == 2 ? 1 : d.event[i];
                for (int j = 0; j < p; j++) {
                    x[k * p + j] = d.covariates[j][i];
                }
                k++;
            }
        }
        return new CoxInput(time, event, x, p, d.covariateNames, n - kept);
    }

    /**
     * Orders the used labels; fills remap[oldCode] = new code (labels equal as numbers share one
     * code). Returns the ordered labels.
     */
    static String[] order(String[] raw, boolean[] used, int[] remap) {
        boolean numeric = true;
        double[] value = new double[raw.length];
        for (int c = 0; c < raw.length; c++) {
            if (!used[c]) {
                continue;
            }
            byte[] bytes = raw[c].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            value[c] = DoubleParser.parse(bytes, 0, bytes.length);
            if (Double.isNaN(value[c]) || Double.isInfinite(value[c])) {
                numeric = false;
            }
        }
        Map<String, Integer> codeOf = new HashMap<>();
        List<String> labels = new ArrayList<>();
        List<Double> keys = new ArrayList<>();
        for (int c = 0; c < raw.length; c++) {
            if (!used[c]) {
                continue;
            }
            String label = numeric ? numberLabel(value[c]) : raw[c];
            if (!codeOf.containsKey(label)) {
                codeOf.put(label, labels.size());
                labels.add(label);
                keys.add(numeric ? value[c] : 0.0);
            }
        }
        Integer[] idx = new Integer[labels.size()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Comparator<Integer> cmp =
                numeric
                        ? Comparator.comparingDouble(keys::get)
                        : Comparator.comparing(labels::get);
        Arrays.sort(idx, cmp);
        int[] rank = new int[idx.length];
        String[] sorted = new String[idx.length];
        for (int r = 0; r < idx.length; r++) {
            rank[idx[r]] = r;
            sorted[r] = labels.get(idx[r]);
        }
        Arrays.fill(remap, -1);
        for (int c = 0; c < raw.length; c++) {
            if (used[c]) {
                String label = numeric ? numberLabel(value[c]) : raw[c];
                remap[c] = rank[codeOf.get(label)];
            }
        }
        return sorted;
    }

    /** A number as R's {@code as.character} prints it (15 significant digits, no trailing zeros). */
    static String numberLabel(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return new BigDecimal(v).round(new MathContext(15)).stripTrailingZeros().toPlainString();
    }
}
