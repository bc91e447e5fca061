package org.cavaplan.survival;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Columns of one survival data set: follow-up time, event indicator, an optional group and
 * optional numeric covariates. Missing values are kept (NaN / {@code null}); each analysis drops
 * the rows that miss a value it uses and reports how many it dropped, as R does with {@code
 * na.omit}.
 *
 * <p>Instances are immutable. Build one with {@link Survival#readCsv}, or with {@link #of} and the
 * {@code with...} methods: from arrays, or straight from a list of typed rows (records) and the
 * functions that read each value from a row.
 */
public final class SurvivalData {
    static final byte MISSING_EVENT = -1;

    final String source;
    final int rows;
    final String timeName;
    final String eventName;
    final double[] time;
    final byte[] event;
    final String groupName;
    /** Group code per row, -1 = missing; {@code null} without a group column. */
    final int[] groupCode;
    /** Label of each group code as read. */
    final String[] groupLabels;
    final List<String> covariateNames;
    /** covariates[j][row], NaN = missing. */
    final double[][] covariates;
    /** 1-based CSV line of each row, or {@code null} when the rows are numbered 1..n. */
    final long[] lines;
    /** Whether events code competing risks: 0 censored, 1 the event of interest, 2 the competing event. */
    final boolean competing;

    SurvivalData(
            String source,
            String timeName,
            String eventName,
            double[] time,
            byte[] event,
            String groupName,
            int[] groupCode,
            String[] groupLabels,
            List<String> covariateNames,
            double[][] covariates,
            long[] lines,
            boolean competing) {
        this.source = source;
        this.rows = time.length;
        this.timeName = timeName;
        this.eventName = eventName;
        this.time = time;
        this.event = event;
        this.groupName = groupName;
        this.groupCode = groupCode;
        this.groupLabels = groupLabels;
        this.covariateNames = List.copyOf(covariateNames);
        this.covariates = covariates;
        this.lines = lines;
        this.competing = competing;
    }

    /**
     * Data from arrays.
     *
     * @param time follow-up times, {@code >= 0}; NaN marks a missing value
     * @param event {@code 1} = event, {@code 0} = censored; NaN marks a missing value
     * @return the data, without groups or covariates
     * @throws SurvivalException.InputException if a time is negative or infinite, or an event is
     *     not 0/1 (the "line" of the error is the 1-based row)
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static SurvivalData of(double[] time, double[] event)
            throws SurvivalException.InputException {
        return of(time, event, false);
    }

    /**
     * Competing-risk data from arrays: as {@link #of(double[], double[])}, but the status is {@code 0}
     * = censored, {@code 1} = the event of interest, {@code 2} = the competing event. The
     * Kaplan-Meier curves, the log-rank test, the Cox model and the RMST of such data count either
     * event as an event (the time to the first event of any kind).
     *
     * @param time follow-up times, {@code >= 0}; NaN marks a missing value
     * @param status 0, 1 or 2; NaN marks a missing value
     * @return the data, without groups or covariates
     * @throws SurvivalException.InputException if a time is negative or infinite, or a status is
     *     not 0/1/2 (the "line" of the error is the 1-based row)
     */
    public static SurvivalData ofCompeting(double[] time, double[] status)
            throws SurvivalException.InputException {
        return of(time, status, true);
    }

    /**
     * Competing-risk data from typed rows (see {@link #ofCompeting(double[], double[])}).
     *
     * @param <T> the row type
     * @param rows the rows
     * @param time a row's follow-up time, {@code >= 0}, or NaN
     * @param status a row's status: 0 censored, 1 the event of interest, 2 the competing event, or NaN
     * @return the data, without groups or covariates
     * @throws SurvivalException.InputException as {@link #ofCompeting(double[], double[])}
     */
    public static <T> SurvivalData ofCompeting(List<T> rows, ToDoubleFunction<? super T> time,
            ToDoubleFunction<? super T> status) throws SurvivalException.InputException {
        return of(rows, time, status, true);
    }

    private static SurvivalData of(double[] time, double[] event, boolean competing)
            throws SurvivalException.InputException {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(event, "event");
        if (time.length != event.length) {
            throw new IllegalArgumentException(
                    "time has " + time.length + " values but event has " + event.length);
        }
        double[] t = time.clone();
        byte[] e = new byte[event.length];
        for (int i = 0; i < t.length; i++) {
            double ti = t[i];
            if (!Double.isNaN(ti) && !(ti >= 0 && ti < Double.POSITIVE_INFINITY)) {
                throw new SurvivalException.NegativeTime(i + 1L, "time", ti);
            }
            double ei = event[i];
            if (Double.isNaN(ei)) {
                e[i] = MISSING_EVENT;
            } else if (ei == 0 || ei == 1 || (competing && ei == 2)) {
                e[i] = (byte) ei;
            } else {
                throw new SurvivalException.InvalidEvent(i + 1L, "event", Double.toString(ei), competing);
            }
        }
        return new SurvivalData(
                "arrays", "time", "event", t, e, null, null, null, List.of(), new double[0][], null, competing);
    }

    /**
     * Data from typed rows, read in list order: {@code time} and {@code event} give each row's
     * values, NaN for a missing one (see {@link #of(double[], double[])}).
     *
     * @param <T> the row type
     * @param rows the rows
     * @param time a row's follow-up time, {@code >= 0}, or NaN
     * @param event a row's event, {@code 1} = event, {@code 0} = censored, or NaN
     * @return the data, without groups or covariates
     * @throws SurvivalException.InputException as {@link #of(double[], double[])}
     */
    public static <T> SurvivalData of(List<T> rows, ToDoubleFunction<? super T> time, ToDoubleFunction<? super T> event)
            throws SurvivalException.InputException {
        return of(rows, time, event, false);
    }

    private static <T> SurvivalData of(List<T> rows, ToDoubleFunction<? super T> time,
            ToDoubleFunction<? super T> event, boolean competing) throws SurvivalException.InputException {
        double[] t = new double[rows.size()];
        double[] e = new double[rows.size()];
        int i = 0;
        for (T row : rows) {
            t[i] = time.applyAsDouble(row);
            e[i] = event.applyAsDouble(row);
            i++;
        }
        SurvivalData data = of(t, e, competing);
        return new SurvivalData("rows", "time", "event", data.time, data.event, null, null, null, List.of(),
                new double[0][], null, competing);
    }

    /**
     * Returns a copy with a group column read from the same rows as the data, in the same order.
     *
     * @param <T> the row type
     * @param name the group column name (used in messages)
     * @param rows the rows the data were made from
     * @param group a row's group label; {@code null}, empty or {@code "NA"} marks a missing value
     * @return the new data
     */
    public <T> SurvivalData withGroups(String name, List<T> rows, Function<? super T, String> group) {
        String[] labels = new String[rows.size()];
        int i = 0;
        for (T row : rows) {
            labels[i++] = group.apply(row);
        }
        return withGroups(name, labels);
    }

    /**
     * Returns a copy with one more numeric covariate read from the same rows as the data, in the
     * same order.
     *
     * @param <T> the row type
     * @param name the covariate name (must be new)
     * @param rows the rows the data were made from
     * @param covariate a row's value; NaN marks a missing value
     * @return the new data
     */
    public <T> SurvivalData withCovariate(String name, List<T> rows, ToDoubleFunction<? super T> covariate) {
        double[] values = new double[rows.size()];
        int i = 0;
        for (T row : rows) {
            values[i++] = covariate.applyAsDouble(row);
        }
        return withCovariate(name, values);
    }

    /**
     * Returns a copy with a group column.
     *
     * @param name the group column name (used in messages)
     * @param groups one label per row; {@code null}, empty or {@code "NA"} marks a missing value
     * @return the new data
     */
    public SurvivalData withGroups(String name, String[] groups) {
        Objects.requireNonNull(name, "name");
        if (groups.length != rows) {
            throw new IllegalArgumentException("groups has " + groups.length + " values, need " + rows);
        }
        java.util.Map<String, Integer> codes = new java.util.LinkedHashMap<>();
        int[] code = new int[rows];
        for (int i = 0; i < rows; i++) {
            String g = groups[i] == null ? "" : groups[i].trim();
            if (g.isEmpty() || g.equals("NA")) {
                code[i] = -1;
            } else {
                code[i] = codes.computeIfAbsent(g, k -> codes.size());
            }
        }
        return new SurvivalData(
                source, timeName, eventName, time, event, name, code,
                codes.keySet().toArray(new String[0]), covariateNames, covariates, lines, competing);
    }

    /**
     * Returns a copy with one more numeric covariate.
     *
     * @param name the covariate name (must be new)
     * @param values one value per row; NaN marks a missing value
     * @return the new data
     */
    public SurvivalData withCovariate(String name, double[] values) {
        Objects.requireNonNull(name, "name");
        if (values.length != rows) {
            throw new IllegalArgumentException("covariate has " + values.length + " values, need " + rows);
        }
        if (covariateNames.contains(name)) {
            throw new IllegalArgumentException("duplicate covariate " + name);
        }
        List<String> names = new ArrayList<>(covariateNames);
        names.add(name);
        double[][] cov = Arrays.copyOf(covariates, covariates.length + 1);
        cov[covariates.length] = values.clone();
        return new SurvivalData(
                source, timeName, eventName, time, event, groupName, groupCode, groupLabels, names, cov,
                lines, competing);
    }

    /** Where the data came from (file name, {@code "arrays"} or {@code "rows"}). */
    public String source() {
        return source;
    }

    /** Number of rows, including rows with missing values. */
    public int rows() {
        return rows;
    }

    /** Whether a group column is present. */
    public boolean hasGroups() {
        return groupCode != null;
    }

    /** Whether the events code competing risks (0 censored, 1 the event of interest, 2 the competing event). */
    public boolean competing() {
        return competing;
    }

    /** The Cox covariate names, in order. */
    public List<String> covariateNames() {
        return covariateNames;
    }

    @Override
    public String toString() {
        return "SurvivalData[" + source + ", " + rows + " rows, group=" + groupName + ", covariates="
                + covariateNames + "]";
    }
}
