package org.cavaplan.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Parameters;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Status;
import org.junit.jupiter.api.Test;

/** The parameters of a recommendation (core's {@link Parameters}), as the rules' drafts build them. */
class RecommendationParametersTest {

    @Test
    void parameters_keep_the_order_they_were_given_in_and_a_name_given_again_keeps_its_place() {
        Parameters p = Parameters.builder().put("b", 1).put("a", "x").put("b", 2).put("c", List.of(3)).build();
        assertThat(new ArrayList<>(p.keySet())).containsExactly("b", "a", "c");
        assertThat(p.get("b")).isEqualTo(2);
        assertThat(p.get("missing")).isNull();
        assertThat(p).isEqualTo(Map.of("a", "x", "b", 2, "c", List.of(3))).hasSameHashCodeAs(Map.of("a", "x", "b", 2, "c", List.of(3)));
    }

    @Test
    void a_builder_that_goes_on_after_building_does_not_change_what_it_built() {
        Parameters.Builder b = Parameters.builder().put("a", 1);
        Parameters first = b.build();
        b.put("a", 9).put("b", 2);
        assertThat(first).containsExactly(Map.entry("a", 1));
        assertThat(b.build()).containsExactly(Map.entry("a", 9), Map.entry("b", 2));
    }

    @Test
    void parameters_cannot_be_changed_through_the_map() {
        Parameters p = Parameters.builder().put("a", 1).build();
        assertThatThrownBy(() -> p.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.entrySet().iterator().next().setValue(3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_recommendation_copies_any_other_map_in_its_order_so_later_changes_to_it_do_not_reach_the_plan() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("z", 1);
        given.put("y", 2);
        Recommendation r = new Recommendation("x.y", Phase.WORKUP, Status.RECOMMENDED, "Summary.", "Detail.", Optional.empty(),
                "single review article", List.of(new SourceRef("s", "§1")), List.of(new Fact("/caseId", "c")), given, List.of());
        given.put("w", 3);
        assertThat(new ArrayList<>(r.parameters().keySet())).containsExactly("z", "y");
        assertThat(Parameters.copyOf(r.parameters())).isSameAs(r.parameters());
    }
}
