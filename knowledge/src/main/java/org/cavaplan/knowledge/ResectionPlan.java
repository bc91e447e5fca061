package org.cavaplan.knowledge;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.ResponseCategory;

/**
 * Whether a resection is planned before the operation, worked out once from the facts the intent
 * rows read (plan contract v2, intent rows, §7.3, §7.5, §7.6). The intent rows state it; the
 * preoperative, operative and IVC rows follow it: none while no resection is planned, and their
 * RECOMMENDED and CONSIDER rows turn CONDITIONAL with the same {@code when} while it is only conditional.
 */
record ResectionPlan(Kind kind, List<String> conditions, List<Fact> basis) {

    enum Kind {
        /** No resection is planned: staging not done, or palliative intent without a relievable symptom or unfit. */
        NONE,
        /** A curative resection is planned. */
        PLANNED,
        /** A resection depends on something not yet known or decided; {@code conditions} say what. */
        CONDITIONAL
    }

    /** Symptoms a resection can relieve (intent.palliative-resection). */
    static final Set<Symptom> RELIEVABLE = EnumSet.of(Symptom.ABDOMINAL_PAIN, Symptom.FLANK_PAIN, Symptom.BACK_PAIN,
            Symptom.PALPABLE_MASS, Symptom.LOWER_EXTREMITY_EDEMA, Symptom.BUDD_CHIARI, Symptom.CARDIAC_ARRHYTHMIA);

    static final String BIOPSY = "a biopsy confirms leiomyosarcoma";
    static final String FITNESS = "the fitness assessment supports a major resection";
    static final String RESECTABLE = "the board confirms the disease is still resectable";
    static final String PALLIATIVE = "the board decides on a palliative resection";

    ResectionPlan {
        conditions = List.copyOf(conditions);
        basis = List.copyOf(basis);
    }

    static ResectionPlan of(Facts f) {
        List<Fact> basis = new ArrayList<>();
        if (f.intent == Intent.UNDETERMINED || f.leiomyosarcoma().no()) {
            // not before staging (§7.3); never on this pathway for another histology (§1.1, NOT_LEIOMYOSARCOMA)
            basis.add(f.baselineDateFact());
            return new ResectionPlan(Kind.NONE, List.of(), basis);
        }
        if (f.intent == Intent.PALLIATIVE) {
            basis.addAll(f.intentBasis);
            Optional<Fact> relievable = relievableSymptoms(f);
            if (relievable.isPresent() && !f.unfit()) {
                basis.add(relievable.get());
                return new ResectionPlan(Kind.CONDITIONAL, List.of(PALLIATIVE), basis);
            }
            return new ResectionPlan(Kind.NONE, List.of(), basis);
        }
        basis.addAll(f.intentBasis);
        List<String> conditions = new ArrayList<>(3);
        if (f.leiomyosarcoma().unknown()) {
            conditions.add(BIOPSY);
            f.kase.histology().ifPresent(h -> basis.add(new Fact("/histology/diagnosis", h.diagnosis().name())));
        }
        if (f.unfit() || f.fitnessUnassessedElderly()) {
            conditions.add(FITNESS);
            basis.add(f.ecog.orElse(new Fact("/patient/ageYears", f.kase.patient().ageYears())));
        }
        if (f.response.filter(r -> r.response().category() == ResponseCategory.PD).isPresent()) {
            conditions.add(RESECTABLE);
            basis.addAll(f.response.get().because());
        }
        return new ResectionPlan(conditions.isEmpty() ? Kind.PLANNED : Kind.CONDITIONAL, conditions, basis);
    }

    /** The recorded symptoms that a resection can relieve, as one fact; empty when there are none. */
    static Optional<Fact> relievableSymptoms(Facts f) {
        EnumSet<Symptom> relievable = EnumSet.noneOf(Symptom.class);
        for (Symptom s : f.symptoms) {
            if (RELIEVABLE.contains(s)) {
                relievable.add(s);
            }
        }
        return relievable.isEmpty() ? Optional.empty() : Optional.of(new Fact("/presentation/symptoms", Facts.sorted(f.symptoms)));
    }

    /** The conditions in one clause, for a {@code when}. */
    String when() {
        return String.join(", and ", conditions);
    }
}
