package org.cavaplan.report;

import java.io.IOException;

/**
 * One unit of the flow: a line of text, a row of a table or a figure, with its height. It draws
 * itself with its top at a given y; the flow never splits it across pages.
 */
record Line(float height, Painter painter) {

    /** Draws a line whose top is at {@code top}. */
    interface Painter {
        void paint(Canvas canvas, float top) throws IOException;
    }

    Line {
        if (height < 0) {
            throw new IllegalArgumentException("a line has a height of 0 or more");
        }
    }

    /** Empty vertical space. */
    static Line space(float height) {
        return new Line(height, (canvas, top) -> { });
    }

    void draw(Canvas canvas, float top) throws IOException {
        painter.paint(canvas, top);
    }
}
