package org.cavaplan.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The two faces of one document, embedded as subsets: DejaVu Sans Condensed and its bold, shipped
 * with the module (no system font is read). One instance per document; not thread-safe.
 */
final class Fonts {

    private static final String DIR = "/org/cavaplan/report/fonts/";

    /** The font files, read once per JVM; never modified. */
    private static final class Files {
        static final byte[] REGULAR = withoutLigatures(read("DejaVuSansCondensed.ttf"));
        static final byte[] BOLD = withoutLigatures(read("DejaVuSansCondensed-Bold.ttf"));

        private static byte[] read(String name) {
            try (InputStream in = Fonts.class.getResourceAsStream(DIR + name)) {
                if (in == null) {
                    throw new IllegalStateException("the report font " + name + " is missing from the jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * One embedded font: which characters it can draw and how wide each is, both cached because
     * PDFBox finds them through the font's character maps on every call.
     */
    static final class Face {
        private static final int TABLE = 0x2500;
        final PDFont font;
        private final float[] widths = new float[TABLE];
        private final Map<Integer, Float> otherWidths = new HashMap<>();

        private Face(PDFont font) {
            this.font = font;
            Arrays.fill(widths, Float.NaN);
        }

        /**
         * The text with every character the font can draw kept, newlines kept, other control
         * characters as spaces, the rest as '?'.
         */
        String drawable(String text) {
            StringBuilder out = null;
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                int next = i + Character.charCount(cp);
                String replacement = null;
                if (cp != '\n' && (Character.isISOControl(cp) || (Character.isWhitespace(cp) && cp != ' '))) {
                    replacement = " ";
                } else if (cp != '\n' && Float.isNaN(advance(cp))) {
                    replacement = "?";
                }
                if (replacement != null && out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
                if (out != null) {
                    if (replacement != null) {
                        out.append(replacement);
                    } else {
                        out.appendCodePoint(cp);
                    }
                }
                i = next;
            }
            return out == null ? text : out.toString();
        }

        /** The width in thousandths of the font size of drawable text (see {@link #drawable}). */
        float width(String drawableText) {
            float sum = 0;
            for (int i = 0; i < drawableText.length(); ) {
                int cp = drawableText.codePointAt(i);
                sum += advance(cp);
                i += Character.charCount(cp);
            }
            return sum;
        }

        /** The advance width of one character, NaN when the font has no glyph for it. */
        private float advance(int cp) {
            if (cp < TABLE) {
                float w = widths[cp];
                if (w != w) {
                    w = measure(cp);
                    widths[cp] = w;
                }
                return w;
            }
            return otherWidths.computeIfAbsent(cp, this::measure);
        }

        private float measure(int cp) {
            try {
                return font.getStringWidth(new String(Character.toChars(cp)));
            } catch (IllegalArgumentException e) {
                return Float.NaN;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    final Face regular;
    final Face bold;

    private Fonts(Face regular, Face bold) {
        this.regular = regular;
        this.bold = bold;
    }

    static Fonts embed(PDDocument document) throws IOException {
        return new Fonts(new Face(load(document, Files.REGULAR)), new Face(load(document, Files.BOLD)));
    }

    private static PDFont load(PDDocument document, byte[] ttf) throws IOException {
        return PDType0Font.load(document, new RandomAccessReadBuffer(ttf), true, false);
    }

    /**
     * The font with its glyph substitution table (GSUB) hidden from PDFBox, which would otherwise
     * draw "fi" and "fl" as single ligature glyphs that extract as U+FB01 and U+FB02: a search of
     * the PDF for "qualified" would then fail. The table is renamed in the table directory, so the
     * parser skips it and the embedded subset (which copies only the tables it knows) leaves it out.
     */
    static byte[] withoutLigatures(byte[] ttf) {
        byte[] copy = ttf.clone();
        int tables = ((copy[4] & 0xff) << 8) | (copy[5] & 0xff);
        for (int i = 0; i < tables; i++) {
            int at = 12 + 16 * i;
            if (copy[at] == 'G' && copy[at + 1] == 'S' && copy[at + 2] == 'U' && copy[at + 3] == 'B') {
                copy[at] = 'x';
            }
        }
        return copy;
    }
}
