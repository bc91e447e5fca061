package org.cavaplan.core.plan;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An evidence-traced care plan for one case as of one date. Lists are in a stable order:
 * recommendations by phase, then in the catalogue's order; {@code keyDecisions} and {@code redFlags}
 * are what a board reads first. {@code changedAssumptions} names every assumption that differs from
 * the published value (empty with the defaults). {@code labels} gives each fact its clinical words.
 * {@code sections} are the typed records of what was decided (the IVC path, the planning baseline, the
 * RECIST details, the surveillance schedule, the first recurrence) that views render; they are not part
 * of the plan JSON.
 */
public record Plan(
        String caseId,
        LocalDate asOf,
        Stage stage,
        Intent intent,
        DiseaseStatus diseaseStatus,
        Classification classification,
        List<KeyDecision> keyDecisions,
        List<RedFlag> redFlags,
        Optional<Response> response,
        List<Recommendation> recommendations,
        List<Concordance> concordance,
        List<PrognosticFactor> prognosticFactors,
        List<MissingData> missingData,
        List<Warning> warnings,
        String knowledgeBaseVersion,
        Map<String, Object> changedAssumptions,
        FactLabels labels,
        PlanSections sections) {

    public Plan {
        Objects.requireNonNull(sections, "sections");
        keyDecisions = List.copyOf(keyDecisions);
        redFlags = List.copyOf(redFlags);
        changedAssumptions = Collections.unmodifiableMap(new TreeMap<>(changedAssumptions));
        recommendations = List.copyOf(recommendations);
        concordance = List.copyOf(concordance);
        prognosticFactors = List.copyOf(prognosticFactors);
        missingData = List.copyOf(missingData);
        warnings = List.copyOf(warnings);
    }

    /** The label of a fact of this plan, in clinical words. */
    public String label(Fact fact) {
        return labels.label(fact);
    }

    /** The recommendation with this id, if the plan has one. */
    public Optional<Recommendation> recommendation(String id) {
        return recommendations.stream().filter(r -> r.id().equals(id)).findFirst();
    }
}
