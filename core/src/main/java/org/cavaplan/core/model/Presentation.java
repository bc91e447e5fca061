package org.cavaplan.core.model;

import java.util.Optional;
import java.util.Set;

/** How the tumor came to attention; {@code symptoms} is empty when none were recorded. */
public record Presentation(Optional<Boolean> incidental, Set<Symptom> symptoms) {
    public Presentation {
        symptoms = Set.copyOf(symptoms);
    }
}
