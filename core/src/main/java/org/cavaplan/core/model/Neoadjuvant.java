package org.cavaplan.core.model;

import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;

/** Therapy given before the operation. */
public record Neoadjuvant(Optional<Radiotherapy> radiotherapy, Optional<Chemotherapy> chemotherapy) {

    /** Radiotherapy before the operation; {@code totalDoseGy} includes any boost. */
    public record Radiotherapy(double totalDoseGy, Optional<Integer> fractions, Optional<LocalDate> endDate) {}

    /** Chemotherapy before the operation. */
    public record Chemotherapy(String regimen, Optional<Integer> cycles, Optional<LocalDate> endDate) {}

    /** True when at least one therapy is recorded. */
    public boolean hasTherapy() {
        return radiotherapy.isPresent() || chemotherapy.isPresent();
    }

    /** The recorded end dates of all therapies. */
    public Stream<LocalDate> endDates() {
        return Stream.concat(radiotherapy.flatMap(Radiotherapy::endDate).stream(),
                chemotherapy.flatMap(Chemotherapy::endDate).stream());
    }

    /** The earliest recorded end date, which separates baseline from restaging imaging. */
    public Optional<LocalDate> earliestEndDate() {
        return endDates().min(LocalDate::compareTo);
    }
}
