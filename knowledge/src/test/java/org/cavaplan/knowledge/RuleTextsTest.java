package org.cavaplan.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.cavaplan.core.engine.RuleInfo;
import org.cavaplan.core.engine.Threshold;
import org.junit.jupiter.api.Test;

/** The printed conditions of the rules come from the thresholds the logic reads, never from literals. */
class RuleTextsTest {

    @Test
    void no_rule_condition_writes_one_of_its_thresholds_as_a_literal_number() {
        Settings settings = Settings.defaults();
        List<String> literal = new ArrayList<>();
        for (KbRule rule : CavaPlanKnowledge.templates()) {
            RuleInfo info = rule.info();
            for (String name : info.thresholds()) {
                Threshold t = settings.threshold(name);
                String number = Pattern.quote(RuleTexts.number(t.value()));
                String unit = Pattern.quote(t.unit());
                Pattern written = Pattern.compile("(?<![\\w.{])" + number + "\\s*" + unit + "|" + unit + "\\s*" + number + "(?![\\w.])");
                if (written.matcher(info.condition()).find()) {
                    literal.add(info.id() + " writes " + name + " (" + RuleTexts.number(t.value()) + " " + t.unit() + ")");
                }
            }
        }
        assertThat(literal).isEmpty();
    }

    @Test
    void every_placeholder_names_a_threshold_the_rule_lists() {
        List<String> unlisted = new ArrayList<>();
        Pattern placeholder = Pattern.compile("\\{([a-zA-Z0-9.]+)(:value)?\\}");
        for (KbRule rule : CavaPlanKnowledge.templates()) {
            var m = placeholder.matcher(rule.info().condition());
            while (m.find()) {
                if (!rule.info().thresholds().contains(m.group(1))) {
                    unlisted.add(rule.info().id() + ": " + m.group(1));
                }
            }
        }
        assertThat(unlisted).isEmpty();
    }

    @Test
    void a_changed_assumption_changes_the_printed_condition() {
        String published = condition(CavaPlanKnowledge.create(), "intent.palliative-resection");
        String changed = condition(CavaPlanKnowledge.create(Settings.defaults().with(Thresholds.FIT_MAX_ECOG, 1)),
                "intent.palliative-resection");
        assertThat(RuleTexts.resolve("worse than {" + Thresholds.FIT_MAX_ECOG + "}", Settings.defaults()))
                .isEqualTo("worse than ECOG 2");
        assertThat(RuleTexts.resolve("from {" + Thresholds.FITNESS_REVIEW_AGE + ":value} years", Settings.defaults()
                .with(Thresholds.FITNESS_REVIEW_AGE, 80))).isEqualTo("from 80 years");
        assertThat(published).isNotEqualTo(changed);
    }

    @Test
    void a_placeholder_that_names_no_threshold_is_a_defect() {
        assertThatThrownBy(() -> RuleTexts.resolve("above {no.such.threshold}", Settings.defaults()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no.such.threshold");
    }

    @Test
    void every_plan_names_the_assumptions_changed_for_it() {
        assertThat(CavaPlanKnowledge.create().changedAssumptions()).isEmpty();
        assertThat(CavaPlanKnowledge.create(Settings.defaults().with(Thresholds.DFI_MONTHS, 18)).changedAssumptions())
                .containsExactly(java.util.Map.entry(Thresholds.DFI_MONTHS, 18L));
    }

    private static String condition(CavaPlanKnowledge kb, String id) {
        return kb.rules().stream().filter(r -> r.info().id().equals(id)).findFirst().orElseThrow().info().condition();
    }
}
