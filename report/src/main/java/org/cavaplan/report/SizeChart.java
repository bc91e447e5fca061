package org.cavaplan.report;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Operation;

/**
 * The tumor size over time: the longest diameter of every imaging study that has diameters, the
 * pathology size at the operation, and dashed markers at the end of neoadjuvant therapy and at the
 * operation.
 */
final class SizeChart {

    /** One measurement; {@code pathology} marks the specimen's size. */
    record Point(LocalDate date, double cm, String label, boolean pathology) {}

    /** A dated vertical marker. */
    record Marker(LocalDate date, String label) {}

    /** What the chart shows. */
    record Data(List<Point> points, List<Marker> markers) {
        Data {
            points = List.copyOf(points);
            markers = List.copyOf(markers);
        }

        boolean isEmpty() {
            return points.isEmpty();
        }
    }

    private static final int[] MONTH_STEPS = {1, 2, 3, 6, 12, 24, 60, 120};
    private static final double[] CM_STEPS = {0.5, 1, 2, 5, 10, 20, 50};

    private SizeChart() {}

    static Data data(Case kase) {
        List<Point> points = new ArrayList<>();
        for (ImagingStudy s : kase.imaging()) {
            s.longestDiameterCm().ifPresent(cm -> points.add(new Point(s.date(), cm, Words.of(s.modality()), false)));
        }
        Optional<LocalDate> operation = kase.operation().map(Operation::date);
        kase.pathology().flatMap(p -> p.maxDiameterCm()).ifPresent(cm ->
                operation.ifPresent(d -> points.add(new Point(d, cm, "pathology", true))));
        points.sort(Comparator.comparing(Point::date));
        List<Marker> markers = new ArrayList<>();
        kase.neoadjuvant().ifPresent(n -> {
            n.radiotherapy().flatMap(r -> r.endDate()).ifPresent(d -> markers.add(new Marker(d, "RT end")));
            n.chemotherapy().flatMap(ct -> ct.endDate()).ifPresent(d -> markers.add(new Marker(d, "chemo end")));
        });
        operation.ifPresent(d -> markers.add(new Marker(d, "operation")));
        markers.sort(Comparator.comparing(Marker::date));
        return new Data(points, markers);
    }

    /** The chart as one line of the flow, {@code width} by {@code height} points from {@code x}. */
    static Line line(Data data, float x, float width, float height, Style small) {
        return new Line(height, (c, top) -> draw(c, data, x, top, width, height, small));
    }

    /** The x axis: the first day of every {@code step}-th month in the range. */
    static List<LocalDate> monthTicks(LocalDate from, LocalDate to, int maxTicks) {
        for (int step : MONTH_STEPS) {
            List<LocalDate> ticks = new ArrayList<>();
            LocalDate t = from.withDayOfMonth(1);
            while ((t.getYear() * 12 + t.getMonthValue() - 1) % step != 0) {
                t = t.plusMonths(1);
            }
            for (; !t.isAfter(to); t = t.plusMonths(step)) {
                if (!t.isBefore(from)) {
                    ticks.add(t);
                }
            }
            if (ticks.size() <= maxTicks) {
                return ticks;
            }
        }
        return List.of();
    }

    /** The y axis's step: the smallest of 0.5, 1, 2, 5… cm that needs at most {@code maxTicks} steps. */
    static double cmStep(double max, int maxTicks) {
        for (double step : CM_STEPS) {
            if (Math.ceil(max / step) <= maxTicks) {
                return step;
            }
        }
        return CM_STEPS[CM_STEPS.length - 1];
    }

    private static void draw(Canvas c, Data data, float x, float top, float width, float height, Style small) throws IOException {
        float left = x + 22;
        float right = x + width - 6;
        float plotTop = top - 14;
        float bottom = top - height + 30;
        LocalDate first = data.points().get(0).date();
        LocalDate last = data.points().get(data.points().size() - 1).date();
        for (Marker m : data.markers()) {
            first = m.date().isBefore(first) ? m.date() : first;
            last = m.date().isAfter(last) ? m.date() : last;
        }
        long span = Math.max(last.toEpochDay() - first.toEpochDay(), 30);
        double from = first.toEpochDay() - span * 0.08;
        double to = first.toEpochDay() + span * 1.08;
        double maxCm = data.points().stream().mapToDouble(Point::cm).max().orElse(1);
        double step = cmStep(maxCm * 1.15, 4);
        double topCm = Math.max(step, Math.ceil(maxCm * 1.15 / step) * step);
        Scale sx = new Scale(from, to, left, right);
        Scale sy = new Scale(0, topCm, bottom, plotTop);

        c.fillRect(left, bottom, right - left, plotTop - bottom, Palette.BOX);
        for (double v = 0; v <= topCm + 1e-9; v += step) {
            float yy = sy.at(v);
            c.line(left, yy, right, yy, 0.3f, Palette.RULE);
            c.textRight(left - 3, yy - small.size() * 0.35f, Words.number(v), small);
        }
        c.text(x, plotTop + 5, "cm", small);
        int maxTicks = Math.max(2, (int) ((right - left) / 34));
        for (LocalDate t : monthTicks(LocalDate.ofEpochDay((long) Math.ceil(from)), LocalDate.ofEpochDay((long) to), maxTicks)) {
            float xx = sx.at(t.toEpochDay());
            c.line(xx, bottom, xx, bottom - 2.5f, 0.5f, Palette.MUTED);
            String label = t.toString().substring(0, 7);
            float w = c.width(label, small);
            float lx = Math.max(x, Math.min(xx - w / 2, x + width - w));
            c.text(lx, bottom - 3 - small.size(), label, small);
        }
        c.line(left, bottom, right, bottom, 0.6f, Palette.MUTED);
        c.line(left, bottom, left, plotTop, 0.6f, Palette.MUTED);

        float previousLabelEnd = -Float.MAX_VALUE;
        int row = 0;
        for (Marker m : data.markers()) {
            float xx = sx.at(m.date().toEpochDay());
            c.dashedLine(xx, bottom, xx, plotTop, 0.6f, Palette.NAVY);
            float w = c.width(m.label(), small);
            float lx = Math.max(left + 1, Math.min(xx - w / 2, right - w));
            row = lx < previousLabelEnd + 2 ? row + 1 : 0;
            c.text(lx, plotTop + 2 - row * (small.size() + 1.5f), m.label(), small.color(Palette.NAVY));
            previousLabelEnd = lx + w;
        }

        List<Point> imaging = data.points().stream().filter(p -> !p.pathology()).toList();
        for (int i = 1; i < imaging.size(); i++) {
            Point a = imaging.get(i - 1);
            Point b = imaging.get(i);
            c.line(sx.at(a.date().toEpochDay()), sy.at(a.cm()), sx.at(b.date().toEpochDay()), sy.at(b.cm()), 1.1f, Palette.NAVY);
        }
        List<float[]> taken = new ArrayList<>();
        for (Point p : data.points()) {
            float px = sx.at(p.date().toEpochDay());
            float py = sy.at(p.cm());
            if (p.pathology()) {
                float r = 3.6f;
                c.polygon(new float[] {px, px + r, px, px - r}, new float[] {py + r, py, py - r, py}, Palette.PATHOLOGY, Palette.WHITE);
            } else {
                c.ellipse(px, py, 2.6f, 2.6f, Palette.NAVY, Palette.WHITE);
            }
            String value = Words.oneDecimal(p.cm());
            float w = c.width(value, small);
            float lx = Math.max(left + 1, Math.min(px - w / 2, right - w));
            for (float ly : new float[] {py + 4.5f, py - 4.5f - small.size()}) {
                float[] box = {lx, ly, lx + w, ly + small.size()};
                if (ly >= bottom + 1 && ly + small.size() <= plotTop + 1 && taken.stream().noneMatch(b -> overlaps(b, box))) {
                    c.text(lx, ly, value, small.color(p.pathology() ? Palette.PATHOLOGY : Palette.INK));
                    taken.add(box);
                    break;
                }
            }
        }

        float ly = bottom - 21;
        c.ellipse(x + 4, ly + 2.2f, 2.6f, 2.6f, Palette.NAVY, null);
        c.text(x + 9, ly, "longest diameter on imaging", small);
        float px = x + 14 + c.width("longest diameter on imaging", small);
        c.polygon(new float[] {px, px + 3.4f, px, px - 3.4f}, new float[] {ly + 5.6f, ly + 2.2f, ly - 1.2f, ly + 2.2f}, Palette.PATHOLOGY, null);
        c.text(px + 5, ly, "pathology", small);
    }

    private static boolean overlaps(float[] a, float[] b) {
        return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
    }

    /** A linear map from data values to page coordinates. */
    private record Scale(double from, double to, float start, float end) {
        float at(double value) {
            return (float) (start + (value - from) / (to - from) * (end - start));
        }
    }
}
