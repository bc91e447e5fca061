package org.cavaplan.report;

import org.apache.pdfbox.pdmodel.font.PDFont;

/** A font at a size in a colour, and how wide text is in it (in points). */
record Style(Fonts.Face face, float size, Rgb color) {

    PDFont font() {
        return face.font;
    }

    /** The vertical space of one line of this style. */
    float leading() {
        return size * 1.28f;
    }

    /** The width in points of text that is already drawable in this font. */
    float width(String drawableText) {
        return face.width(drawableText) / 1000f * size;
    }

    Style color(Rgb other) {
        return new Style(face, size, other);
    }

    Style size(float other) {
        return new Style(face, other, color);
    }
}
