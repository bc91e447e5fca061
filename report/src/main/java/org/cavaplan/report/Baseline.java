package org.cavaplan.report;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Landmark;
import org.cavaplan.core.model.Operation;

/**
 * What the report reads from the planning baseline (plan-contract.md §2): per field, the latest
 * imaging study dated on or before the operation (the latest study when there is no operation) that
 * records the field.
 */
final class Baseline {

    /** A value and the study it was read from. */
    record Read<T>(T value, ImagingStudy study) {}

    /** The tumor's extent along the IVC and the study that gave it. */
    record Extent(Landmark cranial, Landmark caudal, ImagingStudy study) {}

    /** The largest tumor diameter and where it comes from (pathology, else the baseline study). */
    record Size(double cm, String source) {}

    private Baseline() {}

    static <T> Optional<Read<T>> latest(Case kase, Function<ImagingStudy, Optional<T>> field) {
        Optional<LocalDate> cutoff = kase.operation().map(Operation::date);
        return kase.imaging().stream()
                .filter(s -> cutoff.map(d -> !s.date().isAfter(d)).orElse(true))
                .flatMap(s -> field.apply(s).map(v -> new Read<>(v, s)).stream())
                .max(Comparator.comparing((Read<T> r) -> r.study().date()).thenComparing(r -> r.study().index()));
    }

    /** The cranial and caudal extents of the baseline, when both are recorded. */
    static Optional<Extent> extent(Case kase) {
        Optional<Read<Landmark>> cranial = latest(kase, ImagingStudy::cranialExtent);
        Optional<Read<Landmark>> caudal = latest(kase, ImagingStudy::caudalExtent);
        if (cranial.isEmpty() || caudal.isEmpty()) {
            return Optional.empty();
        }
        ImagingStudy study = Stream.of(cranial.get().study(), caudal.get().study())
                .max(Comparator.comparing(ImagingStudy::date).thenComparing(ImagingStudy::index)).orElseThrow();
        return Optional.of(new Extent(cranial.get().value(), caudal.get().value(), study));
    }

    /** The size as the plan reads it: {@code pathology.maxDiameterCm}, else the baseline's longest diameter. */
    static Optional<Size> size(Case kase) {
        Optional<Double> pathology = kase.pathology().flatMap(p -> p.maxDiameterCm());
        if (pathology.isPresent()) {
            return Optional.of(new Size(pathology.get(), "pathology"));
        }
        return latest(kase, ImagingStudy::longestDiameterCm)
                .map(r -> new Size(r.value(), Words.of(r.study().modality()) + " " + r.study().date()));
    }
}
