package org.cavaplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Verdict;
import org.cavaplan.core.plan.Warning;
import org.junit.jupiter.api.Test;

/** Plans far longer than the engine makes today still wrap, paginate and stay inside the page. */
class LongPlanTest {

    private static final String LONG_TOKEN = "/imaging/0/" + "veryLongFieldNameWithoutAnySpace".repeat(12);

    @Test
    void a_long_plan_wraps_and_paginates_without_text_leaving_the_page() throws IOException {
        Case seed = Fixtures.seed();
        Plan plan = longPlan(Fixtures.plan(seed));
        try (Pdf pdf = Pdf.of(Report.render(seed, plan))) {
            int pages = pdf.pages();
            assertThat(pages).isGreaterThan(20);
            for (int page = 1; page <= pages; page++) {
                assertThat(pdf.text(page)).contains("seed-case-report", "Page " + page + " of " + pages);
            }
            Layout.assertInsideMargins(pdf);
            String text = pdf.text();
            for (Recommendation r : plan.recommendations()) {
                assertThat(text).contains(r.summary());
            }
            assertThat(text.replace(" ", "")).contains(LONG_TOKEN);
            assertThat(text).contains("Evidence updates", "Warning 39: something the team should notice.", "/missing/field/39")
                    .doesNotContain("WARNING_39");
            String first = pdf.text(1);
            for (RedFlag f : plan.redFlags()) {
                assertThat(first.replace(" ", "")).contains(f.message().replace(" ", ""));
            }
            // four red flags explained at length fill page 1; the key decisions then carry on over the page
            String opening = first + " " + pdf.text(2);
            for (KeyDecision k : plan.keyDecisions()) {
                assertThat(opening).contains(k.summary());
            }
        }
    }

    @Test
    void a_table_that_breaks_across_pages_repeats_its_header() throws IOException {
        Case seed = Fixtures.seed();
        Plan plan = longPlan(Fixtures.plan(seed));
        try (Pdf pdf = Pdf.of(Report.render(seed, plan))) {
            int withMissingRows = 0;
            for (int page = 1; page <= pdf.pages(); page++) {
                String text = pdf.text(page);
                if (text.contains("/missing/field/")) {
                    withMissingRows++;
                    assertThat(text).contains("Field Why it is needed Affects");
                }
            }
            assertThat(withMissingRows).isGreaterThan(1);
        }
    }

    @Test
    void characters_the_font_lacks_become_question_marks_instead_of_failing() throws IOException {
        String json = """
                {"schemaVersion":"1","caseId":"odd-text","patient":{"ageYears":50,"sex":"MALE"},
                 "imaging":[{"date":"2020-01-01","modality":"CT","tumorDiametersCm":[3.0],"ivcInvolvement":"WALL",
                   "cranialExtent":"RENAL_VEINS","caudalExtent":"INFRARENAL"}],
                 "neoadjuvant":{"chemotherapy":{"regimen":"doxorubicin \\u963f\\u9709\\u7d20\\tdacarbazine\\u0007 \\u00b1 ifosfamide","endDate":"2020-02-01"}}}
                """;
        Case kase = Fixtures.read(json);
        try (Pdf pdf = Pdf.of(Report.render(kase, Fixtures.plan(kase)))) {
            assertThat(pdf.text(1)).contains("doxorubicin ??? dacarbazine \u00b1 ifosfamide");
            Layout.assertInsideMargins(pdf);
        }
    }

    /** The seed plan with every recommendation six times over, long texts, unbreakable tokens and long tables. */
    static Plan longPlan(Plan plan) {
        List<Recommendation> recs = new ArrayList<>();
        for (int copy = 0; copy < 6; copy++) {
            for (Recommendation r : plan.recommendations()) {
                Map<String, Object> parameters = new LinkedHashMap<>(r.parameters());
                parameters.put("token", LONG_TOKEN);
                parameters.put("list", List.of("one", 2.5, "three", List.of("nested", 4.0)));
                List<Fact> because = new ArrayList<>(r.because());
                because.add(new Fact(LONG_TOKEN, "value"));
                recs.add(new Recommendation(r.id() + ".copy" + copy, r.phase(), copy == 1 ? Status.CONDITIONAL : r.status(),
                        r.summary(), (r.detail() + " ").repeat(3).trim(),
                        copy == 1 ? Optional.of("the missing fact is recorded, " + "which may take a while; ".repeat(5))
                                : r.status() == Status.CONDITIONAL ? r.when() : Optional.empty(),
                        r.evidence(), r.sources(), because, parameters,
                        List.of(new EvidenceUpdate("Series " + copy, "A later series qualifies this. ".repeat(6)))));
            }
        }
        List<Concordance> concordance = new ArrayList<>(plan.concordance());
        List<MissingData> missing = new ArrayList<>();
        List<Warning> warnings = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            concordance.add(new Concordance("check." + i, Verdict.values()[i % 3], "A long note about what was done. ".repeat(4),
                    List.of(new Fact("/operation/date", "2013-05-06"))));
            missing.add(new MissingData("/missing/field/" + i, "it is needed for a firm recommendation ".repeat(3),
                    List.of("ivc.ligation", "surveillance.conduit-thrombosis-review")));
            warnings.add(new Warning("WARNING_" + i, "Warning " + i + ": something the team should notice. ".repeat(5)));
        }
        List<RedFlag> flags = new ArrayList<>();
        for (String code : List.of("CONTRAINDICATION", "INTRACARDIAC", "VENOUS_THROMBOEMBOLISM", "UNKNOWN_CODE")) {
            flags.add(new RedFlag(code, "A red flag the board must see before anything else, " + code + ", "
                    + "explained at length. ".repeat(6) + LONG_TOKEN, List.of(new Fact("/operation/date", "2013-05-06"),
                    new Fact(LONG_TOKEN, "value"))));
        }
        List<KeyDecision> decisions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            decisions.add(KeyDecision.of(recs.get(i % recs.size())));
        }
        return new Plan(plan.caseId(), plan.asOf(), plan.stage(), plan.intent(), plan.diseaseStatus(), plan.classification(),
                decisions, flags, plan.response(), recs, concordance, plan.prognosticFactors(), missing,
                warnings, plan.knowledgeBaseVersion(), plan.changedAssumptions(), plan.labels(), plan.sections());
    }
}
