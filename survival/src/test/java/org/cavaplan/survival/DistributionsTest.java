package org.cavaplan.survival;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DistributionsTest {

    @Test
    void chi_square_upper_tail_matches_r_pchisq_including_tiny_p_values() throws Exception {
        int checked = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/fixtures/pchisq.csv"), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split(",");
                double x = Double.parseDouble(f[0]);
                int df = Integer.parseInt(f[1]);
                double expected = Double.parseDouble(f[2]);
                double tol = 1e-12 * expected;
                assertThat(Distributions.chiSquareUpperTail(x, df)).as("pchisq(%s, %s)", x, df)
                        .isCloseTo(expected, org.assertj.core.data.Offset.offset(tol));
                checked++;
            }
        }
        assertThat(checked).isEqualTo(48);
    }

    @Test
    void log_gamma_is_exact_to_rounding_for_integers_half_integers_and_other_values() {
        assertThat(Distributions.logGamma(0.5)).isCloseTo(Math.log(Math.sqrt(Math.PI)),
                org.assertj.core.data.Offset.offset(1e-15));
        assertThat(Distributions.logGamma(6)).isCloseTo(Math.log(120),
                org.assertj.core.data.Offset.offset(1e-14));
        // Gamma(3.3) = 2.6834373819557675
        assertThat(Distributions.logGamma(3.3)).isCloseTo(Math.log(2.6834373819557675),
                org.assertj.core.data.Offset.offset(1e-13));
    }

    @Test
    void two_sided_normal_p_value_of_196_is_five_percent() {
        assertThat(Distributions.twoSidedNormal(Distributions.Z_975))
                .isCloseTo(0.05, org.assertj.core.data.Offset.offset(1e-15));
        assertThat(Distributions.twoSidedNormal(0)).isEqualTo(1.0);
    }
}
