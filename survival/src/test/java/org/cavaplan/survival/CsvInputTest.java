package org.cavaplan.survival;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvInputTest {

    private static SurvivalData read(String csv, ColumnSpec spec) throws SurvivalException.InputException {
        return Survival.readCsv(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "test.csv", spec);
    }

    private static final ColumnSpec TE = ColumnSpec.of("time", "status");

    @Test
    void a_missing_column_is_named_with_the_columns_that_exist() {
        assertThatThrownBy(() -> read("time,event\n1,1\n", TE))
                .isInstanceOf(SurvivalException.MissingColumn.class)
                .hasMessageContaining("'status'")
                .hasMessageContaining("time, event");
    }

    @Test
    void a_non_numeric_value_reports_its_line_and_column() {
        assertThatThrownBy(() -> read("time,status,age\n1,1,50\n2,0,abc\n", TE.withCovariates(List.of("age"))))
                .isInstanceOfSatisfying(SurvivalException.NonNumericValue.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isEqualTo("age");
                    assertThat(e.value()).isEqualTo("abc");
                })
                .hasMessage("line 3, column 'age': 'abc' is not a number");
    }

    @Test
    void a_non_numeric_time_is_rejected_even_if_it_looks_like_a_java_literal() {
        assertThatThrownBy(() -> read("time,status\n1,1\n0x10,1\n", TE))
                .isInstanceOf(SurvivalException.NonNumericValue.class);
        assertThatThrownBy(() -> read("time,status\n1,1\nInfinity,1\n", TE))
                .isInstanceOf(SurvivalException.NonNumericValue.class);
        assertThatThrownBy(() -> read("time,status\n1,1\n1e400,1\n", TE))
                .isInstanceOf(SurvivalException.NegativeTime.class);
    }

    @Test
    void a_negative_time_is_rejected_with_its_line() {
        assertThatThrownBy(() -> read("time,status\n1,1\n\n-2,0\n", TE))
                .isInstanceOfSatisfying(SurvivalException.NegativeTime.class,
                        e -> assertThat(e.line()).isEqualTo(4));
    }

    @Test
    void an_event_other_than_zero_or_one_is_rejected() {
        assertThatThrownBy(() -> read("time,status\n1,1\n2,2\n", TE))
                .isInstanceOfSatisfying(SurvivalException.InvalidEvent.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.value()).isEqualTo("2");
                });
        assertThatThrownBy(() -> read("time,status\n1,yes\n", TE))
                .isInstanceOf(SurvivalException.InvalidEvent.class);
    }

    @Test
    void rows_with_empty_or_na_values_in_used_columns_are_dropped_and_counted() throws Exception {
        String csv = "time,status,arm,age,unused\n"
                + "1,1,a,60,x\n"
                + "2,NA,a,51,x\n"      // missing event: dropped everywhere
                + "3,1,,45,x\n"        // missing group: dropped from KM only
                + "4,0,b,,x\n"         // missing covariate: dropped from Cox only
                + "5,1,b,58,\n"        // missing unused value: kept
                + "6,1,a,47,x\n"
                + "7,0,b,52,x\n";
        SurvivalData d = read(csv, new ColumnSpec("time", "status", "arm", List.of("age")));
        Analysis a = Survival.analyze(d);
        assertThat(a.rows()).isEqualTo(7);
        assertThat(a.kmDropped()).isEqualTo(2);
        assertThat(a.kaplanMeier()).extracting(KaplanMeier::n).containsExactly(2, 3);
        assertThat(a.cox().orElseThrow().dropped()).isEqualTo(2);
        assertThat(a.cox().orElseThrow().n()).isEqualTo(5);
    }

    @Test
    void quoted_fields_crlf_line_ends_and_a_byte_order_mark_are_read() throws Exception {
        String csv = "\uFEFF\"time\",\"status\",\"arm\"\r\n"
                + "1,1,\"Arm, \"\"A\"\"\"\r\n"
                + "2,0,\"Arm, \"\"A\"\"\"\r\n"
                + "3,1,B\r\n"
                + "\r\n";
        List<KaplanMeier> km = Survival.kaplanMeier(read(csv, TE.withGroup("arm")));
        assertThat(km).extracting(KaplanMeier::group).containsExactly("Arm, \"A\"", "B");
        assertThat(km.get(0).n()).isEqualTo(2);
    }

    @Test
    void numeric_group_labels_are_ordered_by_value_like_r_factor_levels() throws Exception {
        String csv = "time,status,g\n1,1,10\n2,1,9\n3,0,10.0\n4,1,2\n";
        List<KaplanMeier> km = Survival.kaplanMeier(read(csv, TE.withGroup("g")));
        assertThat(km).extracting(KaplanMeier::group).containsExactly("2", "9", "10");
        assertThat(km.get(2).n()).isEqualTo(2);
    }

    @Test
    void an_unterminated_quote_and_a_short_row_are_malformed_csv() {
        assertThatThrownBy(() -> read("time,status\n1,\"1\n", TE))
                .isInstanceOf(SurvivalException.MalformedCsv.class)
                .hasMessageContaining("line 2");
        assertThatThrownBy(() -> read("time,status\n1,1\n2\n", TE))
                .isInstanceOf(SurvivalException.MalformedCsv.class)
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> read("", TE)).isInstanceOf(SurvivalException.MalformedCsv.class);
    }

    @Test
    void a_file_that_does_not_exist_is_unreadable_input(@TempDir Path dir) {
        assertThatThrownBy(() -> Survival.readCsv(dir.resolve("nope.csv"), TE))
                .isInstanceOf(SurvivalException.UnreadableInput.class)
                .hasMessageContaining("nope.csv");
    }

    @Test
    void a_file_is_read_like_a_stream(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, "time,status\n5,1\n3,0\n");
        SurvivalData d = Survival.readCsv(f, TE);
        assertThat(d.rows()).isEqualTo(2);
        assertThat(Survival.kaplanMeier(d).get(0).table()).extracting(KaplanMeier.Row::time)
                .containsExactly(3.0, 5.0);
    }

    @Test
    void all_rows_missing_is_a_clear_error() {
        assertThatThrownBy(() -> Survival.analyze(read("time,status\nNA,1\n2,NA\n", TE)))
                .isInstanceOf(SurvivalException.NoCompleteRows.class);
    }

    @Test
    void the_fast_number_parser_agrees_with_double_parse_double() {
        java.util.Random rnd = new java.util.Random(42);
        String[] fixed = {"0", "-0", "1", "+1", "0.1", "123.456", "1e5", "1E-5", "3.14159265358979323846",
                "12345678901234567890", "0.000001234", "9007199254740993", "1.7976931348623157e308",
                "4.9e-324", "2.2250738585072014E-308", ".5", "5.", "00012"};
        for (String s : fixed) {
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(DoubleParser.parse(b, 0, b.length)).as(s).isEqualTo(Double.parseDouble(s));
        }
        for (int i = 0; i < 20000; i++) {
            double v = switch (i % 4) {
                case 0 -> rnd.nextDouble() * 1000;
                case 1 -> rnd.nextGaussian();
                case 2 -> Math.round(rnd.nextDouble() * 1e6) / 1e3;
                default -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(40) - 20);
            };
            String s = i % 3 == 0 ? String.format(java.util.Locale.ROOT, "%.15g", v) : Double.toString(v);
            byte[] b = s.getBytes(StandardCharsets.US_ASCII);
            assertThat(DoubleParser.parse(b, 0, b.length)).as(s).isEqualTo(Double.parseDouble(s));
        }
        for (String bad : new String[] {"", "-", ".", "e5", "1e", "1.2.3", "NaN", "1,5", "--1"}) {
            byte[] b = bad.getBytes(StandardCharsets.US_ASCII);
            assertThat(DoubleParser.parse(b, 0, b.length)).as(bad).isNaN();
        }
    }
}
