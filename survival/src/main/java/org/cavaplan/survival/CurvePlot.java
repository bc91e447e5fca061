package org.cavaplan.survival;

import java.util.List;
import java.util.Optional;

/**
 * A plot of step curves (Kaplan-Meier survival, cumulative incidence, or any curve drawn the same way) laid out in pixel
 * coordinates: the frame and its ticks, each group's curve, confidence band, censoring marks, legend
 * entry and numbers at risk. Everything is placed already, so a view draws it without arithmetic;
 * the SVG and PNG of {@link Survival#plotSvg} and {@link Survival#plotPng} are drawn from the same
 * record. Coordinates are rounded (see {@link Survival#plot}), so the record is a pure function of its
 * curves. Colours are CSS hex colours of a palette safe for colour-blind readers.
 *
 * @param width the image's width in pixels
 * @param height the image's height in pixels
 * @param title the title above the plot, if any
 * @param yTicks the ticks of the vertical axis, bottom to top
 * @param xTicks the ticks of the time axis, left to right
 * @param xAxis the time axis
 * @param yAxis the vertical axis
 * @param xTitle the time axis's name, centred under it
 * @param yTitle the vertical axis's name, centred beside it and written upwards
 * @param series one entry per group, in the order of the curves given
 * @param legendBox the corners of the legend's background (empty when there is no group)
 * @param atRiskTitle the heading of the numbers-at-risk table under the plot
 * @param annotation a line inside the plot where the curves leave room (the test and its p-value),
 *     if any
 */
public record CurvePlot(int width, int height, Optional<Label> title, List<Tick> yTicks, List<Tick> xTicks,
        Segment xAxis, Segment yAxis, Label xTitle, Label yTitle, List<Series> series, List<Point> legendBox,
        Label atRiskTitle, Optional<Label> annotation) {

    public CurvePlot {
        yTicks = List.copyOf(yTicks);
        xTicks = List.copyOf(xTicks);
        series = List.copyOf(series);
        legendBox = List.copyOf(legendBox);
    }

    /** A position in pixels from the top left corner. */
    public record Point(double x, double y) {}

    /** A straight line. */
    public record Segment(Point from, Point to) {}

    /** A text placed at a point (its anchor: start, middle or end depending on where it is used). */
    public record Label(Point at, String text) {}

    /** An axis tick: its grid line across the plot, its mark outside the axis and its label. */
    public record Tick(Segment grid, Segment mark, Label label) {}

    /**
     * One group.
     *
     * @param group the group's name
     * @param color its colour
     * @param band the 95 % confidence band as a closed polygon (empty when too short to draw)
     * @param curve the step curve, as a polyline
     * @param censored one short vertical mark per censored time (one per pixel position)
     * @param swatch the legend's line in the group's colour
     * @param legend the legend's text
     * @param atRiskName the group's name in the numbers-at-risk table, shortened
     * @param atRisk the numbers at risk at each time tick
     */
    public record Series(String group, String color, List<Point> band, List<Point> curve, List<Segment> censored,
            Segment swatch, Label legend, Label atRiskName, List<Label> atRisk) {

        public Series {
            band = List.copyOf(band);
            curve = List.copyOf(curve);
            censored = List.copyOf(censored);
            atRisk = List.copyOf(atRisk);
        }
    }
}
