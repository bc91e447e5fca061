package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cavaplan.survival.CumulativeIncidence;
import org.cavaplan.survival.CurvePlot;
import org.cavaplan.survival.KaplanMeier;
import org.cavaplan.survival.PlotStyle;
import org.cavaplan.survival.Survival;
import org.cavaplan.survival.SurvivalData;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

/** The plot template draws a laid-out plot as the survival module's own SVG does, and names it. */
class PlotFigureTest {

    record Patient(double days, double died, String arm) {}

    /** A group name that must be escaped, short enough not to be shortened in the legend or the table. */
    static final String HOSTILE_ARM = "<i>\"c\" & 'd'";

    static List<KaplanMeier> curves() throws Exception {
        Random random = new Random(3);
        List<Patient> patients = new ArrayList<>();
        List<String> arms = List.of("R0", "R1", HOSTILE_ARM);
        for (int i = 0; i < 240; i++) {
            patients.add(new Patient(Math.floor(random.nextDouble() * 3000), random.nextDouble() < 0.6 ? 1 : 0,
                    arms.get(i % arms.size())));
        }
        SurvivalData data = SurvivalData.of(patients, Patient::days, Patient::died).withGroups("arm", patients, Patient::arm);
        return Survival.kaplanMeier(data);
    }

    static Element render(PlotFigure figure) {
        return Jsoup.parse(Pages.render("outcomes/plot.jte", figure), "", Parser.xmlParser()).selectFirst("svg");
    }

    @Test
    void the_page_draws_the_same_picture_as_the_survival_modules_svg() throws Exception {
        List<KaplanMeier> curves = curves();
        Element page = render(PlotFigure.of(Survival.plot(curves, "Survival by arm"), "km-plot", "km-plot-title",
                "Kaplan-Meier curves of survival by arm"));
        Element svg = Jsoup.parse(Survival.plotSvg(curves, "Survival by arm"), "", Parser.xmlParser()).selectFirst("svg");

        assertThat(page.attr("class")).isEqualTo("km-plot");
        assertThat(page.attr("role")).isEqualTo("img");
        assertThat(page.attr("aria-labelledby")).isEqualTo("km-plot-title");
        Element title = page.child(0);
        assertThat(title.tagName()).isEqualTo("title");
        assertThat(title.id()).isEqualTo("km-plot-title");
        assertThat(title.text()).isEqualTo("Kaplan-Meier curves of survival by arm");
        title.remove();
        page.removeAttr("class").removeAttr("role").removeAttr("aria-labelledby");

        assertThat(page.attributes().asList()).isEqualTo(svg.attributes().asList());
        assertThat(page.children()).hasSameSizeAs(svg.children()).hasSizeGreaterThan(100);
        for (int i = 0; i < svg.children().size(); i++) {
            Element drawn = page.child(i);
            Element expected = svg.child(i);
            assertThat(drawn.tagName()).as("element %d", i).isEqualTo(expected.tagName());
            assertThat(drawn.attributes().asList()).as("element %d", i).isEqualTo(expected.attributes().asList());
            assertThat(drawn.text()).as("element %d", i).isEqualTo(expected.text());
        }
        assertThat(page.select("polyline")).hasSize(curves.size());
        assertThat(page.select("text").eachText()).contains(HOSTILE_ARM + " (n=80)", HOSTILE_ARM);
        assertThat(page.select("i")).isEmpty();
    }

    @Test
    void a_plot_without_a_title_draws_none() throws Exception {
        Element page = render(PlotFigure.of(Survival.plot(curves(), null), "km-plot", "t", "Curves"));
        assertThat(page.select("text[font-weight=bold]").eachText()).containsExactly("Number at risk");
        assertThat(page.attr("height")).isEqualTo(Integer.toString(Survival.plot(curves(), null).height()));
    }

    @Test
    void coordinates_are_written_with_at_most_two_decimals_and_no_trailing_zeros() {
        assertThat(PlotFigure.number(130)).isEqualTo("130");
        assertThat(PlotFigure.number(51.5)).isEqualTo("51.5");
        assertThat(PlotFigure.number(51.534)).isEqualTo("51.53");
        assertThat(PlotFigure.number(0.05)).isEqualTo("0.05");
        assertThat(PlotFigure.number(-5.1)).isEqualTo("-5.1");
        assertThat(PlotFigure.number(-0.001)).isEqualTo("0");
    }
    @Test
    void an_incidence_plot_with_its_test_is_drawn_as_the_survival_modules_svg() throws Exception {
        Random random = new Random(5);
        List<Patient> patients = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            patients.add(new Patient(Math.floor(random.nextDouble() * 3000), random.nextInt(3), i % 2 == 0 ? "R0" : "R1"));
        }
        SurvivalData data = SurvivalData.ofCompeting(patients, Patient::days, Patient::died)
                .withGroups("margin", patients, Patient::arm);
        List<CumulativeIncidence> local = Survival.competingRisks(data).curves().stream().filter(c -> c.cause() == 1)
                .toList();
        CurvePlot plot = Survival.incidencePlot(local, Survival.kaplanMeier(data),
                PlotStyle.daysAsMonths("Local recurrence by margin", "Months since operation", "Cumulative incidence")
                        .withAnnotation("Gray's test: p = 0.42"));
        Element page = render(PlotFigure.of(plot, "cif-plot", "cif-title", "Cumulative incidence"));
        Element svg = Jsoup.parse(Survival.plotSvg(plot), "", Parser.xmlParser()).selectFirst("svg");
        page.child(0).remove();
        assertThat(page.children()).hasSameSizeAs(svg.children()).hasSizeGreaterThan(100);
        for (int i = 0; i < svg.children().size(); i++) {
            assertThat(page.child(i).tagName()).as("element %d", i).isEqualTo(svg.child(i).tagName());
            assertThat(page.child(i).attributes().asList()).as("element %d", i).isEqualTo(svg.child(i).attributes().asList());
            assertThat(page.child(i).text()).as("element %d", i).isEqualTo(svg.child(i).text());
        }
        assertThat(page.select("text").eachText()).contains("Gray's test: p = 0.42", "Months since operation",
                "Cumulative incidence");
    }
}
