package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum Organ {
    LIVER, RIGHT_KIDNEY, LEFT_KIDNEY, RIGHT_ADRENAL, LEFT_ADRENAL, DUODENUM, SMALL_BOWEL, COLON, PANCREAS, AORTA, OTHER
}
