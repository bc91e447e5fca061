package org.cavaplan.core.plan;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.IvcInvolvement;

/** The derived classification of the tumor. {@code ivcLevels} is sorted and empty when extents are unknown. */
public record Classification(
        List<Integer> ivcLevels,
        boolean intracardiacExtension,
        Optional<IvcInvolvement> ivcInvolvement,
        Optional<String> ajccStage,
        Optional<Integer> fnclccGrade) {
    public Classification {
        ivcLevels = List.copyOf(ivcLevels);
    }
}
