package org.cavaplan.core.model;

/** Positions along the inferior vena cava, declared head to foot, each with its IVC level. */
public enum Landmark {
    RIGHT_ATRIUM(3), SUPRAHEPATIC(3), HEPATIC_VEINS(3), SUPRARENAL(2), RENAL_VEINS(2), INFRARENAL(1), ILIAC_CONFLUENCE(1);

    private final int level;

    Landmark(int level) {
        this.level = level;
    }

    /** The IVC level (3 upper, 2 middle, 1 lower) this landmark belongs to. */
    public int level() {
        return level;
    }

    /** True when this landmark lies further toward the feet than {@code other}. */
    public boolean isCaudalTo(Landmark other) {
        return ordinal() > other.ordinal();
    }
}
