package org.cavaplan.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.VitalStatus;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;

/**
 * The SQL of {@link AnalysisRow}s: the latest version of every case that is not retired, chosen by
 * the database, as the de-identified CSV export chooses them and in its order (case id), so that
 * analyses add up in the same order; only the columns analyses read, each named once ({@link Read}).
 */
final class AnalysisRows {

    private static final Read<OptionalInt> FOLLOWUP_DAYS = Read.optionalInt("followup_days");
    private static final Read<Optional<VitalStatus>> VITAL_STATUS = Read.optionalText("vital_status", VitalStatus::valueOf);
    private static final Read<Integer> AGE_YEARS = Read.integer("age_years");
    private static final Read<OptionalInt> ECOG = Read.optionalInt("ecog");
    private static final Read<OptionalInt> HIGHEST_LEVEL = Read.optionalInt("highest_level");
    private static final Read<Optional<Boolean>> LEVEL_3 = Read.optionalBool("level_3");
    private static final Read<Boolean> INTRACARDIAC = Read.bool("intracardiac");
    private static final Read<OptionalInt> GRADE = Read.optionalInt("grade");
    private static final Read<Optional<Margin>> MARGIN = Read.optionalText("margin", Margin::valueOf);
    private static final Read<OptionalDouble> SIZE_CM = Read.optionalDouble("size_cm");
    private static final Read<Boolean> NEOADJUVANT_RT = Read.bool("neoadjuvant_rt");
    private static final Read<Boolean> NEOADJUVANT_CHEMO = Read.bool("neoadjuvant_chemo");
    private static final Read<Intent> INTENT = Read.text("intent", Intent::valueOf);
    private static final Read<Stage> STAGE = Read.text("stage", Stage::valueOf);
    private static final Read<Optional<Boolean>> LOCAL = Read.optionalBool("local_recurrence");
    private static final Read<OptionalInt> LOCAL_DAYS = Read.optionalInt("local_recurrence_days");
    private static final Read<Optional<Boolean>> DISTANT = Read.optionalBool("distant_metastasis");
    private static final Read<OptionalInt> DISTANT_DAYS = Read.optionalInt("distant_metastasis_days");
    private static final Read<Boolean> SYNTHETIC = Read.bool("synthetic");

    private static final String SQL = "SELECT " + Read.select("v", List.of(FOLLOWUP_DAYS, VITAL_STATUS, AGE_YEARS, ECOG,
            HIGHEST_LEVEL, LEVEL_3, INTRACARDIAC, GRADE, MARGIN, SIZE_CM, NEOADJUVANT_RT, NEOADJUVANT_CHEMO, INTENT, STAGE,
            LOCAL, LOCAL_DAYS, DISTANT, DISTANT_DAYS, SYNTHETIC))
            + " FROM case_version v WHERE " + CaseStore.LATEST + " AND v.retired = FALSE ORDER BY v.case_id";

    private AnalysisRows() {}

    /** Every row, on {@code c} (which must not be in auto-commit mode, so that PostgreSQL streams them). */
    static List<AnalysisRow> read(Connection c) throws SQLException {
        List<AnalysisRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setFetchSize(5000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        return rows;
    }

    private static AnalysisRow row(ResultSet rs) throws SQLException {
        return new AnalysisRow(FOLLOWUP_DAYS.from(rs), VITAL_STATUS.from(rs), Deidentifier.age(AGE_YEARS.from(rs)),
                ECOG.from(rs), HIGHEST_LEVEL.from(rs), LEVEL_3.from(rs), INTRACARDIAC.from(rs), GRADE.from(rs),
                MARGIN.from(rs), SIZE_CM.from(rs), NEOADJUVANT_RT.from(rs), NEOADJUVANT_CHEMO.from(rs), INTENT.from(rs),
                STAGE.from(rs), new AnalysisRow.Recurrence(LOCAL.from(rs), LOCAL_DAYS.from(rs)),
                new AnalysisRow.Recurrence(DISTANT.from(rs), DISTANT_DAYS.from(rs)), SYNTHETIC.from(rs));
    }
}
