package org.cavaplan.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Turns text into {@link Line}s: wrapped paragraphs, label and value rows, table rows, badges, boxes. */
final class Typeset {

    /** One cell of a table row: wrapped text, or (with a {@code badge} colour) a status badge. */
    record Cell(float x, float width, String text, Style style, Rgb badge) {
        static Cell text(float x, float width, String text, Style style) {
            return new Cell(x, width, text, style, null);
        }

        static Cell badge(float x, float width, String text, Style style, Rgb color) {
            return new Cell(x, width, text, style, color);
        }
    }

    static final float BADGE_HEIGHT_EXTRA = 3.2f;

    private final Canvas canvas;

    Typeset(Canvas canvas) {
        this.canvas = canvas;
    }

    /** The text's lines as drawn in {@code width} points. */
    List<String> wrap(String text, Style style, float width) {
        String drawable = canvas.drawable(text, style);
        return Wrap.lines(drawable, width, style::width);
    }

    /** A wrapped paragraph starting at {@code x}. */
    List<Line> paragraph(String text, Style style, float x, float width) {
        List<Line> lines = new ArrayList<>();
        for (String s : wrap(text, style, width)) {
            lines.add(new Line(style.leading(), (c, top) -> c.text(x, baseline(top, style), s, style)));
        }
        return lines;
    }

    /** A label in its column and a wrapped value beside it. */
    List<Line> labelled(String label, Style labelStyle, String value, Style valueStyle, float x, float labelWidth, float width) {
        List<String> labels = wrap(label, labelStyle, labelWidth - 4);
        List<String> values = wrap(value, valueStyle, width - labelWidth);
        float leading = Math.max(labelStyle.leading(), valueStyle.leading());
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < Math.max(labels.size(), values.size()); i++) {
            String l = i < labels.size() ? labels.get(i) : "";
            String v = i < values.size() ? values.get(i) : "";
            lines.add(new Line(leading, (c, top) -> {
                c.text(x, baseline(top, valueStyle), l, labelStyle);
                c.text(x + labelWidth, baseline(top, valueStyle), v, valueStyle);
            }));
        }
        return lines;
    }

    /**
     * A table row: every cell wrapped in its column, one line per visual line, with {@code padding}
     * above and below and a hairline under the row when {@code rule} is set.
     */
    List<Line> row(List<Cell> cells, float padding, boolean rule) {
        float leading = 0;
        List<List<String>> texts = new ArrayList<>();
        for (Cell cell : cells) {
            leading = Math.max(leading, cell.style().leading() + (cell.badge() != null ? BADGE_HEIGHT_EXTRA : 0));
            texts.add(cell.badge() != null ? List.of(cell.text()) : wrap(cell.text(), cell.style(), cell.width()));
        }
        int count = texts.stream().mapToInt(List::size).max().orElse(1);
        List<Line> lines = new ArrayList<>();
        lines.add(Line.space(padding));
        final float lineHeight = leading;
        for (int i = 0; i < count; i++) {
            int index = i;
            lines.add(new Line(lineHeight, (c, top) -> {
                for (int k = 0; k < cells.size(); k++) {
                    Cell cell = cells.get(k);
                    List<String> t = texts.get(k);
                    if (index >= t.size()) {
                        continue;
                    }
                    if (cell.badge() != null) {
                        badge(c, cell.x(), top, t.get(index), cell.style(), cell.badge());
                    } else {
                        c.text(cell.x(), baseline(top, cell.style()) - (lineHeight - cell.style().leading()) / 2, t.get(index), cell.style());
                    }
                }
            }));
        }
        float x0 = cells.get(0).x();
        Cell last = cells.get(cells.size() - 1);
        float x1 = last.x() + last.width();
        lines.add(new Line(padding, (c, top) -> {
            if (rule) {
                c.line(x0, top - padding, x1, top - padding, 0.4f, Palette.RULE);
            }
        }));
        return lines;
    }

    /** A coloured rounded badge with white text, its top at {@code top}; returns its width. */
    static float badge(Canvas c, float x, float top, String text, Style style, Rgb color) throws IOException {
        float w = c.width(text, style) + 7;
        float h = style.size() + 4.2f;
        c.roundRect(x, top - h - 0.6f, w, h, 2.2f, color, null);
        c.text(x + 3.5f, top - h - 0.6f + 2.1f + style.size() * 0.2f, text, style.color(Palette.WHITE));
        return w;
    }

    /** The same lines, each drawn over a background band from {@code x} for {@code width} points. */
    static List<Line> boxed(List<Line> lines, float x, float width, Rgb fill) {
        List<Line> out = new ArrayList<>();
        for (Line line : lines) {
            out.add(new Line(line.height(), (c, top) -> {
                c.fillRect(x, top - line.height(), width, line.height(), fill);
                line.draw(c, top);
            }));
        }
        return out;
    }

    /** The lines of two columns drawn side by side as one line as tall as the taller column. */
    static Line sideBySide(List<Line> left, List<Line> right) {
        float height = Math.max(Flow.height(left), Flow.height(right));
        return new Line(height, (c, top) -> {
            float y = top;
            for (Line line : left) {
                line.draw(c, y);
                y -= line.height();
            }
            y = top;
            for (Line line : right) {
                line.draw(c, y);
                y -= line.height();
            }
        });
    }

    /** The baseline of a line of {@code style} whose top is at {@code top}. */
    static float baseline(float top, Style style) {
        return top - style.size() * 1.02f;
    }
}
