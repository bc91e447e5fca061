package org.cavaplan.core.plan;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The surveillance imaging schedule the plan's surveillance recommendation sets. Without an operation
 * date it lists no date and {@code nextDue} is empty.
 *
 * @param modality the imaging, in words ("CT chest, abdomen and pelvis")
 * @param higherRisk the higher-risk schedule applies
 * @param riskReasons why the risk is higher, in words, in the rule's order; empty for the lower risk
 * @param operationDate the date the schedule counts from
 * @param due the listed due dates in order, each with its months after the operation
 * @param nextDue the first due date after the plan's date (past the listed horizon, at the late interval)
 * @param overdue the due dates before the plan's date with no visit or study recorded near them, in order
 */
public record SurveillanceSchedule(
        String modality,
        boolean higherRisk,
        List<String> riskReasons,
        Optional<LocalDate> operationDate,
        List<Due> due,
        Optional<LocalDate> nextDue,
        List<LocalDate> overdue) {

    /** The id of the plan's recommendation that sets this schedule (the one place it is spelled). */
    public static final String RECOMMENDATION = "surveillance.imaging";

    public SurveillanceSchedule {
        Objects.requireNonNull(modality, "modality");
        riskReasons = List.copyOf(riskReasons);
        due = List.copyOf(due);
        overdue = List.copyOf(overdue);
        if (operationDate.isEmpty() && (!due.isEmpty() || nextDue.isPresent() || !overdue.isEmpty())) {
            throw new IllegalArgumentException("a schedule without an operation date lists no date");
        }
        if (higherRisk == riskReasons.isEmpty()) {
            throw new IllegalArgumentException("a higher risk has its reasons, a lower risk none");
        }
        for (int i = 1; i < due.size(); i++) {
            if (!due.get(i - 1).date().isBefore(due.get(i).date())) {
                throw new IllegalArgumentException("due dates are in order: " + due.get(i - 1).date() + ", " + due.get(i).date());
            }
        }
    }

    /** One listed due date and how many months after the operation it falls. */
    public record Due(LocalDate date, int monthsAfterOperation) {
        public Due {
            Objects.requireNonNull(date, "date");
            if (monthsAfterOperation <= 0) {
                throw new IllegalArgumentException("a study falls due after the operation: " + monthsAfterOperation);
            }
        }
    }
}
