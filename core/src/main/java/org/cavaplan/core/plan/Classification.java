package org.cavaplan.core.plan;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.IvcInvolvement;

/**
 * The derived classification of the tumor. {@code ivcLevels} is sorted and empty when extents are
 * unknown. {@code ajccStage} is the clinical stage (from the pretreatment size), {@code
 * ajccPathologicalStage} the stage from the resected specimen (ypTNM after neoadjuvant therapy).
 */
public record Classification(
        List<Integer> ivcLevels,
        boolean intracardiacExtension,
        Optional<IvcInvolvement> ivcInvolvement,
        Optional<String> ajccStage,
        Optional<String> ajccPathologicalStage,
        Optional<Integer> fnclccGrade) {
    public Classification {
        ivcLevels = List.copyOf(ivcLevels);
    }
}
