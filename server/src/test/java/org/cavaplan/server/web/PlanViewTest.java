package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PlanSections;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.SurveillanceSchedule;
import org.cavaplan.core.plan.Warning;
import org.cavaplan.core.vocabulary.Vocabulary;
import org.cavaplan.io.CaseReader;
import org.cavaplan.core.vocabulary.PlanWords;
import org.cavaplan.io.ReadResult;
import org.cavaplan.core.vocabulary.SourceWords;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlanViewTest {

    private static final Path GOLDEN = Path.of("../knowledge/src/test/resources/golden");
    private static final Path SEED = Path.of("../examples/seed-case.json");
    private static final Engine ENGINE = Engine.create(CavaPlanKnowledge.create());
    private static final CaseReader READER = CaseReader.create();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A case, its plan as of the date the CLI would use, and the rendered page. */
    record Rendered(Case kase, Plan plan, String html, Document doc) {}

    static Case read(Path file) {
        try {
            ReadResult result = READER.read(Files.readString(file));
            if (result instanceof ReadResult.Valid valid) {
                return valid.value();
            }
            throw new AssertionError(file + " is not a valid case: " + result);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The plan page as the server sends it to a visitor (the layout around the plan), from its record. */
    static String page(String caseId, int version, Case kase, Plan plan, LocalDate asOf) {
        return Pages.render("plan.jte", PlanView.page(new Frame("Plan – " + caseId, null, null), caseId, version, kase, plan, asOf,
                Optional.empty()));
    }

    static Rendered render(Case kase, LocalDate asOf) {
        Plan plan = ENGINE.plan(kase, asOf);
        String html = page(kase.caseId(), 3, kase, plan, asOf);
        return new Rendered(kase, plan, html, Jsoup.parse(html));
    }

    static Rendered seed() {
        Case kase = read(SEED);
        return render(kase, kase.latestDate());
    }

    /** A golden vignette planned as of its expectations' date, else the latest date of the case (as the CLI does). */
    static Rendered golden(String folder) {
        Path dir = GOLDEN.resolve(folder);
        Case kase = read(dir.resolve("case.json"));
        LocalDate asOf = kase.latestDate();
        try {
            JsonNode expectations = MAPPER.readTree(dir.resolve("expectations.json").toFile());
            if (expectations.hasNonNull("asOf")) {
                asOf = LocalDate.parse(expectations.get("asOf").asText());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return render(kase, asOf);
    }

    static Stream<String> goldenFolders() throws IOException {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    static Element card(Document doc, String id) {
        Element card = doc.getElementById("rec-" + id);
        assertThat(card).as("card of " + id).isNotNull();
        return card;
    }

    /** The texts of the drawn tree's nodes on this case's path (first line of each node). */
    static List<String> pathNodes(Document doc) {
        List<String> out = new ArrayList<>();
        for (Element g : doc.select("svg.ivc-tree-svg g.node.on")) {
            out.add(g.select("text").first().text());
        }
        return out;
    }

    /** The plan with other red flags, key decisions and recommendations, all else as it is. */
    static Plan with(Plan plan, List<RedFlag> redFlags, List<KeyDecision> keyDecisions, List<Recommendation> recommendations) {
        return new Plan(plan.caseId(), plan.asOf(), plan.stage(), plan.intent(), plan.diseaseStatus(), plan.classification(),
                keyDecisions, redFlags, plan.response(), recommendations, plan.concordance(), plan.prognosticFactors(),
                plan.missingData(), plan.warnings(), plan.knowledgeBaseVersion(), plan.changedAssumptions(), plan.labels(), plan.sections());
    }

    static Rendered render(Case kase, Plan plan) {
        String html = page(kase.caseId(), 3, kase, plan, plan.asOf());
        return new Rendered(kase, plan, html, Jsoup.parse(html));
    }

    static Recommendation copy(Recommendation r, String id, Phase phase, Status status, Map<String, Object> parameters) {
        return new Recommendation(id, phase, status, r.summary(), r.detail(),
                status == Status.CONDITIONAL ? Optional.of(r.when().orElse("the missing fact is recorded")) : Optional.empty(),
                r.evidence(), r.sources(), r.because(), parameters, r.evidenceUpdates());
    }

    /** Where an element stands in the document, for order checks. */
    static int position(Document doc, String cssQuery) {
        Element e = doc.selectFirst(cssQuery);
        assertThat(e).as(cssQuery).isNotNull();
        return doc.getAllElements().indexOf(e);
    }

    // ---- the first screen: red flags, key decisions, the patient ----------------------------------

    @Test
    void thePageOpensWithTheRedFlagsThenTheKeyDecisionsThenThePatientAboveThePhases() {
        Rendered r = golden("04-level3-intracardiac-ligation-contraindicated");
        assertThat(r.plan().redFlags()).isNotEmpty();
        assertThat(r.plan().keyDecisions()).isNotEmpty();
        Document doc = r.doc();
        int header = position(doc, "header.plan-header");
        int flags = position(doc, "#red-flags");
        int decisions = position(doc, "#key-decisions");
        int patient = position(doc, "#patient");
        int phases = position(doc, "section.phase");
        assertThat(header).isLessThan(flags);
        assertThat(flags).isLessThan(decisions);
        assertThat(decisions).isLessThan(patient);
        assertThat(patient).isLessThan(phases);
        assertThat(position(doc, "#warnings")).isGreaterThan(patient);
    }

    @Test
    void everyRedFlagIsInAnAlertWithItsNameItsMessageAndTheFactsBehindItAsLabels() {
        Rendered r = golden("04-level3-intracardiac-ligation-contraindicated");
        Element alert = r.doc().selectFirst("#red-flags");
        assertThat(alert.attr("role")).isEqualTo("alert");
        assertThat(r.doc().getElementById(alert.attr("aria-labelledby")).text()).isEqualTo(r.plan().redFlags().size() + " red flags");
        Elements items = alert.select("li.red-flag");
        assertThat(items).hasSameSizeAs(r.plan().redFlags());
        for (int i = 0; i < items.size(); i++) {
            RedFlag flag = r.plan().redFlags().get(i);
            Element item = items.get(i);
            assertThat(item.attr("data-code")).isEqualTo(flag.code());
            assertThat(item.select(".red-flag-message").text()).isEqualTo(flag.message());
            assertThat(item.select(".red-flag-name").text()).isEqualTo(PlanWords.redFlag(flag.code()) + ":");
            assertThat(item.text()).doesNotContain(flag.code());
            Elements facts = item.select(".red-flag-because span[title]");
            assertThat(facts.eachText()).containsExactlyElementsOf(flag.because().stream().map(r.plan()::label).toList());
            assertThat(facts.eachAttr("title")).containsExactlyElementsOf(flag.because().stream().map(Fact::pointer).toList());
        }
    }

    @Test
    void aPlanWithoutRedFlagsHasNoAlertAndSaysWhenItMarksNoKeyDecision() {
        Rendered plain = golden("02-level1-infrarenal-patch-pretreatment");
        Rendered none = render(plain.kase(), with(plain.plan(), List.of(), List.of(), plain.plan().recommendations()));
        assertThat(none.doc().select("#red-flags, [role=alert]")).isEmpty();
        assertThat(none.doc().select("#key-decisions .no-key-decisions").text())
                .isEqualTo("The plan marks no key decision; the care plan by phase follows.");
    }

    @Test
    void theKeyDecisionsAreThePlansOwnInItsOrderWithPhaseStatusInWordsAndALinkToTheCard() {
        Rendered golden = golden("04-level3-intracardiac-ligation-contraindicated");
        Plan plan = golden.plan();
        List<KeyDecision> chosen = new ArrayList<>();
        for (String id : List.of("ivc.interposition-graft", "workup.echocardiography", "ivc.patch-cavoplasty")) {
            chosen.add(KeyDecision.of(plan.recommendation(id).orElseThrow()));
        }
        chosen.add(new KeyDecision("intent.not-in-this-plan", Status.CONDITIONAL, "A decision whose card is not in the plan."));
        Rendered r = render(golden.kase(), with(plan, plan.redFlags(), chosen, plan.recommendations()));
        Elements items = r.doc().select("#key-decisions ol.key-decision-list > li.key-decision");
        assertThat(items.eachAttr("data-id")).containsExactly("ivc.interposition-graft", "workup.echocardiography",
                "ivc.patch-cavoplasty", "intent.not-in-this-plan");
        for (int i = 0; i < chosen.size(); i++) {
            KeyDecision k = chosen.get(i);
            Element item = items.get(i);
            assertThat(item.select(".badge").text()).isEqualTo(PlanWords.status(k.status()));
            assertThat(item.select(".key-summary").text()).isEqualTo(k.summary());
            assertThat(item.text()).doesNotContain(k.id()).doesNotContain(k.status().name());
            plan.recommendation(k.id()).ifPresentOrElse(rec -> {
                assertThat(item.select(".key-phase").text()).isEqualTo(rec.phase().title());
                assertThat(item.select("a.key-summary").attr("href")).isEqualTo("#rec-" + k.id());
            }, () -> assertThat(item.select("a, .key-phase")).isEmpty());
        }
        assertThat(items.get(2).select(".badge").text()).isEqualTo("Not recommended");
    }

    @Test
    void theNextSurveillanceImagingAndAnyOverdueStudyFollowTheKeyDecisions() {
        Rendered golden = golden("29-patch-occlusion-on-follow-up");
        Recommendation imaging = golden.plan().recommendation("surveillance.imaging").orElseThrow();
        assertThat(golden.doc().select("#key-decisions .next-surveillance").text())
                .startsWith("Next surveillance: Next imaging due " + imaging.parameters().get("nextDue") + ": CT chest");
        assertThat(golden.doc().select("#key-decisions .overdue")).isEmpty();
        Plan plan = golden.plan();
        SurveillanceSchedule s = plan.sections().surveillance().orElseThrow();
        SurveillanceSchedule overdue = new SurveillanceSchedule(s.modality(), s.higherRisk(), s.riskReasons(), s.operationDate(),
                s.due(), s.nextDue(), List.of(LocalDate.parse("2020-08-31")));
        Rendered r = render(golden.kase(), new Plan(plan.caseId(), plan.asOf(), plan.stage(), plan.intent(), plan.diseaseStatus(),
                plan.classification(), plan.keyDecisions(), plan.redFlags(), plan.response(), plan.recommendations(),
                plan.concordance(), plan.prognosticFactors(), plan.missingData(), plan.warnings(), plan.knowledgeBaseVersion(),
                plan.changedAssumptions(), plan.labels(), new PlanSections(plan.sections().baseline(), plan.sections().ivc(),
                        plan.sections().recist(), Optional.of(overdue), plan.sections().firstRecurrence())));
        assertThat(r.doc().select("#key-decisions .overdue").text())
                .isEqualTo("Overdue Due before " + r.plan().asOf() + " and not recorded: 2020-08-31.");
    }

    @Test
    void thePatientLineSaysStageOfCareIntentAndDiseaseStatusInWords() {
        Rendered r = seed();
        Element header = r.doc().selectFirst("header.plan-header");
        assertThat(header.select("h1").text()).isEqualTo("Care plan for case seed-case-report");
        assertThat(header.select(".plan-meta").text())
                .isEqualTo("Version 3 · as of 2014-07-07 · knowledge base " + CavaPlanKnowledge.VERSION);
        Map<String, String> facts = new LinkedHashMap<>();
        for (Element div : r.doc().select("#patient dl.plan-facts > div")) {
            facts.put(div.selectFirst("dt").text(), div.selectFirst("dd").text());
        }
        assertThat(facts).containsEntry("Stage of care", "Follow-up").containsEntry("Intent", "Curative")
                .containsEntry("Disease status", PlanWords.capitalised(Vocabulary.enumWords(r.plan().diseaseStatus())))
                .containsEntry("AJCC 8th stage", "clinical " + r.plan().classification().ajccStage().orElseThrow())
                .containsEntry("IVC levels", "1").containsEntry("IVC involvement", "invades the wall")
                .containsEntry("FNCLCC grade", "unknown").containsEntry("Response (RECIST 1.1)", "Stable disease (SD)");
        assertThat(r.doc().select("#patient").text()).doesNotContain("FOLLOW_UP", "CURATIVE", "WALL");
    }

    // ---- content -----------------------------------------------------------------------------------

    @Test
    void everyRecommendationIsACardWithItsStatusInWordsAndItsIdOnlyInAnAttribute() {
        Rendered r = golden("04-level3-intracardiac-ligation-contraindicated");
        assertThat(r.plan().recommendations()).isNotEmpty();
        for (Recommendation rec : r.plan().recommendations()) {
            Element card = card(r.doc(), rec.id());
            String status = PlanWords.status(rec.status());
            assertThat(card.attr("data-id")).isEqualTo(rec.id());
            assertThat(card.select(".badge").first().text()).isEqualTo(status);
            assertThat(card.select(".card-summary").text()).isEqualTo(rec.summary());
            assertThat(card.text()).doesNotContain(rec.id());
            assertThat(card.select(".evidence").text()).contains(rec.evidence());
            List<String> names = new ArrayList<>();
            for (String id : card.attr("aria-labelledby").split(" ")) {
                names.add(r.doc().getElementById(id).text());
            }
            assertThat(names).as("accessible name of " + rec.id()).containsExactly(status, rec.summary());
        }
    }

    @Test
    void everyStatusIsWrittenOutInWordsWhereverItOccursInTheGoldenVignettes() throws IOException {
        List<Status> seen = new ArrayList<>();
        for (String folder : goldenFolders().toList()) {
            Rendered r = golden(folder);
            for (Recommendation rec : r.plan().recommendations()) {
                assertThat(card(r.doc(), rec.id()).select(".badge").first().text())
                        .as(folder + " " + rec.id()).isEqualTo(PlanWords.status(rec.status()));
                if (!seen.contains(rec.status())) {
                    seen.add(rec.status());
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Status.values());
    }

    @ParameterizedTest
    @MethodSource("goldenFolders")
    void noRuleIdPointerOrCodeIsWhereAPersonReads(String folder) {
        Rendered r = golden(folder);
        Document doc = r.doc().clone();
        doc.select("script").remove();
        String text = doc.text();
        for (Recommendation rec : r.plan().recommendations()) {
            assertThat(text).as(rec.id()).doesNotContain(rec.id());
            for (Fact f : rec.because()) {
                assertThat(text).as(f.pointer()).doesNotContain(f.pointer());
            }
            assertThat(text).doesNotContain(rec.status().name() + " ");
        }
        for (RedFlag f : r.plan().redFlags()) {
            for (Fact fact : f.because()) {
                assertThat(text).doesNotContain(fact.pointer());
            }
        }
        for (MissingData m : r.plan().missingData()) {
            assertThat(text).doesNotContain(m.pointer());
        }
        for (Warning w : r.plan().warnings()) {
            assertThat(text).doesNotContain(w.code());
        }
        for (PrognosticFactor p : r.plan().prognosticFactors()) {
            assertThat(text).doesNotContain(p.id());
        }
        assertThat(text).doesNotContain(r.plan().stage().name() + " ", r.plan().intent().name() + " ");
    }

    @Test
    void phasesAreSectionsInThePlansOrderUnderTheirTitles() {
        Rendered r = golden("04-level3-intracardiac-ligation-contraindicated");
        List<String> expected = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        for (Recommendation rec : r.plan().recommendations()) {
            if (!expected.contains(PlanView.phaseAnchor(rec.phase()))) {
                expected.add(PlanView.phaseAnchor(rec.phase()));
                titles.add(rec.phase().title());
            }
        }
        assertThat(r.doc().select("section.phase").eachAttr("id")).isEqualTo(expected);
        assertThat(r.doc().select("section.phase > h2").eachText()).isEqualTo(titles);
        for (Recommendation rec : r.plan().recommendations()) {
            assertThat(card(r.doc(), rec.id()).closest("section").id()).isEqualTo(PlanView.phaseAnchor(rec.phase()));
        }
    }

    @Test
    void supportiveCareAndSystemicTherapyAppearLikeEveryOtherPhase() {
        Rendered golden = golden("12-metastatic-symptomatic-palliative");
        List<Recommendation> recs = new ArrayList<>();
        Recommendation first = golden.plan().recommendations().get(0);
        recs.add(copy(first, "vte.therapeutic-anticoagulation", Phase.SUPPORTIVE, Status.RECOMMENDED, Map.of("months", 6.0)));
        // the plan's own rows of these ids give way to the copies with known parameters
        golden.plan().recommendations().stream()
                .filter(x -> !x.id().equals("systemic.first-line") && !x.id().equals("vte.therapeutic-anticoagulation"))
                .forEach(recs::add);
        recs.add(copy(first, "systemic.first-line", Phase.SYSTEMIC, Status.RECOMMENDED,
                Map.of("regimens", List.of("doxorubicin + trabectedin", "doxorubicin"))));
        Rendered r = render(golden.kase(), with(golden.plan(), golden.plan().redFlags(),
                List.of(KeyDecision.of(recs.get(recs.size() - 1))), recs));
        assertThat(r.doc().select("section.phase > h2").eachText()).contains("Supportive care", "Systemic therapy");
        assertThat(r.doc().select("section.phase").first().id()).isEqualTo(PlanView.phaseAnchor(Phase.SUPPORTIVE));
        assertThat(r.doc().select("section.phase").last().id()).isEqualTo(PlanView.phaseAnchor(Phase.SYSTEMIC));
        assertThat(r.doc().select(".plan-toc a").eachText()).contains("Supportive care", "Systemic therapy");
        assertThat(card(r.doc(), "systemic.first-line").select("dl.params dd").text()).isEqualTo("doxorubicin + trabectedin, doxorubicin");
        assertThat(r.doc().select("#key-decisions .key-phase").text()).isEqualTo("Systemic therapy");
    }

    @Test
    void sourcesInWordsAndTriggeringFactsAsLabelsUnfoldFromDetailsInsideEachCard() {
        Rendered r = golden("04-level3-intracardiac-ligation-contraindicated");
        for (Recommendation rec : r.plan().recommendations()) {
            Element card = card(r.doc(), rec.id());
            Elements details = card.select("details.provenance");
            assertThat(details).hasSize(1);
            Element fold = details.first();
            assertThat(fold.hasAttr("open")).isFalse();
            assertThat(fold.child(0).tagName()).isEqualTo("summary");
            Elements facts = fold.select("ul.because li");
            assertThat(facts.eachText()).containsExactlyElementsOf(rec.because().stream().map(r.plan()::label).toList());
            assertThat(facts.eachAttr("title")).containsExactlyElementsOf(rec.because().stream().map(Fact::pointer).toList());
            List<String> sources = fold.select("ul.sources li").eachText();
            assertThat(sources).containsExactlyElementsOf(rec.sources().stream().map(SourceWords::of).toList());
            assertThat(fold.select("ul.sources cite[title]")).hasSameSizeAs(rec.sources());
            assertThat(card.text()).doesNotContain("/imaging/", "/operation/", "seed [");
        }
    }

    @Test
    void theDownloadEditAndHistoryLinksPointAtTheCase() {
        Rendered r = seed();
        Element pdf = r.doc().selectFirst("a.button[href=/cases/seed-case-report/report.pdf]");
        assertThat(pdf).isNotNull();
        assertThat(pdf.text()).isEqualTo("Download PDF report");
        assertThat(r.doc().selectFirst("a[href=/cases/seed-case-report/edit]").text()).isEqualTo("Edit");
        assertThat(r.doc().selectFirst("a[href=/cases/seed-case-report/history]").text()).isEqualTo("History");
    }

    @Test
    void warningsAreListedByTheirMessageAndTheirCodeOnlyInAnAttribute() {
        Rendered r = seed();
        assertThat(r.plan().warnings()).isNotEmpty();
        Elements items = r.doc().select("#warnings li");
        assertThat(items).hasSameSizeAs(r.plan().warnings());
        for (int i = 0; i < items.size(); i++) {
            Warning w = r.plan().warnings().get(i);
            assertThat(items.get(i).text()).isEqualTo("Warning " + w.message());
            assertThat(items.get(i).attr("data-code")).isEqualTo(w.code());
        }
    }

    @Test
    void missingDataIsListedByFieldHeadingWithLinksToTheRecommendationsItAffects() {
        Rendered r = golden("31-lumen-collaterals-circumference-unknown");
        assertThat(r.plan().missingData()).isNotEmpty();
        Elements rows = r.doc().select("#missing-data tbody tr");
        assertThat(rows).hasSameSizeAs(r.plan().missingData());
        for (int i = 0; i < rows.size(); i++) {
            MissingData m = r.plan().missingData().get(i);
            Element field = rows.get(i).selectFirst("td");
            assertThat(field.text()).isEqualTo(Vocabulary.heading(m.pointer()));
            assertThat(field.attr("title")).isEqualTo(m.pointer());
            Element row = rows.get(i);
            for (String affected : m.affects()) {
                r.plan().recommendation(affected).ifPresent(rec -> assertThat(row.select("a[href=#rec-" + affected + "]").text())
                        .isEqualTo(rec.summary()));
            }
        }
    }

    @Test
    void concordancePrognosticFactorsAndEvidenceUpdatesAreInWords() {
        Rendered r = seed();
        Document doc = r.doc();
        assertThat(r.plan().concordance()).isNotEmpty();
        for (Concordance c : r.plan().concordance()) {
            assertThat(doc.select("#concordance article[data-id=" + c.id() + "]")).anySatisfy(a -> {
                assertThat(a.select(".badge").text()).isEqualTo(PlanWords.capitalised(Vocabulary.enumWords(c.verdict())));
                assertThat(a.select(".card-summary").text()).isEqualTo(c.note());
                assertThat(a.select("details ul.because li").eachAttr("title"))
                        .containsExactlyElementsOf(c.because().stream().map(Fact::pointer).toList());
                assertThat(a.select("details ul.because li").eachText())
                        .containsExactlyElementsOf(c.because().stream().map(r.plan()::label).toList());
            });
        }
        for (PrognosticFactor p : r.plan().prognosticFactors()) {
            Element card = doc.selectFirst("#prognostic-factors article[data-id=" + p.id() + "]");
            assertThat(card.select(".card-summary").text()).isEqualTo(p.summary());
            assertThat(card.select(".badge").text()).isEqualTo(PlanWords.capitalised(Vocabulary.enumWords(p.effect())));
        }
        for (Recommendation rec : r.plan().recommendations()) {
            for (EvidenceUpdate u : rec.evidenceUpdates()) {
                assertThat(doc.select("#evidence-updates li").eachText())
                        .anySatisfy(t -> assertThat(t).contains(u.source(), u.note(), rec.summary()));
                assertThat(card(doc, rec.id()).select(".updates li").eachText()).anySatisfy(t -> assertThat(t).contains(u.note()));
            }
        }
    }

    @Test
    void aConditionalCardSaysWhenAndParametersAreShownWithUnits() {
        Rendered r = golden("31-lumen-collaterals-circumference-unknown");
        Recommendation ligation = r.plan().recommendation("ivc.ligation").orElseThrow();
        assertThat(ligation.status()).isEqualTo(Status.CONDITIONAL);
        assertThat(card(r.doc(), "ivc.ligation").select("p.when").text()).isEqualTo("When: " + ligation.when().orElseThrow());
        Rendered level3 = golden("04-level3-intracardiac-ligation-contraindicated");
        Element graft = card(level3.doc(), "ivc.interposition-graft");
        assertThat(graft.select("dl.params dt").eachText()).contains("circumference (%)", "threshold (%)");
        assertThat(card(level3.doc(), "op.systemic-heparin").select("dl.params dt").eachText()).containsExactly("act target (s)");
    }

    // ---- RECIST and the schedule -------------------------------------------------------------------

    @Test
    void theRecistTableShowsBaselineRestagingTheChangeAndTheEllipsoidVolume() {
        Rendered r = seed();
        Element table = r.doc().selectFirst("#response table.recist");
        assertThat(table).isNotNull();
        Elements rows = table.select("tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).select("th").text()).isEqualTo("Baseline");
        assertThat(rows.get(0).select("td").eachText()).containsExactly("2013-01-15", "CT",
                "4.6, 4.1, 4.4", "46.0", String.format(java.util.Locale.ROOT, "%.1f", Math.PI / 6 * 4.6 * 4.1 * 4.4));
        assertThat(rows.get(0).select("td").get(1).attr("title")).isEqualTo("/imaging/1/tumorDiametersCm");
        assertThat(rows.get(1).select("td").eachText()).containsExactly("2013-04-12", "MRI",
                "5.5, 3.3, 3.4", "55.0", String.format(java.util.Locale.ROOT, "%.1f", Math.PI / 6 * 5.5 * 3.3 * 3.4));
        String change = r.doc().select("#response dl.recist-change").text();
        assertThat(change).contains("+19.6 %", "+9 mm", "-25.6 %", "Stable disease (SD)", "different modalities");
    }

    @Test
    void aCaseWithoutNeoadjuvantResponseHasNoRecistTable() {
        Rendered r = golden("02-level1-infrarenal-patch-pretreatment");
        assertThat(r.plan().response()).isEmpty();
        assertThat(r.doc().select("table.recist")).isEmpty();
    }

    @Test
    void aProgressionIsShownAsProgressiveDisease() {
        Rendered r = golden("22-recist-pd-growth-after-radiotherapy");
        assertThat(r.doc().select("#response dl.recist-change").text()).contains("Progressive disease (PD)", "+25 %");
    }

    @Test
    void theSurveillanceScheduleListsEveryDueDateAndMarksTheNextOne() {
        Rendered r = golden("29-patch-occlusion-on-follow-up");
        Recommendation imaging = r.plan().recommendation("surveillance.imaging").orElseThrow();
        List<?> schedule = (List<?>) imaging.parameters().get("schedule");
        Element table = r.doc().selectFirst("#phase-surveillance table#surveillance-schedule");
        assertThat(table).isNotNull();
        assertThat(table.select("tbody td:eq(1)").eachText()).containsExactlyElementsOf(schedule.stream().map(String::valueOf).toList());
        Elements next = table.select("tbody tr.next");
        assertThat(next).hasSize(1);
        assertThat(next.first().select("td").get(1).text()).isEqualTo(imaging.parameters().get("nextDue"));
        assertThat(next.first().select("td").get(3).text()).isEqualTo("next due");
        assertThat(table.select("tbody tr.past td:eq(1)").eachText()).allSatisfy(
                d -> assertThat(LocalDate.parse(d)).isBeforeOrEqualTo(r.plan().asOf()));
        // the months are the schedule's own: a due date clamped to a month's end is still that many months on
        LocalDate operation = r.kase().operation().orElseThrow().date();
        SurveillanceSchedule.Due first = r.plan().sections().surveillance().orElseThrow().due().get(0);
        assertThat(operation.plusMonths(first.monthsAfterOperation())).isEqualTo(first.date());
        assertThat(table.select("tbody tr").first().select("td").get(2).text()).isEqualTo(String.valueOf(first.monthsAfterOperation()));
    }

    // ---- the IVC decision tree -------------------------------------------------------------------------

    @Test
    void theDecisionTreeHighlightsThePatchPathForAPatchCase() {
        Rendered r = golden("02-level1-infrarenal-patch-pretreatment");
        assertThat(pathNodes(r.doc())).containsExactly("Upper segment (level 3)", "Occluded lumen with well-",
                "Circumference resected", "Patch cavoplasty", "Gross contamination?");
        assertThat(r.doc().select("svg.ivc-tree-svg path.edge.on")).hasSize(4);
        assertThat(r.doc().select("ol.ivc-path li").eachText()).anySatisfy(s -> assertThat(s).contains("40 %", "patch cavoplasty"));
    }

    @Test
    void atLevelThreeThePathSkipsLigationAndEndsAtTheGraft() {
        Rendered r = golden("04-level3-intracardiac-ligation-contraindicated");
        assertThat(pathNodes(r.doc())).containsExactly("Upper segment (level 3)", "Circumference resected",
                "Interposition graft", "Gross contamination?");
        Element ligation = r.doc().select("svg.ivc-tree-svg g.node").get(2);
        assertThat(ligation.hasClass("off")).isTrue();
        assertThat(ligation.text()).contains("Ligation", "Contraindicated");
        Element graft = r.doc().select("svg.ivc-tree-svg g.node.on").get(2);
        assertThat(graft.text()).contains("Interposition graft", "Recommended");
        assertThat(r.doc().select("ol.ivc-path li").eachText()).anySatisfy(s -> assertThat(s).contains("interposition graft"));
    }

    @Test
    void theDecisionTreeHighlightsTheLigationPathForALigationCase() {
        Rendered r = golden("03-level2-occluded-collaterals-ligation");
        Recommendation ligation = r.plan().recommendation("ivc.ligation").orElseThrow();
        if (ligation.status() == Status.RECOMMENDED) {
            assertThat(pathNodes(r.doc())).containsExactly("Upper segment (level 3)", "Occluded lumen with well-", "Ligation");
            assertThat(r.doc().select("svg.ivc-tree-svg path.edge.on")).hasSize(2);
        } else {
            assertThat(pathNodes(r.doc())).startsWith("Upper segment (level 3)");
        }
    }

    @Test
    void theTreeStopsWhereAFactIsUnknownAndSaysWhatIsMissingByFieldName() {
        Rendered r = golden("31-lumen-collaterals-circumference-unknown");
        assertThat(pathNodes(r.doc())).containsExactly("Upper segment (level 3)");
        Elements unknown = r.doc().select("svg.ivc-tree-svg g.node.unknown");
        assertThat(unknown).hasSize(1);
        assertThat(unknown.first().text()).contains("lumen: unknown", "collaterals: unknown", "?");
        Elements missing = r.doc().select("ul.ivc-missing li");
        assertThat(missing.eachText()).anySatisfy(s -> assertThat(s).startsWith("IVC lumen on imaging: "))
                .anySatisfy(s -> assertThat(s).startsWith("Venous collaterals on imaging: "))
                .noneSatisfy(s -> assertThat(s).contains("/imaging/"));
        assertThat(missing.eachAttr("title")).contains("/imaging/1/ivcLumen", "/imaging/1/collaterals");
    }

    @Test
    void exactlyAtTheThresholdThePathEndsAtPatchOrGraft() {
        Rendered r = golden("07-circumference-exactly-75");
        assertThat(pathNodes(r.doc())).containsExactly("Upper segment (level 3)", "Occluded lumen with well-",
                "Circumference resected", "Patch or graft", "Gross contamination?");
        assertThat(r.doc().select("svg.ivc-tree-svg text.edge-label.on").eachText()).contains("= 75 %");
    }

    @Test
    void aPlanWithoutAnIvcDecisionDrawsNoTree() {
        Rendered r = golden("13-metastatic-asymptomatic-palliative");
        assertThat(r.plan().recommendations().stream().filter(x -> x.phase() == Phase.IVC_MANAGEMENT)).isEmpty();
        assertThat(r.doc().select("svg.ivc-tree-svg")).isEmpty();
    }

    @Test
    void afterTheOperationThePlanHasNoIvcRowsAndThePageDrawsNoTree() {
        Rendered r = seed();
        assertThat(r.plan().recommendation("ivc.interposition-graft")).isEmpty();
        assertThat(r.doc().select("svg.ivc-tree-svg, #phase-ivc-management")).isEmpty();
    }

    @Test
    void theTreeIsDrawnFromThePlansIvcSectionAndReadsNoRecommendationParameter() {
        Rendered golden = golden("04-level3-intracardiac-ligation-contraindicated");
        List<Recommendation> recs = new ArrayList<>();
        for (Recommendation rec : golden.plan().recommendations()) {
            recs.add(rec.id().startsWith("ivc.") ? copy(rec, rec.id(), rec.phase(), rec.status(), Map.of()) : rec);
        }
        Rendered r = render(golden.kase(), with(golden.plan(), List.of(), List.of(), recs));
        assertThat(r.doc().select("svg.ivc-tree-svg").outerHtml()).isEqualTo(golden.doc().select("svg.ivc-tree-svg").outerHtml());
        assertThat(pathNodes(r.doc())).containsExactly("Upper segment (level 3)", "Circumference resected",
                "Interposition graft", "Gross contamination?");
        double threshold = golden.plan().sections().ivc().orElseThrow().circumferenceThresholdPct();
        assertThat(r.doc().select("svg.ivc-tree-svg text.edge-label").eachText()).contains("> " + PlanView.value(threshold) + " %");
    }

    @Test
    void aPlanWithoutAnIvcSectionDrawsNoTreeWhateverRowsItHolds() {
        Rendered golden = golden("04-level3-intracardiac-ligation-contraindicated");
        Plan plan = golden.plan();
        Plan withoutSection = new Plan(plan.caseId(), plan.asOf(), plan.stage(), plan.intent(), plan.diseaseStatus(),
                plan.classification(), plan.keyDecisions(), plan.redFlags(), plan.response(), plan.recommendations(),
                plan.concordance(), plan.prognosticFactors(), plan.missingData(), plan.warnings(), plan.knowledgeBaseVersion(),
                plan.changedAssumptions(), plan.labels(), new PlanSections(plan.sections().baseline(), Optional.empty(),
                        plan.sections().recist(), plan.sections().surveillance(), plan.sections().firstRecurrence()));
        assertThat(plan.recommendation("ivc.ligation")).isPresent();
        assertThat(render(golden.kase(), withoutSection).doc().select("svg.ivc-tree-svg")).isEmpty();
    }

    // ---- safety ---------------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("goldenFolders")
    void everyGoldenPageHasEveryRecommendationAndNoInlineStyleOrScript(String folder) {
        Rendered r = golden(folder);
        for (Recommendation rec : r.plan().recommendations()) {
            card(r.doc(), rec.id());
        }
        assertCspSafe(r.html(), r.doc());
        assertThat(r.doc().select("[id]").eachAttr("id")).doesNotHaveDuplicates();
    }

    static void assertCspSafe(String html, Document doc) {
        assertThat(html).doesNotContainIgnoringCase("style=");
        assertThat(doc.select("[style]")).isEmpty();
        assertThat(doc.select("style")).isEmpty();
        for (Element script : doc.select("script")) {
            assertThat(script.hasAttr("src")).isTrue();
            assertThat(script.data()).isEmpty();
        }
        for (Element e : doc.getAllElements()) {
            e.attributes().forEach(a -> assertThat(a.getKey()).as(e.tagName()).doesNotStartWith("on"));
            e.attributes().forEach(a -> assertThat(a.getValue()).doesNotStartWithIgnoringCase("javascript:"));
        }
    }

    @Test
    void hostileTextFromTheCaseAndThePlanIsEscaped() {
        String attack = "\"><img src=x onerror=alert(1)><script>alert(2)</script>'";
        Case kase = read(SEED);
        List<Fact> because = List.of(new Fact("/neoadjuvant/chemotherapy/regimen", attack));
        List<SourceRef> sources = List.of(new SourceRef(attack, attack));
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("regimen", attack);
        parameters.put("schedule", List.of(attack, "2014-08-06"));
        parameters.put("nextDue", attack);
        Recommendation conditional = new Recommendation("surveillance.imaging", Phase.SURVEILLANCE, Status.CONDITIONAL, attack, attack,
                Optional.of(attack), attack, sources, because, parameters, List.of(new EvidenceUpdate(attack, attack)));
        Recommendation ligation = new Recommendation("ivc.ligation", Phase.IVC_MANAGEMENT, Status.CONDITIONAL, attack, attack,
                Optional.of(attack), attack, sources, because, Map.of("lumen", attack, "collaterals", attack,
                        "upperSegmentInvolved", attack), List.of());
        Plan seed = ENGINE.plan(kase, kase.latestDate());
        Plan plan = new Plan(attack, seed.asOf(), seed.stage(), seed.intent(), seed.diseaseStatus(), seed.classification(),
                List.of(org.cavaplan.core.plan.KeyDecision.of(ligation)),
                List.of(new org.cavaplan.core.plan.RedFlag(attack, attack, because)), seed.response(),
                List.of(ligation, conditional), List.of(new Concordance(attack, org.cavaplan.core.plan.Verdict.DISCORDANT, attack, because)),
                List.of(new PrognosticFactor(attack, org.cavaplan.core.plan.Effect.POORER, attack, sources, because)),
                List.of(new MissingData(attack, attack, List.of(attack))), List.of(new Warning(attack, attack)), attack,
                Map.of(attack, attack), fact -> attack, new PlanSections(seed.sections().baseline(),
                        golden("04-level3-intracardiac-ligation-contraindicated").plan().sections().ivc(), seed.sections().recist(),
                        golden("06-levels-2-3-ptfe-graft-r1").plan().sections().surveillance(), seed.sections().firstRecurrence()));
        String html = page(attack, 1, kase, plan, seed.asOf());
        Document doc = Jsoup.parse(html);
        assertThat(doc.select("img")).isEmpty();
        assertThat(doc.select("script").eachAttr("src")).containsExactly(PlanView.SCRIPT);
        assertCspSafe(html, doc);
        assertThat(html).doesNotContain("<img", "<script>alert");
        assertThat(doc.select("h1 .case-id").text()).isEqualTo(attack);
        assertThat(doc.selectFirst("a.button").attr("href")).startsWith("/cases/%22%3E%3Cimg").endsWith("/report.pdf");
        assertThat(doc.select(".card-summary").eachText()).contains(attack);
        assertThat(doc.select("p.when").eachText()).contains("When: " + attack);
        assertThat(doc.select("ul.because li").eachText()).contains(attack);
        assertThat(doc.select("#red-flags .red-flag-message").eachText()).containsExactly(attack);
        assertThat(doc.select("#key-decisions .key-summary").eachText()).containsExactly(attack);
        assertThat(doc.select("#warnings li").text()).contains(attack);
        // the tree and the schedule are drawn from the plan's typed sections (levels, enums, numbers, dates): no free text
        assertThat(doc.select("svg.ivc-tree-svg")).hasSize(1);
        assertThat(doc.select("#surveillance-schedule td")).isNotEmpty();
    }

    @Test
    void aHostileRegimenTypedIntoTheCaseIsShownAsTextAndNeverAsMarkup() throws IOException {
        String attack = "<img src=x onerror=alert(1)><script>alert(2)</script>";
        ObjectMapper mapper = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(
                Files.readString(GOLDEN.resolve("21-recist-sd-under-5-mm/case.json")));
        com.fasterxml.jackson.databind.node.ObjectNode chemo =
                (com.fasterxml.jackson.databind.node.ObjectNode) json.get("neoadjuvant").get("chemotherapy");
        chemo.put("regimen", attack);
        ReadResult result = READER.read(json);
        assertThat(result).isInstanceOf(ReadResult.Valid.class);
        Case kase = ((ReadResult.Valid) result).value();
        Rendered r = render(kase, kase.latestDate());
        assertThat(r.doc().select("img")).isEmpty();
        assertCspSafe(r.html(), r.doc());
        assertThat(r.doc().select("dl.plan-facts dd").eachText()).anySatisfy(t -> assertThat(t).contains("chemotherapy " + attack));
    }

    @Test
    void theStatusColoursCarryWhiteTextAtWcagAaContrastAndPrintingHidesTheButtons() throws IOException {
        String css = Files.readString(Path.of("src/main/resources/org/cavaplan/server/static/plan.css"));
        for (String name : List.of("recommended", "consider", "conditional", "not-recommended", "contraindicated", "muted")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("--" + name + ":\\s*#([0-9a-fA-F]{6});").matcher(css);
            assertThat(m.find()).as(name).isTrue();
            assertThat(contrastWithWhite(m.group(1))).as(name + " #" + m.group(1)).isGreaterThanOrEqualTo(4.5);
        }
        for (Status status : Status.values()) {
            assertThat(css).contains(".badge-" + PlanView.statusClass(status));
        }
        assertThat(css).contains(".red-flags {", ".key-decisions {");
        String print = css.substring(css.indexOf("@media print"));
        assertThat(print).contains(".plan-actions", ".button", "break-inside: avoid");
    }

    static double contrastWithWhite(String hex) {
        double l = 0;
        double[] weights = {0.2126, 0.7152, 0.0722};
        for (int i = 0; i < 3; i++) {
            double c = Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16) / 255.0;
            c = c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
            l += weights[i] * c;
        }
        return 1.05 / (l + 0.05);
    }
}
