package org.cavaplan.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.engine.SourceInfo;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.plan.Classification;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.PrognosticFactor;
import org.cavaplan.core.plan.RecistDetails;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.Response;
import org.cavaplan.core.plan.ResponseCategory;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.SurveillanceSchedule;
import org.cavaplan.core.plan.Warning;
import org.cavaplan.core.vocabulary.Vocabulary;
import org.cavaplan.core.vocabulary.NextSurveillance;
import org.cavaplan.io.PlanText;
import org.cavaplan.core.vocabulary.PlanWords;
import org.cavaplan.core.vocabulary.SourceWords;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.registry.CaseVersion;

/**
 * The plan page's record ({@link PlanPage}, laid out by {@code plan.jte}): one plan of one case
 * version in words, the visual sibling of {@link PlanText}. The page opens with what a tumor board
 * must see first: the plan's red flags and its key decisions with their status in words, then the
 * patient. The recommendations follow as cards grouped by phase in the plan's order, with their
 * sources (in words) and triggering facts (as labels, the pointer only on hover); the IVC decision is
 * drawn from the plan's IVC path with this case's path highlighted; the RECIST response, the dated
 * surveillance schedule, concordance, missing data by field, warnings, evidence updates and
 * prognostic factors follow. Rule ids, pointers and codes go to attributes ({@code data-id},
 * {@code title}); a person reads clinical words. It only renders the plan and its typed sections: it
 * chooses and re-orders nothing, and renders any plan the engine makes (a phase without its IVC rows
 * included). Stateless and thread-safe.
 */
public final class PlanView {

    /**
     * The page's optional script (expand all, open folds for printing), served from the static folder.
     * Its stylesheet, {@code /static/plan.css}, is linked by the layout ({@link Frame#STYLESHEETS}).
     */
    static final String SCRIPT = "/static/plan.js";

    /** Citations of the knowledge base's source catalogue, by source id. */
    private static final Map<String, String> CITATIONS = citations();

    private static final DateTimeFormatter RECORDED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private PlanView() {}

    private static Map<String, String> citations() {
        Map<String, String> m = new LinkedHashMap<>();
        for (SourceInfo s : CavaPlanKnowledge.create().sources()) {
            m.put(s.id(), s.citation());
        }
        return Map.copyOf(m);
    }

    /**
     * An older version of a case: the version that replaced it ({@code next}) and the current one
     * ({@code current}, the same when only one came after).
     */
    public record Superseded(CaseVersion next, CaseVersion current) {
        public Superseded {
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(current, "current");
        }
    }

    /**
     * The plan page of version {@code version} of case {@code caseId}.
     *
     * @param frame the layout's frame
     * @param caseId the case id as stored (also used in the links to the report, the form and the history)
     * @param version the case version the plan was made from
     * @param kase the case of that version
     * @param plan the plan of that case
     * @param asOf the plan date (shown, and used to tell past from coming surveillance dates); null: the plan's
     * @param superseded present when the version is not the current one: a banner says by which version
     *     it was superseded (when, by whom) and links the current one, and the page offers neither Edit
     *     nor the PDF report (both are of the current version)
     */
    public static PlanPage page(Frame frame, String caseId, int version, Case kase, Plan plan, LocalDate asOf,
            Optional<Superseded> superseded) {
        LocalDate date = asOf == null ? plan.asOf() : asOf;
        String casePath = path(caseId);
        PlanPage.Banner banner = superseded.map(s -> new PlanPage.Banner(casePath, version, s.next().version(),
                s.next().recordedAt().toString(), RECORDED.format(s.next().recordedAt()), s.next().author(),
                s.current().version())).orElse(null);
        PlanPage.Header header = new PlanPage.Header(caseId, casePath, version, date.toString(), plan.knowledgeBaseVersion(),
                superseded.isEmpty());
        return page(frame, header, null, banner, kase, plan, date);
    }

    /**
     * The plan page of a record read from an EHR through a SMART launch: the EHR heading {@code ehr}
     * in place of the registry's (no version, report, edit or history: nothing is stored yet).
     */
    public static PlanPage ehrPage(Frame frame, PlanPage.Ehr ehr, Case kase, Plan plan, LocalDate asOf) {
        PlanPage.Header header = new PlanPage.Header(kase.caseId(), path(kase.caseId()), 0, asOf.toString(),
                plan.knowledgeBaseVersion(), false);
        return page(frame, header, ehr, null, kase, plan, asOf);
    }

    private static PlanPage page(Frame frame, PlanPage.Header header, PlanPage.Ehr ehr, PlanPage.Banner banner, Case kase,
            Plan plan, LocalDate date) {
        Optional<NextSurveillance> next = NextSurveillance.of(plan);
        Map<Phase, List<Recommendation>> phases = byPhase(plan);
        List<PlanPage.PhaseSection> sections = new ArrayList<>();
        for (Map.Entry<Phase, List<Recommendation>> e : phases.entrySet()) {
            sections.add(phase(e.getKey(), e.getValue(), plan, date));
        }
        return new PlanPage(frame, SCRIPT, banner, header, ehr, redFlags(plan), keyDecisions(plan),
                "The plan marks no key decision" + (plan.redFlags().isEmpty() ? "" : " beside the red flags")
                        + "; the care plan by phase follows.",
                next.map(NextSurveillance::next).orElse(null),
                next.flatMap(n -> n.overdueSentence(plan)).orElse(null),
                patient(kase, plan), statusCounts(plan), contents(plan, phases.keySet()), warnings(plan), missingData(plan),
                plan.sections().recist().map(PlanView::recist).orElse(null), sections, concordance(plan),
                prognosticFactors(plan), evidenceUpdates(plan), PlanText.DISCLAIMER);
    }

    // ---- red flags, key decisions, patient ----------------------------------------------------------

    private static List<PlanPage.RedFlagItem> redFlags(Plan plan) {
        List<PlanPage.RedFlagItem> out = new ArrayList<>();
        for (RedFlag f : plan.redFlags()) {
            String lead = PlanWords.redFlagLead(f);
            out.add(new PlanPage.RedFlagItem(f.code(), lead.isEmpty() ? null : lead, f.message(), labels(plan, f.because())));
        }
        return out;
    }

    private static List<PlanPage.KeyDecisionItem> keyDecisions(Plan plan) {
        List<PlanPage.KeyDecisionItem> out = new ArrayList<>();
        for (KeyDecision k : plan.keyDecisions()) {
            Optional<Recommendation> r = plan.recommendation(k.id());
            out.add(new PlanPage.KeyDecisionItem(k.id(), badge(k.status()), r.map(x -> x.phase().title()).orElse(null),
                    r.map(x -> recAnchor(x.id())).orElse(null), k.summary()));
        }
        return out;
    }

    /** The patient: stage of care, intent and disease status in words, the classification, the therapy so far. */
    private static List<PlanPage.Fact> patient(Case kase, Plan plan) {
        Classification c = plan.classification();
        List<PlanPage.Fact> out = new ArrayList<>();
        out.add(new PlanPage.Fact("Stage of care", PlanWords.capitalised(Vocabulary.enumWords(plan.stage()))));
        out.add(new PlanPage.Fact("Intent", PlanWords.capitalised(Vocabulary.enumWords(plan.intent()))));
        out.add(new PlanPage.Fact("Disease status", PlanWords.capitalised(Vocabulary.enumWords(plan.diseaseStatus()))));
        out.add(new PlanPage.Fact("Patient", kase.patient().ageYears() + " years, " + Vocabulary.enumWords(kase.patient().sex())));
        out.add(new PlanPage.Fact("AJCC 8th stage", "clinical " + c.ajccStage().orElse("unknown")
                + c.ajccPathologicalStage().map(st -> ", pathological " + st).orElse("")));
        out.add(new PlanPage.Fact("FNCLCC grade", c.fnclccGrade().map(String::valueOf).orElse("unknown")));
        out.add(new PlanPage.Fact("IVC levels", c.ivcLevels().isEmpty() ? "unknown" : joinNumbers(c.ivcLevels())));
        out.add(new PlanPage.Fact("IVC involvement", c.ivcInvolvement().map(Vocabulary::enumWords).orElse("unknown")));
        out.add(new PlanPage.Fact("Intracardiac extension", c.intracardiacExtension() ? "yes" : "no"));
        kase.neoadjuvant().filter(Neoadjuvant::hasTherapy)
                .ifPresent(n -> out.add(new PlanPage.Fact("Neoadjuvant therapy", neoadjuvant(n))));
        plan.response().ifPresent(r -> out.add(new PlanPage.Fact("Response (RECIST 1.1)", categoryWords(r.category()))));
        return out;
    }

    /** The neoadjuvant therapy as recorded: dose, fractions, regimen, cycles, end dates. */
    private static String neoadjuvant(Neoadjuvant n) {
        List<String> parts = new ArrayList<>(2);
        n.radiotherapy().ifPresent(rt -> parts.add("radiotherapy " + value(rt.totalDoseGy()) + " Gy"
                + rt.fractions().map(f -> " in " + f + " fractions").orElse("")
                + rt.endDate().map(d -> ", ended " + d).orElse("")));
        n.chemotherapy().ifPresent(ct -> parts.add("chemotherapy " + ct.regimen()
                + ct.cycles().map(c -> ", " + c + " cycles").orElse("")
                + ct.endDate().map(d -> ", ended " + d).orElse("")));
        return String.join("; ", parts);
    }

    private static List<PlanPage.StatusCount> statusCounts(Plan plan) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Recommendation r : plan.recommendations()) {
            counts.merge(r.status(), 1, Integer::sum);
        }
        List<PlanPage.StatusCount> out = new ArrayList<>();
        counts.forEach((status, n) -> out.add(new PlanPage.StatusCount(badge(status), n)));
        return out;
    }

    private static List<PlanPage.Link> contents(Plan plan, Set<Phase> phases) {
        List<PlanPage.Link> out = new ArrayList<>();
        if (!plan.warnings().isEmpty()) {
            out.add(new PlanPage.Link("warnings", "Warnings (" + plan.warnings().size() + ")"));
        }
        if (!plan.missingData().isEmpty()) {
            out.add(new PlanPage.Link("missing-data", "Missing data (" + plan.missingData().size() + ")"));
        }
        if (plan.response().isPresent()) {
            out.add(new PlanPage.Link("response", "Response"));
        }
        for (Phase phase : phases) {
            out.add(new PlanPage.Link(phaseAnchor(phase), phase.title()));
        }
        if (!plan.concordance().isEmpty()) {
            out.add(new PlanPage.Link("concordance", "Concordance"));
        }
        if (!plan.prognosticFactors().isEmpty()) {
            out.add(new PlanPage.Link("prognostic-factors", "Prognostic factors"));
        }
        if (plan.recommendations().stream().anyMatch(r -> !r.evidenceUpdates().isEmpty())) {
            out.add(new PlanPage.Link("evidence-updates", "Evidence updates"));
        }
        return out;
    }

    // ---- warnings and missing data ---------------------------------------------------------------

    private static List<PlanPage.WarningItem> warnings(Plan plan) {
        List<PlanPage.WarningItem> out = new ArrayList<>();
        for (Warning w : plan.warnings()) {
            out.add(new PlanPage.WarningItem(w.code(), w.message()));
        }
        return out;
    }

    private static List<PlanPage.MissingRow> missingData(Plan plan) {
        List<PlanPage.MissingRow> out = new ArrayList<>();
        for (MissingData m : plan.missingData()) {
            out.add(new PlanPage.MissingRow(m.pointer(), PlanWords.field(m.pointer()), m.reason(), recLinks(plan, m.affects())));
        }
        return out;
    }

    /**
     * Links to the plan's recommendations with these ids, each named by its summary; an id the plan
     * does not hold (its rule is silent in this plan) is left out.
     */
    private static List<PlanPage.RecLink> recLinks(Plan plan, List<String> ids) {
        List<PlanPage.RecLink> out = new ArrayList<>();
        for (String id : ids) {
            plan.recommendation(id).ifPresent(r -> out.add(new PlanPage.RecLink(recAnchor(r.id()), r.id(), r.summary())));
        }
        return out;
    }

    // ---- phases and cards ------------------------------------------------------------------------

    /** The plan's recommendations grouped by phase, the phases and the rows in the order the plan lists them. */
    static Map<Phase, List<Recommendation>> byPhase(Plan plan) {
        Map<Phase, List<Recommendation>> phases = new LinkedHashMap<>();
        for (Recommendation r : plan.recommendations()) {
            phases.computeIfAbsent(r.phase(), p -> new ArrayList<>()).add(r);
        }
        return phases;
    }

    private static PlanPage.PhaseSection phase(Phase phase, List<Recommendation> recs, Plan plan, LocalDate date) {
        PlanPage.IvcTree ivc = phase == Phase.IVC_MANAGEMENT ? plan.sections().ivc().map(IvcTreeDrawing::of).orElse(null) : null;
        List<PlanPage.Card> cards = new ArrayList<>();
        for (Recommendation r : recs) {
            cards.add(card(plan, r));
        }
        PlanPage.Schedule schedule = phase == Phase.SURVEILLANCE
                ? plan.sections().surveillance().map(s -> schedule(s, date)).orElse(null) : null;
        return new PlanPage.PhaseSection(phaseAnchor(phase), phase.title(), ivc, cards, schedule);
    }

    private static PlanPage.Card card(Plan plan, Recommendation r) {
        List<PlanPage.Parameter> parameters = new ArrayList<>();
        for (Map.Entry<String, Object> e : r.parameters().entrySet()) {
            if (e.getKey().equals("schedule") && e.getValue() instanceof List<?> list) {
                parameters.add(new PlanPage.Parameter(keyWords(e.getKey()), null, list.size()));
            } else {
                parameters.add(new PlanPage.Parameter(keyWords(e.getKey()), PlanWords.value(e.getValue()), null));
            }
        }
        List<PlanPage.Update> updates = new ArrayList<>();
        for (EvidenceUpdate u : r.evidenceUpdates()) {
            updates.add(new PlanPage.Update(u.source(), u.note()));
        }
        return new PlanPage.Card(recAnchor(r.id()), r.id(), badge(r.status()), r.summary(), r.when().orElse(null),
                r.detail().equals(r.summary()) ? null : r.detail(), parameters, r.evidence(), updates,
                provenance(plan, r.sources(), r.because()));
    }

    /** Sources in words (the full citation on hover) and triggering facts as labels (the pointer on hover). */
    private static PlanPage.Provenance provenance(Plan plan, List<SourceRef> sources, List<Fact> because) {
        List<PlanPage.Source> words = new ArrayList<>();
        for (SourceRef s : sources) {
            words.add(new PlanPage.Source(SourceWords.of(s), CITATIONS.get(s.id())));
        }
        return new PlanPage.Provenance(words, labels(plan, because));
    }

    private static List<PlanPage.FactLabel> labels(Plan plan, List<Fact> facts) {
        List<PlanPage.FactLabel> out = new ArrayList<>();
        for (Fact f : facts) {
            out.add(new PlanPage.FactLabel(plan.label(f), f.pointer()));
        }
        return out;
    }

    // ---- surveillance schedule ---------------------------------------------------------------------

    /** The schedule's listed dates, each past, next due or planned as of {@code date}; null when none is listed. */
    private static PlanPage.Schedule schedule(SurveillanceSchedule schedule, LocalDate date) {
        if (schedule.due().isEmpty()) {
            return null;
        }
        Optional<LocalDate> nextDue = schedule.nextDue();
        List<PlanPage.Due> rows = new ArrayList<>();
        boolean nextShown = false;
        for (int i = 0; i < schedule.due().size(); i++) {
            SurveillanceSchedule.Due due = schedule.due().get(i);
            String state;
            if (nextDue.filter(due.date()::equals).isPresent() && !nextShown) {
                state = "next due";
                nextShown = true;
            } else if (!due.date().isAfter(date)) {
                state = "past";
            } else {
                state = "planned";
            }
            rows.add(new PlanPage.Due(i + 1, due.date().toString(), due.monthsAfterOperation(), state,
                    state.equals("next due") ? "next" : state));
        }
        return new PlanPage.Schedule(schedule.operationDate().map(LocalDate::toString).orElse(null),
                schedule.higherRisk() ? "higher" : "lower", date.toString(), rows,
                !nextShown && nextDue.isPresent() ? nextDue.get().toString() : null);
    }

    // ---- concordance, prognosis, evidence updates -------------------------------------------------

    private static List<PlanPage.ConcordanceCard> concordance(Plan plan) {
        List<PlanPage.ConcordanceCard> out = new ArrayList<>();
        for (Concordance k : plan.concordance()) {
            out.add(new PlanPage.ConcordanceCard(k.id(), new PlanPage.Badge(cssName(k.verdict().name()),
                    PlanWords.capitalised(Vocabulary.enumWords(k.verdict()))), k.note(), recLinks(plan, List.of(k.id())),
                    provenance(plan, List.of(), k.because())));
        }
        return out;
    }

    private static List<PlanPage.FactorCard> prognosticFactors(Plan plan) {
        List<PlanPage.FactorCard> out = new ArrayList<>();
        for (PrognosticFactor p : plan.prognosticFactors()) {
            out.add(new PlanPage.FactorCard(recAnchor(p.id()), p.id(), new PlanPage.Badge(cssName(p.effect().name()),
                    PlanWords.capitalised(Vocabulary.enumWords(p.effect()))), p.summary(), provenance(plan, p.sources(), p.because())));
        }
        return out;
    }

    /** Every later evidence once, in the order of the plan's recommendations, with the recommendations it qualifies. */
    private static List<PlanPage.UpdateItem> evidenceUpdates(Plan plan) {
        Map<EvidenceUpdate, Set<String>> updates = new LinkedHashMap<>();
        for (Recommendation r : plan.recommendations()) {
            for (EvidenceUpdate u : r.evidenceUpdates()) {
                updates.computeIfAbsent(u, k -> new LinkedHashSet<>()).add(r.id());
            }
        }
        List<PlanPage.UpdateItem> out = new ArrayList<>();
        updates.forEach((u, ids) -> out.add(new PlanPage.UpdateItem(u.source(), u.note(), recLinks(plan, List.copyOf(ids)))));
        return out;
    }

    // ---- the RECIST response ----------------------------------------------------------------------

    /** The category in words with its RECIST abbreviation: "Stable disease (SD)". */
    static String categoryWords(ResponseCategory category) {
        return PlanWords.capitalised(Vocabulary.enumWords(category)) + " (" + category.name() + ")";
    }

    /** The RECIST 1.1 table: baseline and restaging studies, their measures and the change. */
    private static PlanPage.Recist recist(RecistDetails recist) {
        Response r = recist.response();
        List<PlanPage.RecistRow> rows = List.of(
                recistRow("Baseline", recist.baseline(), recist.baselineLongestDiameterMm(), recist.baselineVolumeCm3()),
                recistRow("Restaging", recist.restaging(), recist.restagingLongestDiameterMm(), recist.restagingVolumeCm3()));
        List<PlanPage.Fact> change = List.of(
                new PlanPage.Fact("Change of the sum of diameters", signed(r.longestDiameterChangePct()) + " %"),
                new PlanPage.Fact("Absolute change", signed(r.absoluteChangeMm()) + " mm"),
                new PlanPage.Fact("Change of ellipsoid volume", r.volumeChangePct().map(v -> signed(v) + " %")
                        .orElse("not available (needs three diameters on both studies)")),
                new PlanPage.Fact("Response category", categoryWords(r.category())),
                new PlanPage.Fact("Same modality", r.sameModality() ? "yes" : "no: diameters from different modalities are less comparable"));
        return new PlanPage.Recist(rows, change);
    }

    private static PlanPage.RecistRow recistRow(String label, ImagingStudy s, double longestMm, Optional<Double> volumeCm3) {
        return new PlanPage.RecistRow(label, s.date().toString(), s.pointer("tumorDiametersCm"), Vocabulary.enumWords(s.modality()),
                value(s.tumorDiametersCm()), number(longestMm, 1), volumeCm3.map(v -> number(v, 1)).orElse(null));
    }

    // ---- small helpers --------------------------------------------------------------------------

    /** A status's badge: its CSS class and its words. */
    static PlanPage.Badge badge(Status status) {
        return new PlanPage.Badge(statusClass(status), PlanWords.status(status));
    }

    static String statusClass(Status status) {
        return cssName(status.name());
    }

    private static String cssName(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static String recAnchor(String id) {
        return "rec-" + id;
    }

    static String phaseAnchor(Phase phase) {
        return "phase-" + cssName(phase.name());
    }

    /** An enum constant or code as lower-case words: {@code WELL_DEVELOPED} becomes "well developed". */
    static String words(String name) {
        return name.replace('_', ' ').toLowerCase(Locale.ROOT);
    }

    /** Units written at the end of parameter keys, and how the page writes them. */
    private static final Map<String, String> UNITS = Map.of("Mm", "mm", "Cm", "cm", "Gy", "Gy", "Pct", "%", "Seconds", "s");

    /**
     * A parameter key as words with its unit: {@code minutesBeforeIncision} becomes "minutes before
     * incision", {@code diameterMm} "diameter (mm)".
     */
    static String keyWords(String key) {
        StringBuilder s = new StringBuilder(key.length() + 8);
        int start = 0;
        for (int i = 1; i <= key.length(); i++) {
            if (i == key.length() || Character.isUpperCase(key.charAt(i)) && !Character.isUpperCase(key.charAt(i - 1))) {
                String word = key.substring(start, i);
                String unit = start > 0 && i == key.length() ? UNITS.get(word) : null;
                if (unit != null) {
                    s.append(" (").append(unit).append(')');
                } else {
                    s.append(start > 0 ? " " : "").append(word.toLowerCase(Locale.ROOT));
                }
                start = i;
            }
        }
        return s.toString();
    }

    /** A fact or parameter value as text, as the text rendering writes it (whole doubles without ".0"). */
    static String value(Object v) {
        if (v instanceof List<?> list) {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    s.append(", ");
                }
                s.append(value(list.get(i)));
            }
            return list.isEmpty() ? "none" : s.toString();
        }
        if (v instanceof Map<?, ?> map) {
            StringBuilder s = new StringBuilder();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (s.length() > 0) {
                    s.append("; ");
                }
                s.append(e.getKey()).append(": ").append(value(e.getValue()));
            }
            return s.toString();
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }

    static String joinNumbers(List<Integer> values) {
        StringBuilder s = new StringBuilder();
        for (Integer v : values) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(v);
        }
        return s.toString();
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + value(v);
    }

    private static String number(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A case id as one URL path segment (the template escapes it for its attribute). */
    static String path(String caseId) {
        return URLEncoder.encode(caseId, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
