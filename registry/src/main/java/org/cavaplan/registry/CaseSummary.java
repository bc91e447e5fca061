package org.cavaplan.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.VitalStatus;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;

/**
 * The latest version of a case as search sees it: the columns extracted when the version was
 * written, by the engine's own derivations. {@code ivcLevels} is sorted and empty when the extents
 * are unknown; {@code followUpDays} counts from the operation to death or last contact.
 */
public record CaseSummary(
        String caseId,
        int version,
        Instant recordedAt,
        boolean retired,
        boolean synthetic,
        List<Integer> ivcLevels,
        Stage stage,
        Intent intent,
        Optional<Margin> margin,
        Optional<Integer> grade,
        Optional<Double> sizeCm,
        Optional<LocalDate> operationDate,
        Optional<VitalStatus> vitalStatus,
        Optional<Integer> followUpDays) {

    public CaseSummary {
        ivcLevels = List.copyOf(ivcLevels);
    }
}
