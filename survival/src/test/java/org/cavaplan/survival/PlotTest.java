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
}
