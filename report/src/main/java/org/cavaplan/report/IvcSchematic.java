package org.cavaplan.report;

import java.io.IOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.core.model.IvcInvolvement;
import org.cavaplan.core.model.Landmark;

/**
 * A vector schematic of the IVC from the right atrium to the iliac confluence: the seven landmarks of
 * the case schema, the three levels as brackets (involved levels in the tumor colour) and the tumor
 * drawn over the extent of the planning baseline. Front view, head at the top.
 */
final class IvcSchematic {

    /** The drawing's width and height in points. */
    static final float WIDTH = 179;
    static final float HEIGHT = 246;

    /** Where each landmark's segment lies, as distances from the top of the drawing (top, bottom). */
    static final Map<Landmark, float[]> ZONES = zones();

    private static final float CX = 80;
    private static final float HALF = 7.5f;
    private static final float LABEL_X = 121;

    /** What to draw: the involved levels, and the extent and involvement when the baseline records them. */
    record Model(List<Integer> levels, Optional<Landmark> cranial, Optional<Landmark> caudal, Optional<IvcInvolvement> involvement) {
        Model {
            levels = List.copyOf(levels);
        }
    }

    private IvcSchematic() {}

    private static Map<Landmark, float[]> zones() {
        Map<Landmark, float[]> z = new EnumMap<>(Landmark.class);
        z.put(Landmark.RIGHT_ATRIUM, new float[] {6, 38});
        z.put(Landmark.SUPRAHEPATIC, new float[] {38, 56});
        z.put(Landmark.HEPATIC_VEINS, new float[] {56, 82});
        z.put(Landmark.SUPRARENAL, new float[] {82, 112});
        z.put(Landmark.RENAL_VEINS, new float[] {112, 136});
        z.put(Landmark.INFRARENAL, new float[] {136, 198});
        z.put(Landmark.ILIAC_CONFLUENCE, new float[] {198, 236});
        return z;
    }

    /** The span of a level (3 upper, 2 middle, 1 lower) as distances from the top. */
    static float[] levelSpan(int level) {
        float top = Float.MAX_VALUE;
        float bottom = 0;
        for (Landmark l : Landmark.values()) {
            if (l.level() == level) {
                top = Math.min(top, ZONES.get(l)[0]);
                bottom = Math.max(bottom, ZONES.get(l)[1]);
            }
        }
        return new float[] {top, bottom};
    }

    /**
     * The tumor's span as distances from the top: from the cranial landmark's segment to the caudal
     * one's; a tumor reaching the atrium starts inside it, one reaching the confluence stops above
     * the iliac veins.
     */
    static Optional<float[]> tumorSpan(Model model) {
        if (model.cranial().isEmpty() || model.caudal().isEmpty()) {
            return Optional.empty();
        }
        float top = model.cranial().get() == Landmark.RIGHT_ATRIUM ? 16 : ZONES.get(model.cranial().get())[0] + 1;
        float bottom = model.caudal().get() == Landmark.ILIAC_CONFLUENCE ? 214 : ZONES.get(model.caudal().get())[1] - 1;
        return Optional.of(new float[] {top, bottom});
    }

    /** The drawing as one line of the flow, {@code x} its left edge. */
    static Line line(Model model, float x, Style label, Style levelLabel) {
        return new Line(HEIGHT, (c, top) -> draw(c, model, x, top, label, levelLabel));
    }

    private static void draw(Canvas c, Model m, float x, float top, Style label, Style levelLabel) throws IOException {
        Geometry g = new Geometry(x, top);
        // level bands and brackets
        for (int level = 3; level >= 1; level--) {
            float[] span = levelSpan(level);
            boolean involved = m.levels().contains(level);
            if (level == 2) {
                c.fillRect(g.x(0), g.y(span[1]), WIDTH, span[1] - span[0], Palette.BOX);
            }
            Rgb color = involved ? Palette.TUMOR : Palette.MUTED;
            float bx = g.x(40);
            c.line(bx, g.y(span[0] + 2), bx, g.y(span[1] - 2), involved ? 1.6f : 0.8f, color);
            c.line(bx, g.y(span[0] + 2), bx + 4, g.y(span[0] + 2), involved ? 1.6f : 0.8f, color);
            c.line(bx, g.y(span[1] - 2), bx + 4, g.y(span[1] - 2), involved ? 1.6f : 0.8f, color);
            float mid = (span[0] + span[1]) / 2;
            Style s = levelLabel.color(color);
            c.textRight(bx - 4, g.y(mid) - s.size() * 0.35f + 3.6f, "LEVEL " + level, s);
            c.textRight(bx - 4, g.y(mid) - s.size() * 0.35f - 4.4f, level == 3 ? "upper" : level == 2 ? "middle" : "lower",
                    label.color(color));
        }
        // hepatic veins, renal veins and kidneys behind the cava
        c.polyline(new float[] {g.x(CX), g.x(CX - 22)}, new float[] {g.y(70), g.y(54)}, 4.2f, Palette.VESSEL_LINE);
        c.polyline(new float[] {g.x(CX), g.x(CX + 9)}, new float[] {g.y(67), g.y(50)}, 3.6f, Palette.VESSEL_LINE);
        c.polyline(new float[] {g.x(CX), g.x(CX + 22)}, new float[] {g.y(70), g.y(56)}, 4.2f, Palette.VESSEL_LINE);
        c.polyline(new float[] {g.x(CX - 27), g.x(CX + 27)}, new float[] {g.y(124), g.y(124)}, 4.6f, Palette.VESSEL_LINE);
        c.ellipse(g.x(CX - 28), g.y(124), 5f, 9.5f, Palette.KIDNEY, Palette.MUTED);
        c.ellipse(g.x(CX + 28), g.y(124), 5f, 9.5f, Palette.KIDNEY, Palette.MUTED);
        // the cava and the iliac confluence
        c.polygon(new float[] {g.x(CX - HALF), g.x(CX + HALF), g.x(CX + HALF), g.x(CX + 27), g.x(CX + 17), g.x(CX),
                        g.x(CX - 17), g.x(CX - 27), g.x(CX - HALF)},
                new float[] {g.y(30), g.y(30), g.y(206), g.y(238), g.y(241), g.y(218), g.y(241), g.y(238), g.y(206)},
                Palette.VESSEL, Palette.VESSEL_LINE);
        c.ellipse(g.x(CX), g.y(22), 23, 15.5f, Palette.VESSEL, Palette.VESSEL_LINE);
        // the tumor
        Optional<float[]> tumor = tumorSpan(m);
        if (tumor.isPresent()) {
            float t = tumor.get()[0];
            float b = tumor.get()[1];
            IvcInvolvement inv = m.involvement().orElse(IvcInvolvement.WALL);
            float[] across = switch (inv) {
                case INTRALUMINAL -> new float[] {CX - HALF + 2, 2 * HALF - 4, 4};
                case ABUTS, NONE -> new float[] {CX + HALF + 1, 16, 6};
                case WALL -> new float[] {CX - HALF - 5, 2 * HALF + 10, 6};
            };
            c.roundRect(g.x(across[0]), g.y(b), across[1], b - t, across[2], Palette.TUMOR, Palette.TUMOR_LINE);
            Style tag = label.color(Palette.WHITE).size(5.6f);
            if (c.width("TUMOR", tag) <= across[1] - 2) {
                c.textCentred(g.x(across[0] + across[1] / 2), g.y((t + b) / 2) - 2.2f, "TUMOR", tag);
            }
        }
        // landmark labels with leader lines
        for (Landmark l : Landmark.values()) {
            float[] z = ZONES.get(l);
            float mid = l == Landmark.RIGHT_ATRIUM ? 22 : l == Landmark.ILIAC_CONFLUENCE ? 222 : (z[0] + z[1]) / 2;
            float from = l == Landmark.RIGHT_ATRIUM ? CX + 23 : l == Landmark.ILIAC_CONFLUENCE ? CX + 20 : CX + HALF;
            if (l == Landmark.RENAL_VEINS) {
                from = CX + 34;
            }
            c.line(g.x(from + 1), g.y(mid), g.x(LABEL_X - 3), g.y(mid), 0.35f, Palette.MUTED);
            boolean extent = m.cranial().map(l::equals).orElse(false) || m.caudal().map(l::equals).orElse(false);
            Style s = extent ? levelLabel.color(Palette.TUMOR).size(label.size()) : label;
            c.text(g.x(LABEL_X), g.y(mid) - s.size() * 0.35f, Words.of(l).toUpperCase(Locale.ROOT), s);
        }
        // level boundaries
        for (float d : new float[] {levelSpan(3)[1], levelSpan(2)[1]}) {
            c.dashedLine(g.x(0), g.y(d), g.x(WIDTH), g.y(d), 0.4f, Palette.RULE);
        }
    }

    /** Maps drawing coordinates (x right, d down from the top) to the page. */
    private record Geometry(float left, float top) {
        float x(float dx) {
            return left + dx;
        }

        float y(float d) {
            return top - d;
        }
    }
}
