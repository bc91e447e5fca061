package org.cavaplan.survival;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ConcordanceTest {

    @Test
    void fenwick_counts_equal_a_brute_force_count_of_all_pairs_with_ties() {
        Random rnd = new Random(7);
        for (int rep = 0; rep < 20; rep++) {
            int n = 5 + rnd.nextInt(60);
            double[] time = new double[n];
            byte[] status = new byte[n];
            double[] score = new double[n];
            for (int i = 0; i < n; i++) {
                time[i] = 1 + rnd.nextInt(12);
                status[i] = (byte) (rnd.nextDouble() < 0.6 ? 1 : 0);
                score[i] = rnd.nextInt(5);
            }
            java.util.Arrays.sort(time); // compute() expects ascending times; status/score stay random
            CoxModel.Concordance c = ConcordanceCalculator.compute(time, status, score);
            long conc = 0;
            long disc = 0;
            long tied = 0;
            long tiedTime = 0;
            for (int i = 0; i < n; i++) {
                if (status[i] != 1) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    boolean comparable = time[j] > time[i] || (time[j] == time[i] && status[j] == 0);
                    if (comparable) {
                        if (score[i] > score[j]) {
                            conc++;
                        } else if (score[i] < score[j]) {
                            disc++;
                        } else {
                            tied++;
                        }
                    } else if (time[j] == time[i] && status[j] == 1 && j > i && score[i] != score[j]) {
                        tiedTime++;
                    }
                }
            }
            assertThat(c.concordant()).isEqualTo(conc);
            assertThat(c.discordant()).isEqualTo(disc);
            assertThat(c.tiedRisk()).isEqualTo(tied);
            assertThat(c.tiedTime()).isEqualTo(tiedTime);
            assertThat(c.value()).isCloseTo((conc + tied / 2.0) / (conc + disc + tied), Offset.offset(1e-15));
        }
    }
}
