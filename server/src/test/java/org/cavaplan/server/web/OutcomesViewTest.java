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

    static Registry registry;
    static Actor operator;
    static OutcomesView view;

    @BeforeAll
    static void seed() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-27T08:00:00Z"), ZoneOffset.UTC);
        registry = Registry.open("jdbc:h2:file:" + dir.resolve("registry").toAbsolutePath(), clock);
        operator = Actor.localOperator("test", "test");
        assertThat(registry.seedDemo(300, 7)).isEqualTo(300);
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
        Analytics.KmResult expected = Analytics.km(Analytics.rows(registry, operator, "the test's expectation"), "level");
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
            assertThat(rows.get(i).selectFirst("th").text()).isEqualTo(k.group());
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
                List.of("grade", "age", "margin_r1r2")).json()).get("cox");
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
}
