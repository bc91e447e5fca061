package org.cavaplan.survival;

import java.util.ArrayList;
import java.util.List;

/**
 * The Kaplan-Meier plot as a list of drawing primitives in pixel coordinates, shared by the SVG
 * and the PNG renderer so both show the same picture. Coordinates are rounded (curve steps to 1/4
 * pixel horizontally, everything else to 1/100 pixel), which makes the output a pure function of
 * the curves and keeps it small for large data.
 *
 * <p>Layout: title, plot area with grid, 95 % bands (translucent), step curves, censoring ticks,
 * legend in the upper right, time axis, and below it a numbers-at-risk table at the time ticks.
 */
final class PlotLayout {
    static final int WIDTH = 820;
    static final String[] PALETTE = {
        "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"
    };
    static final String AXIS = "#333333";
    static final String GRID = "#E5E5E5";

    private static final double LEFT = 130;
    private static final double RIGHT = 30;
    private static final double PLOT_HEIGHT = 360;
    private static final double ROW = 18;

    final int width;
    final int height;
    final List<Shape> shapes;

    private PlotLayout(int width, int height, List<Shape> shapes) {
        this.width = width;
        this.height = height;
        this.shapes = List.copyOf(shapes);
    }

    /** Horizontal text anchor. */
    enum Anchor {
        START,
        MIDDLE,
        END
    }

    /** A drawing primitive. */
    sealed interface Shape permits Line, Path, Area, Text {}

    /** A straight segment. */
    record Line(double x1, double y1, double x2, double y2, String color, double width) implements Shape {}

    /** An open polyline; points as x0, y0, x1, y1, ... */
    record Path(double[] points, String color, double width) implements Shape {}

    /** A filled polygon with an opacity. */
    record Area(double[] points, String color, double opacity) implements Shape {}

    /** Text; {@code rotate} is -90 for the vertical axis title, else 0. */
    record Text(double x, double y, String text, double size, Anchor anchor, String color, boolean bold,
            int rotate) implements Shape {}

    static PlotLayout of(List<KaplanMeier> curves, String title) {
        return of(plot(curves, title));
    }

    /** The drawing primitives of {@code plot}, in drawing order (later ones on top). */
    static PlotLayout of(CurvePlot plot) {
        List<Shape> s = new ArrayList<>();
        plot.title().ifPresent(t -> s.add(text(t, 16, Anchor.MIDDLE, AXIS, true, 0)));
        for (CurvePlot.Tick tick : plot.yTicks()) {
            ticks(s, tick, Anchor.END);
        }
        for (CurvePlot.Tick tick : plot.xTicks()) {
            ticks(s, tick, Anchor.MIDDLE);
        }
        s.add(line(plot.xAxis(), AXIS, 1));
        s.add(line(plot.yAxis(), AXIS, 1));
        s.add(text(plot.xTitle(), 13, Anchor.MIDDLE, AXIS, false, 0));
        s.add(text(plot.yTitle(), 13, Anchor.MIDDLE, AXIS, false, -90));
        for (CurvePlot.Series series : plot.series()) {
            if (!series.band().isEmpty()) {
                s.add(new Area(coordinates(series.band()), series.color(), 0.15));
            }
        }
        for (CurvePlot.Series series : plot.series()) {
            s.add(new Path(coordinates(series.curve()), series.color(), 2));
            for (CurvePlot.Segment mark : series.censored()) {
                s.add(line(mark, series.color(), 1.5));
            }
        }
        if (!plot.legendBox().isEmpty()) {
            s.add(new Area(coordinates(plot.legendBox()), "#FFFFFF", 0.85));
        }
        for (CurvePlot.Series series : plot.series()) {
            s.add(line(series.swatch(), series.color(), 3));
            s.add(text(series.legend(), 12, Anchor.START, AXIS, false, 0));
        }
        plot.annotation().ifPresent(a -> s.add(text(a, 13, Anchor.START, AXIS, false, 0)));
        s.add(text(plot.atRiskTitle(), 12, Anchor.START, AXIS, true, 0));
        for (CurvePlot.Series series : plot.series()) {
            s.add(text(series.atRiskName(), 12, Anchor.END, series.color(), false, 0));
            for (CurvePlot.Label count : series.atRisk()) {
                s.add(text(count, 12, Anchor.MIDDLE, series.color(), false, 0));
            }
        }
        return new PlotLayout(plot.width(), plot.height(), s);
    }

    private static void ticks(List<Shape> s, CurvePlot.Tick tick, Anchor anchor) {
        s.add(line(tick.grid(), GRID, 1));
        s.add(line(tick.mark(), AXIS, 1));
        s.add(text(tick.label(), 12, anchor, AXIS, false, 0));
    }

    private static Line line(CurvePlot.Segment segment, String color, double width) {
        return new Line(segment.from().x(), segment.from().y(), segment.to().x(), segment.to().y(), color, width);
    }

    private static Text text(CurvePlot.Label label, double size, Anchor anchor, String color, boolean bold, int rotate) {
        return new Text(label.at().x(), label.at().y(), label.text(), size, anchor, color, bold, rotate);
    }

    private static double[] coordinates(List<CurvePlot.Point> points) {
        double[] xy = new double[points.size() * 2];
        for (int i = 0; i < points.size(); i++) {
            xy[2 * i] = points.get(i).x();
            xy[2 * i + 1] = points.get(i).y();
        }
        return xy;
    }

    private static List<CurvePlot.Point> points(double[] xy) {
        List<CurvePlot.Point> out = new ArrayList<>(xy.length / 2);
        for (int i = 0; i + 1 < xy.length; i += 2) {
            out.add(new CurvePlot.Point(xy[i], xy[i + 1]));
        }
        return out;
    }

    private static CurvePlot.Segment segment(double x1, double y1, double x2, double y2) {
        return new CurvePlot.Segment(new CurvePlot.Point(x1, y1), new CurvePlot.Point(x2, y2));
    }

    private static CurvePlot.Label label(double x, double y, String text) {
        return new CurvePlot.Label(new CurvePlot.Point(x, y), text);
    }

    /** The Kaplan-Meier plot of {@code curves}, laid out (see {@link Survival#plot}). */
    static CurvePlot plot(List<KaplanMeier> curves, String title) {
        return plot(curves, PlotStyle.plain(title));
    }

    /** The Kaplan-Meier plot of {@code curves} labelled as {@code style} says (see {@link Survival#plot}). */
    static CurvePlot plot(List<KaplanMeier> curves, PlotStyle style) {
        double maxTime = 0;
        for (KaplanMeier c : curves) {
            if (!c.table().isEmpty()) {
                maxTime = Math.max(maxTime, c.table().get(c.table().size() - 1).time());
            }
        }
        Frame f = Frame.of(style, maxTime, curves.size());
        List<CurvePlot.Series> series = new ArrayList<>();
        for (int g = 0; g < curves.size(); g++) {
            KaplanMeier c = curves.get(g);
            double[] band = band(c, f.sx, f.sy);
            // One censoring tick per pixel position: thousands of ticks on one pixel look like one.
            List<CurvePlot.Segment> censored = new ArrayList<>();
            java.util.Set<Long> marked = new java.util.HashSet<>();
            for (KaplanMeier.Row row : c.table()) {
                if (row.nCensor() > 0) {
                    censorMark(censored, marked, f.sx.map(row.time()), f.sy.map(row.survival()));
                }
            }
            series.add(f.series(g, c, band.length >= 6 ? points(band) : List.of(), points(curve(c, f.sx, f.sy)),
                    censored, label(c)));
        }
        // Survival curves fall from the top left: the annotation goes in the lower left corner.
        return f.plot(series, style, label(f.px0 + 10, r(f.py1 - 12), style.annotation()));
    }

    /**
     * The cumulative incidence plot of {@code curves} (see {@link Survival#incidencePlot}): curves rising
     * from 0 with their 95 % bands, censoring marks and numbers at risk from {@code followUp}.
     */
    static CurvePlot incidence(List<CumulativeIncidence> curves, List<KaplanMeier> followUp, PlotStyle style) {
        if (curves.size() != followUp.size()) {
            throw new IllegalArgumentException("one follow-up curve per incidence curve: " + curves.size() + " against "
                    + followUp.size());
        }
        double maxTime = 0;
        for (KaplanMeier c : followUp) {
            if (!c.table().isEmpty()) {
                maxTime = Math.max(maxTime, c.table().get(c.table().size() - 1).time());
            }
        }
        Frame f = Frame.of(style, maxTime, curves.size());
        List<CurvePlot.Series> series = new ArrayList<>();
        for (int g = 0; g < curves.size(); g++) {
            CumulativeIncidence ci = curves.get(g);
            KaplanMeier fu = followUp.get(g);
            double end = fu.table().isEmpty() ? 0 : fu.table().get(fu.table().size() - 1).time();
            List<CurvePlot.Segment> censored = new ArrayList<>();
            java.util.Set<Long> marked = new java.util.HashSet<>();
            for (KaplanMeier.Row row : fu.table()) {
                if (row.nCensor() > 0) {
                    censorMark(censored, marked, f.sx.map(row.time()), f.sy.map(ci.at(row.time())));
                }
            }
            double[] band = incidenceBand(ci, f.sx, f.sy);
            series.add(f.series(g, fu, band.length >= 6 ? points(band) : List.of(),
                    points(incidenceCurve(ci, end, f.sx, f.sy)), censored,
                    shorten(ci.group(), 18) + " (n=" + ci.n() + ")"));
        }
        // Incidence curves rise from the bottom left: the annotation goes in the upper left corner.
        return f.plot(series, style, label(f.px0 + 10, r(f.py0 + 18), style.annotation()));
    }

    private static void censorMark(List<CurvePlot.Segment> censored, java.util.Set<Long> marked, double px, double py) {
        double x = r(px);
        double y = r(py);
        if (marked.add(Math.round(x) * 100_000 + Math.round(y))) {
            censored.add(segment(x, r(y - 5), x, r(y + 5)));
        }
    }

    /** The frame of a plot: its size, scales and ticks, and where legend and numbers at risk go. */
    private static final class Frame {
        final double px0 = LEFT;
        final double px1 = WIDTH - RIGHT;
        final double py0;
        final double py1;
        final int height;
        final double step;
        final int nTicks;
        final double timePerUnit;
        final Scale sx;
        final Scale sy;
        final double ty;
        final int groups;

        private Frame(PlotStyle style, double maxTime, int groups) {
            boolean titled = style.title() != null && !style.title().isBlank();
            double top = titled ? 50 : 20;
            this.py0 = top;
            this.py1 = top + PLOT_HEIGHT;
            this.groups = groups;
            this.height = (int) Math.ceil(py1 + 84 + ROW * Math.max(1, groups) + 12);
            this.timePerUnit = style.timePerUnit();
            double max = maxTime / timePerUnit;
            double s = style.tickSteps().isEmpty() ? niceStep(max > 0 ? max / 6 : 1.0 / 6) : listedStep(style, max);
            int n = (int) Math.ceil(max / s - 1e-9);
            this.step = s;
            this.nTicks = Math.max(1, n);
            this.sx = new Scale(0, nTicks * step * timePerUnit, px0, px1);
            this.sy = new Scale(0, 1, py1, py0);
            this.ty = r(py1 + 64);
        }

        static Frame of(PlotStyle style, double maxTime, int groups) {
            return new Frame(style, maxTime, groups);
        }

        /** The smallest listed step with at most eight intervals, else the largest listed. */
        private static double listedStep(PlotStyle style, double max) {
            for (double s : style.tickSteps()) {
                if (max / s <= 8 + 1e-9) {
                    return s;
                }
            }
            return style.tickSteps().get(style.tickSteps().size() - 1);
        }

        /** A group's series: legend entry in the upper right, numbers at risk under the time axis. */
        CurvePlot.Series series(int g, KaplanMeier atRiskOf, List<CurvePlot.Point> band, List<CurvePlot.Point> curve,
                List<CurvePlot.Segment> censored, String legend) {
            String color = PALETTE[g % PALETTE.length];
            double ly = py0 + 16 + g * ROW;
            double ay = r(ty + ROW * (g + 1));
            List<CurvePlot.Label> atRisk = new ArrayList<>();
            for (int i = 0; i <= nTicks; i++) {
                atRisk.add(label(r(sx.map(i * step * timePerUnit)), ay,
                        Integer.toString(atRiskOf.atRisk(i * step * timePerUnit))));
            }
            return new CurvePlot.Series(atRiskOf.group(), color, band, curve, censored, segment(px1 - 170, ly, px1 - 146, ly),
                    label(px1 - 140, r(ly + 4), legend), label(r(px0 - 24), ay, shorten(atRiskOf.group(), 14)), atRisk);
        }

        CurvePlot plot(List<CurvePlot.Series> series, PlotStyle style, CurvePlot.Label annotation) {
            boolean titled = style.title() != null && !style.title().isBlank();
            java.util.Optional<CurvePlot.Label> heading = titled
                    ? java.util.Optional.of(label(r((px0 + px1) / 2), 30, style.title())) : java.util.Optional.empty();
            List<CurvePlot.Tick> yTicks = new ArrayList<>();
            for (int i = 0; i <= 5; i++) {
                double y = r(sy.map(i / 5.0));
                yTicks.add(new CurvePlot.Tick(segment(px0, y, px1, y), segment(px0 - 5, y, px0, y),
                        label(px0 - 8, r(y + 4), String.format(java.util.Locale.ROOT, "%.1f", i / 5.0))));
            }
            List<CurvePlot.Tick> xTicks = new ArrayList<>();
            for (int i = 0; i <= nTicks; i++) {
                double x = r(sx.map(i * step * timePerUnit));
                xTicks.add(new CurvePlot.Tick(segment(x, py0, x, py1), segment(x, py1, x, py1 + 5),
                        label(x, r(py1 + 19), tickLabel(i * step, step))));
            }
            List<CurvePlot.Point> legendBox = List.of();
            if (groups > 0) {
                double bx0 = px1 - 178;
                double by0 = py0 + 4;
                double by1 = r(py0 + 10 + groups * ROW);
                legendBox = points(new double[] {bx0, by0, px1 - 4, by0, px1 - 4, by1, bx0, by1});
            }
            java.util.Optional<CurvePlot.Label> note = annotation.text() == null || annotation.text().isBlank()
                    ? java.util.Optional.empty() : java.util.Optional.of(annotation);
            return new CurvePlot(WIDTH, height, heading, yTicks, xTicks, segment(px0, py1, px1, py1),
                    segment(px0, py0, px0, py1), label(r((px0 + px1) / 2), r(py1 + 38), style.timeTitle()),
                    label(r(px0 - 44), r((py0 + py1) / 2), style.valueTitle()), series, legendBox,
                    label(8, ty, "Number at risk"), note);
        }
    }

    /** The rising step curve from (0, 0) through every event of the cause, to {@code end}. */
    private static double[] incidenceCurve(CumulativeIncidence c, double end, Scale sx, Scale sy) {
        Points pts = new Points();
        double f = 0;
        pts.add(sx.map(0), sy.map(0));
        for (CumulativeIncidence.Point p : c.points()) {
            pts.add(sx.map(p.time()), sy.map(f));
            f = p.estimate();
            pts.add(sx.map(p.time()), sy.map(f));
        }
        double last = c.points().isEmpty() ? 0 : c.points().get(c.points().size() - 1).time();
        pts.add(sx.map(Math.max(end, last)), sy.map(f));
        return pts.toArray();
    }

    /** Polygon of the 95 % limits, from the first event while both limits are defined. */
    private static double[] incidenceBand(CumulativeIncidence c, Scale sx, Scale sy) {
        Points upper = new Points();
        Points lower = new Points();
        double u = Double.NaN;
        double l = Double.NaN;
        for (CumulativeIncidence.Point p : c.points()) {
            if (Double.isNaN(p.lower95()) || Double.isNaN(p.upper95())) {
                if (!Double.isNaN(u)) {
                    upper.add(sx.map(p.time()), sy.map(u));
                    lower.add(sx.map(p.time()), sy.map(l));
                }
                break;
            }
            if (!Double.isNaN(u)) {
                upper.add(sx.map(p.time()), sy.map(u));
                lower.add(sx.map(p.time()), sy.map(l));
            }
            u = p.upper95();
            l = p.lower95();
            upper.add(sx.map(p.time()), sy.map(u));
            lower.add(sx.map(p.time()), sy.map(l));
        }
        double[] a = upper.toArray();
        double[] b = lower.toArray();
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        for (int i = 0; i < b.length / 2; i++) {
            int from = b.length / 2 - 1 - i;
            out[a.length + 2 * i] = b[2 * from];
            out[a.length + 2 * i + 1] = b[2 * from + 1];
        }
        return out;
    }

    private static String label(KaplanMeier c) {
        return shorten(c.group(), 18) + " (n=" + c.n() + ")";
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
    }

    /** The step curve from (0, 1) through every event, to the last time. */
    private static double[] curve(KaplanMeier c, Scale sx, Scale sy) {
        Points pts = new Points();
        double s = 1;
        pts.add(sx.map(0), sy.map(1));
        for (KaplanMeier.Row row : c.table()) {
            if (row.nEvent() > 0) {
                pts.add(sx.map(row.time()), sy.map(s));
                s = row.survival();
                pts.add(sx.map(row.time()), sy.map(s));
            }
        }
        if (!c.table().isEmpty()) {
            pts.add(sx.map(c.table().get(c.table().size() - 1).time()), sy.map(s));
        }
        return pts.toArray();
    }

    /** Polygon: upper limit step function forwards, lower limit backwards, while both exist. */
    private static double[] band(KaplanMeier c, Scale sx, Scale sy) {
        Points upper = new Points();
        Points lower = new Points();
        double u = 1;
        double l = 1;
        upper.add(sx.map(0), sy.map(1));
        lower.add(sx.map(0), sy.map(1));
        double end = 0;
        for (KaplanMeier.Row row : c.table()) {
            if (Double.isNaN(row.lower95()) || Double.isNaN(row.upper95())) {
                end = row.time();
                break;
            }
            if (row.nEvent() > 0) {
                upper.add(sx.map(row.time()), sy.map(u));
                lower.add(sx.map(row.time()), sy.map(l));
                u = row.upper95();
                l = row.lower95();
                upper.add(sx.map(row.time()), sy.map(u));
                lower.add(sx.map(row.time()), sy.map(l));
            }
            end = row.time();
        }
        upper.add(sx.map(end), sy.map(u));
        lower.add(sx.map(end), sy.map(l));
        double[] a = upper.toArray();
        double[] b = lower.toArray();
        double[] out = new double[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        for (int i = 0; i < b.length / 2; i++) {
            int from = b.length / 2 - 1 - i;
            out[a.length + 2 * i] = b[2 * from];
            out[a.length + 2 * i + 1] = b[2 * from + 1];
        }
        return out;
    }

    /** Axis step of 1, 2, 2.5 or 5 times a power of ten. */
    static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= raw) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static String tickLabel(double v, double step) {
        if (step >= 1 && v == Math.rint(v)) {
            return Long.toString((long) v);
        }
        int decimals = (int) Math.max(0, Math.ceil(-Math.log10(step) + 1e-9));
        if (step * Math.pow(10, decimals) != Math.rint(step * Math.pow(10, decimals))) {
            decimals++;
        }
        return String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
    }

    static double r(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private record Scale(double d0, double d1, double p0, double p1) {
        double map(double v) {
            return p0 + (v - d0) / (d1 - d0) * (p1 - p0);
        }
    }

    /** Rounded points, dropping repeats and middle points of straight horizontal/vertical runs. */
    private static final class Points {
        private double[] xy = new double[64];
        private int size;

        void add(double x, double y) {
            // Steps closer than a quarter pixel are drawn at the same x: no visible change, and a
            // curve with a million distinct times stays a few thousand points long.
            x = Math.round(x * 4) / 4.0;
            y = r(y);
            int k = size / 2;
            if (k >= 1 && xy[size - 2] == x && xy[size - 1] == y) {
                return;
            }
            if (k >= 2) {
                double x1 = xy[size - 4];
                double y1 = xy[size - 3];
                double x2 = xy[size - 2];
                double y2 = xy[size - 1];
                boolean vertical = x1 == x2 && x2 == x;
                boolean horizontal = y1 == y2 && y2 == y;
                if (vertical || horizontal) {
                    xy[size - 2] = x;
                    xy[size - 1] = y;
                    return;
                }
            }
            if (size + 2 > xy.length) {
                xy = java.util.Arrays.copyOf(xy, xy.length * 2);
            }
            xy[size++] = x;
            xy[size++] = y;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(xy, size);
        }
    }
}
