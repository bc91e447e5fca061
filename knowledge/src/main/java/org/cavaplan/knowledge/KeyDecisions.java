package org.cavaplan.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Status;

/**
 * The key decisions of a plan (plan contract §1.1 and §7.1): the emitted recommendations of the
 * rules marked K whose status is not NOT_RECOMMENDED (a NOT_RECOMMENDED one only where it overturns
 * what a board might expect), {@code intent.*} first, then in the plan's order; at most
 * {@value #MAX}, dropping from the end but never an {@code intent.*}, {@code ivc.*} or {@code systemic.*} row.
 */
final class KeyDecisions {

    static final int MAX = 10;

    /** K rows listed even when NOT_RECOMMENDED: the advice against is itself the decision. */
    static final Set<String> LISTED_WHEN_ADVISED_AGAINST = Set.of("adjuvant.radiotherapy", "neoadjuvant.radiotherapy",
            "intent.palliative-resection");

    private KeyDecisions() {}

    static List<KeyDecision> of(Set<String> keyIds, List<Recommendation> ordered) {
        List<Recommendation> intent = new ArrayList<>(2);
        List<Recommendation> rest = new ArrayList<>(8);
        for (Recommendation r : ordered) {
            if (!keyIds.contains(r.id())
                    || (r.status() == Status.NOT_RECOMMENDED && !LISTED_WHEN_ADVISED_AGAINST.contains(r.id()))) {
                continue;
            }
            (r.id().startsWith("intent.") ? intent : rest).add(r);
        }
        List<Recommendation> all = new ArrayList<>(intent);
        all.addAll(rest);
        for (int i = all.size() - 1; i >= 0 && all.size() > MAX; i--) {
            if (!protectedRow(all.get(i).id())) {
                all.remove(i);
            }
        }
        List<KeyDecision> list = new ArrayList<>(all.size());
        for (Recommendation r : all) {
            list.add(KeyDecision.of(r));
        }
        return list;
    }

    private static boolean protectedRow(String id) {
        return id.startsWith("intent.") || id.startsWith("ivc.") || id.startsWith("systemic.");
    }
}
