package org.cavaplan.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.engine.RuleInfo;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.Effect;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Parameters;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Verdict;
import org.cavaplan.core.plan.Warning;

/**
 * The findings of one rule for one case, filled by the rule's logic. The recommendation takes its
 * id, phase, evidence label and sources from the rule's published description unless overridden.
 */
final class Draft {

    private final RuleInfo info;
    // Allocated on first use: most rules stay silent for most cases.
    private List<Finding> extra = List.of();
    private List<Fact> because = List.of();
    private Parameters.Builder parameters;
    private List<EvidenceUpdate> updates = List.of();
    private Status status;
    private String summary;
    private String detail;
    private String when;
    private String evidence;
    private List<SourceRef> sources;

    Draft(RuleInfo info) {
        this.info = info;
    }

    Draft status(Status value) {
        this.status = value;
        return this;
    }

    Draft conditional(String condition) {
        this.status = Status.CONDITIONAL;
        this.when = condition;
        return this;
    }

    Draft summary(String value) {
        this.summary = value;
        return this;
    }

    Draft detail(String value) {
        this.detail = value;
        return this;
    }

    Draft evidence(String value) {
        this.evidence = value;
        return this;
    }

    Draft sources(SourceRef... refs) {
        this.sources = List.of(refs);
        return this;
    }

    Draft because(Fact fact) {
        if (because.isEmpty()) {
            because = new ArrayList<>(4);
        }
        if (!because.contains(fact)) {
            because.add(fact);
        }
        return this;
    }

    Draft because(List<Fact> facts) {
        for (Fact fact : facts) {
            because(fact);
        }
        return this;
    }

    Draft because(Optional<Fact> fact) {
        return fact.isPresent() ? because(fact.get()) : this;
    }

    boolean hasFacts() {
        return !because.isEmpty();
    }

    Draft param(String name, Object value) {
        if (parameters == null) {
            parameters = Parameters.builder();
        }
        parameters.put(name, value);
        return this;
    }

    Draft update(EvidenceUpdate update) {
        if (updates.isEmpty()) {
            updates = new ArrayList<>(2);
        }
        updates.add(update);
        return this;
    }

    private void extra(Finding finding) {
        if (extra.isEmpty()) {
            extra = new ArrayList<>(2);
        }
        extra.add(finding);
    }

    /** Records a fact the rule needed and did not find; it affects this rule's recommendation. */
    Draft missing(String pointer, String reason) {
        extra(new MissingData(pointer, reason, List.of(info.id())));
        return this;
    }

    Draft warn(String code, String message) {
        extra(new Warning(code, message));
        return this;
    }

    Draft concordance(String id, Verdict verdict, String note, List<Fact> facts) {
        extra(new Concordance(id, verdict, note, facts));
        return this;
    }

    /** The recommendation and the other findings. */
    List<Finding> emit() {
        Recommendation recommendation = new Recommendation(info.id(), info.phase().orElseThrow(), status, summary,
                detail == null ? summary : detail, Optional.ofNullable(when),
                evidence == null ? info.evidence() : evidence, sources == null ? info.sources() : sources,
                because, parameters == null ? Parameters.of() : parameters.build(), updates);
        if (extra.isEmpty()) {
            return List.of(recommendation);
        }
        List<Finding> out = new ArrayList<>(extra.size() + 1);
        out.add(recommendation);
        out.addAll(extra);
        return out;
    }

    /** No recommendation; only the other findings (missing data, warnings, concordance), if any. */
    List<Finding> silent() {
        return extra;
    }

    /** A prognostic factor under this rule's id. */
    List<Finding> factor(Effect effect, String text) {
        return List.of(new PrognosticFactor(info.id(), effect, text, info.sources(), because));
    }
}
