package org.cavaplan.report;

import java.awt.geom.Point2D;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.PDFGraphicsStreamEngine;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.graphics.image.PDImage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;

/** A rendered report read back with PDFBox: its text per page, where each glyph sits, and its filled shapes. */
final class Pdf implements AutoCloseable {

    /** One glyph: its text, left edge, width and baseline (points from the bottom of the page). */
    record Glyph(String text, float x, float width, float baseline) {}

    /** The bounding box of a filled path, in points from the bottom left. */
    record Box(float left, float bottom, float right, float top) {}

    final PDDocument document;

    private Pdf(PDDocument document) {
        this.document = document;
    }

    static Pdf of(byte[] bytes) throws IOException {
        return new Pdf(Loader.loadPDF(bytes));
    }

    int pages() {
        return document.getNumberOfPages();
    }

    /** The text of page {@code number} (from 1), whitespace collapsed to single spaces. */
    String text(int number) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setStartPage(number);
        stripper.setEndPage(number);
        return stripper.getText(document).replaceAll("\\s+", " ");
    }

    /** The text of the whole document, whitespace collapsed. */
    String text() throws IOException {
        return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
    }

    /** Every glyph of page {@code number}. */
    List<Glyph> glyphs(int number) throws IOException {
        List<Glyph> glyphs = new ArrayList<>();
        PDFTextStripper stripper = new PDFTextStripper() {
            @Override
            protected void processTextPosition(TextPosition t) {
                glyphs.add(new Glyph(t.getUnicode(), t.getXDirAdj(), t.getWidthDirAdj(), t.getPageHeight() - t.getYDirAdj()));
            }
        };
        stripper.setStartPage(number);
        stripper.setEndPage(number);
        stripper.getText(document);
        return glyphs;
    }

    /** The first glyph of the first occurrence of {@code word} on the page, reading glyphs in drawing order. */
    Optional<Glyph> find(int number, String word) throws IOException {
        List<Glyph> glyphs = glyphs(number);
        StringBuilder all = new StringBuilder();
        List<Integer> owner = new ArrayList<>();
        for (int i = 0; i < glyphs.size(); i++) {
            for (int k = 0; k < glyphs.get(i).text().length(); k++) {
                owner.add(i);
            }
            all.append(glyphs.get(i).text());
        }
        int at = all.indexOf(word);
        return at < 0 ? Optional.empty() : Optional.of(glyphs.get(owner.get(at)));
    }

    /** The boxes of the paths filled in {@code color} on page {@code number}. */
    List<Box> filled(int number, Rgb color) throws IOException {
        PDPage page = document.getPage(number - 1);
        Shapes shapes = new Shapes(page, color);
        shapes.processPage(page);
        return shapes.boxes;
    }

    @Override
    public void close() throws IOException {
        document.close();
    }

    /** Collects the bounding box of every path filled in one colour. */
    private static final class Shapes extends PDFGraphicsStreamEngine {
        final List<Box> boxes = new ArrayList<>();
        private final Rgb color;
        private float minX = Float.MAX_VALUE;
        private float minY = Float.MAX_VALUE;
        private float maxX = -Float.MAX_VALUE;
        private float maxY = -Float.MAX_VALUE;
        private final Point2D.Float current = new Point2D.Float();

        Shapes(PDPage page, Rgb color) {
            super(page);
            this.color = color;
        }

        private void add(float x, float y) {
            minX = Math.min(minX, x);
            minY = Math.min(minY, y);
            maxX = Math.max(maxX, x);
            maxY = Math.max(maxY, y);
            current.setLocation(x, y);
        }

        private void reset() {
            minX = Float.MAX_VALUE;
            minY = Float.MAX_VALUE;
            maxX = -Float.MAX_VALUE;
            maxY = -Float.MAX_VALUE;
        }

        private void filledNow() throws IOException {
            int rgb = getGraphicsState().getNonStrokingColor().toRGB();
            int r = (rgb >> 16) & 0xff;
            int g = (rgb >> 8) & 0xff;
            int b = rgb & 0xff;
            if (Math.abs(r - Math.round(color.r() * 255)) <= 1 && Math.abs(g - Math.round(color.g() * 255)) <= 1
                    && Math.abs(b - Math.round(color.b() * 255)) <= 1 && minX <= maxX) {
                boxes.add(new Box(minX, minY, maxX, maxY));
            }
            reset();
        }

        @Override
        public void appendRectangle(Point2D p0, Point2D p1, Point2D p2, Point2D p3) {
            for (Point2D p : new Point2D[] {p0, p1, p2, p3}) {
                add((float) p.getX(), (float) p.getY());
            }
        }

        @Override
        public void drawImage(PDImage pdImage) {}

        @Override
        public void clip(int windingRule) {}

        @Override
        public void moveTo(float x, float y) {
            add(x, y);
        }

        @Override
        public void lineTo(float x, float y) {
            add(x, y);
        }

        @Override
        public void curveTo(float x1, float y1, float x2, float y2, float x3, float y3) {
            add(x3, y3);
        }

        @Override
        public Point2D getCurrentPoint() {
            return current;
        }

        @Override
        public void closePath() {}

        @Override
        public void endPath() {
            reset();
        }

        @Override
        public void strokePath() {
            reset();
        }

        @Override
        public void fillPath(int windingRule) throws IOException {
            filledNow();
        }

        @Override
        public void fillAndStrokePath(int windingRule) throws IOException {
            filledNow();
        }

        @Override
        public void shadingFill(org.apache.pdfbox.cos.COSName shadingName) {}
    }
}
