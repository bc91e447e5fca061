package org.cavaplan.knowledge;

/** A three-valued answer: the engine keeps "not known" apart from "no". */
enum Tri {
    YES, NO, UNKNOWN;

    static Tri of(boolean value) {
        return value ? YES : NO;
    }

    boolean yes() {
        return this == YES;
    }

    boolean no() {
        return this == NO;
    }

    boolean unknown() {
        return this == UNKNOWN;
    }

    /** Logical or, where one YES is enough and UNKNOWN remains only when nothing is YES. */
    Tri or(Tri other) {
        if (this == YES || other == YES) {
            return YES;
        }
        return this == UNKNOWN || other == UNKNOWN ? UNKNOWN : NO;
    }
}
