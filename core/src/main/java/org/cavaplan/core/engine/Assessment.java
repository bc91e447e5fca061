package org.cavaplan.core.engine;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.plan.Classification;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Response;
import org.cavaplan.core.plan.Stage;

/**
 * The derived header of a plan and the findings (warnings, missing data, red flags) that come with it.
 */
public record Assessment(
        Stage stage, Intent intent, DiseaseStatus diseaseStatus, Classification classification, Optional<Response> response,
        List<Finding> findings) {
    public Assessment {
        findings = List.copyOf(findings);
    }
}
