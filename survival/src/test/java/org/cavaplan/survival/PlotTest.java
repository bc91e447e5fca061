package org.cavaplan.survival;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class PlotTest {

    private static List<KaplanMeier> amlCurves() throws Exception {
        return Survival.kaplanMeier(RFixture.load("aml").data());
    }

    @Test
    void svg_is_well_formed_and_shows_curves_bands_and_numbers_at_risk() throws Exception {
        String svg = Survival.plotSvg(amlCurves(), "AML <maintenance> & survival");
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        // Two confidence bands plus the legend's background box.
        assertThat(doc.getElementsByTagName("polygon").getLength()).isEqualTo(3);
        assertThat(svg.split("fill-opacity=\"0.15\"", -1)).hasSize(3);
        assertThat(svg).contains("AML &lt;maintenance&gt; &amp; survival");
        assertThat(svg).contains("Number at risk").contains(">Maintained (n=11)<");
        // Numbers at risk at time 0 are the group sizes.
        assertThat(svg).contains(">11</text>").contains(">12</text>");
    }

    @Test
    void svg_is_byte_for_byte_the_same_for_the_same_input() throws Exception {
        assertThat(Survival.plotSvg(amlCurves(), null)).isEqualTo(Survival.plotSvg(amlCurves(), null));
    }

    @Test
    void png_is_a_decodable_image_and_byte_for_byte_the_same_for_the_same_input() throws Exception {
        byte[] a = Survival.plotPng(amlCurves(), "AML");
        byte[] b = Survival.plotPng(amlCurves(), "AML");
        assertThat(a).isEqualTo(b);
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(a));
        assertThat(img.getWidth()).isEqualTo(PlotLayout.WIDTH);
        assertThat(img.getHeight()).isGreaterThan(400);
        assertThat(System.getProperty("java.awt.headless")).isEqualTo("true");
    }

    @Test
    void a_curve_with_a_million_steps_is_reduced_to_about_the_plot_width() throws Exception {
        int n = 1_000_000;
        double[] t = new double[n];
        double[] e = new double[n];
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < n; i++) {
            t[i] = rnd.nextDouble() * 100;
            e[i] = rnd.nextDouble() < 0.7 ? 1 : 0;
        }
        String svg = Survival.plotSvg(Survival.kaplanMeier(SurvivalData.of(t, e)), null);
        assertThat(svg.length()).isLessThan(400_000);
    }

    @Test
    void the_laid_out_plot_has_one_series_per_curve_and_is_equal_for_the_same_input() throws Exception {
        CurvePlot plot = Survival.plot(amlCurves(), "AML");
        assertThat(plot).isEqualTo(Survival.plot(amlCurves(), "AML"));
        assertThat(plot.series()).extracting(CurvePlot.Series::group).containsExactly("Maintained", "Nonmaintained");
        assertThat(plot.series()).extracting(CurvePlot.Series::color).containsExactly("#0072B2", "#D55E00");
        assertThat(plot.title()).map(CurvePlot.Label::text).hasValue("AML");
        assertThat(plot.yTicks()).extracting(t -> t.label().text()).containsExactly("0.0", "0.2", "0.4", "0.6", "0.8", "1.0");
        // every curve starts at time 0 with survival 1, at the plot's top left corner
        assertThat(plot.series()).allSatisfy(s -> assertThat(s.curve().get(0)).isEqualTo(plot.yAxis().from()));
        assertThat(Survival.plot(amlCurves(), null).title()).isEmpty();
    }
    @Test
    void a_style_draws_the_time_axis_in_its_own_unit_and_the_test_inside_the_plot() throws Exception {
        assertThat(Survival.survivalPlot(amlCurves(), PlotStyle.plain("AML"))).isEqualTo(Survival.plot(amlCurves(), "AML"));
        // the AML times read as days: 161 days are 5.3 months, ticked every month
        PlotStyle style = PlotStyle.daysAsMonths("AML", "Months since operation", "Survival probability")
                .withAnnotation("Log-rank test: p = 0.065");
        CurvePlot plot = Survival.survivalPlot(amlCurves(), style);
        assertThat(plot.xTicks()).extracting(t -> t.label().text()).containsExactly("0", "1", "2", "3", "4", "5", "6");
        assertThat(plot.xTitle().text()).isEqualTo("Months since operation");
        assertThat(plot.annotation()).map(CurvePlot.Label::text).hasValue("Log-rank test: p = 0.065");
        assertThat(plot.annotation().orElseThrow().at().y()).as("in the lower half of the plot")
                .isBetween((plot.yAxis().from().y() + plot.yAxis().to().y()) / 2, plot.yAxis().to().y());
        // the numbers at risk are counted at the months: 2 months are 60.875 days
        KaplanMeier first = amlCurves().get(0);
        assertThat(plot.series().get(0).atRisk().get(2).text())
                .isEqualTo(Integer.toString(first.atRisk(2 * PlotStyle.DAYS_PER_MONTH)));
        // the last curve ends at its last time, 161 days: 161 / (6 months) of the axis
        double x0 = plot.xAxis().from().x();
        double x1 = plot.xAxis().to().x();
        List<CurvePlot.Point> curve = plot.series().get(0).curve();
        assertThat(curve.get(curve.size() - 1).x())
                .isCloseTo(x0 + (x1 - x0) * 161 / (6 * PlotStyle.DAYS_PER_MONTH), org.assertj.core.data.Offset.offset(0.25));
        String svg = Survival.plotSvg(plot);
        assertThat(svg).contains(">Log-rank test: p = 0.065</text>").contains(">Months since operation</text>")
                .doesNotContain(">Time</text>");
        assertThat(Survival.plotSvg(Survival.plot(amlCurves(), "AML"))).isEqualTo(Survival.plotSvg(amlCurves(), "AML"));
    }

    @Test
    void a_time_axis_in_months_is_ticked_at_whole_years_once_it_spans_years() throws Exception {
        double[] time = {100, 900, 2000, 3650, 5000};
        double[] event = {1, 0, 1, 0, 0};
        CurvePlot plot = Survival.survivalPlot(Survival.kaplanMeier(SurvivalData.of(time, event)),
                PlotStyle.daysAsMonths(null, "Months since operation", "Survival probability"));
        // 5000 days are 164.3 months: 24-month steps, seven of them
        assertThat(plot.xTicks()).extracting(t -> t.label().text())
                .containsExactly("0", "24", "48", "72", "96", "120", "144", "168");
        assertThat(plot.annotation()).isEmpty();
    }

    @Test
    void an_incidence_plot_rises_from_zero_with_censoring_marks_and_numbers_at_risk() throws Exception {
        double[] time = {30, 60, 90, 120, 150, 200, 250, 300, 400, 500, 35, 65, 95, 125, 155, 205, 255, 305, 405, 505};
        double[] status = {1, 0, 2, 1, 0, 1, 2, 0, 1, 0, 0, 1, 0, 2, 0, 0, 1, 0, 2, 0};
        String[] groups = new String[time.length];
        for (int i = 0; i < groups.length; i++) {
            groups[i] = i < 10 ? "A" : "B";
        }
        SurvivalData data = SurvivalData.ofCompeting(time, status).withGroups("arm", groups);
        CompetingRisks risks = Survival.competingRisks(data);
        List<KaplanMeier> followUp = Survival.kaplanMeier(data);
        List<CumulativeIncidence> local = risks.curves().stream().filter(c -> c.cause() == 1).toList();
        CurvePlot plot = Survival.incidencePlot(local, followUp,
                PlotStyle.daysAsMonths("Local recurrence", "Months since operation", "Cumulative incidence")
                        .withAnnotation("Gray's test: p = 0.5"));
        assertThat(plot.yTitle().text()).isEqualTo("Cumulative incidence");
        assertThat(plot.series()).hasSize(2);
        for (int g = 0; g < 2; g++) {
            CurvePlot.Series s = plot.series().get(g);
            assertThat(s.curve().get(0)).isEqualTo(plot.xAxis().from());
            for (int i = 1; i < s.curve().size(); i++) {
                assertThat(s.curve().get(i).y()).isLessThanOrEqualTo(s.curve().get(i - 1).y());
                assertThat(s.curve().get(i).x()).isGreaterThanOrEqualTo(s.curve().get(i - 1).x());
            }
            assertThat(s.censored()).isNotEmpty();
            assertThat(s.atRisk().get(0).text()).isEqualTo("10");
            // the height of the curve at its end is the last estimate
            double last = local.get(g).points().get(local.get(g).points().size() - 1).estimate();
            double y0 = plot.xAxis().from().y();
            double top = plot.yAxis().from().y();
            assertThat(s.curve().get(s.curve().size() - 1).y()).isCloseTo(y0 + (top - y0) * last,
                    org.assertj.core.data.Offset.offset(0.01));
        }
        assertThat(plot.annotation().orElseThrow().at().y()).as("in the upper half of the plot")
                .isLessThan((plot.yAxis().from().y() + plot.yAxis().to().y()) / 2);
        assertThat(Survival.plotSvg(plot)).contains(">Gray&apos;s test: p = 0.5</text>").contains(">A (n=10)</text>");
    }
}
