package org.cavaplan.server.web;

import java.util.List;
import java.util.Locale;
import org.cavaplan.survival.CurvePlot;

/**
 * The record of the plot template ({@code outcomes/plot.jte}): a plot of step curves as the survival
 * module laid it out ({@link CurvePlot}), with every coordinate written as SVG writes it, and the
 * plot's accessible name. The template draws it as an inline SVG image and computes nothing; any
 * curve laid out as a {@link CurvePlot} (survival, cumulative incidence) is drawn by it.
 *
 * @param cssClass the class of the {@code svg} element
 * @param titleId the id of the image's accessible title (unique in the page)
 * @param accessibleTitle what the image shows, in words (its {@code title} element)
 * @param width the width in pixels
 * @param height the height in pixels
 * @param title the title drawn above the plot (null: none)
 * @param yTicks the vertical axis's ticks
 * @param xTicks the time axis's ticks
 * @param xAxis the time axis
 * @param yAxis the vertical axis
 * @param xTitle the time axis's name
 * @param yTitle the vertical axis's name, written upwards
 * @param series one per group, in the legend's order
 * @param legendBox the corners of the legend's background (empty: none)
 * @param atRiskTitle the heading of the numbers at risk
 * @param annotation the line inside the plot (the test and its p-value; null: none)
 */
public record PlotFigure(String cssClass, String titleId, String accessibleTitle, String width, String height, Text title,
        List<Tick> yTicks, List<Tick> xTicks, Line xAxis, Line yAxis, Text xTitle, Text yTitle, List<Series> series,
        List<Point> legendBox, Text atRiskTitle, Text annotation) {

    public PlotFigure {
        yTicks = List.copyOf(yTicks);
        xTicks = List.copyOf(xTicks);
        series = List.copyOf(series);
        legendBox = List.copyOf(legendBox);
    }

    /** A point. */
    public record Point(String x, String y) {}

    /** A straight line. */
    public record Line(String x1, String y1, String x2, String y2) {}

    /** A text at a point. */
    public record Text(String x, String y, String text) {}

    /** A tick: grid line, mark and label. */
    public record Tick(Line grid, Line mark, Text label) {}

    /** One group: its colour, band (empty: none), curve, censoring marks, legend entry and numbers at risk. */
    public record Series(String color, List<Point> band, List<Point> curve, List<Line> censored, Line swatch, Text legend,
            Text atRiskName, List<Text> atRisk) {

        public Series {
            band = List.copyOf(band);
            curve = List.copyOf(curve);
            censored = List.copyOf(censored);
            atRisk = List.copyOf(atRisk);
        }
    }

    /** {@code plot} to be drawn as an {@code svg} of class {@code cssClass} named {@code accessibleTitle}. */
    static PlotFigure of(CurvePlot plot, String cssClass, String titleId, String accessibleTitle) {
        return new PlotFigure(cssClass, titleId, accessibleTitle, Integer.toString(plot.width()),
                Integer.toString(plot.height()), plot.title().map(PlotFigure::text).orElse(null),
                plot.yTicks().stream().map(PlotFigure::tick).toList(), plot.xTicks().stream().map(PlotFigure::tick).toList(),
                line(plot.xAxis()), line(plot.yAxis()), text(plot.xTitle()), text(plot.yTitle()),
                plot.series().stream().map(PlotFigure::series).toList(), points(plot.legendBox()), text(plot.atRiskTitle()),
                plot.annotation().map(PlotFigure::text).orElse(null));
    }

    private static Series series(CurvePlot.Series s) {
        return new Series(s.color(), points(s.band()), points(s.curve()), s.censored().stream().map(PlotFigure::line).toList(),
                line(s.swatch()), text(s.legend()), text(s.atRiskName()), s.atRisk().stream().map(PlotFigure::text).toList());
    }

    private static Tick tick(CurvePlot.Tick t) {
        return new Tick(line(t.grid()), line(t.mark()), text(t.label()));
    }

    private static Line line(CurvePlot.Segment s) {
        return new Line(number(s.from().x()), number(s.from().y()), number(s.to().x()), number(s.to().y()));
    }

    private static Text text(CurvePlot.Label l) {
        return new Text(number(l.at().x()), number(l.at().y()), l.text());
    }

    private static List<Point> points(List<CurvePlot.Point> points) {
        return points.stream().map(p -> new Point(number(p.x()), number(p.y()))).toList();
    }

    /** A coordinate as the survival module's SVG writes it: at most two decimals, no trailing zeros. */
    static String number(double v) {
        long hundredths = Math.round(v * 100);
        String sign = hundredths < 0 ? "-" : "";
        long a = Math.abs(hundredths);
        long whole = a / 100;
        long frac = a % 100;
        if (frac == 0) {
            return sign + whole;
        }
        return sign + whole + "." + (frac % 10 == 0 ? Long.toString(frac / 10) : String.format(Locale.ROOT, "%02d", frac));
    }
}
