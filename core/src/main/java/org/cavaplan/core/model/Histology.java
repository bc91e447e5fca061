package org.cavaplan.core.model;

import java.util.Optional;

/** The pre-operative tissue diagnosis. */
public record Histology(Diagnosis diagnosis, HistologySource source, Optional<Integer> fnclccGrade) {}
