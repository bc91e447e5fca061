package org.cavaplan.knowledge;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.engine.Assessment;
import org.cavaplan.core.engine.KnowledgeBase;
import org.cavaplan.core.engine.Opening;
import org.cavaplan.core.engine.Rule;
import org.cavaplan.core.engine.SourceInfo;
import org.cavaplan.core.engine.Threshold;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.IvcInvolvement;
import org.cavaplan.core.plan.Classification;
import org.cavaplan.core.plan.FactLabels;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.PlanSections;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.Response;
import org.cavaplan.core.plan.Warning;

/**
 * CavaPlan's knowledge base for leiomyosarcoma of the IVC: the derived facts of the plan contract's
 * §2 and the catalogue of §3, as a named list of rules. Immutable and thread-safe.
 *
 * <pre>{@code Engine engine = Engine.create(CavaPlanKnowledge.create());}</pre>
 */
public final class CavaPlanKnowledge implements KnowledgeBase<Facts> {

    /** The version printed on every plan; raised whenever a rule, source or threshold changes. */
    public static final String VERSION = "2027.1";

    private final Settings settings;
    private final SurveillanceRules.Schedules schedules;
    private final List<Rule<Facts>> rules;
    private final Set<String> keyIds;
    private final Map<String, Object> changedAssumptions;

    private CavaPlanKnowledge(Settings settings) {
        this.settings = settings;
        this.schedules = SurveillanceRules.Schedules.of(settings);
        List<KbRule> all = templates();
        List<Rule<Facts>> resolved = new ArrayList<>(all.size());
        for (KbRule rule : all) {
            resolved.add(rule.resolved(settings));
        }
        this.rules = List.copyOf(resolved);
        Set<String> keys = new HashSet<>();
        for (Rule<Facts> rule : rules) {
            if (rule.info().key()) {
                keys.add(rule.info().id());
            }
        }
        this.keyIds = Set.copyOf(keys);
        this.changedAssumptions = settings.changed();
    }

    /** The rules as written, their conditions still templates (see {@link RuleTexts}), in catalogue order. */
    static List<KbRule> templates() {
        List<KbRule> all = new ArrayList<>();
        all.addAll(WorkupRules.all());
        all.addAll(SupportiveRules.all());
        all.addAll(IntentRules.all());
        all.addAll(NeoadjuvantRules.all());
        all.addAll(PreoperativeRules.all());
        all.addAll(OperativeRules.all());
        all.addAll(IvcRules.all());
        all.addAll(PostoperativeRules.all());
        all.addAll(AdjuvantRules.all());
        all.addAll(SystemicRules.all());
        all.addAll(SurveillanceRules.all());
        all.addAll(RecurrenceRules.all());
        all.addAll(PrognosticRules.all());
        return all;
    }

    /** The knowledge base with the published thresholds. */
    public static CavaPlanKnowledge create() {
        return new CavaPlanKnowledge(Settings.defaults());
    }

    /** The knowledge base with a center's own values for the assumptions. */
    public static CavaPlanKnowledge create(Settings settings) {
        return new CavaPlanKnowledge(settings);
    }

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public Facts derive(Case kase, LocalDate asOf) {
        return new Facts(kase, asOf, settings, schedules);
    }

    @Override
    public Assessment assess(Facts f) {
        List<Finding> findings = new ArrayList<>();
        AjccStage.Stages ajcc = AjccStage.of(f, findings);
        Optional<Integer> grade = f.grade.map(g -> (Integer) g.value());
        Classification classification = new Classification(f.levels, f.intracardiac(),
                f.involvement.map(i -> IvcInvolvement.valueOf((String) i.value())), ajcc.clinical(), ajcc.pathological(), grade);
        Optional<Response> response = f.response.map(ResponseAssessment::response);
        response.filter(r -> !r.sameModality()).ifPresent(r -> findings.add(new Warning("MODALITY_CHANGED",
                "The response compares " + f.response.get().baseline().modality() + " with "
                        + f.response.get().followUp().modality() + "; diameters from different modalities are less comparable.")));
        if (f.levels.isEmpty()) {
            String reason = "the cranial and caudal extents of the tumor along the IVC decide its levels";
            if (f.cranial.isEmpty()) {
                findings.add(new MissingData(f.baselinePointer("cranialExtent"), reason, List.of()));
            }
            if (f.caudal.isEmpty()) {
                findings.add(new MissingData(f.baselinePointer("caudalExtent"), reason, List.of()));
            }
        }
        if (f.involvement.isEmpty() && f.beforeOperation()) {
            findings.add(new MissingData(f.baselinePointer("ivcInvolvement"),
                    "whether and how the IVC is involved decides the IVC management", List.of()));
        }
        DatesOfPlan.warnings(f, findings);
        RedFlags.raise(f, response, findings);
        return new Assessment(f.stage, f.intent, f.diseaseStatus, classification, response, findings);
    }

    @Override
    public Opening opening(Facts facts, List<Recommendation> recommendations, List<RedFlag> raised) {
        return new Opening(KeyDecisions.of(keyIds, recommendations), RedFlags.ordered(raised, recommendations));
    }

    @Override
    public PlanSections sections(Facts facts, List<Recommendation> recommendations, List<MissingData> missing) {
        return Sections.of(facts, recommendations, missing);
    }

    @Override
    public FactLabels labels(Facts facts) {
        return CaseLabels.of(facts.entered);
    }

    @Override
    public Map<String, Object> changedAssumptions() {
        return changedAssumptions;
    }

    @Override
    public List<Rule<Facts>> rules() {
        return rules;
    }

    @Override
    public List<Threshold> thresholds() {
        return settings.all();
    }

    @Override
    public List<SourceInfo> sources() {
        return Sources.catalogue();
    }

    @Override
    public List<String> errata() {
        return List.of(IvcRules.LIGATION_ERRATUM);
    }
}
