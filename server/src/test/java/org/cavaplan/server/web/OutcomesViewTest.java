package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.OptionalDouble;
import org.cavaplan.io.SyntheticCases;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Authentication;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.cavaplan.server.Analytics;
import org.cavaplan.survival.KaplanMeier;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomesViewTest {

    @TempDir
    static Path dir;

    /** Cases saved without the synthetic label, beside the 300 synthetic ones of the demo cohort. */
    static final int REAL_CASES = 120;

    static Registry registry;
    static Actor operator;
    static OutcomesView view;

    @BeforeAll
    static void seed() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
        registry = Registry.open("jdbc:h2:file:" + dir.resolve("registry").toAbsolutePath(), clock);
        operator = Actor.localOperator("test", "test");
        assertThat(registry.seedDemo(300, 7)).isEqualTo(300);
        // cases that are not synthetic: the demo cohort's cases under ids without the synthetic label
        for (int i = 1; i <= REAL_CASES; i++) {
            ObjectNode kase = SyntheticCases.generate(11, i);
            kase.put("caseId", "OUTCOMES-" + i);
            registry.save(operator, kase.toString(), "a real case for the outcomes page's tests");
        }
        view = new OutcomesView(registry);
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    static Document page(Actor actor, Map<String, List<String>> query) {
        // the page as a visitor's frame shows it: the layout adds no form of its own
        String html = Pages.render("outcomes.jte", view.page(Frame.of("Outcomes", null), actor, query));
        PlanViewTest.assertCspSafe(html, Jsoup.parse(html));
        return Jsoup.parse(html);
    }

    static Document page(Map<String, List<String>> query) {
        return page(operator, query);
    }

    @Test
    void curvesByLevelShowOneLinePerGroupAndTheLogRankPOfTheAnalytics() {
        Document doc = page(Map.of("factor", List.of("level"), "covariates", List.of("grade")));
        Analytics.KmResult expected = Analytics.km(Analytics.rows(registry, operator, "the test's expectation"), "level",
                false, OptionalDouble.empty());
        List<KaplanMeier> curves = expected.curves();
        assertThat(curves).hasSizeGreaterThanOrEqualTo(2);

        Element svg = doc.selectFirst("figure.km svg.km-plot");
        assertThat(svg).isNotNull();
        assertThat(svg.attr("role")).isEqualTo("img");
        assertThat(svg.selectFirst("title").text()).isEqualTo("Kaplan-Meier curves of survival by highest IVC level");
        assertThat(svg.select("polyline")).hasSize(curves.size());

        Elements rows = doc.select("table.km-groups tbody tr");
        assertThat(rows.eachText()).hasSize(curves.size());
        for (int i = 0; i < curves.size(); i++) {
            KaplanMeier k = curves.get(i);
            assertThat(rows.get(i).selectFirst("th").text()).isEqualTo("Level " + k.group());
            assertThat(rows.get(i).select("td").get(0).text()).isEqualTo(Integer.toString(k.n()));
            assertThat(rows.get(i).select("td").get(1).text()).isEqualTo(Integer.toString(k.events()));
        }

        JsonNode logRank = json(expected.json()).get("logRank");
        Element dl = doc.selectFirst("dl.logrank");
        assertThat(Double.parseDouble(dl.attr("data-p"))).isEqualTo(logRank.get("p").asDouble());
        assertThat(dl.select("dd").get(1).text()).isEqualTo(Integer.toString(curves.size() - 1));
        assertThat(dl.select("dd").get(0).text())
                .isEqualTo(String.format(Locale.ROOT, "%.3f", logRank.get("chiSquare").asDouble()));
        assertThat(dl.selectFirst("dd.p-value").text()).isEqualTo(expectedP(logRank.get("p").asDouble()));
    }

    static JsonNode json(String text) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String expectedP(double p) {
        return p < 0.0001 ? "< 0.0001" : String.format(Locale.ROOT, p < 0.001 ? "%.4f" : "%.3f", p);
    }

    @Test
    void theCoxTableHasOneRowPerChosenCovariateWithTheModelsNumbers() {
        Document doc = page(Map.of("factor", List.of("margin"), "covariates", List.of("grade", "age", "margin_r1r2")));
        JsonNode expected = json(Analytics.cox(Analytics.rows(registry, operator, "the test's expectation"),
                List.of("grade", "age", "margin_r1r2"), false).json()).get("cox");
        Elements rows = doc.select("table.cox tbody tr");
        assertThat(rows.eachAttr("data-covariate")).containsExactly("grade", "age", "margin_r1r2");
        for (int i = 0; i < rows.size(); i++) {
            JsonNode c = expected.get("coefficients").get(i);
            Elements cells = rows.get(i).select("td");
            assertThat(cells.get(0).text()).isEqualTo(String.format(Locale.ROOT, "%.3f", c.get("coef").asDouble()));
            assertThat(cells.get(1).text()).isEqualTo(String.format(Locale.ROOT, "%.2f", c.get("hr").asDouble()));
            assertThat(cells.get(2).text()).isEqualTo(String.format(Locale.ROOT, "%.2f to %.2f",
                    c.get("lower95").asDouble(), c.get("upper95").asDouble()));
            assertThat(Double.parseDouble(cells.get(3).attr("data-p"))).isEqualTo(c.get("p").asDouble());
            assertThat(cells.get(4).text()).isEqualTo(expected.get("n").asText());
            assertThat(cells.get(5).text()).isEqualTo(expected.get("events").asText());
        }
        assertThat(doc.select("input[name=covariates][checked]").eachAttr("value"))
                .containsExactly("grade", "age", "margin_r1r2");
        assertThat(doc.selectFirst("select#factor option[selected]").attr("value")).isEqualTo("margin");
    }

    @Test
    void covariatesMayAlsoComeCommaSeparatedAsInTheApi() {
        Document doc = page(Map.of("factor", List.of("grade"), "covariates", List.of("size_cm,ecog")));
        assertThat(doc.select("table.cox tbody tr").eachAttr("data-covariate")).containsExactly("size_cm", "ecog");
    }

    @Test
    void everyFactorOfTheAnalyticsCanBeChosenAndDrawn() {
        assertThat(page(Map.of()).select("select#factor option").eachAttr("value"))
                .containsExactlyElementsOf(Analytics.FACTORS.keySet());
        for (String factor : Analytics.FACTORS.keySet()) {
            Document doc = page(Map.of("factor", List.of(factor)));
            assertThat(doc.select(".error")).as(factor).isEmpty();
            assertThat(doc.select("svg.km-plot polyline").size()).as(factor)
                    .isEqualTo(doc.select("table.km-groups tbody tr").size()).isPositive();
            assertThat(doc.select("table.cox")).as("no covariate ticked").isEmpty();
            assertThat(doc.select("p.note").text()).contains("at least one covariate");
        }
    }

    @Test
    void theEmptyQueryShowsTheDefaults() {
        Document doc = page(Map.of());
        assertThat(doc.selectFirst("select#factor option[selected]").attr("value")).isEqualTo(OutcomesView.DEFAULT_FACTOR);
        assertThat(doc.select("table.cox tbody tr").eachAttr("data-covariate"))
                .containsExactlyElementsOf(OutcomesView.DEFAULT_COVARIATES);
        assertThat(doc.select("svg.km-plot")).hasSize(1);
    }

    @Test
    void everyFormControlHasALabel() {
        Document doc = page(Map.of());
        for (Element control : doc.select("form select, form input")) {
            assertThat(doc.select("label[for=" + control.id() + "]")).as(control.id()).hasSize(1);
        }
        assertThat(doc.selectFirst("form").attr("method")).isEqualTo("get");
    }

    @Test
    void anUnknownFactorIsExplainedInThePageAndNothingIsDrawn() {
        Document doc = page(Map.of("factor", List.of("<script>alert(1)</script>")));
        Element error = doc.selectFirst("div.error[role=alert]");
        assertThat(error).isNotNull();
        assertThat(error.text()).contains("The query parameter factor is not valid",
                "must be one of level, margin, grade, intent", "not \"<script>alert(1)</script>\"");
        assertThat(doc.select("svg.km-plot")).isEmpty();
        assertThat(doc.select("script")).allSatisfy(s -> assertThat(s.hasAttr("src")).isTrue());
    }

    @Test
    void anUnknownCovariateIsExplainedWhileTheCurvesAreStillDrawn() {
        Document doc = page(Map.of("factor", List.of("grade"), "covariates", List.of("grade", "shoe_size")));
        assertThat(doc.selectFirst("div.error[role=alert]").text()).contains("covariates", "not \"shoe_size\"");
        assertThat(doc.select("svg.km-plot")).hasSize(1);
        assertThat(doc.select("table.cox")).isEmpty();
    }

    @Test
    void aModelTheDataCannotFitIsExplainedNotThrown() {
        Document doc = page(Map.of("factor", List.of("level"), "covariates", List.of("level_3", "level_3")));
        assertThat(doc.selectFirst("div.error[role=alert]").text()).contains("names level_3 twice");
        assertThat(doc.select("svg.km-plot")).hasSize(1);
    }

    @Test
    void aResearcherSeesTheSameAggregates() {
        String token = registry.addUser(operator, "researcher-w2", Role.RESEARCHER).token();
        Authentication auth = registry.authenticate(token, "test");
        assertThat(auth).isInstanceOf(Authentication.Authenticated.class);
        Actor researcher = ((Authentication.Authenticated) auth).actor();
        Map<String, List<String>> query = Map.of("factor", List.of("grade"), "covariates", List.of("grade", "size_cm"));
        Document asResearcher = page(researcher, query);
        Document asOperator = page(query);
        assertThat(asResearcher.select(".error")).isEmpty();
        assertThat(asResearcher.select("table.km-groups, dl.logrank, table.cox").outerHtml())
                .isEqualTo(asOperator.select("table.km-groups, dl.logrank, table.cox").outerHtml());
    }
    static OutcomesPage record(Map<String, List<String>> query) {
        return view.page(Frame.of("Outcomes", null), operator, query);
    }

    @Test
    void every_time_axis_is_in_months_since_the_operation_ticked_at_whole_years() {
        Document doc = page(Map.of("factor", List.of("margin")));
        Elements plots = doc.select("svg.km-plot, svg.cif-plot");
        assertThat(plots).hasSize(3);
        for (Element svg : plots) {
            assertThat(svg.select("text").eachText()).contains("Months since operation").doesNotContain("Time");
        }
        OutcomesPage page = record(Map.of("factor", List.of("margin")));
        PlotFigure km = page.km().orElseThrow().plot();
        List<String> ticks = km.xTicks().stream().map(t -> t.label().text()).toList();
        assertThat(ticks).first().isEqualTo("0");
        int step = Integer.parseInt(ticks.get(1));
        assertThat(step % 12).as("ticks at whole years: %s", ticks).isZero();
        for (int i = 0; i < ticks.size(); i++) {
            assertThat(Integer.parseInt(ticks.get(i))).isEqualTo(i * step);
        }
        double longestMonths = page.km().orElseThrow().groups().isEmpty() ? 0
                : Analytics.km(Analytics.rows(registry, operator, "the test's expectation"), "margin", false,
                        OptionalDouble.empty()).curves().stream()
                        .mapToDouble(k -> k.table().get(k.table().size() - 1).time()).max().orElseThrow()
                        / Analytics.DAYS_PER_MONTH;
        assertThat(Integer.parseInt(ticks.get(ticks.size() - 1))).isGreaterThanOrEqualTo((int) longestMonths)
                .isLessThan((int) longestMonths + step + 1);
        // the numbers at risk sit under every tick; at 0 months every case of the group is at risk
        for (int g = 0; g < km.series().size(); g++) {
            PlotFigure.Series series = km.series().get(g);
            assertThat(series.atRisk()).hasSameSizeAs(km.xTicks());
            assertThat(series.atRisk()).extracting(PlotFigure.Text::x)
                    .containsExactlyElementsOf(km.xTicks().stream().map(t -> t.label().x()).toList());
            assertThat(series.atRisk().get(0).text()).isEqualTo(Integer.toString(page.km().get().groups().get(g).n()));
        }
    }

    @Test
    void groups_are_named_in_words_in_legends_and_tables_never_as_codes() {
        Map<String, String> prefixes = Map.of("level", "Level ", "grade", "Grade ", "margin", "R", "intent", "");
        for (String factor : Analytics.FACTORS.keySet()) {
            Document doc = page(Map.of("factor", List.of(factor), "includeSynthetic", List.of("true")));
            List<String> names = doc.select("table.km-groups tbody th, table.cif-groups tbody th, table.rmst tbody th")
                    .eachText();
            assertThat(names).as(factor).isNotEmpty().allSatisfy(name -> assertThat(name)
                    .startsWith(prefixes.get(factor)).doesNotMatch("\\d+").doesNotMatch(".*[A-Z]{2,}_[A-Z]+.*")
                    .doesNotMatch("[A-Z]{4,}"));
            for (Element svg : doc.select("svg.km-plot, svg.cif-plot")) {
                for (String text : svg.select("text").eachText()) {
                    assertThat(text).as(factor).doesNotMatch(".*\\b[A-Z]+_[A-Z]+\\b.*").doesNotMatch("[A-Z]{4,}( \\(n=\\d+\\))?");
                }
                // each legend names a group of the tables, with its number of cases
                List<String> legends = svg.select("text[text-anchor=start]").eachText().stream()
                        .filter(t -> t.matches(".* \\(n=\\d+\\)")).map(t -> t.replaceAll(" \\(n=\\d+\\)$", "")).toList();
                assertThat(legends).as(factor).isNotEmpty().allSatisfy(l -> assertThat(names).contains(l));
            }
        }
        assertThat(page(Map.of("factor", List.of("intent"), "includeSynthetic", List.of("true")))
                .select("table.km-groups tbody th").eachText()).doesNotContain("CURATIVE", "PALLIATIVE");
    }

    @Test
    void the_log_rank_p_is_written_on_the_plot_as_in_the_text() {
        Document doc = page(Map.of("factor", List.of("level")));
        String p = doc.selectFirst("dl.logrank dd.p-value").text();
        String onPlot = p.startsWith("<") ? "Log-rank test: p " + p : "Log-rank test: p = " + p;
        assertThat(doc.select("svg.km-plot text").eachText()).contains(onPlot);
    }

    @Test
    void the_page_says_how_many_cases_each_analysis_left_out_and_why() {
        Document doc = page(Map.of("factor", List.of("grade"), "covariates", List.of("grade")));
        Element note = doc.selectFirst("figure.km p.exclusions");
        assertThat(note).isNotNull();
        assertThat(note.text()).contains("synthetic (demo) case, 300");
        assertThat(Integer.parseInt(note.attr("data-analysed")) + Integer.parseInt(note.attr("data-excluded")))
                .isEqualTo(300 + REAL_CASES);
        int sum = 0;
        for (Element span : note.select("span.exclusion")) {
            sum += Integer.parseInt(span.attr("data-count"));
        }
        assertThat(sum).isEqualTo(Integer.parseInt(note.attr("data-excluded")));
        Element link = note.selectFirst("a");
        assertThat(link.text()).isEqualTo("Include synthetic demo cases");
        assertThat(link.attr("href")).isEqualTo("/outcomes?factor=grade&covariates=grade&includeSynthetic=true");
        assertThat(doc.select("#cox p.exclusions").text()).contains("synthetic (demo) case, 300");
        assertThat(doc.select("#cif p.exclusions")).hasSize(2)
                .allSatisfy(e -> assertThat(e.text()).contains("synthetic (demo) case, 300"));
    }

    @Test
    void synthetic_cases_are_left_out_by_default_and_counted_when_asked_for() {
        Document real = page(Map.of("factor", List.of("margin")));
        Document all = page(Map.of("factor", List.of("margin"), "includeSynthetic", List.of("true")));
        assertThat(real.selectFirst("input#include-synthetic").hasAttr("checked")).isFalse();
        assertThat(all.selectFirst("input#include-synthetic").hasAttr("checked")).isTrue();
        int realCases = cases(real);
        int allCases = cases(all);
        assertThat(realCases).isPositive().isLessThanOrEqualTo(REAL_CASES);
        assertThat(allCases).isGreaterThan(300).isLessThanOrEqualTo(300 + REAL_CASES);
        Analytics.KmResult expected = Analytics.km(Analytics.rows(registry, operator, "the test's expectation"), "margin",
                true, OptionalDouble.empty());
        assertThat(allCases).isEqualTo(expected.n());
        assertThat(all.selectFirst("figure.km p.exclusions").text()).doesNotContain("synthetic (demo)")
                .contains("Synthetic demo cases are counted");
        assertThat(all.selectFirst("figure.km p.exclusions a").attr("href")).isEqualTo("/outcomes?factor=margin");
        // only the switch: the default factor and covariates, with synthetic cases
        Document switched = page(Map.of("includeSynthetic", List.of("true")));
        assertThat(switched.selectFirst("select#factor option[selected]").attr("value")).isEqualTo(OutcomesView.DEFAULT_FACTOR);
        assertThat(cases(switched)).isGreaterThan(300);
        Document wrong = page(Map.of("factor", List.of("margin"), "includeSynthetic", List.of("maybe")));
        assertThat(wrong.selectFirst("div.error[role=alert]").text()).contains("includeSynthetic", "not \"maybe\"");
        assertThat(cases(wrong)).isEqualTo(realCases);
    }

    private static int cases(Document doc) {
        int sum = 0;
        for (Element row : doc.select("table.km-groups tbody tr")) {
            sum += Integer.parseInt(row.select("td").get(0).text());
        }
        return sum;
    }

    @Test
    void cumulative_incidence_of_local_recurrence_and_distant_metastasis_rises_from_zero_with_grays_test() {
        Map<String, List<String>> query = Map.of("factor", List.of("margin"), "includeSynthetic", List.of("true"));
        Document doc = page(query);
        Elements sections = doc.select("#cif section.cif");
        assertThat(sections.eachAttr("id")).containsExactly("cif-local", "cif-distant");
        for (String event : List.of("local", "distant")) {
            Element section = doc.selectFirst("#cif-" + event);
            Analytics.CifResult expected = Analytics.cif(Analytics.rows(registry, operator, "the test's expectation"), event,
                    "margin", true);
            Element svg = section.selectFirst("figure.cif svg.cif-plot");
            assertThat(svg.selectFirst("title").text()).startsWith("Cumulative incidence of " + Analytics.EVENT_WORDS.get(event));
            assertThat(svg.select("text").eachText()).contains("Cumulative incidence", "Months since operation");
            OutcomesPage page = record(query);
            OutcomesPage.Incidence incidence = page.incidence().stream().filter(i -> i instanceof OutcomesPage.Incidence)
                    .map(i -> (OutcomesPage.Incidence) i).filter(i -> i.id().equals(event)).findFirst().orElseThrow();
            PlotFigure.Line axis = incidence.plot().xAxis();
            Elements curves = svg.select("polyline");
            assertThat(curves).hasSize(expected.followUp().size()).hasSizeGreaterThanOrEqualTo(2);
            for (Element curve : curves) {
                String[] points = curve.attr("points").split(" ");
                assertThat(points[0]).as("starts at 0 at the operation").isEqualTo(axis.x1() + "," + axis.y1());
                double previous = Double.MAX_VALUE;
                for (String point : points) {
                    double y = Double.parseDouble(point.split(",")[1]);
                    assertThat(y).as("never falls").isLessThanOrEqualTo(previous);
                    previous = y;
                }
            }
            assertThat(incidence.plot().series().stream().mapToInt(s -> s.censored().size()).sum()).as("censoring marks")
                    .isPositive();
            double p = expected.grayTest(1).orElseThrow().test().p();
            String shown = expectedP(p);
            assertThat(Double.parseDouble(section.selectFirst("p.gray").attr("data-p"))).isEqualTo(p);
            assertThat(section.selectFirst("p.gray span.p-value").text()).isEqualTo(shown);
            assertThat(svg.select("text").eachText())
                    .contains("Gray's test: " + (shown.startsWith("<") ? "p " + shown : "p = " + shown));
            Elements rows = section.select("table.cif-groups tbody tr");
            assertThat(rows).hasSize(expected.followUp().size());
            for (int g = 0; g < rows.size(); g++) {
                assertThat(rows.get(g).selectFirst("th").text()).isEqualTo(expected.words(expected.followUp().get(g).group()));
                assertThat(rows.get(g).select("td").get(0).text())
                        .isEqualTo(Integer.toString(expected.followUp().get(g).n()));
                assertThat(rows.get(g).select("td").get(1).text())
                        .isEqualTo(Integer.toString(expected.curves(1).get(g).events()));
            }
        }
    }

    @Test
    void the_restricted_mean_survival_time_at_five_years_is_tabled_per_group() {
        Document doc = page(Map.of("factor", List.of("margin"), "includeSynthetic", List.of("true")));
        Element table = doc.selectFirst("#km table.rmst");
        assertThat(table.selectFirst("caption").text()).contains("up to 60 months");
        Analytics.KmResult expected = Analytics.km(Analytics.rows(registry, operator, "the test's expectation"), "margin",
                true, OptionalDouble.of(60));
        Elements rows = table.select("tbody tr");
        assertThat(rows).hasSize(expected.curves().size());
        for (int g = 0; g < rows.size(); g++) {
            double months = expected.rmst().orElseThrow().groups().get(g).estimate() / Analytics.DAYS_PER_MONTH;
            assertThat(rows.get(g).select("td").get(0).text()).isEqualTo(String.format(Locale.ROOT, "%.1f", months));
            assertThat(months).isBetween(0.0, 60.0);
        }
        assertThat(rows.get(0).select("td").get(2).text()).isEqualTo("reference");
    }
}
