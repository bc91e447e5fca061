package org.cavaplan.registry;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes the latest version of every case that is not retired, in case id order, as NDJSON or CSV.
 * The CSV columns, one row per case, for R ({@code read.csv(…)}; missing values are {@code NA},
 * yes/no columns are 1/0):
 *
 * <pre>
 * case_id               case id, or its pseudonym when de-identified
 * version               the version exported
 * synthetic             1 for a synthetic case
 * age                   age in years at presentation; de-identified: over 89 given as 90
 * age_90_or_older       1 when the age is 90 or more
 * sex                   FEMALE, MALE, OTHER, UNKNOWN
 * ecog                  ECOG performance status at presentation
 * level_1 … level_3     1 when the tumor reaches that IVC level (NA when the extents are unknown)
 * highest_level         the highest level reached (3 upper, 1 lower)
 * intracardiac          1 for extension into the right atrium
 * ivc_involvement       NONE, ABUTS, WALL, INTRALUMINAL
 * ajcc_stage            AJCC 8th edition stage as the engine derives it
 * grade                 FNCLCC grade 1-3 (pathology, else biopsy)
 * margin                R0, R1, R2
 * closest_margin_mm     closest margin in mm
 * size_cm               tumor size in cm (pathology, else pre-operative imaging)
 * ivc_management        NONE, PRIMARY_REPAIR, PATCH_CAVOPLASTY, INTERPOSITION_GRAFT, LIGATION
 * neoadjuvant_rt        1 for radiotherapy before the operation
 * neoadjuvant_chemo     1 for chemotherapy before the operation
 * intent                CURATIVE, PALLIATIVE, UNDETERMINED
 * stage                 PRETREATMENT, POST_NEOADJUVANT, POSTOPERATIVE, FOLLOW_UP
 * operation_date        ISO date (identified exports only)
 * last_contact_date     ISO date of death or last contact (identified exports only)
 * vital_status          ALIVE, DEAD
 * cause_of_death        DISEASE, TREATMENT, OTHER, UNKNOWN
 * time_days             days from the operation to death or last contact
 * time_months           time_days / 30.4375 (mean month), 2 decimals
 * event                 1 for death, 0 for alive at last contact (censored)
 * recurrence_event      1 when a follow-up visit records a recurrence, 0 when none does
 * recurrence_time_days  days from the operation to the first visit with a recurrence, else to the last visit
 * recurrence_time_months recurrence_time_days / 30.4375, 2 decimals
 * asa_class             ASA physical status class 1-5 before treatment
 * lvef_pct              left ventricular ejection fraction in %
 * egfr_ml_min           estimated glomerular filtration rate in mL/min/1.73 m2
 * imaging_nodes         N0, N1: regional lymph nodes on the latest pre-operative study that records them
 * pathology_nodes       N0, N1: regional lymph nodes on pathology
 * local_recurrence_event       1 when a follow-up visit records a local recurrence, 0 when none does
 * local_recurrence_time_days   days from the operation to the first such visit, else to the last visit
 * distant_metastasis_event     1 when a follow-up visit records a distant metastasis, 0 when none does
 * distant_metastasis_time_days days from the operation to the first such visit, else to the last visit
 * </pre>
 *
 * asa_class … pathology_nodes are NA for versions stored before registry migration V4 (see
 * {@code V4__contract_v2_columns.sql}), the last four for versions stored before V9. For competing
 * risks in R, death without the event is the competing event:
 * {@code status <- ifelse(d$local_recurrence_event == 1, 1, ifelse(d$event == 1, 2, 0))} with
 * {@code cmprsk::cuminc(d$local_recurrence_time_days, status, d$margin)} (the death time then is time_days).
 *
 * For example in R: {@code d <- read.csv("cases.csv"); survfit(Surv(time_months, event) ~ margin, d)}.
 */
final class Exporter {

    /** Days in a mean Gregorian month. */
    static final double DAYS_PER_MONTH = 30.4375;

    private static final String COLUMNS = "v.case_id, v.version, v.synthetic, v.age_years, v.sex, v.ecog, v.level_1, v.level_2, "
            + "v.level_3, v.highest_level, v.intracardiac, v.ivc_involvement, v.ajcc_stage, v.grade, v.margin, "
            + "v.closest_margin_mm, v.size_cm, v.ivc_management, v.neoadjuvant_rt, v.neoadjuvant_chemo, v.intent, v.stage, "
            + "v.operation_date, v.last_contact_date, v.vital_status, v.cause_of_death, v.followup_days, v.recurrence, "
            + "v.recurrence_days, v.asa_class, v.lvef_pct, v.egfr_ml_min, v.imaging_nodes, v.pathology_nodes, "
            + "v.local_recurrence, v.local_recurrence_days, v.distant_metastasis, v.distant_metastasis_days";

    private Exporter() {}

    /** One cell of a CSV row, read from the current row of the export's query. */
    @FunctionalInterface
    private interface Cell {
        String value(ResultSet rs, Optional<Deidentifier> deidentifier) throws SQLException;
    }

    /** A CSV column: its header, whether it identifies the patient (left out when de-identified), its cell. */
    private record CsvColumn(String header, boolean identifying, Cell cell) {}

    private static CsvColumn column(String header, Cell cell) {
        return new CsvColumn(header, false, cell);
    }

    /** Every CSV column in order, each named once with the way its cell is read. */
    private static final List<CsvColumn> CSV = List.of(
            column("case_id", (rs, d) -> {
                String caseId = rs.getString("case_id");
                return d.map(x -> x.pseudonym(caseId)).orElse(caseId);
            }),
            column("version", (rs, d) -> Integer.toString(rs.getInt("version"))),
            column("synthetic", (rs, d) -> flag(rs.getBoolean("synthetic"))),
            column("age", (rs, d) -> Integer.toString(d.isPresent() ? Deidentifier.age(rs.getInt("age_years")) : rs.getInt("age_years"))),
            column("age_90_or_older", (rs, d) -> flag(rs.getInt("age_years") > Deidentifier.MAX_EXACT_AGE)),
            column("sex", (rs, d) -> rs.getString("sex")),
            column("ecog", (rs, d) -> na(CaseStore.integer(rs, "ecog"))),
            column("level_1", (rs, d) -> na(bool(rs, "level_1").map(Exporter::flag))),
            column("level_2", (rs, d) -> na(bool(rs, "level_2").map(Exporter::flag))),
            column("level_3", (rs, d) -> na(bool(rs, "level_3").map(Exporter::flag))),
            column("highest_level", (rs, d) -> na(CaseStore.integer(rs, "highest_level"))),
            column("intracardiac", (rs, d) -> flag(rs.getBoolean("intracardiac"))),
            column("ivc_involvement", (rs, d) -> na(rs.getString("ivc_involvement"))),
            column("ajcc_stage", (rs, d) -> na(rs.getString("ajcc_stage"))),
            column("grade", (rs, d) -> na(CaseStore.integer(rs, "grade"))),
            column("margin", (rs, d) -> na(rs.getString("margin"))),
            column("closest_margin_mm", (rs, d) -> na(CaseStore.decimal(rs, "closest_margin_mm").map(Exporter::number))),
            column("size_cm", (rs, d) -> na(CaseStore.decimal(rs, "size_cm").map(Exporter::number))),
            column("ivc_management", (rs, d) -> na(rs.getString("ivc_management"))),
            column("neoadjuvant_rt", (rs, d) -> flag(rs.getBoolean("neoadjuvant_rt"))),
            column("neoadjuvant_chemo", (rs, d) -> flag(rs.getBoolean("neoadjuvant_chemo"))),
            column("intent", (rs, d) -> rs.getString("intent")),
            column("stage", (rs, d) -> rs.getString("stage")),
            new CsvColumn("operation_date", true,
                    (rs, d) -> na(Optional.ofNullable(rs.getObject("operation_date", LocalDate.class)))),
            new CsvColumn("last_contact_date", true,
                    (rs, d) -> na(Optional.ofNullable(rs.getObject("last_contact_date", LocalDate.class)))),
            column("vital_status", (rs, d) -> na(rs.getString("vital_status"))),
            column("cause_of_death", (rs, d) -> na(rs.getString("cause_of_death"))),
            column("time_days", (rs, d) -> na(CaseStore.integer(rs, "followup_days"))),
            column("time_months", (rs, d) -> na(CaseStore.integer(rs, "followup_days").map(Exporter::months))),
            column("event", (rs, d) -> na(Optional.ofNullable(rs.getString("vital_status")).map(v -> v.equals("DEAD") ? "1" : "0"))),
            column("recurrence_event", (rs, d) -> na(bool(rs, "recurrence").map(Exporter::flag))),
            column("recurrence_time_days", (rs, d) -> na(CaseStore.integer(rs, "recurrence_days"))),
            column("recurrence_time_months", (rs, d) -> na(CaseStore.integer(rs, "recurrence_days").map(Exporter::months))),
            column("asa_class", (rs, d) -> na(CaseStore.integer(rs, "asa_class"))),
            column("lvef_pct", (rs, d) -> na(CaseStore.decimal(rs, "lvef_pct").map(Exporter::number))),
            column("egfr_ml_min", (rs, d) -> na(CaseStore.decimal(rs, "egfr_ml_min").map(Exporter::number))),
            column("imaging_nodes", (rs, d) -> na(rs.getString("imaging_nodes"))),
            column("pathology_nodes", (rs, d) -> na(rs.getString("pathology_nodes"))),
            column("local_recurrence_event", (rs, d) -> na(bool(rs, "local_recurrence").map(Exporter::flag))),
            column("local_recurrence_time_days", (rs, d) -> na(CaseStore.integer(rs, "local_recurrence_days"))),
            column("distant_metastasis_event", (rs, d) -> na(bool(rs, "distant_metastasis").map(Exporter::flag))),
            column("distant_metastasis_time_days", (rs, d) -> na(CaseStore.integer(rs, "distant_metastasis_days"))));

    /** The CSV columns of an identified or a de-identified export. */
    private static List<CsvColumn> csvColumns(boolean deidentified) {
        return deidentified ? CSV.stream().filter(c -> !c.identifying()).toList() : CSV;
    }

    /** The CSV header for an identified or a de-identified export. */
    static List<String> csvHeader(boolean deidentified) {
        return csvColumns(deidentified).stream().map(CsvColumn::header).toList();
    }

    /** Writes the export on {@code c} (which must not be in auto-commit mode, for streaming) and returns the count. */
    static int write(Connection c, ExportRequest request, Writer out) throws SQLException, IOException {
        boolean ndjson = request.format() == ExportFormat.NDJSON;
        Optional<Deidentifier> deidentifier = request.deidentifyWith().map(Deidentifier::new);
        String sql = "SELECT " + (ndjson ? "v.case_id, v.content" : COLUMNS) + " FROM case_version v WHERE "
                + CaseStore.LATEST + " AND v.retired = FALSE ORDER BY v.case_id";
        if (!ndjson) {
            out.write(String.join(",", csvHeader(deidentifier.isPresent())));
            out.write('\n');
        }
        int count = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (ndjson) {
                        String json = CanonicalJson.of(rs.getString("content"));
                        out.write(deidentifier.map(d -> d.json(json)).orElse(json));
                    } else {
                        out.write(csvRow(rs, deidentifier));
                    }
                    out.write('\n');
                    count++;
                }
            }
        }
        out.flush();
        return count;
    }

    private static String csvRow(ResultSet rs, Optional<Deidentifier> deidentifier) throws SQLException {
        StringBuilder line = new StringBuilder(256);
        boolean first = true;
        for (CsvColumn column : csvColumns(deidentifier.isPresent())) {
            if (!first) {
                line.append(',');
            }
            first = false;
            line.append(quote(column.cell().value(rs, deidentifier)));
        }
        return line.toString();
    }

    private static Optional<Boolean> bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static String flag(boolean value) {
        return value ? "1" : "0";
    }

    private static String na(String value) {
        return value == null ? "NA" : value;
    }

    private static String na(Optional<?> value) {
        return value.map(Object::toString).orElse("NA");
    }

    static String months(int days) {
        return String.format(Locale.ROOT, "%.2f", days / DAYS_PER_MONTH);
    }

    private static String number(double value) {
        BigDecimal d = BigDecimal.valueOf(value).stripTrailingZeros();
        return d.signum() == 0 ? "0" : d.toPlainString();
    }

    /** RFC 4180 quoting, only where needed. */
    private static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
