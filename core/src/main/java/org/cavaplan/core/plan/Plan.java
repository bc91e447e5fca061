package org.cavaplan.core.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** An evidence-traced care plan for one case as of one date. Lists are in a stable order. */
public record Plan(
        String caseId,
        LocalDate asOf,
        Stage stage,
        Intent intent,
        Classification classification,
        Optional<Response> response,
        List<Recommendation> recommendations,
        List<Concordance> concordance,
        List<PrognosticFactor> prognosticFactors,
        List<MissingData> missingData,
        List<Warning> warnings,
        String knowledgeBaseVersion) {

    public Plan {
        recommendations = List.copyOf(recommendations);
        concordance = List.copyOf(concordance);
        prognosticFactors = List.copyOf(prognosticFactors);
        missingData = List.copyOf(missingData);
        warnings = List.copyOf(warnings);
    }

    /** The recommendation with this id, if the plan has one. */
    public Optional<Recommendation> recommendation(String id) {
        return recommendations.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
