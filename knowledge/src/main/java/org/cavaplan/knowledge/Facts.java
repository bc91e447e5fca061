package org.cavaplan.knowledge;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.IvcInvolvement;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Landmark;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.model.Operation;
import org.cavaplan.core.model.Pathology;
import org.cavaplan.core.model.Site;
import org.cavaplan.core.model.Symptom;
import org.cavaplan.core.plan.DiseaseStatus;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.core.plan.SurveillanceSchedule;

/**
 * The facts of §2 of the plan contract, derived once per case and read by every rule. Every
 * derived value keeps the case facts it came from, so that a recommendation can show them.
 * Immutable; built by {@link CavaPlanKnowledge#derive}.
 */
public final class Facts {

    final Case kase;
    final LocalDate asOf;
    final Settings settings;
    final SurveillanceRules.Schedules schedules;
    final List<ImagingStudy> byDate;
    final List<ImagingStudy> preoperative;
    final Optional<Operation> operation;
    final Optional<Pathology> pathology;
    final Stage stage;
    final Intent intent;
    final List<Fact> intentBasis;
    final Optional<Fact> cranial;
    final Optional<Fact> caudal;
    /** The landmarks of {@link #cranial} and {@link #caudal}, read once: rules ask for levels many times. */
    private final Optional<Landmark> top;
    private final Optional<Long> daysSinceOperation;
    /** Worked out on first use (many rules ask), after the visits are sorted; Facts is confined to one thread. */
    private Optional<FollowUp> firstRecurrence;
    private final Optional<Landmark> bottom;
    final List<Integer> levels;
    final Optional<Fact> involvement;
    final Optional<Fact> lumen;
    final Optional<Fact> collaterals;
    final Optional<Fact> circumference;
    final Optional<Fact> grade;
    final Optional<Fact> sizeFact;
    final Optional<Double> sizeCm;
    final Set<Symptom> symptoms;
    final Optional<Neoadjuvant.Radiotherapy> neoadjuvantRadiotherapy;
    final Optional<ResponseAssessment> response;
    final IvcDecision ivc;
    final List<FollowUp> followUps;
    final List<Fact> resectionBasis;
    final Optional<RecurrenceRules.Criteria> recurrence;
    // contract v2
    /** The case as entered, before anything after {@link #asOf} was left out; labels read it. */
    final Case entered;
    /** Pointers of what was left out because it is dated after {@link #asOf}. */
    final List<String> ignoredAfterAsOf;
    final boolean asOfBeforeFirstStudy;
    /** The latest recorded ECOG: the latest follow-up visit that records one, else the presentation. */
    final Optional<Fact> ecog;
    /** The facts that record a venous thromboembolism; empty when none is recorded. */
    final List<Fact> vte;
    final DiseaseStatus diseaseStatus;
    final List<Fact> diseaseStatusBasis;
    /** The study that gives the pretreatment size: the RECIST baseline, else the planning baseline. */
    final Optional<ImagingStudy> pretreatmentStudy;
    final Optional<Double> pretreatmentSizeCm;
    final Optional<Fact> pretreatmentSizeFact;
    /** Whether a resection is planned, from the intent rows' facts; read by the preoperative, operative and IVC rows. */
    final ResectionPlan resectionPlan;
    /** The studies that gave {@link #cranial} and {@link #caudal}, and the measured study behind {@link #sizeCm}. */
    final Optional<ImagingStudy> cranialStudy;
    final Optional<ImagingStudy> caudalStudy;
    final Optional<ImagingStudy> measuredStudy;
    /** {@link #surveillanceSchedule()} once computed (facts are built and read by one plan on one thread). */
    private SurveillanceSchedule surveillanceSchedule;

    private static final Comparator<ImagingStudy> BY_STUDY_DATE = Comparator.comparing(ImagingStudy::date);
    private static final Comparator<FollowUp> BY_VISIT_DATE = Comparator.comparing(FollowUp::date);
    private static final Comparator<Enum<?>> BY_ORDINAL = (a, b) -> Integer.compare(a.ordinal(), b.ordinal());

    Facts(Case entered, LocalDate asOf, Settings settings, SurveillanceRules.Schedules schedules) {
        AsOfView view = AsOfView.of(entered, asOf);
        Case kase = view.kase();
        this.entered = entered;
        this.ignoredAfterAsOf = view.ignored();
        this.asOfBeforeFirstStudy = view.beforeFirstStudy();
        this.kase = kase;
        this.asOf = asOf;
        this.settings = settings;
        this.schedules = schedules;
        this.operation = kase.operation();
        this.daysSinceOperation = operation.map(op -> asOf.toEpochDay() - op.date().toEpochDay());
        this.pathology = kase.pathology();
        this.byDate = sortedCopy(kase.imaging(), BY_STUDY_DATE);
        this.preoperative = operation.isPresent() ? upTo(byDate, operation.get().date()) : byDate;
        this.stage = deriveStage(kase);
        List<Fact> basis = new ArrayList<>();
        this.intent = deriveIntent(basis);
        this.intentBasis = List.copyOf(basis);
        this.cranialStudy = baselineStudy(ImagingStudy::cranialExtent);
        this.caudalStudy = baselineStudy(ImagingStudy::caudalExtent);
        this.cranial = cranialStudy.map(st -> new Fact(st.pointer("cranialExtent"), plain(st.cranialExtent().orElseThrow())));
        this.caudal = caudalStudy.map(st -> new Fact(st.pointer("caudalExtent"), plain(st.caudalExtent().orElseThrow())));
        this.top = cranial.map(Facts::landmark);
        this.bottom = caudal.map(Facts::landmark);
        this.levels = deriveLevels();
        this.involvement = baseline(ImagingStudy::ivcInvolvement, "ivcInvolvement");
        this.lumen = intraoperative(operation.flatMap(op -> op.findings().ivcLumen()), "ivcLumen")
                .or(() -> baseline(ImagingStudy::ivcLumen, "ivcLumen"));
        this.collaterals = intraoperative(operation.flatMap(op -> op.findings().collaterals()), "collaterals")
                .or(() -> baseline(ImagingStudy::collaterals, "collaterals"));
        this.circumference = operation.flatMap(op -> op.circumferenceResectedPct()
                        .map(v -> new Fact("/operation/circumferenceResectedPct", v)))
                .or(() -> baseline(ImagingStudy::ivcCircumferenceInvolvedPct, "ivcCircumferenceInvolvedPct"));
        this.grade = pathology.flatMap(p -> p.fnclccGrade().map(g -> new Fact("/pathology/fnclccGrade", g)))
                .or(() -> kase.histology().flatMap(h -> h.fnclccGrade().map(g -> new Fact("/histology/fnclccGrade", g))));
        Optional<ImagingStudy> measured = baselineStudy(ImagingStudy::longestDiameterCm);
        this.measuredStudy = measured;
        this.sizeCm = pathology.flatMap(Pathology::maxDiameterCm)
                .or(() -> measured.flatMap(ImagingStudy::longestDiameterCm));
        this.sizeFact = pathology.flatMap(p -> p.maxDiameterCm().map(d -> new Fact("/pathology/maxDiameterCm", d)))
                .or(() -> measured.map(s -> new Fact(s.pointer("tumorDiametersCm"), s.tumorDiametersCm())));
        this.symptoms = kase.presentation().map(p -> p.symptoms()).orElse(Set.of());
        this.neoadjuvantRadiotherapy = kase.neoadjuvant().flatMap(Neoadjuvant::radiotherapy);
        this.response = ResponseAssessment.of(this);
        this.ivc = IvcDecision.of(this);
        this.followUps = sortedCopy(kase.followUp(), BY_VISIT_DATE);
        this.resectionBasis = operation.map(op -> List.of(new Fact("/operation/date", op.date().toString())))
                .orElse(intentBasis);
        this.recurrence = RecurrenceRules.criteria(this);
        this.ecog = latestEcog();
        this.vte = deriveVte();
        List<Fact> statusBasis = new ArrayList<>();
        this.diseaseStatus = deriveDiseaseStatus(statusBasis);
        this.diseaseStatusBasis = List.copyOf(statusBasis);
        this.pretreatmentStudy = derivePretreatmentStudy(measured);
        this.pretreatmentSizeCm = pretreatmentStudy.flatMap(ImagingStudy::longestDiameterCm);
        this.pretreatmentSizeFact = pretreatmentStudy.map(st -> new Fact(st.pointer("tumorDiametersCm"), st.tumorDiametersCm()));
        this.resectionPlan = ResectionPlan.of(this);
    }

    private Optional<Fact> latestEcog() {
        for (int i = followUps.size() - 1; i >= 0; i--) {
            FollowUp v = followUps.get(i);
            if (v.ecog().isPresent()) {
                return Optional.of(new Fact(v.pointer("ecog"), v.ecog().get()));
            }
        }
        return kase.patient().ecog().map(e -> new Fact("/patient/ecog", e));
    }

    private List<Fact> deriveVte() {
        List<Fact> list = new ArrayList<>(2);
        if (symptoms.contains(Symptom.PULMONARY_EMBOLISM) || symptoms.contains(Symptom.DEEP_VEIN_THROMBOSIS)) {
            list.add(new Fact("/presentation/symptoms", sorted(symptoms)));
        }
        for (ImagingStudy s : byDate) {
            if (s.pulmonaryEmbolism().orElse(false)) {
                list.add(new Fact(s.pointer("pulmonaryEmbolism"), true));
            }
        }
        return List.copyOf(list);
    }

    private DiseaseStatus deriveDiseaseStatus(List<Fact> basis) {
        if (!afterOperation()) {
            basis.add(baselineDateFact());
            return DiseaseStatus.UNTREATED;
        }
        Optional<Margin> margin = margin();
        if (margin.filter(m -> m == Margin.R2).isPresent() || intent == Intent.PALLIATIVE) {
            if (margin.filter(m -> m == Margin.R2).isPresent()) {
                basis.add(new Fact("/pathology/margin", Margin.R2.name()));
            }
            if (intent == Intent.PALLIATIVE) {
                basis.addAll(intentBasis);
            }
            return DiseaseStatus.PERSISTENT;
        }
        Optional<FollowUp> recurrence = firstRecurrence();
        if (recurrence.isPresent()) {
            FollowUp v = recurrence.get();
            v.localRecurrence().filter(b -> b).ifPresent(b -> basis.add(new Fact(v.pointer("localRecurrence"), true)));
            if (v.recordsDistantMetastases()) {
                basis.add(new Fact(v.pointer("distantMetastases"), sorted(v.distantMetastases().get())));
            }
            return DiseaseStatus.RECURRENT;
        }
        if (margin.isEmpty()) {
            basis.add(operation.map(op -> new Fact("/operation/date", op.date().toString())).orElse(baselineDateFact()));
            return DiseaseStatus.UNKNOWN;
        }
        basis.add(new Fact("/pathology/margin", margin.get().name()));
        if (intent == Intent.UNDETERMINED) {
            return DiseaseStatus.UNKNOWN;
        }
        basis.addAll(intentBasis);
        return DiseaseStatus.NO_EVIDENCE_OF_DISEASE;
    }

    private Optional<ImagingStudy> derivePretreatmentStudy(Optional<ImagingStudy> planningBaseline) {
        Optional<LocalDate> end = kase.neoadjuvant().flatMap(Neoadjuvant::earliestEndDate);
        if (end.isPresent()) {
            ImagingStudy before = null;
            for (ImagingStudy s : byDate) {
                if (!s.tumorDiametersCm().isEmpty() && s.date().isBefore(end.get())) {
                    before = s;
                }
            }
            if (before != null) {
                return Optional.of(before);
            }
        }
        return planningBaseline;
    }

    /** The latest ECOG as a number, if recorded. */
    Optional<Integer> ecogValue() {
        return ecog.map(f -> (Integer) f.value());
    }

    /** "Fit for a major resection": ECOG at most the fitness threshold (assumption); unknown without an ECOG. */
    Tri fit() {
        return ecogValue().map(e -> Tri.of(e <= settings.whole(Thresholds.FIT_MAX_ECOG))).orElse(Tri.UNKNOWN);
    }

    /** ECOG 3 or worse: unfit for a major resection. */
    boolean unfit() {
        return fit().no();
    }

    /** Age at or above the fitness-assessment age (assumption) with no ECOG recorded (§7.2). */
    boolean fitnessUnassessedElderly() {
        return ecog.isEmpty() && kase.patient().ageYears() >= settings.whole(Thresholds.FITNESS_REVIEW_AGE);
    }

    /** Why a fitness assessment is needed (ECOG from the threshold, age from the threshold, ECOG unknown); empty when not. */
    List<String> fitnessAssessmentReasons() {
        List<String> reasons = new ArrayList<>(2);
        if (ecog.isEmpty()) {
            reasons.add("performance status (ECOG) not recorded");
        } else if (ecogValue().get() >= settings.whole(Thresholds.FITNESS_REVIEW_ECOG)) {
            reasons.add("ECOG " + ecogValue().get());
        }
        if (kase.patient().ageYears() >= settings.whole(Thresholds.FITNESS_REVIEW_AGE)) {
            reasons.add("age " + kase.patient().ageYears() + " years");
        }
        return reasons;
    }

    /** Leiomyosarcoma confirmed (YES), another histology (NO), or not yet known: missing or non-diagnostic (UNKNOWN). */
    Tri leiomyosarcoma() {
        return kase.histology().map(h -> switch (h.diagnosis()) {
            case LEIOMYOSARCOMA -> Tri.YES;
            case OTHER_SARCOMA, NON_SARCOMA -> Tri.NO;
            case NON_DIAGNOSTIC -> Tri.UNKNOWN;
        }).orElse(Tri.UNKNOWN);
    }

    /** True when a venous thromboembolism is recorded (§2). */
    boolean vteRecorded() {
        return !vte.isEmpty();
    }

    /** Chemotherapy is recorded: neoadjuvant chemotherapy or adjuvant chemotherapy given (§7.13). */
    boolean chemotherapyRecorded() {
        return kase.neoadjuvant().flatMap(Neoadjuvant::chemotherapy).isPresent()
                || kase.postoperative().flatMap(p -> p.adjuvantChemotherapy()).orElse(false);
    }

    /** Days from the operation to {@link #asOf}; empty without an operation date. */
    /**
     * The surveillance schedule after the operation (a pure function of these facts, computed once):
     * what the surveillance imaging rule prints and the plan's sections publish. Only after the operation.
     */
    SurveillanceSchedule surveillanceSchedule() {
        if (surveillanceSchedule == null) {
            surveillanceSchedule = SurveillanceRules.schedule(this);
        }
        return surveillanceSchedule;
    }

    Optional<Long> daysSinceOperation() {
        return daysSinceOperation;
    }

    /** True when the patient died on or before {@link #asOf}. */
    boolean deceased() {
        return kase.outcome().filter(o -> o.vitalStatus() == org.cavaplan.core.model.VitalStatus.DEAD).isPresent();
    }

    private static Stage deriveStage(Case kase) {
        if (!kase.followUp().isEmpty()) {
            return Stage.FOLLOW_UP;
        }
        if (kase.operation().isPresent() || kase.pathology().isPresent()) {
            return Stage.POSTOPERATIVE;
        }
        if (kase.neoadjuvant().map(Neoadjuvant::hasTherapy).orElse(false)) {
            return Stage.POST_NEOADJUVANT;
        }
        return Stage.PRETREATMENT;
    }

    private Intent deriveIntent(List<Fact> basis) {
        for (ImagingStudy s : preoperative) {
            s.distantMetastases().filter(sites -> !sites.isEmpty())
                    .ifPresent(sites -> basis.add(new Fact(s.pointer("distantMetastases"), sorted(sites))));
        }
        operation.ifPresent(op -> {
            Operation.Findings f = op.findings();
            f.liverMetastases().filter(b -> b).ifPresent(b -> basis.add(new Fact("/operation/findings/liverMetastases", true)));
            f.peritonealMetastases().filter(b -> b)
                    .ifPresent(b -> basis.add(new Fact("/operation/findings/peritonealMetastases", true)));
            f.frozenSectionConfirmedMetastasis().filter(b -> b)
                    .ifPresent(b -> basis.add(new Fact("/operation/findings/frozenSectionConfirmedMetastasis", true)));
        });
        if (!basis.isEmpty()) {
            return Intent.PALLIATIVE;
        }
        for (ImagingStudy s : preoperative) {
            if (s.distantMetastases().isPresent()) {
                basis.add(new Fact(s.pointer("distantMetastases"), List.of()));
            }
        }
        return basis.isEmpty() ? Intent.UNDETERMINED : Intent.CURATIVE;
    }

    /** The names of {@code values} in their declared order. */
    static List<String> sorted(Set<? extends Enum<?>> values) {
        Enum<?>[] array = values.toArray(new Enum<?>[0]);
        Arrays.sort(array, BY_ORDINAL);
        String[] names = new String[array.length];
        for (int i = 0; i < array.length; i++) {
            names[i] = array[i].name();
        }
        return List.of(names);
    }

    /** {@code list} in the given order (a stable sort), immutable; a list of fewer than two is returned as it is. */
    private static <T> List<T> sortedCopy(List<T> list, Comparator<? super T> order) {
        if (list.size() < 2) {
            return list;
        }
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return List.copyOf(copy);
    }

    /** The studies (in date order) done on or before {@code date}. */
    private static List<ImagingStudy> upTo(List<ImagingStudy> byDate, LocalDate date) {
        int n = 0;
        while (n < byDate.size() && !byDate.get(n).date().isAfter(date)) {
            n++;
        }
        return n == byDate.size() ? byDate : byDate.subList(0, n);
    }

    private List<Integer> deriveLevels() {
        if (top.isEmpty() || bottom.isEmpty()) {
            return List.of();
        }
        List<Integer> list = new ArrayList<>();
        for (int level = bottom.get().level(); level <= top.get().level(); level++) {
            list.add(level);
        }
        return List.copyOf(list);
    }

    static Landmark landmark(Fact fact) {
        return Landmark.valueOf((String) fact.value());
    }

    /** The latest pre-operative study with a value for this field, read per field. */
    Optional<ImagingStudy> baselineStudy(Function<ImagingStudy, Optional<?>> field) {
        for (int i = preoperative.size() - 1; i >= 0; i--) {
            ImagingStudy s = preoperative.get(i);
            if (field.apply(s).isPresent()) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The planning-baseline value of an imaging field as a fact; enums are given by name. */
    Optional<Fact> baseline(Function<ImagingStudy, Optional<?>> field, String name) {
        return baselineStudy(field).map(s -> new Fact(s.pointer(name), plain(field.apply(s).orElseThrow())));
    }

    private static Optional<Fact> intraoperative(Optional<? extends Enum<?>> value, String name) {
        return value.map(v -> new Fact("/operation/findings/" + name, v.name()));
    }

    static Object plain(Object value) {
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof Set<?> set) {
            return set.stream().map(Facts::plain).sorted().toList();
        }
        return value;
    }

    /** Where a missing planning-baseline field belongs: the latest pre-operative study. */
    String baselinePointer(String field) {
        List<ImagingStudy> studies = preoperative.isEmpty() ? byDate : preoperative;
        return studies.get(studies.size() - 1).pointer(field);
    }

    /** Where a missing lumen or collateral finding belongs: the operation once there is one. */
    String lumenPointer(String field) {
        return operation.isPresent() ? "/operation/findings/" + field : baselinePointer(field);
    }

    /** Whether an IVC level is involved, from the extents that are known. */
    Tri level(int level) {
        if (!levels.isEmpty()) {
            // The levels run without a gap from the caudal to the cranial extent.
            return Tri.of(level >= bottom.get().level() && level <= top.get().level());
        }
        if (top.isPresent()) {
            int highest = top.get().level();
            return level == highest ? Tri.YES : level > highest ? Tri.NO : Tri.UNKNOWN;
        }
        if (bottom.isPresent()) {
            int lowest = bottom.get().level();
            return level == lowest ? Tri.YES : level < lowest ? Tri.NO : Tri.UNKNOWN;
        }
        return Tri.UNKNOWN;
    }

    /** The planning baseline study's date: what the engine read when nothing more specific was recorded. */
    Fact baselineDateFact() {
        ImagingStudy s = planningBaseline();
        return new Fact(s.pointer("date"), s.date().toString());
    }

    /** The planning baseline study: the latest pre-operative study, else the latest study. */
    ImagingStudy planningBaseline() {
        List<ImagingStudy> studies = preoperative.isEmpty() ? byDate : preoperative;
        return studies.get(studies.size() - 1);
    }

    /** The extents as facts, for {@code because}. */
    List<Fact> extentFacts() {
        List<Fact> list = new ArrayList<>(2);
        cranial.ifPresent(list::add);
        caudal.ifPresent(list::add);
        return list;
    }

    boolean intracardiac() {
        return top.isPresent() && top.get() == Landmark.RIGHT_ATRIUM;
    }

    /** "The IVC may be resected": involvement is not known to be NONE. */
    boolean ivcMayBeResected() {
        return involvement.map(f -> !IvcInvolvement.NONE.name().equals(f.value())).orElse(true);
    }

    /** A resection is planned (curative intent) or done (an operation is recorded). */
    boolean resectionPlannedOrDone() {
        return intent == Intent.CURATIVE || operation.isPresent();
    }

    /** The facts behind "a resection is planned or done". */
    List<Fact> resectionBasis() {
        return resectionBasis;
    }

    boolean beforeOperation() {
        return stage == Stage.PRETREATMENT || stage == Stage.POST_NEOADJUVANT;
    }

    boolean afterOperation() {
        return stage == Stage.POSTOPERATIVE || stage == Stage.FOLLOW_UP;
    }

    Optional<IvcManagement> recordedManagement() {
        return operation.flatMap(Operation::ivcManagement);
    }

    /** True when the recorded operation placed a patch or an interposition graft. */
    boolean conduitPlaced() {
        return recordedManagement().map(m -> m == IvcManagement.PATCH_CAVOPLASTY || m == IvcManagement.INTERPOSITION_GRAFT)
                .orElse(false);
    }

    Fact managementFact() {
        return new Fact("/operation/ivcManagement", recordedManagement().orElseThrow().name());
    }

    Optional<Margin> margin() {
        return pathology.map(Pathology::margin);
    }

    boolean neoadjuvantRadiotherapyGiven() {
        return neoadjuvantRadiotherapy.isPresent();
    }

    Tri highGrade() {
        return grade.map(f -> Tri.of(((Integer) f.value()) >= settings.get(Thresholds.HIGH_GRADE_MIN))).orElse(Tri.UNKNOWN);
    }

    Tri extremelyLarge() {
        return sizeCm.map(cm -> Tri.of(cm > settings.get(Thresholds.EXTREMELY_LARGE_CM))).orElse(Tri.UNKNOWN);
    }

    Optional<Fact> closestMargin() {
        return pathology.flatMap(p -> p.closestMarginMm().map(v -> new Fact("/pathology/closestMarginMm", v)));
    }

    Tri closeMargin() {
        return closestMargin().map(f -> Tri.of(((Double) f.value()) < settings.get(Thresholds.CLOSE_MARGIN_MM)))
                .orElse(Tri.UNKNOWN);
    }

    /** Follow-up visits in date order. */
    List<FollowUp> followUpsByDate() {
        return followUps;
    }

    /** The first follow-up visit that records a recurrence, if any. */
    Optional<FollowUp> firstRecurrence() {
        if (firstRecurrence == null) {
            firstRecurrence = Optional.empty();
            for (FollowUp visit : followUps) {
                if (visit.recordsRecurrence()) {
                    firstRecurrence = Optional.of(visit);
                    break;
                }
            }
        }
        return firstRecurrence;
    }

    /** The latest follow-up visit (by date) for which {@code test} holds, if any. */
    Optional<FollowUp> latestVisit(Predicate<FollowUp> test) {
        for (int i = followUps.size() - 1; i >= 0; i--) {
            if (test.test(followUps.get(i))) {
                return Optional.of(followUps.get(i));
            }
        }
        return Optional.empty();
    }

    /** All sites of distant disease seen on the studies up to and including this one. */
    Set<Site> sitesSeenUpTo(ImagingStudy study) {
        Set<Site> sites = EnumSet.noneOf(Site.class);
        for (ImagingStudy s : byDate) {
            if (!s.date().isAfter(study.date()) && s != study) {
                s.distantMetastases().ifPresent(sites::addAll);
            }
        }
        return sites;
    }
}
