package org.cavaplan.report;

import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Verdict;

/** The report's colours: a navy accent, grey text and rules, and one colour per status and verdict. */
final class Palette {
    static final Rgb INK = Rgb.of(33, 33, 33);
    static final Rgb MUTED = Rgb.of(96, 102, 112);
    static final Rgb NAVY = Rgb.of(31, 58, 95);
    static final Rgb WHITE = Rgb.of(255, 255, 255);
    static final Rgb ON_NAVY = Rgb.of(205, 217, 233);
    static final Rgb RULE = Rgb.of(200, 206, 214);
    static final Rgb BAND = Rgb.of(238, 242, 247);
    static final Rgb BOX = Rgb.of(246, 248, 251);
    static final Rgb VESSEL = Rgb.of(126, 160, 204);
    static final Rgb VESSEL_LINE = Rgb.of(55, 90, 138);
    static final Rgb KIDNEY = Rgb.of(214, 180, 168);
    static final Rgb TUMOR = Rgb.of(192, 57, 43);
    static final Rgb TUMOR_LINE = Rgb.of(122, 30, 22);
    static final Rgb PATHOLOGY = Rgb.of(142, 68, 173);
    /** Red flags: their badges and bar, the band behind them and their text. */
    static final Rgb FLAG = Rgb.of(183, 28, 28);
    static final Rgb FLAG_BAND = Rgb.of(253, 236, 234);
    static final Rgb FLAG_INK = Rgb.of(122, 16, 16);

    private Palette() {}

    static Rgb status(Status status) {
        return switch (status) {
            case RECOMMENDED -> Rgb.of(46, 125, 50);
            case CONSIDER -> Rgb.of(21, 101, 192);
            case CONDITIONAL -> Rgb.of(176, 104, 0);
            case NOT_RECOMMENDED -> Rgb.of(97, 97, 97);
            case CONTRAINDICATED -> Rgb.of(183, 28, 28);
        };
    }

    static Rgb verdict(Verdict verdict) {
        return switch (verdict) {
            case CONCORDANT -> Rgb.of(46, 125, 50);
            case DISCORDANT -> Rgb.of(183, 28, 28);
            case NOT_ASSESSABLE -> Rgb.of(97, 97, 97);
        };
    }
}
