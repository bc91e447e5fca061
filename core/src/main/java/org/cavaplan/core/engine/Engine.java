package org.cavaplan.core.engine;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Warning;

/**
 * Turns a case into a care plan: {@code Engine.create(knowledge).plan(case, asOf)}.
 *
 * <p>The engine is a pure function of the case, the knowledge base and {@code asOf}: it reads no
 * clock, does no I/O and keeps no state, so one instance may be shared by any number of threads.
 * It fails only on a defect of the knowledge base (two recommendations with one id), never on a
 * valid case.
 */
public final class Engine {

    /** By phase, then id; written out rather than composed, as it runs some 200 times per plan. */
    private static final Comparator<Recommendation> RECOMMENDATION_ORDER = (a, b) -> {
        int byPhase = a.phase().compareTo(b.phase());
        return byPhase != 0 ? byPhase : a.id().compareTo(b.id());
    };
    private static final Comparator<Concordance> CONCORDANCE_ORDER = (a, b) -> a.id().compareTo(b.id());
    private static final Comparator<PrognosticFactor> FACTOR_ORDER = (a, b) -> a.id().compareTo(b.id());

    /** Room for the findings of a large plan, so that the list does not grow while rules run. */
    private static final int FINDINGS_CAPACITY = 128;

    private final KnowledgeBase<?> knowledge;

    private Engine(KnowledgeBase<?> knowledge) {
        this.knowledge = Objects.requireNonNull(knowledge, "knowledge");
    }

    /** An engine over one knowledge base. */
    public static Engine create(KnowledgeBase<?> knowledge) {
        return new Engine(knowledge);
    }

    /** The knowledge base this engine runs. */
    public KnowledgeBase<?> knowledge() {
        return knowledge;
    }

    /** The plan for {@code kase} as of {@code asOf}. */
    public Plan plan(Case kase, LocalDate asOf) {
        return run(knowledge, kase, Objects.requireNonNull(asOf, "asOf"));
    }

    private static <F> Plan run(KnowledgeBase<F> knowledge, Case kase, LocalDate asOf) {
        F facts = knowledge.derive(kase, asOf);
        Assessment assessment = knowledge.assess(facts);
        List<Finding> findings = new ArrayList<>(FINDINGS_CAPACITY);
        findings.addAll(assessment.findings());
        for (Rule<F> rule : knowledge.rules()) {
            findings.addAll(rule.evaluate(facts));
        }
        Collected collected = collect(findings);
        return new Plan(kase.caseId(), asOf, assessment.stage(), assessment.intent(), assessment.classification(),
                assessment.response(), collected.recommendations, collected.concordance, collected.prognosticFactors,
                collected.missingData(), collected.warnings(), knowledge.version());
    }

    private static Collected collect(List<Finding> findings) {
        Collected c = new Collected();
        for (Finding finding : findings) {
            if (finding instanceof Recommendation r) {
                c.add(r);
            } else if (finding instanceof Concordance v) {
                c.concordance.add(v);
            } else if (finding instanceof PrognosticFactor p) {
                c.prognosticFactors.add(p);
            } else if (finding instanceof MissingData m) {
                c.addMissing(m);
            } else if (finding instanceof Warning w) {
                c.warnings.putIfAbsent(w.code(), w);
            }
        }
        c.recommendations.sort(RECOMMENDATION_ORDER);
        c.concordance.sort(CONCORDANCE_ORDER);
        c.prognosticFactors.sort(FACTOR_ORDER);
        return c;
    }

    private static final class Collected {
        final List<Recommendation> recommendations = new ArrayList<>(64);
        final Set<String> ids = new HashSet<>(128);
        final List<Concordance> concordance = new ArrayList<>();
        final List<PrognosticFactor> prognosticFactors = new ArrayList<>();
        final Map<String, MissingData> missing = new LinkedHashMap<>();
        final Map<String, Warning> warnings = new LinkedHashMap<>();

        void add(Recommendation r) {
            if (!ids.add(r.id())) {
                throw new IllegalStateException("knowledge base defect: recommendation " + r.id() + " emitted twice");
            }
            recommendations.add(r);
        }

        void addMissing(MissingData m) {
            missing.merge(m.pointer(), m, (a, b) -> {
                LinkedHashSet<String> affects = new LinkedHashSet<>(a.affects());
                affects.addAll(b.affects());
                return new MissingData(a.pointer(), a.reason(), List.copyOf(affects));
            });
        }

        List<MissingData> missingData() {
            List<MissingData> list = new ArrayList<>();
            for (MissingData m : missing.values()) {
                list.add(new MissingData(m.pointer(), m.reason(), m.affects().stream().sorted().toList()));
            }
            list.sort(Comparator.comparing(MissingData::pointer));
            return list;
        }

        List<Warning> warnings() {
            return warnings.values().stream().sorted(Comparator.comparing(Warning::code)).toList();
        }
    }
}
