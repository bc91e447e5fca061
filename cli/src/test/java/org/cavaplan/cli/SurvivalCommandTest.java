package org.cavaplan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SurvivalCommandTest {

    /** R's aml data (survival package), with x recoded to 0/1 as 'maintained'. */
    private static final String AML = String.join("\n",
            "time,status,x,maintained",
            "9,1,Maintained,1", "13,1,Maintained,1", "13,0,Maintained,1", "18,1,Maintained,1",
            "23,1,Maintained,1", "28,0,Maintained,1", "31,1,Maintained,1", "34,1,Maintained,1",
            "45,0,Maintained,1", "48,1,Maintained,1", "161,0,Maintained,1",
            "5,1,Nonmaintained,0", "5,1,Nonmaintained,0", "8,1,Nonmaintained,0",
            "8,1,Nonmaintained,0", "12,1,Nonmaintained,0", "16,0,Nonmaintained,0",
            "23,1,Nonmaintained,0", "27,1,Nonmaintained,0", "30,1,Nonmaintained,0",
            "33,1,Nonmaintained,0", "43,1,Nonmaintained,0", "45,1,Nonmaintained,0",
            "NA,1,Nonmaintained,0") + "\n";

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    /**
     * Runs {@code cavaplan survival ...} through {@link Main#run} once Main registers the command,
     * otherwise through picocli directly with the same streams and exit codes.
     */
    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            if (new CommandLine(new Main()).getSubcommands().containsKey("survival")) {
                String[] full = new String[args.length + 1];
                full[0] = "survival";
                System.arraycopy(args, 0, full, 1, args.length);
                code = Main.run(full, o, e);
            } else {
                CommandLine cli = new CommandLine(new SurvivalCommand());
                PrintWriter ow = new PrintWriter(o, true, StandardCharsets.UTF_8);
                PrintWriter ew = new PrintWriter(e, true, StandardCharsets.UTF_8);
                cli.setOut(ow);
                cli.setErr(ew);
                code = cli.execute(args);
                ow.flush();
                ew.flush();
            }
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path aml() throws Exception {
        Path f = dir.resolve("aml.csv");
        Files.writeString(f, AML);
        return f;
    }

    @Test
    void curves_log_rank_and_cox_on_aml_are_printed_as_json_matching_r() throws Exception {
        Result r = run("--input", aml().toString(), "--time", "time", "--event", "status",
                "--group", "x", "--covariates", "maintained");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode j = r.json();
        assertThat(j.get("rows").asInt()).isEqualTo(24);
        assertThat(j.get("dropped").asInt()).isEqualTo(1);

        JsonNode km = j.get("km");
        assertThat(km).hasSize(2);
        assertThat(km.get(0).get("group").asText()).isEqualTo("Maintained");
        assertThat(km.get(0).get("n").asInt()).isEqualTo(11);
        assertThat(km.get(0).get("events").asInt()).isEqualTo(7);
        assertThat(km.get(0).get("median").asDouble()).isEqualTo(31.0);
        assertThat(km.get(0).get("medianUpper95").isNull()).isTrue();
        JsonNode first = km.get(1).get("table").get(0);
        assertThat(first.get("time").asDouble()).isEqualTo(5.0);
        assertThat(first.get("nRisk").asInt()).isEqualTo(12);
        assertThat(first.get("nEvent").asInt()).isEqualTo(2);
        assertThat(first.get("nCensor").asInt()).isZero();
        // summary(survfit(Surv(time, status) ~ x, aml)) at time 5, Nonmaintained
        assertThat(first.get("survival").asDouble()).isCloseTo(0.83333333333333337, within(1e-12));
        assertThat(first.get("stdErr").asDouble()).isCloseTo(0.1075828707279838, within(1e-12));
        assertThat(first.get("lower95").asDouble()).isCloseTo(0.64703698701336165, within(1e-12));
        assertThat(first.get("upper95").asDouble()).isEqualTo(1.0);

        JsonNode lr = j.get("logRank");
        assertThat(lr.get("chiSquare").asDouble()).isCloseTo(3.3963886989776011, within(1e-9));
        assertThat(lr.get("df").asInt()).isEqualTo(1);
        assertThat(lr.get("p").asDouble()).isCloseTo(0.065339322040505132, within(1e-10));

        JsonNode cox = j.get("cox");
        assertThat(cox.get("ties").asText()).isEqualTo("efron");
        JsonNode c = cox.get("coefficients").get(0);
        assertThat(c.get("name").asText()).isEqualTo("maintained");
        assertThat(c.get("coef").asDouble()).isCloseTo(-0.91553257501471752, within(1e-9));
        assertThat(c.get("hr").asDouble()).isCloseTo(0.40030337773319791, within(1e-9));
        assertThat(c.get("se").asDouble()).isCloseTo(0.5119342751720054, within(1e-9));
        assertThat(c.get("z").asDouble()).isCloseTo(-1.7883791326671898, within(1e-9));
        assertThat(c.get("p").asDouble()).isCloseTo(0.073714860639045754, within(1e-10));
        assertThat(c.get("lower95").asDouble()).isCloseTo(0.14676753818220681, within(1e-9));
        assertThat(c.get("upper95").asDouble()).isCloseTo(1.0918135999915148, within(1e-9));
        assertThat(cox.get("logLikelihood").get(0).asDouble()).isCloseTo(-42.72483926276022, within(1e-9));
        assertThat(cox.get("logLikelihood").get(1).asDouble()).isCloseTo(-41.032615596458385, within(1e-9));
        assertThat(cox.get("n").asInt()).isEqualTo(23);
        assertThat(cox.get("events").asInt()).isEqualTo(18);
        assertThat(cox.get("concordance").get("value").asDouble()).isCloseTo(0.61904761904761907, within(1e-12));
    }

    @Test
    void without_group_there_is_one_curve_called_all_and_no_log_rank_or_cox() throws Exception {
        Result r = run("--input", aml().toString(), "--time", "time", "--event", "status");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("km")).hasSize(1);
        assertThat(j.get("km").get(0).get("group").asText()).isEqualTo("all");
        assertThat(j.get("km").get(0).get("n").asInt()).isEqualTo(23);
        assertThat(j.get("logRank").isNull()).isTrue();
        assertThat(j.get("cox").isNull()).isTrue();
    }

    @Test
    void a_missing_column_exits_2_with_the_message_on_stderr_and_nothing_on_stdout() throws Exception {
        Result r = run("--input", aml().toString(), "--time", "days", "--event", "status");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("column 'days' not found");
    }

    @Test
    void a_non_numeric_value_exits_2_naming_line_and_column() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "time,status,age\n3,1,50\n4,0,fifty\n");
        Result r = run("--input", f.toString(), "--time", "time", "--event", "status",
                "--covariates", "age");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("line 3, column 'age': 'fifty' is not a number");
    }

    @Test
    void a_model_that_cannot_be_fitted_exits_2() throws Exception {
        Path f = dir.resolve("const.csv");
        Files.writeString(f, "time,status,site\n3,1,1\n4,0,1\n5,1,1\n");
        Result r = run("--input", f.toString(), "--time", "time", "--event", "status",
                "--covariates", "site");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("covariate 'site' is constant");
    }

    @Test
    void missing_input_file_and_missing_options_exit_2_with_nothing_on_stdout() throws Exception {
        Result noFile = run("--input", dir.resolve("none.csv").toString(), "--time", "t", "--event", "e");
        assertThat(noFile.code()).isEqualTo(2);
        assertThat(noFile.out()).isEmpty();
        assertThat(noFile.err()).contains("no such file");

        Result noTime = run("--input", aml().toString(), "--event", "status");
        assertThat(noTime.code()).isEqualTo(2);
        assertThat(noTime.out()).isEmpty();
        assertThat(noTime.err()).contains("--time");
    }

    @Test
    void plots_are_written_as_svg_and_png_and_are_the_same_bytes_every_time() throws Exception {
        Path svg1 = dir.resolve("a.svg");
        Path png1 = dir.resolve("a.png");
        Path svg2 = dir.resolve("b.svg");
        Path png2 = dir.resolve("b.png");
        Result r1 = run("--input", aml().toString(), "--time", "time", "--event", "status", "--group", "x",
                "--plot-svg", svg1.toString(), "--plot-png", png1.toString());
        Result r2 = run("--input", aml().toString(), "--time", "time", "--event", "status", "--group", "x",
                "--plot-svg", svg2.toString(), "--plot-png", png2.toString());
        assertThat(r1.code()).as(r1.err()).isZero();
        assertThat(r2.code()).isZero();
        assertThat(Files.readString(svg1)).startsWith("<?xml").contains("<svg").contains("Number at risk");
        byte[] png = Files.readAllBytes(png1);
        assertThat(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(Files.readAllBytes(svg2)).isEqualTo(Files.readAllBytes(svg1));
        assertThat(Files.readAllBytes(png2)).isEqualTo(png);
    }

    /** cr-small of survival/src/test/r/make-competing-fixtures.R: ties of both causes, numeric groups. */
    private static final String SMALL = String.join("\n", "time,status,dose",
            "1,1,10", "2,1,10", "2,2,10", "2,0,10", "3,2,10", "4,0,10", "4,1,10", "5,1,10", "6,0,10", "7,1,10",
            "1,2,2", "2,1,2", "3,1,2", "3,0,2", "5,2,2", "5,1,2", "8,0,2", "9,1,2") + "\n";

    @Test
    void competing_adds_cumulative_incidence_and_grays_test_matching_cuminc() throws Exception {
        Path f = dir.resolve("small.csv");
        Files.writeString(f, SMALL);
        Result r = run("--input", f.toString(), "--time", "time", "--event", "status", "--group", "dose",
                "--competing", "--rmst", "3");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        JsonNode first = j.get("cumulativeIncidence").get(0);
        assertThat(first.get("group").asText()).isEqualTo("2");
        assertThat(first.get("cause").asInt()).isEqualTo(1);
        // cuminc: group 2, cause 1 at time 2: estimate 0.125, variance 0.015943877551020412
        assertThat(first.get("time").get(0).asDouble()).isEqualTo(2.0);
        assertThat(first.get("estimate").get(0).asDouble()).isCloseTo(0.125, within(1e-12));
        assertThat(first.get("variance").get(0).asDouble()).isCloseTo(0.015943877551020412, within(1e-12));
        assertThat(first.get("lower").get(0).asDouble()).isCloseTo(0.0045701763933798092, within(1e-9));
        assertThat(first.get("upper").get(0).asDouble()).isCloseTo(0.44820339836047585, within(1e-9));
        JsonNode gray = j.get("grayTest");
        assertThat(gray.get(0).get("cause").asInt()).isEqualTo(1);
        assertThat(gray.get(0).get("statistic").asDouble()).isCloseTo(0.59716184050566645, within(1e-9));
        assertThat(gray.get(0).get("df").asInt()).isEqualTo(1);
        assertThat(gray.get(0).get("p").asDouble()).isCloseTo(0.43966296601946753, within(1e-9));
        assertThat(gray.get(1).get("statistic").asDouble()).isCloseTo(0.020295782412048848, within(1e-9));
        JsonNode rmst = j.get("rmst");
        assertThat(rmst.get(0).get("group").asText()).isEqualTo("2");
        assertThat(rmst.get(0).get("tau").asDouble()).isEqualTo(3.0);
        assertThat(j.get("rmstDifference").get(0).get("reference").asText()).isEqualTo("2");
    }

    @Test
    void a_status_other_than_0_1_2_with_competing_names_the_line_and_column() throws Exception {
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, "time,status\n1,1\n2,2\n3,3\n");
        Result r = run("--input", f.toString(), "--time", "time", "--event", "status", "--competing");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("line 4", "column 'status'", "0 (censored), 1 (event of interest) or 2 (competing event)",
                "'3'");
    }

    @Test
    void a_status_of_2_without_competing_is_refused() throws Exception {
        Path f = dir.resolve("two.csv");
        Files.writeString(f, "time,status\n1,1\n2,2\n");
        Result r = run("--input", f.toString(), "--time", "time", "--event", "status");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 3", "column 'status'", "0 (censored) or 1 (event)");
    }

    @Test
    void a_horizon_that_is_not_positive_is_a_usage_error() throws Exception {
        for (String tau : new String[] {"0", "-5"}) {
            Result r = run("--input", aml().toString(), "--time", "time", "--event", "status", "--rmst", tau);
            assertThat(r.code()).as(tau).isEqualTo(2);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("--rmst", "must be a number > 0");
        }
    }

    @Test
    void rmst_per_group_matches_print_survfit_rmean_on_aml() throws Exception {
        Result r = run("--input", aml().toString(), "--time", "time", "--event", "status", "--group", "x",
                "--rmst", "23");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode rmst = r.json().get("rmst");
        // survival/src/test/resources/fixtures/aml-rmst.csv
        assertThat(rmst.get(0).get("group").asText()).isEqualTo("Maintained");
        assertThat(rmst.get(0).get("estimate").asDouble()).isCloseTo(20.30681818181818, within(1e-9));
        assertThat(rmst.get(0).get("se").asDouble()).isCloseTo(1.429950182659278, within(1e-9));
        assertThat(rmst.get(1).get("estimate").asDouble()).isCloseTo(16.583333333333336, within(1e-9));
        assertThat(r.json().has("cumulativeIncidence")).isFalse();
    }
}
