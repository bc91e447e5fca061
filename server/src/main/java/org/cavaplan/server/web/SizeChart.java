package org.cavaplan.server.web;

import java.util.List;

/**
 * The tumor's longest diameter over time, laid out for an SVG ({@code meeting/sizeChart.jte}): one
 * point per imaging study that measured the tumor up to the plan date, the studies the plan reads
 * marked (planning baseline, RECIST baseline and restaging), axes with ticks, and the same values as
 * a table. Every coordinate is written already.
 *
 * @param width the drawing's width in user units
 * @param height its height
 * @param description the chart in one sentence, for assistive technology
 * @param line the polyline's points ("x,y x,y"), empty with fewer than two points
 * @param points the studies drawn
 * @param yTicks the diameter axis
 * @param xTicks the time axis
 * @param plotLeft the plot area's left edge
 * @param plotRight its right edge
 * @param plotTop its top
 * @param plotBottom its bottom
 */
public record SizeChart(int width, int height, String description, String line, List<Point> points, List<Tick> yTicks,
        List<Tick> xTicks, int plotLeft, int plotRight, int plotTop, int plotBottom) {

    public SizeChart {
        points = List.copyOf(points);
        yTicks = List.copyOf(yTicks);
        xTicks = List.copyOf(xTicks);
    }

    /** True when no study measured the tumor. */
    public boolean empty() {
        return points.isEmpty();
    }

    /**
     * A study: where it is drawn, its date, modality and diameter as written, what the plan reads it
     * as (null when nothing), and the pointer of the measure (on hover).
     */
    public record Point(double x, double y, String date, String modality, String diameter, String role, String pointer,
            double labelY) {
        public String cssClass() {
            return role == null ? "size-point" : "size-point marked";
        }
    }

    /** An axis tick: its position and its label. */
    public record Tick(double at, String label) {}
}
