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
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Warning;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
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

    static Rendered render(Case kase, LocalDate asOf) {
        Plan plan = ENGINE.plan(kase, asOf);
        String html = PlanView.body(kase.caseId(), 3, kase, plan, asOf);
        return new Rendered(kase, plan, html, Jsoup.parseBodyFragment(html));
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

    // ---- content -----------------------------------------------------------------------------------

    @Test
    void theSeedCasePageShowsEveryRecommendationAsACardWithItsStatusInWords() {
        Rendered r = seed();
        assertThat(r.plan().recommendations()).isNotEmpty();
        for (Recommendation rec : r.plan().recommendations()) {
            Element card = card(r.doc(), rec.id());
            String status = rec.status().name().replace('_', ' ');
            assertThat(card.select(".badge").first().text()).isEqualTo(status);
            assertThat(card.select(".card-summary").text()).isEqualTo(rec.summary());
            assertThat(card.select(".rec-id").text()).isEqualTo(rec.id());
            assertThat(card.select(".evidence").text()).contains(rec.evidence());
            List<String> names = new ArrayList<>();
            for (String id : card.attr("aria-labelledby").split(" ")) {
                names.add(r.doc().getElementById(id).text());
            }
            assertThat(names).as("accessible name of " + rec.id()).containsExactly(status, rec.summary());
        }
    }

    @Test
    void everyStatusIsWrittenOutWhereverItOccursInTheGoldenVignettes() throws IOException {
        List<Status> seen = new ArrayList<>();
        for (String folder : goldenFolders().toList()) {
            Rendered r = golden(folder);
            for (Recommendation rec : r.plan().recommendations()) {
                assertThat(card(r.doc(), rec.id()).select(".badge").first().text())
                        .as(folder + " " + rec.id()).isEqualTo(rec.status().name().replace('_', ' '));
                if (!seen.contains(rec.status())) {
                    seen.add(rec.status());
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(Status.values());
    }

    @Test
    void phasesAreSectionsInPathwayOrder() {
        Rendered r = seed();
        List<String> expected = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            if (r.plan().recommendations().stream().anyMatch(x -> x.phase() == phase)) {
                expected.add(PlanView.phaseAnchor(phase));
            }
        }
        List<String> shown = r.doc().select("section.phase").eachAttr("id");
        assertThat(shown).isEqualTo(expected);
        for (Recommendation rec : r.plan().recommendations()) {
            assertThat(card(r.doc(), rec.id()).closest("section").id()).isEqualTo(PlanView.phaseAnchor(rec.phase()));
        }
    }

    @Test
    void sourcesAndTriggeringFactsUnfoldFromDetailsInsideEachCard() {
        Rendered r = seed();
        for (Recommendation rec : r.plan().recommendations()) {
            Element card = card(r.doc(), rec.id());
            Elements details = card.select("details.provenance");
            assertThat(details).hasSize(1);
            Element fold = details.first();
            assertThat(fold.hasAttr("open")).isFalse();
            assertThat(fold.child(0).tagName()).isEqualTo("summary");
            List<String> pointers = fold.select("table.because td:eq(0)").eachText();
            assertThat(pointers).containsExactlyElementsOf(rec.because().stream().map(Fact::pointer).toList());
            List<String> values = fold.select("table.because td:eq(1)").eachText();
            assertThat(values).containsExactlyElementsOf(rec.because().stream().map(f -> PlanView.value(f.value())).toList());
            List<String> sources = fold.select("ul.sources li").eachText();
            assertThat(sources).hasSize(rec.sources().size());
            for (int i = 0; i < sources.size(); i++) {
                assertThat(sources.get(i)).contains(rec.sources().get(i).locator());
            }
            Element outside = card.clone();
            outside.select("details").remove();
            for (Fact f : rec.because()) {
                assertThat(outside.select("code").eachText()).as(rec.id()).doesNotContain(f.pointer());
            }
        }
    }

    @Test
    void theSeedCaseHeaderNamesVersionDatesStageAndTheKnowledgeBase() {
        Rendered r = seed();
        Element header = r.doc().selectFirst("header.plan-header");
        assertThat(header.select("h1").text()).isEqualTo("Care plan for case seed-case-report");
        assertThat(header.select(".plan-meta").text())
                .isEqualTo("Version 3 · as of 2014-07-07 · knowledge base " + CavaPlanKnowledge.VERSION);
        Map<String, String> facts = new LinkedHashMap<>();
        for (Element div : header.select("dl.plan-facts > div")) {
            facts.put(div.selectFirst("dt").text(), div.selectFirst("dd").text());
        }
        assertThat(facts).containsEntry("Stage of the pathway", "follow up").containsEntry("Intent", "curative")
                .containsEntry("AJCC 8th stage", "IB").containsEntry("IVC levels", "1")
                .containsEntry("FNCLCC grade", "unknown").containsEntry("Response (RECIST 1.1)", "SD (stable disease)");
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
    void warningsMissingDataConcordanceAndPrognosticFactorsAreListed() {
        Rendered r = seed();
        Document doc = r.doc();
        for (Warning w : r.plan().warnings()) {
            assertThat(doc.select("#warnings li").eachText()).anySatisfy(t -> assertThat(t).contains(w.code(), w.message()));
        }
        for (MissingData m : r.plan().missingData()) {
            assertThat(doc.select("#missing-data tbody td:eq(0)").eachText()).contains(m.pointer());
            for (String affected : m.affects()) {
                assertThat(doc.select("#missing-data a[href=#rec-" + affected + "]")).isNotEmpty();
            }
        }
        assertThat(r.plan().concordance()).isNotEmpty();
        for (Concordance c : r.plan().concordance()) {
            assertThat(doc.select("#concordance article")).anySatisfy(a -> {
                assertThat(a.select(".badge").text()).isEqualTo(c.verdict().name().replace('_', ' ').toLowerCase());
                assertThat(a.select(".card-summary").text()).isEqualTo(c.note());
                assertThat(a.select("details table.because td:eq(0)").eachText())
                        .containsExactlyElementsOf(c.because().stream().map(Fact::pointer).toList());
            });
        }
        for (PrognosticFactor p : r.plan().prognosticFactors()) {
            assertThat(doc.select("#prognostic-factors .card-summary").eachText()).contains(p.summary());
        }
        for (Recommendation rec : r.plan().recommendations()) {
            for (EvidenceUpdate u : rec.evidenceUpdates()) {
                assertThat(doc.select("#evidence-updates li").eachText())
                        .anySatisfy(t -> assertThat(t).contains(u.source(), u.note(), rec.id()));
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
        Rendered seed = seed();
        Element graft = card(seed.doc(), "ivc.interposition-graft");
        assertThat(graft.select("dl.params dt").eachText()).contains("circumference (%)", "threshold (%)");
        assertThat(card(seed.doc(), "op.systemic-heparin").select("dl.params dt").eachText()).containsExactly("act target (s)");
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
        assertThat(rows.get(0).select("td").eachText()).containsExactly("2013-01-15", "CT /imaging/1/tumorDiametersCm",
                "4.6, 4.1, 4.4", "46.0", String.format(java.util.Locale.ROOT, "%.1f", Math.PI / 6 * 4.6 * 4.1 * 4.4));
        assertThat(rows.get(1).select("td").eachText()).containsExactly("2013-04-12", "MRI /imaging/2/tumorDiametersCm",
                "5.5, 3.3, 3.4", "55.0", String.format(java.util.Locale.ROOT, "%.1f", Math.PI / 6 * 5.5 * 3.3 * 3.4));
        String change = r.doc().select("#response dl.recist-change").text();
        assertThat(change).contains("+19.6 %", "+9 mm", "-25.6 %", "SD (stable disease)", "different modalities");
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
        assertThat(r.doc().select("#response dl.recist-change").text()).contains("PD (progressive disease)", "+25 %");
    }

    @Test
    void theSurveillanceScheduleListsEveryDueDateAndMarksTheNextOne() {
        Rendered r = seed();
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
        assertThat(table.select("tbody tr").first().select("td").get(2).text()).isEqualTo("3");
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
    void theDecisionTreeHighlightsTheGraftPathForAGraftCase() {
        Rendered r = seed();
        assertThat(pathNodes(r.doc())).containsExactly("Upper segment (level 3)", "Occluded lumen with well-",
                "Circumference resected", "Interposition graft", "Gross contamination?");
        Element graft = r.doc().select("svg.ivc-tree-svg g.node.on").get(3);
        assertThat(graft.text()).contains("RECOMMENDED", "recorded at operation");
        assertThat(r.doc().select("ol.ivc-path li").eachText()).anySatisfy(
                s -> assertThat(s).contains("Recorded at operation: interposition graft (concordant"));
    }

    @Test
    void theDecisionTreeHighlightsTheLigationPathForALigationCase() {
        Rendered r = golden("03-level2-occluded-collaterals-ligation");
        assertThat(pathNodes(r.doc())).containsExactly("Upper segment (level 3)", "Occluded lumen with well-", "Ligation");
        assertThat(r.doc().select("svg.ivc-tree-svg path.edge.on")).hasSize(2);
    }

    @Test
    void atLevelThreeThePathSkipsLigationAndADiscordantLigationIsMarkedAsRecorded() {
        Rendered r = golden("26-discordant-ligation-upper-segment");
        assertThat(pathNodes(r.doc())).containsExactly("Upper segment (level 3)", "Circumference resected",
                "Interposition graft", "Gross contamination?");
        Element ligation = r.doc().select("svg.ivc-tree-svg g.node").get(2);
        assertThat(ligation.hasClass("off")).isTrue();
        assertThat(ligation.text()).contains("Ligation", "CONTRAINDICATED", "recorded at operation");
        assertThat(r.doc().select("ol.ivc-path li").eachText()).anySatisfy(s -> assertThat(s).contains("discordant"));
    }

    @Test
    void theTreeStopsWhereAFactIsUnknownAndSaysWhatIsMissing() {
        Rendered r = golden("31-lumen-collaterals-circumference-unknown");
        assertThat(pathNodes(r.doc())).containsExactly("Upper segment (level 3)");
        Elements unknown = r.doc().select("svg.ivc-tree-svg g.node.unknown");
        assertThat(unknown).hasSize(1);
        assertThat(unknown.first().text()).contains("lumen: unknown", "collaterals: unknown", "?");
        assertThat(r.doc().select("ul.ivc-missing li").eachText()).anySatisfy(s -> assertThat(s).contains("/imaging/1/ivcLumen"))
                .anySatisfy(s -> assertThat(s).contains("/imaging/1/collaterals"));
    }

    @Test
    void exactlyAtTheThresholdThePathEndsAtPatchOrGraft() {
        Rendered r = golden("07-circumference-exactly-75");
        assertThat(pathNodes(r.doc())).containsExactly("Upper segment (level 3)", "Occluded lumen with well-",
                "Circumference resected", "Patch or graft", "Gross contamination?");
        assertThat(r.doc().select("svg.ivc-tree-svg text.edge-label.on").eachText()).contains("= 75 %");
    }

    @Test
    void anUnknownUpperSegmentIsDashedYetANarrowedLumenStillRulesOutLigation() {
        Rendered r = golden("33-ultrasound-only-no-cross-sectional");
        assertThat(r.doc().select("svg.ivc-tree-svg g.node.unknown").first().text()).startsWith("Upper segment (level 3)");
        assertThat(r.doc().select("svg.ivc-tree-svg g.node").get(1).hasClass("on")).isTrue();
        assertThat(r.doc().select("svg.ivc-tree-svg g.node.unknown").eachText())
                .anySatisfy(t -> assertThat(t).startsWith("Circumference resected"));
    }

    @Test
    void underGrossContaminationTheConduitNodeSaysAutologousVein() {
        Rendered r = golden("09-gross-contamination-autologous-vein");
        Element conduit = r.doc().select("svg.ivc-tree-svg g.node").last();
        assertThat(conduit.hasClass("on")).isTrue();
        assertThat(conduit.text()).contains("case: yes", "autologous vein only");
    }

    @Test
    void aPlanWithoutAnIvcDecisionDrawsNoTree() {
        Rendered r = golden("13-metastatic-asymptomatic-palliative");
        assertThat(r.plan().recommendations().stream().filter(x -> x.phase() == Phase.IVC_MANAGEMENT)).isEmpty();
        assertThat(r.doc().select("svg.ivc-tree-svg")).isEmpty();
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
                Map.of(attack, attack), fact -> attack);
        String html = PlanView.body(attack, 1, kase, plan, seed.asOf());
        Document doc = Jsoup.parseBodyFragment(html);
        assertThat(doc.select("img")).isEmpty();
        assertThat(doc.select("script").eachAttr("src")).containsExactly(PlanView.SCRIPT);
        assertCspSafe(html, doc);
        assertThat(html).doesNotContain("<img", "<script>alert");
        assertThat(doc.select("h1 .case-id").text()).isEqualTo(attack);
        assertThat(doc.selectFirst("a.button").attr("href")).startsWith("/cases/%22%3E%3Cimg").endsWith("/report.pdf");
        assertThat(doc.select(".card-summary").eachText()).contains(attack);
        assertThat(doc.select("p.when").eachText()).contains("When: " + attack);
        assertThat(doc.select("table.because td").eachText()).contains(attack);
        assertThat(doc.select("#warnings li").text()).contains(attack);
        assertThat(doc.select("svg.ivc-tree-svg text").eachText()).anySatisfy(t -> assertThat(t).contains(attack));
        assertThat(doc.select("#surveillance-schedule td").eachText()).contains(attack);
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
