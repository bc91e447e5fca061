package org.cavaplan.core.meeting;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a board decided about one case of a meeting's agenda: the agreed plan in words, a verdict per
 * recommendation of the plan that it considered, who was present, who dissented and why, the actions
 * it asked for, and when the case is to be reviewed again. The content of one version of a decision
 * (see {@link DecisionVersion}); checked by {@link DecisionRules#check(Decision, Meeting)}, the
 * constructor only refuses nulls and copies the lists.
 */
public record Decision(
        String agreedPlan,
        List<DecisionItem> items,
        List<String> present,
        List<Dissent> dissent,
        List<ActionItem> actions,
        Optional<LocalDate> nextReview) {

    public Decision {
        Objects.requireNonNull(agreedPlan, "agreedPlan");
        items = List.copyOf(items);
        present = List.copyOf(present);
        dissent = List.copyOf(dissent);
        actions = List.copyOf(actions);
        Objects.requireNonNull(nextReview, "nextReview");
    }

    /** The items whose verdict is not ACCEPT. */
    public List<DecisionItem> overrides() {
        return items.stream().filter(i -> i.verdict().overrides()).toList();
    }
}
