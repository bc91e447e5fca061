package org.cavaplan.core.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.Warning;

/**
 * Turns a case into a care plan: {@code Engine.create(knowledge).plan(case, asOf)}.
 *
 * <p>The engine is a pure function of the case, the knowledge base and {@code asOf}: it reads no
 * clock, does no I/O and keeps no state, so one instance may be shared by any number of threads.
 * It fails only on a defect of the knowledge base, never on a valid case: two rules with one id
 * (found by {@link #create}), or a rule that emits a recommendation under another id than its own,
 * or more than one (found by the plan that meets it).
 */
public final class Engine {

    private static final Comparator<Concordance> CONCORDANCE_ORDER = (a, b) -> a.id().compareTo(b.id());
    private static final Comparator<PrognosticFactor> FACTOR_ORDER = (a, b) -> a.id().compareTo(b.id());
    private static final Comparator<MissingData> MISSING_ORDER = (a, b) -> a.pointer().compareTo(b.pointer());
    private static final Comparator<Warning> WARNING_ORDER = (a, b) -> a.code().compareTo(b.code());

    private final KnowledgeBase<?> knowledge;
    /** By phase, then by the rule's place in the catalogue (its clinical priority), never alphabetically. */
    private final Comparator<Recommendation> recommendationOrder;

    private Engine(KnowledgeBase<?> knowledge, Map<String, Integer> catalogueRank) {
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
        this.recommendationOrder = (a, b) -> {
            int byPhase = a.phase().compareTo(b.phase());
            return byPhase != 0 ? byPhase : Integer.compare(catalogueRank.get(a.id()), catalogueRank.get(b.id()));
        };
    }

    /**
     * An engine over one knowledge base.
     *
     * @throws IllegalStateException when two of its rules share an id
     */
    public static Engine create(KnowledgeBase<?> knowledge) {
        Map<String, Integer> rank = new HashMap<>();
        for (Rule<?> rule : knowledge.rules()) {
            if (rank.putIfAbsent(rule.info().id(), rank.size()) != null) {
                throw new IllegalStateException("knowledge base defect: two rules have the id " + rule.info().id());
            }
        }
        return new Engine(knowledge, Map.copyOf(rank));
    }

    /** The knowledge base this engine runs. */
    public KnowledgeBase<?> knowledge() {
        return knowledge;
    }

    /** The plan for {@code kase} as of {@code asOf}. */
    public Plan plan(Case kase, LocalDate asOf) {
        return run(knowledge, kase, Objects.requireNonNull(asOf, "asOf"));
    }

    private <F> Plan run(KnowledgeBase<F> knowledge, Case kase, LocalDate asOf) {
        F facts = knowledge.derive(kase, asOf);
        Assessment assessment = knowledge.assess(facts);
        Collected c = new Collected();
        c.addAll(null, assessment.findings());
        for (Rule<F> rule : knowledge.rules()) {
            c.addAll(rule.info().id(), rule.evaluate(facts));
        }
        c.recommendations.sort(recommendationOrder);
        c.concordance.sort(CONCORDANCE_ORDER);
        c.prognosticFactors.sort(FACTOR_ORDER);
        Opening opening = knowledge.opening(facts, c.recommendations, c.redFlags);
        List<MissingData> missing = c.missingData();
        return new Plan(kase.caseId(), asOf, assessment.stage(), assessment.intent(), assessment.diseaseStatus(),
                assessment.classification(), opening.keyDecisions(), opening.redFlags(), assessment.response(),
                c.recommendations, c.concordance, c.prognosticFactors, missing, c.warnings(), knowledge.version(),
                knowledge.changedAssumptions(), knowledge.labels(facts), knowledge.sections(facts, c.recommendations, missing));
    }

    /** The findings of one plan, sorted into their kinds as the rules emit them. */
    private static final class Collected {
        final List<Recommendation> recommendations = new ArrayList<>(64);
        final List<Concordance> concordance = new ArrayList<>(4);
        final List<PrognosticFactor> prognosticFactors = new ArrayList<>(8);
        final Map<String, MissingData> missing = new LinkedHashMap<>();
        final Map<String, Warning> warnings = new LinkedHashMap<>();
        final List<RedFlag> redFlags = new ArrayList<>(2);

        /** The findings of the rule {@code ruleId}, or of the assessment when it is null. */
        void addAll(String ruleId, List<Finding> findings) {
            boolean recommended = false;
            for (int i = 0, n = findings.size(); i < n; i++) {
                Finding finding = findings.get(i);
                if (finding instanceof Recommendation r) {
                    if (recommended || !r.id().equals(ruleId)) {
                        throw new IllegalStateException("knowledge base defect: " + (ruleId == null ? "the assessment"
                                : "rule " + ruleId) + " emitted recommendation " + r.id()
                                + (recommended ? " after another" : ""));
                    }
                    recommended = true;
                    recommendations.add(r);
                } else if (finding instanceof Concordance v) {
                    concordance.add(v);
                } else if (finding instanceof PrognosticFactor p) {
                    prognosticFactors.add(p);
                } else if (finding instanceof MissingData m) {
                    addMissing(m);
                } else if (finding instanceof Warning w) {
                    warnings.putIfAbsent(w.code(), w);
                } else if (finding instanceof RedFlag f) {
                    redFlags.add(f);
                }
            }
        }

        void addMissing(MissingData m) {
            missing.merge(m.pointer(), m, (a, b) -> {
                LinkedHashSet<String> affects = new LinkedHashSet<>(a.affects());
                affects.addAll(b.affects());
                return new MissingData(a.pointer(), a.reason(), List.copyOf(affects));
            });
        }

        List<MissingData> missingData() {
            List<MissingData> list = new ArrayList<>(missing.size());
            for (MissingData m : missing.values()) {
                List<String> affects = m.affects();
                if (affects.size() > 1) {
                    String[] sorted = affects.toArray(new String[0]);
                    Arrays.sort(sorted);
                    affects = List.of(sorted);
                }
                list.add(affects == m.affects() ? m : new MissingData(m.pointer(), m.reason(), affects));
            }
            list.sort(MISSING_ORDER);
            return list;
        }

        List<Warning> warnings() {
            List<Warning> list = new ArrayList<>(warnings.values());
            list.sort(WARNING_ORDER);
            return list;
        }
    }
}
