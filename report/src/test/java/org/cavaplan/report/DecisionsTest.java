package org.cavaplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.vocabulary.NextSurveillance;
import org.cavaplan.core.vocabulary.PlanWords;
import org.junit.jupiter.api.Test;

/** Page 1's key decisions box: the plan's red flags, its key decisions and the next surveillance imaging, in words. */
class DecisionsTest {

    private static final String CONTRAINDICATED = "knowledge/src/test/resources/golden/04-level3-intracardiac-ligation-contraindicated/case.json";
    private static final String OCCLUDED_PATCH = "knowledge/src/test/resources/golden/29-patch-occlusion-on-follow-up/case.json";
    private static final String PRETREATMENT = "knowledge/src/test/resources/golden/02-level1-infrarenal-patch-pretreatment/case.json";

    private static Case kase(String path) {
        return Fixtures.read(Fixtures.ROOT.resolve(path));
    }

    /**
     * The level-3 plan with key decisions chosen here, out of the phases' order, so that the box can
     * only show them as the plan lists them: the graft, a work-up row, the patch advised against.
     */
    private static Plan withChosenKeyDecisions(Plan plan) {
        List<KeyDecision> chosen = new ArrayList<>();
        for (String id : List.of("ivc.interposition-graft", "workup.echocardiography", "ivc.patch-cavoplasty")) {
            chosen.add(KeyDecision.of(plan.recommendation(id).orElseThrow(() -> new AssertionError(id + " is not in the plan"))));
        }
        return Fixtures.with(plan, plan.redFlags(), chosen, plan.recommendations());
    }

    @Test
    void the_red_flags_come_first_each_with_its_name_its_message_and_the_facts_behind_it_as_labels() {
        Plan plan = Fixtures.plan(kase(CONTRAINDICATED));
        assertThat(plan.redFlags()).isNotEmpty();
        List<Decisions.Flag> flags = Decisions.of(plan).flags();
        assertThat(flags).hasSameSizeAs(plan.redFlags());
        for (int i = 0; i < flags.size(); i++) {
            RedFlag flag = plan.redFlags().get(i);
            assertThat(flags.get(i).name()).isEqualTo(PlanWords.redFlag(flag.code())).isNotBlank().isNotEqualTo(flag.code());
            assertThat(flags.get(i).text()).isEqualTo(PlanWords.redFlagText(flag)).endsWith(flag.message());
            assertThat(flags.get(i).because()).containsExactlyElementsOf(flag.because().stream().map(plan::label).toList())
                    .noneSatisfy(label -> assertThat(label).startsWith("/"));
        }
    }

    @Test
    void a_flag_whose_message_starts_with_its_name_is_not_named_twice() {
        assertThat(PlanWords.redFlagText(new RedFlag("RECURRENCE", "Recurrence after the operation.", List.of())))
                .isEqualTo("Recurrence after the operation.");
        assertThat(PlanWords.redFlagText(new RedFlag("CONDUIT_THROMBOSIS", "The conduit is occluded.", List.of())))
                .isEqualTo("Conduit thrombosis: The conduit is occluded.");
        assertThat(PlanWords.redFlagText(new RedFlag("NOT_A_CODE", "A flag without words for its code.", List.of())))
                .isEqualTo("A flag without words for its code.");
    }

    @Test
    void the_key_decisions_are_the_plans_own_in_its_order_with_the_phase_each_belongs_to() {
        Plan plan = withChosenKeyDecisions(Fixtures.plan(kase(CONTRAINDICATED)));
        List<Decisions.Item> items = Decisions.of(plan).decisions();
        List<Decisions.Item> expected = new ArrayList<>();
        for (KeyDecision k : plan.keyDecisions()) {
            expected.add(new Decisions.Item(plan.recommendation(k.id()).orElseThrow().phase().title(), k.status(), k.summary()));
        }
        assertThat(items).containsExactlyElementsOf(expected);
        assertThat(items).extracting(Decisions.Item::phase).containsExactly("IVC management", "Work-up", "IVC management");
        assertThat(items).extracting(Decisions.Item::status).contains(Status.NOT_RECOMMENDED)
                .as("a contraindication the plan did not make a key decision stays a red flag").doesNotContain(Status.CONTRAINDICATED);
    }

    @Test
    void a_key_decision_without_its_recommendation_in_the_plan_is_shown_without_a_phase() {
        Plan plan = Fixtures.plan(kase(CONTRAINDICATED));
        Plan odd = Fixtures.with(plan, List.of(), List.of(new KeyDecision("intent.not-in-this-plan", Status.CONSIDER, "A decision.")),
                plan.recommendations());
        assertThat(Decisions.of(odd).decisions()).containsExactly(new Decisions.Item("", Status.CONSIDER, "A decision."));
    }

    @Test
    void the_next_surveillance_imaging_is_read_from_the_schedule_the_plan_holds() {
        Plan plan = Fixtures.plan(kase(OCCLUDED_PATCH));
        Recommendation imaging = plan.recommendation(Decisions.SURVEILLANCE_IMAGING).orElseThrow();
        NextSurveillance next = Decisions.of(plan).surveillance().orElseThrow();
        assertThat(next.next()).startsWith("Next imaging due " + imaging.parameters().get("nextDue") + ": CT chest, abdomen and pelvis (")
                .endsWith(" risk).");
        assertThat(next.overdue()).isEmpty();
    }

    @Test
    void overdue_studies_named_by_the_plan_are_listed_and_printed_in_red_on_page_one() throws IOException {
        Case kase = kase(OCCLUDED_PATCH);
        Plan plan = Fixtures.plan(kase);
        Plan overdue = Fixtures.withOverdue(plan, List.of(LocalDate.parse("2020-08-31"), LocalDate.parse("2021-02-28")));
        assertThat(Decisions.of(overdue).surveillance().orElseThrow().overdue()).containsExactly("2020-08-31", "2021-02-28");
        try (Pdf pdf = Pdf.of(Report.render(kase, overdue))) {
            String page = pdf.text(1);
            assertThat(page).contains("Next surveillance Next imaging due", "OVERDUE Due before " + plan.asOf()
                    + " and not recorded: 2020-08-31, 2021-02-28.");
            assertThat(page.indexOf("OVERDUE")).isLessThan(page.indexOf("Patient summary"));
            Layout.assertInsideMargins(pdf);
        }
    }

    @Test
    void before_the_operation_the_box_has_no_surveillance_line() {
        Plan plan = Fixtures.plan(kase(PRETREATMENT));
        assertThat(plan.recommendation(Decisions.SURVEILLANCE_IMAGING)).isEmpty();
        assertThat(Decisions.of(plan).surveillance()).isEmpty();
    }

    @Test
    void page_one_opens_with_the_red_flags_then_the_key_decisions_above_the_patient_summary() throws IOException {
        Case kase = kase(CONTRAINDICATED);
        Plan plan = withChosenKeyDecisions(Fixtures.plan(kase));
        try (Pdf pdf = Pdf.of(Report.render(kase, plan))) {
            String page = pdf.text(1);
            PageOne.opensWithTheRedFlagsThenTheKeyDecisions(page, plan, RedFlag::message,
                    k -> PlanWords.status(k.status()) + " " + k.summary());
            assertThat(page).contains("2 red flags", "RED FLAG Contraindication: ", "IVC management Recommended ",
                    "Work-up Recommended ", "Not recommended " + plan.recommendation("ivc.patch-cavoplasty").orElseThrow().summary());
        }
    }

    @Test
    void page_one_speaks_in_clinical_words_without_rule_ids_pointers_or_constants() throws IOException {
        Case kase = kase(CONTRAINDICATED);
        Plan plan = withChosenKeyDecisions(Fixtures.plan(kase));
        try (Pdf pdf = Pdf.of(Report.render(kase, plan))) {
            String page = pdf.text(1);
            for (Recommendation r : plan.recommendations()) {
                assertThat(page).doesNotContain(r.id());
            }
            for (RedFlag f : plan.redFlags()) {
                assertThat(page).doesNotContain(f.code() + " ").contains(PlanWords.redFlag(f.code()));
                for (Fact fact : f.because()) {
                    assertThat(page).doesNotContain(fact.pointer()).contains(plan.label(fact));
                }
            }
            assertThat(page).doesNotContain("CURATIVE", "PRETREATMENT", "UNTREATED", "NOT_RECOMMENDED", "RECOMMENDED ")
                    .contains("Stage of care Pre-treatment", "Intent Curative", "Disease status Untreated");
        }
    }

    @Test
    void the_red_flags_sit_on_a_red_band_above_the_patient_summary() throws IOException {
        Case kase = kase(CONTRAINDICATED);
        Plan plan = Fixtures.plan(kase);
        try (Pdf pdf = Pdf.of(Report.render(kase, plan))) {
            List<Pdf.Box> band = pdf.filled(1, Palette.FLAG_BAND);
            assertThat(band).isNotEmpty();
            float summary = pdf.find(1, "Patient summary").orElseThrow().baseline();
            // the message's first words: a long message wraps onto further lines
            String message = plan.redFlags().get(0).message();
            float flag = pdf.find(1, message.substring(0, Math.min(24, message.length()))).orElseThrow().baseline();
            assertThat(band).allSatisfy(b -> assertThat(b.bottom()).isGreaterThan(summary));
            assertThat(band.stream().anyMatch(b -> flag > b.bottom() && flag < b.top())).isTrue();
            assertThat(pdf.filled(1, Palette.FLAG)).as("a red badge per flag and the red bar")
                    .hasSizeGreaterThan(plan.redFlags().size());
        }
    }

    @Test
    void a_plan_without_red_flags_or_key_decisions_says_that_the_plan_by_phase_follows() throws IOException {
        Case kase = kase(PRETREATMENT);
        Plan plan = Fixtures.with(Fixtures.plan(kase), List.of(), List.of(), Fixtures.plan(kase).recommendations());
        assertThat(Decisions.of(plan).isEmpty()).isTrue();
        try (Pdf pdf = Pdf.of(Report.render(kase, plan))) {
            assertThat(pdf.text(1)).contains("Key decisions The plan marks no key decision; the care plan by phase follows.")
                    .doesNotContain("red flag");
            assertThat(pdf.filled(1, Palette.FLAG_BAND)).isEmpty();
        }
    }
}
