package org.cavaplan.survival;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cumulative incidence and Gray's test against R's {@code cmprsk::cuminc}, the estimate also
 * against {@code survival}'s multi-state {@code survfit}, and the RMST against {@code
 * print(survfit, rmean = tau)}; fixtures from {@code src/test/r/make-competing-fixtures.R}, 1e-6
 * relative and 1e-12 absolute (as {@link RFixture}).
 */
class CompetingRisksMatchesRTest {

    private static final String[] COMPETING = {"cr-ties", "cr-onegroup", "cr-small", "cr-mgus2"};

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cr-ties", "cr-onegroup", "cr-small", "cr-mgus2"})
    void cumulative_incidence_and_its_variance_match_cuminc_point_by_point(String name) throws Exception {
        CompetingRisks cr = Survival.competingRisks(data(name));
        List<String[]> expected = table(name + "-cif.csv");
        int row = 0;
        for (CumulativeIncidence curve : cr.curves()) {
            for (CumulativeIncidence.Point p : curve.points()) {
                String where = name + " group " + curve.group() + " cause " + curve.cause() + " time " + p.time();
                assertThat(row).as(where + ": R has fewer points").isLessThan(expected.size());
                String[] e = expected.get(row++);
                assertThat(e[0]).as(where + " group").isEqualTo(curve.group());
                assertThat(Integer.parseInt(e[1])).as(where + " cause").isEqualTo(curve.cause());
                RFixture.close(where + " time", p.time(), RFixture.parse(e[2]));
                RFixture.close(where + " estimate", p.estimate(), RFixture.parse(e[3]));
                RFixture.close(where + " variance", p.variance(), RFixture.parse(e[4]));
                RFixture.close(where + " lower", p.lower95(), RFixture.parse(e[5]));
                RFixture.close(where + " upper", p.upper95(), RFixture.parse(e[6]));
                RFixture.close(where + " multi-state survfit", p.estimate(), RFixture.parse(e[7]));
            }
        }
        assertThat(row).as(name + " number of points").isEqualTo(expected.size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cr-ties", "cr-small", "cr-mgus2"})
    void grays_test_matches_cuminc_tests(String name) throws Exception {
        CompetingRisks cr = Survival.competingRisks(data(name));
        List<String[]> expected = table(name + "-gray.csv");
        assertThat(cr.grayTests()).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            String[] e = expected.get(i);
            GrayTest g = cr.grayTests().get(i);
            String where = name + " cause " + g.cause();
            assertThat(g.cause()).as(where).isEqualTo(Integer.parseInt(e[0]));
            RFixture.close(where + " statistic", g.test().chiSquare(), RFixture.parse(e[1]));
            assertThat((double) g.test().df()).as(where + " df").isEqualTo(RFixture.parse(e[2]));
            // cuminc computes 1 - pchisq, this module the upper tail: equal at these sizes
            RFixture.close(where + " p", g.test().p(), RFixture.parse(e[3]));
        }
    }

    @Test
    void a_group_without_competing_events_has_an_empty_curve_for_that_cause() throws Exception {
        CompetingRisks cr = Survival.competingRisks(data("cr-ties"));
        assertThat(cr.curves()).extracting(c -> c.group() + " " + c.cause())
                .containsExactly("A 1", "B 1", "C 1", "A 2", "B 2", "C 2");
        CumulativeIncidence c2 = cr.curves().get(5);
        assertThat(c2.events()).isZero();
        assertThat(c2.points()).isEmpty();
        assertThat(c2.at(1e9)).isZero();
        assertThat(cr.curves().get(2).points()).isNotEmpty();
    }

    @Test
    void a_group_never_at_risk_at_an_event_time_gives_no_statistic_where_cuminc_gives_minus_one() throws Exception {
        // cuminc(c(1, 2, 3, 4, 0.1), c(1, 2, 1, 0, 0), c("A", "A", "A", "A", "B"))$Tests: stat -1, pv 1, df 1
        SurvivalData d = SurvivalData.ofCompeting(new double[] {1, 2, 3, 4, 0.1}, new double[] {1, 2, 1, 0, 0})
                .withGroups("arm", new String[] {"A", "A", "A", "A", "B"});
        CompetingRisks cr = Survival.competingRisks(d);
        assertThat(cr.grayTests()).hasSize(2).allSatisfy(g -> {
            assertThat(g.test().chiSquare()).isNaN();
            assertThat(g.test().df()).isEqualTo(1);
            assertThat(g.test().p()).isNaN();
        });
        Analysis a = new Analysis(5, 0, Survival.kaplanMeier(d), java.util.Optional.empty(), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.of(cr));
        assertThat(SurvivalJson.analysis(a)).contains(
                "\"grayTest\":[{\"cause\":1,\"statistic\":null,\"df\":1,\"p\":null}");
    }

    @Test
    void a_status_of_3_is_refused_naming_the_row() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> SurvivalData.ofCompeting(new double[] {1, 2}, new double[] {1, 3}))
                .isInstanceOf(SurvivalException.InvalidEvent.class)
                .hasMessageContaining("line 2").hasMessageContaining("2 (competing event)");
    }

    @Test
    void one_group_has_curves_but_no_test() throws Exception {
        CompetingRisks cr = Survival.competingRisks(data("cr-onegroup"));
        assertThat(cr.curves()).extracting(CumulativeIncidence::group).containsOnly("all");
        assertThat(cr.grayTests()).isEmpty();
        assertThat(cr.rows()).isEqualTo(255);
    }

    @Test
    void the_two_incidences_and_the_event_free_survival_add_up_to_one() throws Exception {
        SurvivalData d = data("cr-mgus2");
        CompetingRisks cr = Survival.competingRisks(d);
        List<KaplanMeier> km = Survival.kaplanMeier(d);
        for (KaplanMeier curve : km) {
            CumulativeIncidence f1 = cr.curves().stream()
                    .filter(c -> c.cause() == 1 && c.group().equals(curve.group())).findFirst().orElseThrow();
            CumulativeIncidence f2 = cr.curves().stream()
                    .filter(c -> c.cause() == 2 && c.group().equals(curve.group())).findFirst().orElseThrow();
            for (KaplanMeier.Row r : curve.table()) {
                assertThat(f1.at(r.time()) + f2.at(r.time()) + r.survival())
                        .as("group " + curve.group() + " time " + r.time()).isCloseTo(1.0,
                                org.assertj.core.data.Offset.offset(1e-12));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cr-ties", "cr-onegroup", "cr-small", "cr-mgus2", "aml", "ovarian",
            "veteran-celltype", "flat-groups", "flat"})
    void rmst_and_its_standard_error_match_print_survfit_rmean(String name) throws Exception {
        SurvivalData d = name.startsWith("cr-") ? data(name) : RFixture.load(name).data();
        List<KaplanMeier> km = Survival.kaplanMeier(d);
        Map<Double, Rmst> byTau = new LinkedHashMap<>();
        List<String[]> expected = table(name + "-rmst.csv");
        for (String[] e : expected) {
            double tau = RFixture.parse(e[1]);
            Rmst r = byTau.computeIfAbsent(tau, t -> rmst(km, t));
            Rmst.Group g = r.groups().stream().filter(x -> x.group().equals(e[0])).findFirst().orElseThrow();
            String where = name + " group " + e[0] + " tau " + tau;
            RFixture.close(where + " rmean", g.estimate(), RFixture.parse(e[2]));
            RFixture.close(where + " se(rmean)", g.se(), RFixture.parse(e[3]));
        }
        assertThat(byTau.values().iterator().next().groups()).hasSize(km.size());
        if (km.size() > 1) {
            List<String[]> diffs = table(name + "-rmstdiff.csv");
            int rows = 0;
            for (String[] e : diffs) {
                Rmst r = byTau.get(RFixture.parse(e[2]));
                Rmst.Difference x = r.differences().stream().filter(y -> y.group().equals(e[0])).findFirst().orElseThrow();
                String where = name + " " + e[0] + " - " + e[1] + " tau " + e[2];
                assertThat(x.reference()).as(where).isEqualTo(e[1]);
                RFixture.close(where + " difference", x.estimate(), RFixture.parse(e[3]));
                RFixture.close(where + " se", x.se(), RFixture.parse(e[4]));
                RFixture.close(where + " lower", x.lower95(), RFixture.parse(e[5]));
                RFixture.close(where + " upper", x.upper95(), RFixture.parse(e[6]));
                rows++;
            }
            assertThat(rows).isEqualTo(byTau.size() * (km.size() - 1));
        }
    }

    @Test
    void a_horizon_that_is_not_positive_is_refused() throws Exception {
        List<KaplanMeier> km = Survival.kaplanMeier(data("cr-small"));
        for (double tau : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Survival.rmst(km, tau))
                    .isInstanceOf(SurvivalException.InvalidHorizon.class)
                    .hasMessageContaining("must be a number > 0");
        }
    }

    private static Rmst rmst(List<KaplanMeier> km, double tau) {
        try {
            return Survival.rmst(km, tau);
        } catch (SurvivalException.InvalidHorizon e) {
            throw new AssertionError(e);
        }
    }

    static SurvivalData data(String name) throws SurvivalException.InputException {
        Map<String, String> spec = new LinkedHashMap<>();
        for (String line : lines(name + ".spec")) {
            int eq = line.indexOf('=');
            spec.put(line.substring(0, eq), line.substring(eq + 1));
        }
        ColumnSpec columns = ColumnSpec.of(spec.get("time"), spec.get("event"))
                .withGroup(spec.get("group").isEmpty() ? null : spec.get("group")).withCompeting();
        try (InputStream in = resource(name + ".csv")) {
            return Survival.readCsv(in, name + ".csv", columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSV table written by R, header dropped, quotes removed. */
    static List<String[]> table(String file) {
        List<String> all = lines(file);
        List<String[]> out = new ArrayList<>();
        for (String line : all.subList(1, all.size())) {
            String[] f = line.split(",", -1);
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i].replace("\"", "");
            }
            out.add(f);
        }
        return out;
    }

    private static InputStream resource(String file) {
        InputStream in = CompetingRisksMatchesRTest.class.getResourceAsStream("/fixtures/" + file);
        if (in == null) {
            throw new IllegalStateException("missing fixture " + file);
        }
        return in;
    }

    private static List<String> lines(String file) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(resource(file), StandardCharsets.UTF_8))) {
            List<String> out = new ArrayList<>();
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
