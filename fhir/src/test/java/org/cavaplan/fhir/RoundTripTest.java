package org.cavaplan.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.cavaplan.core.model.Case;
import org.cavaplan.io.PlanJson;
import org.cavaplan.io.ReadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    private static final BundleReader BUNDLES = BundleReader.create();

    static List<Fixtures.Named> cases() {
        return Fixtures.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aCaseWrittenAsABundleReadsBackAsTheSameCaseAndTheSamePlan(Fixtures.Named named) {
        Case original = Fixtures.read(named.json());
        String bundle = CaseBundle.json(original);

        ReadResult back = BUNDLES.read(bundle);

        assertThat(back).as(named.name() + ": " + back).isInstanceOf(ReadResult.Valid.class);
        Case copy = ((ReadResult.Valid) back).value();
        assertThat(copy).isEqualTo(original);
        assertThat(PlanJson.write(Fixtures.ENGINE.plan(copy, copy.latestDate())))
                .isEqualTo(PlanJson.write(Fixtures.ENGINE.plan(original, original.latestDate())));
    }

    @Test
    void theRoundTripCoversTheGoldenCasesTheSeedCaseAndThreeHundredSyntheticCases() {
        assertThat(Fixtures.golden()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases()).hasSize(Fixtures.golden().size() + 1 + Fixtures.SYNTHETIC);
    }

    @Test
    void theSameCaseAlwaysGivesTheSameBundle() {
        Case seed = Fixtures.seedCase();
        assertThat(CaseBundle.json(seed)).isEqualTo(CaseBundle.json(seed));
    }
}
