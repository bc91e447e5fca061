package org.cavaplan.server.web;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.plan.PlanSections;
import org.cavaplan.core.vocabulary.Vocabulary;

/**
 * Lays out {@link SizeChart}: the longest diameter of every imaging study of the case dated up to
 * the plan date that measured the tumor, against time; the studies the plan's typed sections name
 * ({@link PlanSections#baseline()}: the planning baseline; {@link PlanSections#recist()}: the RECIST
 * baseline and restaging) are marked and labelled. The diameter axis starts at 0 cm so that a change
 * is seen in proportion. Stateless.
 */
final class SizeChartDrawing {

    static final int WIDTH = 900;
    static final int HEIGHT = 400;
    private static final int LEFT = 80;
    private static final int RIGHT = WIDTH - 50;
    private static final int TOP = 60;
    private static final int BOTTOM = HEIGHT - 60;

    private SizeChartDrawing() {}

    static SizeChart of(Case kase, PlanSections sections, LocalDate asOf) {
        List<ImagingStudy> studies = new ArrayList<>();
        for (ImagingStudy s : kase.imaging()) {
            if (!s.date().isAfter(asOf) && s.longestDiameterCm().isPresent()) {
                studies.add(s);
            }
        }
        studies.sort((a, b) -> a.date().compareTo(b.date()) != 0 ? a.date().compareTo(b.date())
                : Integer.compare(a.index(), b.index()));
        if (studies.isEmpty()) {
            return new SizeChart(WIDTH, HEIGHT, "No imaging study up to " + asOf + " measured the tumor.", "", List.of(),
                    List.of(), List.of(), LEFT, RIGHT, TOP, BOTTOM);
        }
        LocalDate first = studies.get(0).date();
        LocalDate last = studies.get(studies.size() - 1).date();
        long span = Math.max(1, ChronoUnit.DAYS.between(first, last));
        double largest = 0;
        for (ImagingStudy s : studies) {
            largest = Math.max(largest, s.longestDiameterCm().get());
        }
        double top = niceTop(largest);
        double step = top <= 5 ? 1 : top <= 10 ? 2 : top <= 25 ? 5 : 10;
        List<SizeChart.Point> points = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (ImagingStudy s : studies) {
            double x = studies.size() == 1 ? (LEFT + RIGHT) / 2.0
                    : LEFT + 45 + (RIGHT - LEFT - 70) * ChronoUnit.DAYS.between(first, s.date()) / (double) span;
            double cm = s.longestDiameterCm().get();
            double y = BOTTOM - (BOTTOM - TOP) * cm / top;
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(num(x)).append(',').append(num(y));
            points.add(new SizeChart.Point(round(x), round(y), s.date().toString(), Vocabulary.enumWords(s.modality()),
                    num(cm) + " cm", role(s, sections), s.pointer("tumorDiametersCm"), round(Math.max(TOP - 10, y - 18))));
        }
        List<SizeChart.Tick> yTicks = new ArrayList<>();
        for (double v = 0; v <= top + 1e-9; v += step) {
            yTicks.add(new SizeChart.Tick(round(BOTTOM - (BOTTOM - TOP) * v / top), num(v)));
        }
        List<SizeChart.Tick> xTicks = new ArrayList<>();
        for (SizeChart.Point p : points) {
            if (xTicks.isEmpty() || p.x() - xTicks.get(xTicks.size() - 1).at() >= 150) {
                xTicks.add(new SizeChart.Tick(p.x(), p.date()));
            }
        }
        SizeChart.Point latest = points.get(points.size() - 1);
        String description = "Longest tumor diameter on " + points.size() + (points.size() == 1 ? " study" : " studies")
                + " from " + first + " to " + last + ", latest " + latest.diameter() + " on " + latest.date() + ".";
        return new SizeChart(WIDTH, HEIGHT, description, points.size() < 2 ? "" : line.toString(), points, yTicks, xTicks,
                LEFT, RIGHT, TOP, BOTTOM);
    }

    /** What the plan reads a study as, in words, or null. */
    private static String role(ImagingStudy s, PlanSections sections) {
        List<String> roles = new ArrayList<>();
        sections.recist().ifPresent(r -> {
            if (r.baseline().index() == s.index()) {
                roles.add("RECIST baseline");
            }
            if (r.restaging().index() == s.index()) {
                roles.add("restaging");
            }
        });
        sections.baseline().ifPresent(b -> {
            if (b.study().index() == s.index()) {
                roles.add("planning baseline");
            }
        });
        return roles.isEmpty() ? null : String.join(", ", roles);
    }

    private static double niceTop(double largest) {
        for (double t : new double[] {2, 5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100}) {
            if (largest <= t * 0.9) {
                return t;
            }
        }
        return Math.ceil(largest / 10) * 10 + 10;
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String num(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }
}
