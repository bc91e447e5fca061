package org.cavaplan.core;

import org.cavaplan.core.plan.FirstRecurrence;
import org.cavaplan.core.plan.IvcPath;
import org.cavaplan.core.plan.PlanningBaseline;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.SurveillanceSchedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.Site;
import org.junit.jupiter.api.Test;

/** (In this package: a test class in {@code org.cavaplan.core.plan} would hide that package from VocabularyCoverageTest.)
 * The invariants of the plan's typed sections, checked where they are built. */
class PlanSectionsTest {

    private static final LocalDate OPERATION = LocalDate.parse("2013-05-06");

    private static IvcPath path(IvcPath.LigationStep step, Optional<IvcPath.ReconstructionStep> reconstruction,
            Optional<Double> circumference, Optional<IvcPath.CircumferenceSource> source) {
        return new IvcPath(Optional.of(false), List.of(1), Optional.empty(), Optional.empty(), circumference, source, 75,
                Optional.empty(), false, Optional.of(Status.CONDITIONAL), Optional.of(Status.CONDITIONAL),
                Optional.of(Status.CONDITIONAL), step, reconstruction, List.of(), List.of());
    }

    @Test
    void an_ivc_path_reaches_the_circumference_exactly_when_it_reconstructs() {
        assertThat(path(IvcPath.LigationStep.RECONSTRUCT, Optional.of(IvcPath.ReconstructionStep.PATCH), Optional.empty(),
                Optional.empty()).reconstructionStep()).contains(IvcPath.ReconstructionStep.PATCH);
        assertThatThrownBy(() -> path(IvcPath.LigationStep.LIGATE, Optional.of(IvcPath.ReconstructionStep.PATCH),
                Optional.empty(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> path(IvcPath.LigationStep.UPPER_SEGMENT_RECONSTRUCT, Optional.empty(), Optional.empty(),
                Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void only_ligation_and_awaiting_the_findings_stop_before_the_circumference() {
        for (IvcPath.LigationStep step : IvcPath.LigationStep.values()) {
            boolean stops = step == IvcPath.LigationStep.LIGATE || step == IvcPath.LigationStep.AWAITING_FINDINGS;
            assertThat(step.reconstructs()).as(step.name()).isEqualTo(!stops);
        }
    }

    @Test
    void a_circumference_comes_with_its_source() {
        assertThatThrownBy(() -> path(IvcPath.LigationStep.RECONSTRUCT, Optional.of(IvcPath.ReconstructionStep.PATCH),
                Optional.of(40.0), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThat(path(IvcPath.LigationStep.RECONSTRUCT, Optional.of(IvcPath.ReconstructionStep.PATCH), Optional.of(40.0),
                Optional.of(IvcPath.CircumferenceSource.ESTIMATED_ON_IMAGING)).circumferencePct()).contains(40.0);
    }

    @Test
    void an_ivc_path_belongs_to_a_plan_with_an_ivc_row_and_copies_its_lists() {
        assertThatThrownBy(() -> new IvcPath(Optional.empty(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 75, Optional.empty(), false, Optional.empty(), Optional.empty(), Optional.empty(),
                IvcPath.LigationStep.AWAITING_FINDINGS, Optional.empty(), List.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        List<Integer> levels = new ArrayList<>(List.of(1, 2));
        IvcPath p = new IvcPath(Optional.of(false), levels, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 75,
                Optional.empty(), false, Optional.of(Status.CONDITIONAL), Optional.empty(), Optional.empty(),
                IvcPath.LigationStep.AWAITING_FINDINGS, Optional.empty(), List.of(), List.of());
        levels.add(3);
        assertThat(p.ivcLevels()).containsExactly(1, 2);
    }

    @Test
    void contamination_is_known_only_once_an_operation_is_recorded() {
        assertThatThrownBy(() -> new IvcPath(Optional.of(false), List.of(1), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 75, Optional.of(true), false, Optional.of(Status.CONDITIONAL), Optional.empty(),
                Optional.empty(), IvcPath.LigationStep.AWAITING_FINDINGS, Optional.empty(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_schedule_without_an_operation_date_lists_no_date() {
        SurveillanceSchedule.Due due = new SurveillanceSchedule.Due(OPERATION.plusMonths(3), 3);
        assertThatThrownBy(() -> new SurveillanceSchedule("CT", true, List.of("grade unknown"), Optional.empty(), List.of(due),
                Optional.empty(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new SurveillanceSchedule("CT", true, List.of("grade unknown"), Optional.empty(), List.of(), Optional.empty(),
                List.of()).nextDue()).isEmpty();
    }

    @Test
    void a_higher_risk_schedule_says_why_and_a_lower_risk_one_does_not() {
        assertThatThrownBy(() -> new SurveillanceSchedule("CT", true, List.of(), Optional.of(OPERATION), List.of(),
                Optional.empty(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SurveillanceSchedule("CT", false, List.of("R1"), Optional.of(OPERATION), List.of(),
                Optional.empty(), List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void due_dates_are_in_order_and_after_the_operation() {
        SurveillanceSchedule.Due six = new SurveillanceSchedule.Due(OPERATION.plusMonths(6), 6);
        SurveillanceSchedule.Due three = new SurveillanceSchedule.Due(OPERATION.plusMonths(3), 3);
        assertThatThrownBy(() -> new SurveillanceSchedule("CT", false, List.of(), Optional.of(OPERATION), List.of(six, three),
                Optional.of(six.date()), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SurveillanceSchedule.Due(OPERATION, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_first_recurrence_is_local_or_distant_and_dated_by_its_visit() {
        FollowUp visit = new FollowUp(1, LocalDate.parse("2014-07-07"), Optional.empty(), Optional.empty(), Optional.of(false),
                Optional.of(Set.of(Site.LUNG)), Optional.empty(), Optional.empty());
        FirstRecurrence r = new FirstRecurrence(visit, false, List.of(Site.LUNG));
        assertThat(r.date()).isEqualTo(LocalDate.parse("2014-07-07"));
        assertThatThrownBy(() -> new FirstRecurrence(visit, false, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_tumor_size_names_its_study_exactly_when_imaging_measured_it() {
        assertThat(new PlanningBaseline.TumorSize(7.8, PlanningBaseline.SizeSource.PATHOLOGY, Optional.empty()).pointer())
                .isEqualTo("/pathology/maxDiameterCm");
        assertThatThrownBy(() -> new PlanningBaseline.TumorSize(5, PlanningBaseline.SizeSource.IMAGING, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PlanningBaseline.TumorSize(0, PlanningBaseline.SizeSource.PATHOLOGY, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
