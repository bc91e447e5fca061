package org.cavaplan.core.model;

import java.time.LocalDate;
import java.util.Optional;

/** Vital status at the last contact (or the date of death). */
public record Outcome(VitalStatus vitalStatus, LocalDate lastContactDate, Optional<CauseOfDeath> causeOfDeath) {}
