package org.cavaplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.IvcInvolvement;
import org.cavaplan.core.model.Landmark;
import org.junit.jupiter.api.Test;

class IvcSchematicTest {

    @Test
    void landmarks_are_drawn_head_to_foot_without_gaps() {
        float previousBottom = IvcSchematic.ZONES.get(Landmark.RIGHT_ATRIUM)[0];
        for (Landmark l : Landmark.values()) {
            float[] zone = IvcSchematic.ZONES.get(l);
            assertThat(zone[0]).as(l.name()).isEqualTo(previousBottom);
            assertThat(zone[1]).as(l.name()).isGreaterThan(zone[0]);
            previousBottom = zone[1];
        }
        assertThat(previousBottom).isLessThan(IvcSchematic.HEIGHT);
    }

    @Test
    void each_level_spans_exactly_its_landmarks() {
        assertThat(IvcSchematic.levelSpan(3)).containsExactly(IvcSchematic.ZONES.get(Landmark.RIGHT_ATRIUM)[0],
                IvcSchematic.ZONES.get(Landmark.HEPATIC_VEINS)[1]);
        assertThat(IvcSchematic.levelSpan(2)).containsExactly(IvcSchematic.ZONES.get(Landmark.SUPRARENAL)[0],
                IvcSchematic.ZONES.get(Landmark.RENAL_VEINS)[1]);
        assertThat(IvcSchematic.levelSpan(1)).containsExactly(IvcSchematic.ZONES.get(Landmark.INFRARENAL)[0],
                IvcSchematic.ZONES.get(Landmark.ILIAC_CONFLUENCE)[1]);
    }

    @Test
    void a_tumor_reaching_the_right_atrium_is_drawn_into_it() {
        var model = new IvcSchematic.Model(List.of(2, 3), Optional.of(Landmark.RIGHT_ATRIUM), Optional.of(Landmark.RENAL_VEINS),
                Optional.of(IvcInvolvement.INTRALUMINAL));
        float[] span = IvcSchematic.tumorSpan(model).orElseThrow();
        assertThat(span[0]).isBetween(IvcSchematic.ZONES.get(Landmark.RIGHT_ATRIUM)[0], IvcSchematic.ZONES.get(Landmark.RIGHT_ATRIUM)[1]);
        assertThat(span[1]).isBetween(IvcSchematic.ZONES.get(Landmark.RENAL_VEINS)[0], IvcSchematic.ZONES.get(Landmark.RENAL_VEINS)[1]);
    }

    @Test
    void without_both_extents_no_tumor_is_drawn() {
        var model = new IvcSchematic.Model(List.of(), Optional.of(Landmark.INFRARENAL), Optional.empty(), Optional.empty());
        assertThat(IvcSchematic.tumorSpan(model)).isEmpty();
    }
}
