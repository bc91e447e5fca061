package org.cavaplan.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.cavaplan.server.web.TypedNumber.Read;
import org.cavaplan.server.web.TypedNumber.Refused;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Numbers typed by a person: a decimal point or a decimal comma, nothing ambiguous guessed. */
class TypedNumberTest {

    @ParameterizedTest(name = "\"{0}\" reads as {1}")
    @CsvSource(delimiter = ';', value = {
            "4.5; 4.5", "4,5; 4.5", "45; 45", "-3; -3", "\u22123,5; -3.5", " 7 ; 7", "0,125; 0.125", "0.125; 0.125",
            ".5; 0.5", ",5; 0.5", "1234; 1234", "1234,567; 1234.567", "1,2345; 1.2345", "1,23; 1.23", "007; 7",
            "12.50; 12.50", "1.2340; 1.2340"})
    void a_decimal_point_and_a_decimal_comma_both_read_as_the_decimal_meant(String typed, String value) {
        assertThat(TypedNumber.read(typed)).isInstanceOfSatisfying(Read.class,
                r -> assertThat(r.value()).isEqualByComparingTo(new BigDecimal(value)));
    }

    @ParameterizedTest(name = "\"{0}\" is refused as ambiguous")
    @ValueSource(strings = {"1,234", "1.234", "12,500", "100.000", "-1,234"})
    void a_single_separator_before_exactly_three_digits_is_refused_as_ambiguous(String typed) {
        assertThat(TypedNumber.read(typed)).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.message()).contains("\u201c" + typed + "\u201d is ambiguous"));
    }

    @Test
    void the_ambiguity_message_says_both_readings_and_how_to_write_each() {
        assertThat(((Refused) TypedNumber.read("1,234")).message())
                .isEqualTo("\u201c1,234\u201d is ambiguous: it could be 1234 or 1.234. Write 1234 for the whole number, "
                        + "or 1.2340 for the decimal");
    }

    @ParameterizedTest(name = "\"{0}\" is refused, not guessed")
    @ValueSource(strings = {"4.500,5", "1.234,5", "1,234.5", "4,5,6", "1 234", "1'234", "1\u00a0234", "4..5", "4,,5"})
    void grouping_and_several_separators_are_refused_and_never_guessed(String typed) {
        assertThat(TypedNumber.read(typed)).isInstanceOfSatisfying(Refused.class,
                r -> assertThat(r.message()).contains("so as not to guess").contains("at most one decimal separator"));
    }

    @ParameterizedTest(name = "\"{0}\" is not a number")
    @ValueSource(strings = {"abc", "4 cm", "1e3", "-", ".", "4.5.", "++4", "0x10", "\u0664"})
    void anything_else_is_not_a_number(String typed) {
        assertThat(TypedNumber.read(typed)).isInstanceOf(Refused.class);
    }

    @Test
    void a_trailing_separator_and_an_overlong_text_are_refused_with_their_own_message() {
        assertThat(((Refused) TypedNumber.read("4.")).message()).isEqualTo("\u201c4.\u201d ends with a separator: write 4 or add the decimals");
        assertThat(((Refused) TypedNumber.read("1".repeat(40))).message()).endsWith("is too long for a number");
        assertThat(((Refused) TypedNumber.read("  ")).message()).isEqualTo("is empty: type a number");
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({"4.5, 4.5", "45, 45", "1.234, 1.2340", "-12.500, -12.5000", "0.125, 0.125", "1E+2, 100", "0.0000001, 0.0000001"})
    void a_stored_number_is_written_so_that_it_reads_back_exactly(String stored, String written) {
        BigDecimal value = new BigDecimal(stored);
        assertThat(TypedNumber.write(value)).isEqualTo(written);
        assertThat(((Read) TypedNumber.read(written)).value()).isEqualByComparingTo(value);
    }
}
