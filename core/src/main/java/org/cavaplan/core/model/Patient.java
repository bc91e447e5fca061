package org.cavaplan.core.model;

import java.util.Optional;

/** Age, sex and performance status at presentation. */
public record Patient(int ageYears, Sex sex, Optional<Integer> ecog) {}
