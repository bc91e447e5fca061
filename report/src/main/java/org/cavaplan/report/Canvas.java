package org.cavaplan.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * The pages of one document and the drawing primitives the report uses, in points with the origin at
 * the bottom left (PDF's own). Text goes through {@link Fonts#drawable}, so any string can be drawn.
 * {@link #y} is the top of the free space on the current page; the flow moves it down.
 */
final class Canvas {

    static final PDRectangle PAGE = PDRectangle.A4;
    static final float WIDTH = PAGE.getWidth();
    static final float HEIGHT = PAGE.getHeight();
    static final float LEFT = 42;
    static final float RIGHT = WIDTH - 42;
    static final float CONTENT_WIDTH = RIGHT - LEFT;
    /** The top of the content on pages after the first, below the running header. */
    static final float TOP = HEIGHT - 58;
    /** The bottom of the content, above the footer. */
    static final float BOTTOM = 50;

    /** Draws what every page after the first carries at its top. */
    interface Decoration {
        void draw(Canvas canvas) throws IOException;
    }

    /** Draws the footer of page {@code number} of {@code count}. */
    interface Footer {
        void draw(Canvas canvas, int number, int count) throws IOException;
    }

    private static final float KAPPA = 0.5522848f;

    final PDDocument document;
    final Fonts fonts;
    private final Decoration runningHeader;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream stream;
    float y;

    Canvas(PDDocument document, Fonts fonts, Decoration runningHeader) {
        this.document = document;
        this.fonts = fonts;
        this.runningHeader = runningHeader;
    }

    /** Starts a page; pages after the first get the running header and the flow starts below it. */
    void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        PDPage page = new PDPage(PAGE);
        document.addPage(page);
        pages.add(page);
        stream = new PDPageContentStream(document, page);
        y = pages.size() == 1 ? HEIGHT - 42 : TOP;
        if (pages.size() > 1) {
            runningHeader.draw(this);
            y = TOP;
        }
    }

    int pageCount() {
        return pages.size();
    }

    /** True when nothing has been placed on the current page below its top yet. */
    boolean atTopOfPage() {
        return pages.size() > 1 && y >= TOP;
    }

    /** Closes the last page, then draws the footer on every page (now that their number is known). */
    void finish(Footer footer) throws IOException {
        if (stream != null) {
            stream.close();
            stream = null;
        }
        for (int i = 0; i < pages.size(); i++) {
            stream = new PDPageContentStream(document, pages.get(i), PDPageContentStream.AppendMode.APPEND, true, true);
            footer.draw(this, i + 1, pages.size());
            stream.close();
            stream = null;
        }
    }

    /** The text as the style's font can draw it. */
    String drawable(String text, Style style) {
        return style.face().drawable(text);
    }

    /** The width of any text in this style. */
    float width(String text, Style style) {
        return style.width(drawable(text, style).replace('\n', ' '));
    }

    /** Draws text with its baseline at {@code baseline}, starting at {@code x}. */
    void text(float x, float baseline, String text, Style style) throws IOException {
        String drawable = drawable(text, style).replace('\n', ' ');
        if (drawable.isEmpty()) {
            return;
        }
        stream.beginText();
        stream.setFont(style.font(), style.size());
        fill(style.color());
        stream.newLineAtOffset(x, baseline);
        stream.showText(drawable);
        stream.endText();
    }

    /** Draws text ending at {@code right}. */
    void textRight(float right, float baseline, String text, Style style) throws IOException {
        text(right - width(text, style), baseline, text, style);
    }

    /** Draws text centred on {@code centre}. */
    void textCentred(float centre, float baseline, String text, Style style) throws IOException {
        text(centre - width(text, style) / 2, baseline, text, style);
    }

    void fillRect(float x, float bottom, float w, float h, Rgb color) throws IOException {
        fill(color);
        stream.addRect(x, bottom, w, h);
        stream.fill();
    }

    void line(float x1, float y1, float x2, float y2, float width, Rgb color) throws IOException {
        stroke(color, width);
        stream.moveTo(x1, y1);
        stream.lineTo(x2, y2);
        stream.stroke();
    }

    void dashedLine(float x1, float y1, float x2, float y2, float width, Rgb color) throws IOException {
        stream.saveGraphicsState();
        stream.setLineDashPattern(new float[] {2.5f, 2f}, 0);
        line(x1, y1, x2, y2, width, color);
        stream.restoreGraphicsState();
    }

    /** A rounded rectangle, filled and, when {@code outline} is given, stroked. */
    void roundRect(float x, float bottom, float w, float h, float radius, Rgb color, Rgb outline) throws IOException {
        float r = Math.min(radius, Math.min(w, h) / 2);
        float k = r * KAPPA;
        float top = bottom + h;
        float right = x + w;
        stream.moveTo(x + r, bottom);
        stream.lineTo(right - r, bottom);
        stream.curveTo(right - r + k, bottom, right, bottom + r - k, right, bottom + r);
        stream.lineTo(right, top - r);
        stream.curveTo(right, top - r + k, right - r + k, top, right - r, top);
        stream.lineTo(x + r, top);
        stream.curveTo(x + r - k, top, x, top - r + k, x, top - r);
        stream.lineTo(x, bottom + r);
        stream.curveTo(x, bottom + r - k, x + r - k, bottom, x + r, bottom);
        stream.closePath();
        paint(color, outline, 0.6f);
    }

    /** An ellipse, filled and, when {@code outline} is given, stroked. */
    void ellipse(float cx, float cy, float rx, float ry, Rgb color, Rgb outline) throws IOException {
        float kx = rx * KAPPA;
        float ky = ry * KAPPA;
        stream.moveTo(cx + rx, cy);
        stream.curveTo(cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry);
        stream.curveTo(cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy);
        stream.curveTo(cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry);
        stream.curveTo(cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy);
        stream.closePath();
        paint(color, outline, 0.8f);
    }

    /** A closed polygon through the points {@code (xs[i], ys[i])}. */
    void polygon(float[] xs, float[] ys, Rgb color, Rgb outline) throws IOException {
        stream.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            stream.lineTo(xs[i], ys[i]);
        }
        stream.closePath();
        paint(color, outline, 0.8f);
    }

    /** An open polyline with round joins and caps (vessels drawn as thick lines). */
    void polyline(float[] xs, float[] ys, float width, Rgb color) throws IOException {
        stream.saveGraphicsState();
        stream.setLineCapStyle(1);
        stream.setLineJoinStyle(1);
        stroke(color, width);
        stream.moveTo(xs[0], ys[0]);
        for (int i = 1; i < xs.length; i++) {
            stream.lineTo(xs[i], ys[i]);
        }
        stream.stroke();
        stream.restoreGraphicsState();
    }

    private void paint(Rgb color, Rgb outline, float outlineWidth) throws IOException {
        fill(color);
        if (outline == null) {
            stream.fill();
        } else {
            stroke(outline, outlineWidth);
            stream.fillAndStroke();
        }
    }

    private void fill(Rgb color) throws IOException {
        stream.setNonStrokingColor(color.r(), color.g(), color.b());
    }

    private void stroke(Rgb color, float width) throws IOException {
        stream.setStrokingColor(color.r(), color.g(), color.b());
        stream.setLineWidth(width);
    }
}
