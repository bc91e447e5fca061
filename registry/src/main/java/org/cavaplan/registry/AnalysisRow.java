package org.cavaplan.registry;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalDouble;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.VitalStatus;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;

/**
 * One case as survival analyses read it: the columns extracted when its latest version was written
 * (by the engine's own derivations), de-identified as a de-identified export is. It holds no case
 * id, no calendar date (times are day counts from the operation) and no age over 89 (such an age is
 * 90). The values are those of the CSV export's columns of the same meaning (see {@link Registry#export}).
 *
 * @param followUpDays            days from the operation to death or last contact (CSV {@code time_days}); empty
 *                                without an operation or an outcome
 * @param vitalStatus             at last contact (CSV {@code vital_status}; {@link #death()} is CSV {@code event})
 * @param ageYears                age at presentation, 90 for any age over 89 (CSV {@code age}, de-identified)
 * @param ecog                    ECOG performance status at presentation
 * @param highestLevel            the highest IVC level the tumor reaches, 3 upper to 1 lower; empty when the
 *                                extents are unknown
 * @param level3                  whether the tumor reaches level 3; empty when the extents are unknown
 * @param intracardiac            extension into the right atrium
 * @param grade                   FNCLCC grade 1 to 3 (pathology, else biopsy)
 * @param margin                  resection margin
 * @param sizeCm                  tumor size in cm (pathology, else pre-operative imaging)
 * @param neoadjuvantRadiotherapy radiotherapy before the operation
 * @param neoadjuvantChemotherapy chemotherapy before the operation
 * @param intent                  intent of treatment
 * @param stage                   stage of the pathway
 * @param localRecurrence         the first local recurrence (registry migration V9; empty for versions written before)
 * @param distantMetastasis       the first distant metastasis (registry migration V9)
 * @param synthetic               a synthetic case (made by {@code synth} or the demo cohort, {@code SYNTH-} ids)
 */
public record AnalysisRow(
        OptionalInt followUpDays,
        Optional<VitalStatus> vitalStatus,
        int ageYears,
        OptionalInt ecog,
        OptionalInt highestLevel,
        Optional<Boolean> level3,
        boolean intracardiac,
        OptionalInt grade,
        Optional<Margin> margin,
        OptionalDouble sizeCm,
        boolean neoadjuvantRadiotherapy,
        boolean neoadjuvantChemotherapy,
        Intent intent,
        Stage stage,
        Recurrence localRecurrence,
        Recurrence distantMetastasis,
        boolean synthetic) {

    /**
     * A kind of recurrence as the follow-up visits record it.
     *
     * @param recorded whether a follow-up visit records it; empty without an operation or a follow-up visit
     * @param days days from the operation to the first visit that records it, or else to the last
     *     follow-up visit; empty as {@code recorded}
     */
    public record Recurrence(Optional<Boolean> recorded, OptionalInt days) {
        /** Neither known. */
        public static final Recurrence UNKNOWN = new Recurrence(Optional.empty(), OptionalInt.empty());

        public Recurrence {
            Objects.requireNonNull(recorded, "recorded");
            Objects.requireNonNull(days, "days");
        }
    }

    /** A real case's row without the recurrence kinds (as before registry migration V9). */
    public AnalysisRow(OptionalInt followUpDays, Optional<VitalStatus> vitalStatus, int ageYears, OptionalInt ecog,
            OptionalInt highestLevel, Optional<Boolean> level3, boolean intracardiac, OptionalInt grade,
            Optional<Margin> margin, OptionalDouble sizeCm, boolean neoadjuvantRadiotherapy,
            boolean neoadjuvantChemotherapy, Intent intent, Stage stage) {
        this(followUpDays, vitalStatus, ageYears, ecog, highestLevel, level3, intracardiac, grade, margin, sizeCm,
                neoadjuvantRadiotherapy, neoadjuvantChemotherapy, intent, stage, Recurrence.UNKNOWN, Recurrence.UNKNOWN,
                false);
    }

    public AnalysisRow {
        Objects.requireNonNull(followUpDays, "followUpDays");
        Objects.requireNonNull(vitalStatus, "vitalStatus");
        Objects.requireNonNull(ecog, "ecog");
        Objects.requireNonNull(highestLevel, "highestLevel");
        Objects.requireNonNull(level3, "level3");
        Objects.requireNonNull(grade, "grade");
        Objects.requireNonNull(margin, "margin");
        Objects.requireNonNull(sizeCm, "sizeCm");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(localRecurrence, "localRecurrence");
        Objects.requireNonNull(distantMetastasis, "distantMetastasis");
        if (ageYears > Deidentifier.MAX_EXACT_AGE + 1) {
            throw new IllegalArgumentException("an analysis row groups ages over " + Deidentifier.MAX_EXACT_AGE + ", not "
                    + ageYears);
        }
    }

    /** Whether the patient died (the event of survival analyses); empty without an outcome. */
    public Optional<Boolean> death() {
        return vitalStatus.map(v -> v == VitalStatus.DEAD);
    }
}
