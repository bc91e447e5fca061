package org.cavaplan.core.model;

/** Case vocabulary, as in the case schema. */
public enum Symptom {
    ABDOMINAL_PAIN, FLANK_PAIN, BACK_PAIN, PALPABLE_MASS, LOWER_EXTREMITY_EDEMA, DEEP_VEIN_THROMBOSIS, PULMONARY_EMBOLISM, BUDD_CHIARI, CARDIAC_ARRHYTHMIA, WEIGHT_LOSS
}
