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
 * analyses add up in the same order; only the columns analyses read, each named once, here.
 */
final class AnalysisRows {

    private static final String SQL = "SELECT v.followup_days, v.vital_status, v.age_years, v.ecog, v.highest_level, "
            + "v.level_3, v.intracardiac, v.grade, v.margin, v.size_cm, v.neoadjuvant_rt, v.neoadjuvant_chemo, v.intent, "
            + "v.stage FROM case_version v WHERE " + CaseStore.LATEST + " AND v.retired = FALSE ORDER BY v.case_id";

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
        return new AnalysisRow(
                integer(rs, "followup_days"),
                Optional.ofNullable(rs.getString("vital_status")).map(VitalStatus::valueOf),
                Deidentifier.age(rs.getInt("age_years")),
                integer(rs, "ecog"),
                integer(rs, "highest_level"),
                bool(rs, "level_3"),
                rs.getBoolean("intracardiac"),
                integer(rs, "grade"),
                Optional.ofNullable(rs.getString("margin")).map(Margin::valueOf),
                decimal(rs, "size_cm"),
                rs.getBoolean("neoadjuvant_rt"),
                rs.getBoolean("neoadjuvant_chemo"),
                Intent.valueOf(rs.getString("intent")),
                Stage.valueOf(rs.getString("stage")));
    }

    private static OptionalInt integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
    }

    private static OptionalDouble decimal(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static Optional<Boolean> bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
