package org.cavaplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

/** Checks of where text lands on the pages of a report. */
final class Layout {

    /** The footer's baseline, points from the bottom of the page. */
    static final float FOOTER_BASELINE = 26;
    /** The running header's baseline on pages after the first. */
    static final float HEADER_BASELINE = Canvas.HEIGHT - 32;

    private Layout() {}

    /**
     * Every glyph lies between the side margins, and is either in the footer, in the running header
     * (pages after the first), or in the content area between them.
     */
    static void assertInsideMargins(Pdf pdf) throws IOException {
        for (int page = 1; page <= pdf.pages(); page++) {
            var glyphs = pdf.glyphs(page);
            assertThat(glyphs).as("page " + page).hasSizeGreaterThan(20);
            for (Pdf.Glyph g : glyphs) {
                String where = "page " + page + " glyph '" + g.text() + "' at x " + g.x() + ", baseline " + g.baseline();
                assertThat(g.x()).as(where).isGreaterThanOrEqualTo(Canvas.LEFT - 0.5f);
                assertThat(g.x() + g.width()).as(where).isLessThanOrEqualTo(Canvas.RIGHT + 0.5f);
                boolean footer = Math.abs(g.baseline() - FOOTER_BASELINE) < 0.5f;
                boolean header = page > 1 && Math.abs(g.baseline() - HEADER_BASELINE) < 0.5f;
                if (!footer && !header) {
                    assertThat(g.baseline()).as(where).isGreaterThanOrEqualTo(Canvas.BOTTOM);
                    assertThat(g.baseline()).as(where).isLessThanOrEqualTo(page == 1 ? Canvas.HEIGHT - 20 : Canvas.TOP - 5);
                }
            }
        }
    }
}
