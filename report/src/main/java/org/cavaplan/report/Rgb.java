package org.cavaplan.report;

/** A device RGB colour, each component from 0 to 1. */
record Rgb(float r, float g, float b) {

    Rgb {
        if (r < 0 || r > 1 || g < 0 || g > 1 || b < 0 || b > 1) {
            throw new IllegalArgumentException("colour components are between 0 and 1");
        }
    }

    static Rgb of(int r, int g, int b) {
        return new Rgb(r / 255f, g / 255f, b / 255f);
    }
}
