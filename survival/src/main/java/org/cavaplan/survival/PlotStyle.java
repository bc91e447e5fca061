package org.cavaplan.survival;

import java.util.List;
import java.util.Objects;

/**
 * How a plot of step curves is labelled: its title, the time axis (its name, how many units of the
 * data make one unit of the axis, and at which steps it is ticked), the vertical axis's name, and an
 * annotation drawn inside the plot (a test and its p-value). The curves' times stay in the unit of
 * the data; only the axis is drawn in its own unit.
 *
 * @param title the title above the plot, or {@code null} for none
 * @param timeTitle the time axis's name ("Months since operation")
 * @param timePerUnit units of the data's time per unit of the axis ({@code 365.25 / 12} for data in
 *     days drawn in months), {@code > 0}
 * @param tickSteps the steps the time axis may be ticked at, ascending, in units of the axis; the
 *     smallest that gives at most eight intervals is used (empty: 1, 2, 2.5 or 5 times a power of ten,
 *     about six intervals)
 * @param valueTitle the vertical axis's name
 * @param annotation a line drawn inside the plot, where the curves leave room (the test and its
 *     p-value), or {@code null} for none
 */
public record PlotStyle(String title, String timeTitle, double timePerUnit, List<Double> tickSteps, String valueTitle,
        String annotation) {

    /** Days per month (365.25 / 12). */
    public static final double DAYS_PER_MONTH = 365.25 / 12;

    /** The month steps of a time axis in months: a month, a quarter, half a year, then whole years. */
    public static final List<Double> MONTH_STEPS = List.of(1.0, 3.0, 6.0, 12.0, 24.0, 36.0, 60.0, 120.0, 240.0);

    /** Checks the axis. */
    public PlotStyle {
        Objects.requireNonNull(timeTitle, "timeTitle");
        Objects.requireNonNull(valueTitle, "valueTitle");
        tickSteps = List.copyOf(tickSteps);
        if (!(timePerUnit > 0 && timePerUnit < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("timePerUnit must be a number > 0, not " + timePerUnit);
        }
        for (double step : tickSteps) {
            if (!(step > 0 && step < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException("a tick step must be a number > 0, not " + step);
            }
        }
    }

    /**
     * Survival curves as {@link Survival#plot(List, String)} draws them: the time axis named "Time"
     * in the unit of the data, the vertical axis "Survival probability", no annotation.
     *
     * @param title the title, or {@code null} for none
     * @return the style
     */
    public static PlotStyle plain(String title) {
        return new PlotStyle(title, "Time", 1, List.of(), "Survival probability", null);
    }

    /**
     * Data in days drawn on a time axis in months, ticked at {@link #MONTH_STEPS}.
     *
     * @param title the title, or {@code null} for none
     * @param timeTitle the time axis's name
     * @param valueTitle the vertical axis's name
     * @return the style, without annotation
     */
    public static PlotStyle daysAsMonths(String title, String timeTitle, String valueTitle) {
        return new PlotStyle(title, timeTitle, DAYS_PER_MONTH, MONTH_STEPS, valueTitle, null);
    }

    /**
     * This style with {@code annotation} drawn inside the plot.
     *
     * @param annotation the line, or {@code null} for none
     * @return the style
     */
    public PlotStyle withAnnotation(String annotation) {
        return new PlotStyle(title, timeTitle, timePerUnit, tickSteps, valueTitle, annotation);
    }
}
