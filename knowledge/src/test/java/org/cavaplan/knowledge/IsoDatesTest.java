package org.cavaplan.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IsoDatesTest {

    @Test
    void every_day_from_1899_to_2200_is_written_as_local_date_writes_it() {
        for (LocalDate d = LocalDate.of(1899, 1, 1); d.getYear() <= 2200; d = d.plusDays(1)) {
            assertThat(IsoDates.format(d)).isEqualTo(d.toString());
        }
    }

    @Test
    void years_outside_four_digits_are_left_to_local_date() {
        for (LocalDate d : new LocalDate[] {LocalDate.of(999, 12, 31), LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31),
                LocalDate.of(10000, 1, 1), LocalDate.of(-1, 6, 15), LocalDate.MIN, LocalDate.MAX}) {
            assertThat(IsoDates.format(d)).isEqualTo(d.toString());
        }
    }
}
