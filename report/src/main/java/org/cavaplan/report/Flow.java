package org.cavaplan.report;

import java.io.IOException;
import java.util.List;

/**
 * Places lines down the page and starts a new page when the next one does not fit. Blocks stay on
 * one page when they can; a block taller than a page flows line by line; tables repeat their header
 * after a page break.
 */
final class Flow {

    private static final float PAGE_SPACE = Canvas.TOP - Canvas.BOTTOM;
    private final Canvas canvas;

    Flow(Canvas canvas) {
        this.canvas = canvas;
    }

    float remaining() {
        return canvas.y - Canvas.BOTTOM;
    }

    /** Vertical space, dropped at the top of a page. */
    void gap(float height) {
        if (!canvas.atTopOfPage()) {
            canvas.y -= Math.min(height, remaining());
        }
    }

    /** Starts a new page unless {@code height} still fits on this one. */
    void ensure(float height) throws IOException {
        if (height > remaining() && !canvas.atTopOfPage()) {
            canvas.newPage();
        }
    }

    void newPage() throws IOException {
        canvas.newPage();
    }

    /** One line; on a new page when it does not fit. */
    void place(Line line) throws IOException {
        ensure(line.height());
        line.draw(canvas, canvas.y);
        canvas.y -= line.height();
    }

    /** Lines kept on one page if they fit on one, else placed one by one. */
    void block(List<Line> lines) throws IOException {
        float height = height(lines);
        if (height <= PAGE_SPACE) {
            ensure(height);
        }
        for (Line line : lines) {
            place(line);
        }
    }

    /**
     * A heading kept with the start of what follows it: the heading moves to the next page unless
     * it and {@code keepWith} points of content fit.
     */
    void heading(List<Line> heading, float keepWith) throws IOException {
        ensure(height(heading) + keepWith);
        for (Line line : heading) {
            place(line);
        }
    }

    /** Rows (each a block) below a header that is drawn again at the top of every page the table reaches. */
    void table(List<Line> header, List<List<Line>> rows) throws IOException {
        float headerHeight = height(header);
        ensure(headerHeight + (rows.isEmpty() ? 0 : Math.min(height(rows.get(0)), PAGE_SPACE - headerHeight)));
        for (Line line : header) {
            place(line);
        }
        for (List<Line> row : rows) {
            float height = height(row);
            if (height > remaining() && height <= PAGE_SPACE - headerHeight) {
                canvas.newPage();
                for (Line line : header) {
                    place(line);
                }
            }
            for (Line line : row) {
                if (line.height() > remaining()) {
                    canvas.newPage();
                    for (Line h : header) {
                        place(h);
                    }
                }
                place(line);
            }
        }
    }

    static float height(List<Line> lines) {
        float sum = 0;
        for (Line line : lines) {
            sum += line.height();
        }
        return sum;
    }
}
