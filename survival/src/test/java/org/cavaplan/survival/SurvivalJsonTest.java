package org.cavaplan.survival;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one writer of survival JSON, and survival data read straight from typed rows. */
class SurvivalJsonTest {

    /** A typed row, as a caller (the registry's analysis rows) hands them over. */
    record Patient(double days, boolean died, String arm, double age) {}

    static final List<Patient> PATIENTS = List.of(
            new Patient(5, true, "A", 61), new Patient(8, false, "B", 70), new Patient(9, true, "A", 55),
            new Patient(12, true, "B", 80), new Patient(Double.NaN, false, "A", 47), new Patient(15, false, null, 66),
            new Patient(20, true, "B", 72), new Patient(23, false, "A", 58));

    static SurvivalData fromRows() throws SurvivalException {
        return SurvivalData.of(PATIENTS, Patient::days, p -> p.died() ? 1 : 0)
                .withGroups("arm", PATIENTS, Patient::arm)
                .withCovariate("age", PATIENTS, Patient::age);
    }

    static SurvivalData fromArrays() throws SurvivalException {
        return SurvivalData.of(PATIENTS.stream().mapToDouble(Patient::days).toArray(),
                        PATIENTS.stream().mapToDouble(p -> p.died() ? 1 : 0).toArray())
                .withGroups("arm", PATIENTS.stream().map(Patient::arm).toArray(String[]::new))
                .withCovariate("age", PATIENTS.stream().mapToDouble(Patient::age).toArray());
    }

    @Test
    void data_read_from_typed_rows_give_the_results_of_the_same_values_in_arrays() throws SurvivalException {
        Analysis rows = Survival.analyze(fromRows());
        Analysis arrays = Survival.analyze(fromArrays());

        assertThat(SurvivalJson.analysis(rows)).isEqualTo(SurvivalJson.analysis(arrays));
        assertThat(rows.cox().orElseThrow().covariance()).isDeepEqualTo(arrays.cox().orElseThrow().covariance());
        assertThat(rows.kaplanMeier()).extracting(KaplanMeier::group).containsExactly("A", "B");
        assertThat(rows.kmDropped()).isEqualTo(2);
        assertThat(rows.cox().orElseThrow().n()).isEqualTo(7);
    }

    @Test
    void the_analysis_document_has_curves_test_model_rows_and_dropped_in_order() throws SurvivalException {
        String json = SurvivalJson.analysis(Survival.analyze(fromRows()));

        assertThat(json).startsWith("{\"km\":[{\"group\":\"A\",\"n\":3,\"events\":2,\"median\":9.0,")
                .contains("\"table\":[{\"time\":5.0,\"nRisk\":3,\"nEvent\":1,\"nCensor\":0,\"survival\":0.6666666666666666,")
                .contains("},{\"group\":\"B\",")
                .contains("\"logRank\":{\"chiSquare\":")
                .contains("\"groups\":[{\"group\":\"A\",\"n\":3,\"observed\":2.0,")
                .contains("\"cox\":{\"ties\":\"efron\",\"coefficients\":[{\"name\":\"age\",\"coef\":")
                .endsWith(",\"rows\":8,\"dropped\":2}");
        assertThat(json).doesNotContain("NaN").doesNotContain("Infinity").doesNotContain(" ");
    }

    @Test
    void undefined_numbers_are_null_and_an_absent_test_or_model_is_null() throws SurvivalException {
        SurvivalData data = SurvivalData.of(PATIENTS, Patient::days, p -> 0.0);

        String json = SurvivalJson.analysis(Survival.analyze(data));

        assertThat(json).contains("\"median\":null,\"medianLower95\":null,\"medianUpper95\":null")
                .endsWith("\"logRank\":null,\"cox\":null,\"rows\":8,\"dropped\":1}");
    }

    @Test
    void labels_are_escaped_as_json_strings() throws SurvivalException {
        List<Patient> odd = List.of(new Patient(1, true, "say \"R0\"\\", 50), new Patient(2, false, "tab\there\n", 60),
                new Patient(3, true, "a\u0001b", 70));
        SurvivalData data = SurvivalData.of(odd, Patient::days, p -> p.died() ? 1 : 0).withGroups("arm", odd, Patient::arm);

        String json = SurvivalJson.kaplanMeier("arm", Survival.kaplanMeier(data), Optional.empty(), 3, 0);

        assertThat(json).startsWith("{\"factor\":\"arm\",\"km\":[")
                .contains("\"group\":\"say \\\"R0\\\"\\\\\"")
                .contains("\"group\":\"tab\\there\"")
                .contains("\"group\":\"a\\u0001b\"")
                .endsWith("],\"logRank\":null,\"n\":3,\"excluded\":0}");
    }

    @Test
    void the_cox_document_names_its_covariates_and_the_cases_left_out() throws SurvivalException {
        CoxModel model = Survival.cox(fromRows());

        String json = SurvivalJson.cox(List.of("age"), model, 1);

        assertThat(json).startsWith("{\"covariates\":[\"age\"],\"cox\":{\"ties\":\"efron\",")
                .contains("\"logLikelihood\":[" + model.logLikelihoodNull() + "," + model.logLikelihood() + "]")
                .contains("\"concordance\":{\"value\":")
                .endsWith("\"iterations\":" + model.iterations() + "},\"n\":7,\"excluded\":1}");
    }
}
