package org.cavaplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Status;
import org.junit.jupiter.api.Test;

class DecisionsTest {

    @Test
    void before_the_operation_adjuvant_therapy_waits_for_pathology_and_surveillance_for_the_operation() {
        Case kase = Fixtures.read(Fixtures.ROOT.resolve("examples/level2-occluded-collaterals-ligation.json"));
        List<Decisions.Decision> decisions = Decisions.of(kase, Fixtures.plan(kase));
        assertThat(decisions).extracting(Decisions.Decision::label)
                .containsExactly("Intent", "Neoadjuvant therapy", "IVC management", "Adjuvant therapy", "Next surveillance");
        assertThat(decisions.get(2).items()).first().isEqualTo(new Decisions.Item(Optional.of(Status.RECOMMENDED),
                Fixtures.plan(kase).recommendation("ivc.ligation").orElseThrow().summary()));
        assertThat(decisions.get(3).items()).containsExactly(
                Decisions.Item.fact("Decided once the final pathology (margin, grade, size) is known."));
        assertThat(decisions.get(4).items()).containsExactly(
                Decisions.Item.fact("Starts after the operation; no surveillance date yet."));
    }

    @Test
    void a_level_3_tumor_shows_ligation_as_contraindicated_first_of_the_non_recommended() {
        Case kase = Fixtures.read(Fixtures.ROOT.resolve("examples/level3-intracardiac-ligation-contraindicated.json"));
        List<Decisions.Item> ivc = Decisions.of(kase, Fixtures.plan(kase)).stream()
                .filter(d -> d.label().equals("IVC management")).findFirst().orElseThrow().items();
        assertThat(ivc).anySatisfy(i -> {
            assertThat(i.status()).contains(Status.CONTRAINDICATED);
            assertThat(i.text()).containsIgnoringCase("ligat");
        });
    }
}
