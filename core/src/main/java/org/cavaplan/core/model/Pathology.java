package org.cavaplan.core.model;

import java.util.Optional;

/** Final pathology of the resected specimen. */
public record Pathology(
        Margin margin,
        Optional<Double> closestMarginMm,
        Optional<Integer> fnclccGrade,
        Optional<Double> maxDiameterCm,
        Optional<Double> treatmentEffectPct,
        Optional<RegionalNodes> regionalNodes) {}
