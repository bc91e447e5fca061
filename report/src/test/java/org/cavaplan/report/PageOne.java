package org.cavaplan.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Function;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.RedFlag;

/** What page 1 of a report must show first: after "Key decisions", the red flags, then the key decisions, then the patient. */
final class PageOne {

    private PageOne() {}

    /**
     * Asserts that {@code page} holds, in this order after "Key decisions", each red flag as {@code flag}
     * shows it, each key decision as {@code decision} shows it, then "Patient summary".
     */
    static void opensWithTheRedFlagsThenTheKeyDecisions(String page, Plan plan, Function<RedFlag, String> flag,
            Function<KeyDecision, String> decision) {
        int at = page.indexOf("Key decisions");
        assertThat(at).isPositive();
        for (RedFlag f : plan.redFlags()) {
            int found = page.indexOf(flag.apply(f), at + 1);
            assertThat(found).as(f.message()).isGreaterThan(at);
            at = found;
        }
        for (KeyDecision k : plan.keyDecisions()) {
            int found = page.indexOf(decision.apply(k), at + 1);
            assertThat(found).as(k.summary()).isGreaterThan(at);
            at = found;
        }
        assertThat(page.indexOf("Patient summary")).isGreaterThan(at);
    }
}
