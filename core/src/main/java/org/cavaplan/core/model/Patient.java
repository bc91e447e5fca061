package org.cavaplan.core.model;

import java.util.Optional;

/**
 * Age, sex and performance status at presentation; the ASA physical status class, the left
 * ventricular ejection fraction (percent) and the estimated glomerular filtration rate
 * (mL/min/1.73 m²) before treatment when recorded.
 */
public record Patient(int ageYears, Sex sex, Optional<Integer> ecog, Optional<Integer> asaClass, Optional<Double> lvefPct,
        Optional<Double> egfrMlMin) {

    /** A patient with only age, sex and performance status recorded. */
    public Patient(int ageYears, Sex sex, Optional<Integer> ecog) {
        this(ageYears, sex, ecog, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
