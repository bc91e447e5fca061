package org.cavaplan.survival.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.cavaplan.survival.ColumnSpec;
import org.cavaplan.survival.Survival;
import org.cavaplan.survival.SurvivalData;
import org.cavaplan.survival.SurvivalException;

/**
 * Coverage-guided fuzzing of the CSV reader (docs/fuzzing.md). In a normal build the method replays
 * its inputs under {@code src/test/resources/org/cavaplan/survival/fuzz/CsvReaderFuzzTestInputs/<method>};
 * {@code bench/fuzz} runs it as a fuzzer. The property: whatever the bytes and whichever columns are
 * asked for, the reader returns data or throws one of its named input errors, nothing else.
 */
class CsvReaderFuzzTest {

    /** Column requests over a small vocabulary, so that the fuzzer can write headers that match. */
    private static final List<ColumnSpec> SPECS = List.of(
            ColumnSpec.of("time", "status"),
            ColumnSpec.of("time", "status").withGroup("x"),
            ColumnSpec.of("time", "status").withCovariates(List.of("age")),
            ColumnSpec.of("time", "status").withGroup("x").withCovariates(List.of("maintained", "age")),
            ColumnSpec.of("time", "time"),
            ColumnSpec.of(" time ", "status").withGroup("time"),
            ColumnSpec.of("time", "status").withGroup("x").withCovariates(List.of("x")));

    @FuzzTest(maxDuration = "10m")
    void any_bytes_are_either_survival_data_or_a_named_input_error(FuzzedDataProvider data) {
        ColumnSpec spec = data.pickValue(SPECS);
        byte[] csv = data.consumeRemainingAsBytes();

        try {
            SurvivalData read = Survival.readCsv(new ByteArrayInputStream(csv), "fuzz.csv", spec);

            assertThat(read.rows()).isLessThanOrEqualTo(lineCount(csv));
            assertThat(read.covariateNames()).isEqualTo(spec.covariates());
        } catch (SurvivalException.InputException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    private static int lineCount(byte[] bytes) {
        int lines = 1;
        for (byte b : bytes) {
            if (b == '\n' || b == '\r') {
                lines++;
            }
        }
        return lines;
    }
}
