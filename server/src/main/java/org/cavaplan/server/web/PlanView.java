package org.cavaplan.server.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.engine.SourceInfo;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.model.Operation;
import org.cavaplan.core.plan.Classification;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.IvcPath;
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

/**
 * The plan page's body: an HTML fragment (the layout wraps it) showing one plan of one case version,
 * the visual sibling of {@link PlanText}. It opens with what a tumor board must see first: the plan's
 * red flags (an alert) and its key decisions with their status in words, then the patient line. The
 * recommendations follow as cards grouped by phase in the plan's order, with a status badge in words
 * and colour; their sources (in words) and triggering facts (as labels, the pointer only on hover)
 * unfold in {@code <details>} without JavaScript; the IVC decision is drawn as a small tree with this
 * case's path highlighted; the RECIST response, the dated surveillance schedule, concordance, missing
 * data by field, warnings, evidence updates and prognostic factors follow. Rule ids, pointers and
 * codes stay in attributes ({@code data-id}, {@code title}); a person reads clinical words. Every
 * string from the case or the plan is escaped; the markup carries no {@code style} attribute and no
 * inline script, so it passes a strict Content Security Policy. The page only renders the plan: it
 * chooses and re-orders nothing, and renders any plan the engine makes (a phase without its IVC rows
 * included). Stateless and thread-safe.
 */
public final class PlanView {

    /**
     * The page's optional script (expand all, open folds for printing), served from the static folder.
     * Its stylesheet, {@code /static/plan.css}, is linked by {@link Layout}.
     */
    static final String SCRIPT = "/static/plan.js";

    /** Citations of the knowledge base's source catalogue, by source id. */
    private static final Map<String, String> CITATIONS = citations();

    private PlanView() {}

    private static Map<String, String> citations() {
        Map<String, String> m = new LinkedHashMap<>();
        for (SourceInfo s : CavaPlanKnowledge.create().sources()) {
            m.put(s.id(), s.citation());
        }
        return Map.copyOf(m);
    }

    /**
     * The plan page's body for version {@code version} of case {@code caseId}.
     *
     * @param caseId the case id as stored (also used in the links to the report, the form and the history)
     * @param version the case version the plan was made from
     * @param kase the case of that version
     * @param plan the plan of that case
     * @param asOf the plan date (shown, and used to tell past from coming surveillance dates)
     * @return an HTML fragment with no {@code <html>}, {@code <head>} or {@code <body>}
     */
    public static String body(String caseId, int version, Case kase, Plan plan, LocalDate asOf) {
        return body(caseId, version, kase, plan, asOf, Optional.empty());
    }

    /**
     * An older version of a case: the version that replaced it ({@code next}) and the current one
     * ({@code current}, the same when only one came after).
     */
    public record Superseded(org.cavaplan.registry.CaseVersion next, org.cavaplan.registry.CaseVersion current) {
        public Superseded {
            java.util.Objects.requireNonNull(next, "next");
            java.util.Objects.requireNonNull(current, "current");
        }
    }

    /**
     * The plan page's body as {@link #body(String, int, Case, Plan, LocalDate)}; when {@code superseded}
     * is present the version is not the current one: a banner at the top says by which version it was
     * superseded (when, by whom) and links the current one, and the page offers neither Edit nor the
     * PDF report (both are of the current version).
     */
    public static String body(String caseId, int version, Case kase, Plan plan, LocalDate asOf,
            Optional<Superseded> superseded) {
        LocalDate date = asOf == null ? plan.asOf() : asOf;
        StringBuilder out = new StringBuilder(80 * 1024);
        out.append("<script src=\"").append(SCRIPT).append("\" defer></script>\n");
        out.append("<article class=\"plan").append(superseded.isPresent() ? " superseded" : "")
                .append("\" aria-labelledby=\"plan-title\">\n");
        superseded.ifPresent(s -> supersededBanner(out, caseId, version, s));
        header(out, caseId, version, date, plan, superseded.isEmpty());
        redFlags(out, plan);
        keyDecisions(out, plan);
        patient(out, kase, plan);
        contents(out, plan);
        warnings(out, plan);
        missingData(out, plan);
        Recist.render(out, plan);
        for (Map.Entry<Phase, List<Recommendation>> e : byPhase(plan).entrySet()) {
            phase(out, e.getKey(), e.getValue(), kase, plan, date);
        }
        concordance(out, plan);
        prognosticFactors(out, plan);
        evidenceUpdates(out, plan);
        out.append("<p class=\"disclaimer\">").append(Html.text(PlanText.DISCLAIMER)).append("</p>\n");
        out.append("</article>\n");
        return out.toString();
    }

    // ---- header, red flags, key decisions, patient -------------------------------------------------

    private static final java.time.format.DateTimeFormatter RECORDED = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm 'UTC'", java.util.Locale.ROOT).withZone(java.time.ZoneOffset.UTC);

    /** The banner of an older version: superseded by which version, when and by whom; the way to the current one. */
    private static void supersededBanner(StringBuilder out, String caseId, int version, Superseded s) {
        String id = path(caseId);
        out.append("<div class=\"superseded-banner\" role=\"note\" aria-label=\"Older version\">\n<p><strong>Superseded by ")
                .append("version ").append(s.next().version()).append(" (<time datetime=\"")
                .append(Html.attr(s.next().recordedAt())).append("\">").append(Html.text(RECORDED.format(s.next().recordedAt())))
                .append("</time>, ").append(Html.text(s.next().author())).append(")</strong>. This is version ").append(version)
                .append(", kept as it was: read it, but plan and edit from the current version");
        if (s.current().version() != s.next().version()) {
            out.append(", version ").append(s.current().version());
        }
        out.append(".</p>\n<p><a class=\"button\" href=\"/cases/").append(id).append("\">Open the current version</a> ")
                .append("<a class=\"button secondary\" href=\"/cases/").append(id).append("/history?left=").append(version)
                .append("&amp;right=").append(s.current().version()).append("\">What changed since</a></p>\n</div>\n");
    }

    private static void header(StringBuilder out, String caseId, int version, LocalDate date, Plan plan, boolean current) {
        out.append("<header class=\"plan-header\">\n<h1 id=\"plan-title\">Care plan for case <span class=\"case-id\">")
                .append(Html.text(caseId)).append("</span></h1>\n");
        out.append("<p class=\"plan-meta\">Version ").append(version).append(" &middot; as of <time datetime=\"")
                .append(Html.attr(date)).append("\">").append(Html.text(date)).append("</time> &middot; knowledge base ")
                .append(Html.text(plan.knowledgeBaseVersion())).append("</p>\n");
        String id = path(caseId);
        out.append("<p class=\"plan-actions\">");
        if (current) {
            out.append("<a class=\"button\" href=\"/cases/").append(id).append("/report.pdf\">Download PDF report</a> ")
                    .append("<a class=\"button secondary\" href=\"/cases/").append(id).append("/edit\">Edit</a> ");
        }
        out.append("<a class=\"button secondary\" href=\"/cases/").append(id).append("/history\">History</a>")
                .append("</p>\n</header>\n");
    }

    /** Every red flag of the plan, in its order, as an alert: name, message and the facts behind it. */
    private static void redFlags(StringBuilder out, Plan plan) {
        if (plan.redFlags().isEmpty()) {
            return;
        }
        int n = plan.redFlags().size();
        out.append("<section id=\"red-flags\" class=\"red-flags\" role=\"alert\" aria-labelledby=\"red-flags-title\">\n")
                .append("<h2 id=\"red-flags-title\">").append(n == 1 ? "Red flag" : n + " red flags").append("</h2>\n")
                .append("<ul class=\"red-flag-list\">\n");
        for (RedFlag f : plan.redFlags()) {
            String lead = PlanWords.redFlagLead(f);
            out.append("<li class=\"red-flag\" data-code=\"").append(Html.attr(f.code())).append("\">");
            if (!lead.isEmpty()) {
                out.append("<strong class=\"red-flag-name\">").append(Html.text(lead)).append(":</strong> ");
            }
            out.append("<span class=\"red-flag-message\">").append(Html.text(f.message())).append("</span>");
            if (!f.because().isEmpty()) {
                out.append("<span class=\"red-flag-because\">Because: ");
                for (int i = 0; i < f.because().size(); i++) {
                    Fact fact = f.because().get(i);
                    out.append(i > 0 ? "; " : "").append("<span title=\"").append(Html.attr(fact.pointer())).append("\">")
                            .append(Html.text(plan.label(fact))).append("</span>");
                }
                out.append("</span>");
            }
            out.append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    /**
     * The plan's key decisions in its order, each with its phase, its status in words and its summary
     * linked to its card; then the next surveillance imaging and any overdue study.
     */
    private static void keyDecisions(StringBuilder out, Plan plan) {
        out.append("<section id=\"key-decisions\" class=\"key-decisions\" aria-labelledby=\"key-decisions-title\">\n")
                .append("<h2 id=\"key-decisions-title\">Key decisions</h2>\n");
        if (plan.keyDecisions().isEmpty()) {
            out.append("<p class=\"no-key-decisions\">The plan marks no key decision")
                    .append(plan.redFlags().isEmpty() ? "" : " beside the red flags").append("; the care plan by phase follows.</p>\n");
        } else {
            out.append("<ol class=\"key-decision-list\">\n");
            for (KeyDecision k : plan.keyDecisions()) {
                Optional<Recommendation> r = plan.recommendation(k.id());
                out.append("<li class=\"key-decision status-").append(statusClass(k.status())).append("\" data-id=\"")
                        .append(Html.attr(k.id())).append("\">");
                r.ifPresent(x -> out.append("<span class=\"key-phase\">").append(Html.text(x.phase().title())).append("</span> "));
                out.append(badge(k.status())).append(' ');
                if (r.isPresent()) {
                    out.append("<a class=\"key-summary\" href=\"#").append(Html.attr(recAnchor(k.id()))).append("\">")
                            .append(Html.text(k.summary())).append("</a>");
                } else {
                    out.append("<span class=\"key-summary\">").append(Html.text(k.summary())).append("</span>");
                }
                out.append("</li>\n");
            }
            out.append("</ol>\n");
        }
        NextSurveillance.of(plan).ifPresent(next -> {
            out.append("<p class=\"next-surveillance\"><strong>Next surveillance:</strong> ")
                    .append("<a href=\"#surveillance-schedule\">").append(Html.text(next.next())).append("</a></p>\n");
            next.overdueSentence(plan).ifPresent(o -> out.append("<p class=\"overdue\"><span class=\"badge badge-contraindicated\">")
                    .append("Overdue</span> ").append(Html.text(o)).append("</p>\n"));
        });
        out.append("</section>\n");
    }

    /** The patient in one block: stage of care, intent and disease status in words, the classification, the therapy so far. */
    private static void patient(StringBuilder out, Case kase, Plan plan) {
        Classification c = plan.classification();
        out.append("<section id=\"patient\" class=\"plan-patient\" aria-label=\"Patient\">\n<dl class=\"plan-facts\">\n");
        fact(out, "Stage of care", PlanWords.capitalised(Vocabulary.enumWords(plan.stage())));
        fact(out, "Intent", PlanWords.capitalised(Vocabulary.enumWords(plan.intent())));
        fact(out, "Disease status", PlanWords.capitalised(Vocabulary.enumWords(plan.diseaseStatus())));
        fact(out, "Patient", kase.patient().ageYears() + " years, " + Vocabulary.enumWords(kase.patient().sex()));
        fact(out, "AJCC 8th stage", "clinical " + c.ajccStage().orElse("unknown")
                + c.ajccPathologicalStage().map(st -> ", pathological " + st).orElse(""));
        fact(out, "FNCLCC grade", c.fnclccGrade().map(String::valueOf).orElse("unknown"));
        fact(out, "IVC levels", c.ivcLevels().isEmpty() ? "unknown" : joinNumbers(c.ivcLevels()));
        fact(out, "IVC involvement", c.ivcInvolvement().map(Vocabulary::enumWords).orElse("unknown"));
        fact(out, "Intracardiac extension", c.intracardiacExtension() ? "yes" : "no");
        kase.neoadjuvant().filter(Neoadjuvant::hasTherapy).ifPresent(n -> fact(out, "Neoadjuvant therapy", neoadjuvant(n)));
        plan.response().ifPresent(r -> fact(out, "Response (RECIST 1.1)", Recist.categoryWords(r.category())));
        out.append("</dl>\n");
        statusCounts(out, plan);
        out.append("</section>\n");
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

    private static void fact(StringBuilder out, String label, String value) {
        out.append("<div><dt>").append(label).append("</dt><dd>").append(Html.text(value)).append("</dd></div>\n");
    }

    private static void statusCounts(StringBuilder out, Plan plan) {
        Map<Status, Integer> counts = new EnumMap<>(Status.class);
        for (Recommendation r : plan.recommendations()) {
            counts.merge(r.status(), 1, Integer::sum);
        }
        out.append("<ul class=\"status-counts\" aria-label=\"Recommendations by status\">");
        for (Map.Entry<Status, Integer> e : counts.entrySet()) {
            out.append("<li>").append(badge(e.getKey())).append(' ').append(e.getValue()).append("</li>");
        }
        out.append("</ul>\n");
    }

    private static void contents(StringBuilder out, Plan plan) {
        out.append("<nav class=\"plan-toc\" aria-label=\"Sections of this plan\"><ul>\n");
        if (!plan.warnings().isEmpty()) {
            link(out, "warnings", "Warnings (" + plan.warnings().size() + ")");
        }
        if (!plan.missingData().isEmpty()) {
            link(out, "missing-data", "Missing data (" + plan.missingData().size() + ")");
        }
        if (plan.response().isPresent()) {
            link(out, "response", "Response");
        }
        for (Phase phase : byPhase(plan).keySet()) {
            link(out, phaseAnchor(phase), phase.title());
        }
        if (!plan.concordance().isEmpty()) {
            link(out, "concordance", "Concordance");
        }
        if (!plan.prognosticFactors().isEmpty()) {
            link(out, "prognostic-factors", "Prognostic factors");
        }
        if (plan.recommendations().stream().anyMatch(r -> !r.evidenceUpdates().isEmpty())) {
            link(out, "evidence-updates", "Evidence updates");
        }
        out.append("</ul></nav>\n");
    }

    private static void link(StringBuilder out, String anchor, String text) {
        out.append("<li><a href=\"#").append(anchor).append("\">").append(Html.text(text)).append("</a></li>\n");
    }

    // ---- warnings and missing data ---------------------------------------------------------------

    private static void warnings(StringBuilder out, Plan plan) {
        if (plan.warnings().isEmpty()) {
            return;
        }
        out.append("<section id=\"warnings\" class=\"plan-section notice-warnings\" aria-labelledby=\"warnings-title\">\n")
                .append("<h2 id=\"warnings-title\">Warnings</h2>\n<ul class=\"warnings\">\n");
        for (Warning w : plan.warnings()) {
            out.append("<li data-code=\"").append(Html.attr(w.code())).append("\"><span class=\"badge badge-warning\">Warning</span> ")
                    .append(Html.text(w.message())).append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    private static void missingData(StringBuilder out, Plan plan) {
        if (plan.missingData().isEmpty()) {
            return;
        }
        out.append("<section id=\"missing-data\" class=\"plan-section notice-missing\" aria-labelledby=\"missing-title\">\n")
                .append("<h2 id=\"missing-title\">Missing data</h2>\n")
                .append("<p>CavaPlan does not guess these facts; recording them makes the affected recommendations firm.</p>\n")
                .append("<table class=\"data missing\">\n<thead><tr><th scope=\"col\">Field</th>")
                .append("<th scope=\"col\">Why</th><th scope=\"col\">Affects</th></tr></thead>\n<tbody>\n");
        for (MissingData m : plan.missingData()) {
            out.append("<tr><td title=\"").append(Html.attr(m.pointer())).append("\">").append(Html.text(PlanWords.field(m.pointer())))
                    .append("</td><td>").append(Html.text(m.reason())).append("</td><td>");
            recLinks(out, plan, m.affects());
            out.append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    /**
     * Links to the plan's recommendations with these ids, each named by its summary; an id the plan
     * does not hold (its rule is silent in this plan) is left out.
     */
    private static void recLinks(StringBuilder out, Plan plan, List<String> ids) {
        List<Recommendation> recs = new ArrayList<>();
        for (String id : ids) {
            plan.recommendation(id).ifPresent(recs::add);
        }
        if (recs.isEmpty()) {
            return;
        }
        out.append("<ul class=\"rec-links\">");
        for (Recommendation r : recs) {
            out.append("<li><a href=\"#").append(Html.attr(recAnchor(r.id()))).append("\" data-id=\"").append(Html.attr(r.id()))
                    .append("\">").append(Html.text(r.summary())).append("</a></li>");
        }
        out.append("</ul>");
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

    private static void phase(StringBuilder out, Phase phase, List<Recommendation> recs, Case kase, Plan plan, LocalDate date) {
        String anchor = phaseAnchor(phase);
        out.append("<section id=\"").append(anchor).append("\" class=\"plan-section phase\" aria-labelledby=\"")
                .append(anchor).append("-title\">\n<h2 id=\"").append(anchor).append("-title\">")
                .append(phase.title()).append("</h2>\n");
        if (phase == Phase.IVC_MANAGEMENT) {
            IvcTree.render(out, plan);
        }
        out.append("<div class=\"cards\">\n");
        for (Recommendation r : recs) {
            card(out, plan, r);
        }
        out.append("</div>\n");
        if (phase == Phase.SURVEILLANCE) {
            plan.sections().surveillance().ifPresent(schedule -> schedule(out, schedule, date));
        }
        out.append("</section>\n");
    }

    private static void card(StringBuilder out, Plan plan, Recommendation r) {
        String anchor = recAnchor(r.id());
        out.append("<article class=\"card status-").append(statusClass(r.status())).append("\" id=\"")
                .append(Html.attr(anchor)).append("\" data-id=\"").append(Html.attr(r.id())).append("\" aria-labelledby=\"")
                .append(Html.attr(anchor)).append("-status ").append(Html.attr(anchor)).append("-summary\">\n");
        out.append("<header class=\"card-head\"><span class=\"badge badge-").append(statusClass(r.status())).append("\" id=\"")
                .append(Html.attr(anchor)).append("-status\">").append(Html.text(PlanWords.status(r.status()))).append("</span> <h3 id=\"")
                .append(Html.attr(anchor))
                .append("-summary\" class=\"card-summary\">").append(Html.text(r.summary())).append("</h3></header>\n");
        r.when().ifPresent(w -> out.append("<p class=\"when\"><strong>When:</strong> ").append(Html.text(w)).append("</p>\n"));
        if (!r.detail().equals(r.summary())) {
            out.append("<p class=\"detail\">").append(Html.text(r.detail())).append("</p>\n");
        }
        if (!r.parameters().isEmpty()) {
            out.append("<dl class=\"params\">\n");
            for (Map.Entry<String, Object> e : r.parameters().entrySet()) {
                out.append("<div><dt>").append(Html.text(keyWords(e.getKey()))).append("</dt><dd>");
                if (e.getKey().equals("schedule") && e.getValue() instanceof List<?> list) {
                    out.append(list.size()).append(" dates, see <a href=\"#surveillance-schedule\">the schedule</a>");
                } else {
                    out.append(Html.text(PlanWords.value(e.getValue())));
                }
                out.append("</dd></div>\n");
            }
            out.append("</dl>\n");
        }
        out.append("<p class=\"evidence\"><strong>Evidence:</strong> ").append(Html.text(r.evidence())).append("</p>\n");
        if (!r.evidenceUpdates().isEmpty()) {
            out.append("<div class=\"updates\"><h4>Later evidence</h4><ul>\n");
            for (EvidenceUpdate u : r.evidenceUpdates()) {
                out.append("<li><strong>").append(Html.text(u.source())).append(":</strong> ").append(Html.text(u.note()))
                        .append("</li>\n");
            }
            out.append("</ul></div>\n");
        }
        provenance(out, plan, r.sources(), r.because());
        out.append("</article>\n");
    }

    /** Sources in words (the full citation on hover) and triggering facts as labels (the pointer on hover), folded. */
    private static void provenance(StringBuilder out, Plan plan, List<SourceRef> sources, List<Fact> because) {
        out.append("<details class=\"provenance\"><summary>Sources (").append(sources.size())
                .append(") and triggering facts (").append(because.size()).append(")</summary>\n");
        if (!sources.isEmpty()) {
            out.append("<h4>Sources</h4><ul class=\"sources\">\n");
            for (SourceRef s : sources) {
                String citation = CITATIONS.get(s.id());
                out.append("<li><cite");
                if (citation != null) {
                    out.append(" title=\"").append(Html.attr(citation)).append('"');
                }
                out.append(">").append(Html.text(SourceWords.of(s))).append("</cite></li>\n");
            }
            out.append("</ul>\n");
        }
        if (!because.isEmpty()) {
            out.append("<h4>Because</h4><ul class=\"because\">\n");
            for (Fact f : because) {
                out.append("<li title=\"").append(Html.attr(f.pointer())).append("\">").append(Html.text(plan.label(f)))
                        .append("</li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("</details>\n");
    }

    // ---- surveillance schedule ---------------------------------------------------------------------

    private static void schedule(StringBuilder out, SurveillanceSchedule schedule, LocalDate date) {
        if (schedule.due().isEmpty()) {
            return;
        }
        Optional<LocalDate> nextDue = schedule.nextDue();
        out.append("<table id=\"surveillance-schedule\" class=\"data schedule\">\n<caption>Surveillance imaging schedule");
        schedule.operationDate().ifPresent(d -> out.append(" from the operation on ").append(Html.text(d)));
        out.append(" (").append(schedule.higherRisk() ? "higher" : "lower").append(" risk)</caption>\n")
                .append("<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Due date</th>")
                .append("<th scope=\"col\">Months after the operation</th><th scope=\"col\">As of ")
                .append(Html.text(date)).append("</th></tr></thead>\n<tbody>\n");
        boolean nextShown = false;
        for (int i = 0; i < schedule.due().size(); i++) {
            SurveillanceSchedule.Due due = schedule.due().get(i);
            String state;
            String cls;
            if (nextDue.filter(due.date()::equals).isPresent() && !nextShown) {
                state = "next due";
                cls = "next";
                nextShown = true;
            } else if (!due.date().isAfter(date)) {
                state = "past";
                cls = "past";
            } else {
                state = "planned";
                cls = "planned";
            }
            out.append("<tr class=\"").append(cls).append("\"><td>").append(i + 1).append("</td><td><time datetime=\"")
                    .append(Html.attr(due.date())).append("\">").append(Html.text(due.date())).append("</time></td><td>")
                    .append(due.monthsAfterOperation()).append("</td><td>").append(state).append("</td></tr>\n");
        }
        out.append("</tbody>\n</table>\n");
        if (!nextShown && nextDue.isPresent()) {
            out.append("<p class=\"next-due\"><strong>Next due:</strong> ").append(Html.text(nextDue.get()))
                    .append(" (after the listed dates the schedule continues at the late interval).</p>\n");
        }
    }

    // ---- concordance, prognosis, evidence updates -------------------------------------------------

    private static void concordance(StringBuilder out, Plan plan) {
        if (plan.concordance().isEmpty()) {
            return;
        }
        out.append("<section id=\"concordance\" class=\"plan-section\" aria-labelledby=\"concordance-title\">\n")
                .append("<h2 id=\"concordance-title\">Concordance with what was done</h2>\n<div class=\"cards\">\n");
        for (Concordance k : plan.concordance()) {
            String verdict = k.verdict().name();
            out.append("<article class=\"card verdict-").append(cssName(verdict)).append("\" data-id=\"").append(Html.attr(k.id()))
                    .append("\">\n<header class=\"card-head\">")
                    .append("<span class=\"badge badge-").append(cssName(verdict)).append("\">")
                    .append(Html.text(PlanWords.capitalised(Vocabulary.enumWords(k.verdict()))))
                    .append("</span> <h3 class=\"card-summary\">").append(Html.text(k.note())).append("</h3>");
            recLinks(out, plan, List.of(k.id()));
            out.append("</header>\n");
            provenance(out, plan, List.of(), k.because());
            out.append("</article>\n");
        }
        out.append("</div>\n</section>\n");
    }

    private static void prognosticFactors(StringBuilder out, Plan plan) {
        if (plan.prognosticFactors().isEmpty()) {
            return;
        }
        out.append("<section id=\"prognostic-factors\" class=\"plan-section\" aria-labelledby=\"prognosis-title\">\n")
                .append("<h2 id=\"prognosis-title\">Prognostic factors</h2>\n<div class=\"cards\">\n");
        for (PrognosticFactor p : plan.prognosticFactors()) {
            String effect = p.effect().name();
            out.append("<article class=\"card effect-").append(cssName(effect)).append("\" id=\"")
                    .append(Html.attr(recAnchor(p.id()))).append("\" data-id=\"").append(Html.attr(p.id()))
                    .append("\">\n<header class=\"card-head\"><span class=\"badge badge-")
                    .append(cssName(effect)).append("\">").append(Html.text(PlanWords.capitalised(Vocabulary.enumWords(p.effect()))))
                    .append("</span> <h3 class=\"card-summary\">").append(Html.text(p.summary())).append("</h3></header>\n");
            provenance(out, plan, p.sources(), p.because());
            out.append("</article>\n");
        }
        out.append("</div>\n</section>\n");
    }

    private static void evidenceUpdates(StringBuilder out, Plan plan) {
        Map<EvidenceUpdate, Set<String>> updates = new LinkedHashMap<>();
        for (Recommendation r : plan.recommendations()) {
            for (EvidenceUpdate u : r.evidenceUpdates()) {
                updates.computeIfAbsent(u, k -> new LinkedHashSet<>()).add(r.id());
            }
        }
        if (updates.isEmpty()) {
            return;
        }
        out.append("<section id=\"evidence-updates\" class=\"plan-section\" aria-labelledby=\"updates-title\">\n")
                .append("<h2 id=\"updates-title\">Evidence updates</h2>\n")
                .append("<p>Later evidence that qualifies what the primary source says.</p>\n<ul class=\"updates-all\">\n");
        for (Map.Entry<EvidenceUpdate, Set<String>> e : updates.entrySet()) {
            out.append("<li><strong>").append(Html.text(e.getKey().source())).append(":</strong> ")
                    .append(Html.text(e.getKey().note())).append(" <span class=\"applies\">Qualifies:</span>");
            recLinks(out, plan, List.copyOf(e.getValue()));
            out.append("</li>\n");
        }
        out.append("</ul>\n</section>\n");
    }

    // ---- the RECIST response ----------------------------------------------------------------------

    /** The RECIST 1.1 table: baseline and restaging studies, their measures and the change. */
    private static final class Recist {

        private Recist() {}

        /** The category in words with its RECIST abbreviation: "Stable disease (SD)". */
        static String categoryWords(ResponseCategory category) {
            return PlanWords.capitalised(Vocabulary.enumWords(category)) + " (" + category.name() + ")";
        }

        static void render(StringBuilder out, Plan plan) {
            if (plan.sections().recist().isEmpty()) {
                return;
            }
            RecistDetails recist = plan.sections().recist().get();
            Response r = recist.response();
            out.append("<section id=\"response\" class=\"plan-section\" aria-labelledby=\"response-title\">\n")
                    .append("<h2 id=\"response-title\">Response to neoadjuvant therapy (RECIST 1.1)</h2>\n")
                    .append("<table class=\"data recist\">\n<caption>One target lesion: the sum of longest diameters is its ")
                    .append("longest diameter; ellipsoid volume is &pi;/6 &times; a &times; b &times; c.</caption>\n")
                    .append("<thead><tr><th scope=\"col\">Study</th><th scope=\"col\">Date</th><th scope=\"col\">Modality</th>")
                    .append("<th scope=\"col\">Diameters (cm)</th><th scope=\"col\">Sum of longest diameters (mm)</th>")
                    .append("<th scope=\"col\">Ellipsoid volume (cm&sup3;)</th></tr></thead>\n<tbody>\n");
            row(out, "Baseline", recist.baseline(), recist.baselineLongestDiameterMm(), recist.baselineVolumeCm3());
            row(out, "Restaging", recist.restaging(), recist.restagingLongestDiameterMm(), recist.restagingVolumeCm3());
            out.append("</tbody>\n</table>\n<dl class=\"plan-facts recist-change\">\n");
            fact(out, "Change of the sum of diameters", signed(r.longestDiameterChangePct()) + " %");
            fact(out, "Absolute change", signed(r.absoluteChangeMm()) + " mm");
            fact(out, "Change of ellipsoid volume", r.volumeChangePct().map(v -> signed(v) + " %")
                    .orElse("not available (needs three diameters on both studies)"));
            fact(out, "Response category", categoryWords(r.category()));
            fact(out, "Same modality", r.sameModality() ? "yes" : "no: diameters from different modalities are less comparable");
            out.append("</dl>\n</section>\n");
        }

        private static void row(StringBuilder out, String label, ImagingStudy s, double longestMm, Optional<Double> volumeCm3) {
            out.append("<tr><th scope=\"row\">").append(label).append("</th><td><time datetime=\"").append(Html.attr(s.date()))
                    .append("\">").append(Html.text(s.date())).append("</time></td>");
            out.append("<td title=\"").append(Html.attr(s.pointer("tumorDiametersCm"))).append("\">")
                    .append(Html.text(Vocabulary.enumWords(s.modality()))).append("</td><td>").append(Html.text(value(s.tumorDiametersCm())))
                    .append("</td><td>").append(Html.text(number(longestMm, 1))).append("</td><td>");
            if (volumeCm3.isPresent()) {
                out.append(Html.text(number(volumeCm3.get(), 1)));
            } else {
                out.append("&mdash;");
            }
            out.append("</td></tr>\n");
        }
    }

    // ---- the IVC decision tree ----------------------------------------------------------------------

    /**
     * The IVC decision drawn as a tree (inline SVG with presentation attributes only) with a text
     * equivalent: upper segment, then occlusion with collaterals (ligation), then circumference
     * against the threshold (patch or graft), then contamination (conduit material). The path this
     * case took is drawn thick and solid; a node whose fact is unknown is dashed and ends the path.
     */
    static final class IvcTree {

        enum Node {
            UPPER(10, 112, 76), LIGATE(260, 24, 76), LIGATION(510, 34, 56), CIRC(510, 184, 76),
            PATCH(790, 126, 56), EITHER(790, 194, 56), GRAFT(790, 262, 56), CONDUIT(1040, 184, 76);

            final int x;
            final int y;
            final int h;

            Node(int x, int y, int h) {
                this.x = x;
                this.y = y;
                this.h = h;
            }

            int mid() {
                return y + h / 2;
            }
        }

        static final int WIDTH = 200;

        /** How a node is drawn. */
        enum State { OFF, ON, UNKNOWN }

        private IvcTree() {}

        static void render(StringBuilder out, Plan plan) {
            if (plan.sections().ivc().isEmpty()) {
                return;
            }
            IvcPath path = plan.sections().ivc().get();
            Map<Node, State> state = new EnumMap<>(Node.class);
            for (Node n : Node.values()) {
                state.put(n, State.OFF);
            }
            Set<String> onEdges = new LinkedHashSet<>();
            List<String> steps = new ArrayList<>();

            String upper = path.upperSegmentInvolved().map(b -> b ? "yes" : "no").orElse("unknown");
            String lumen = path.lumen().map(Enum::name).orElse("unknown");
            String collaterals = path.collaterals().map(Enum::name).orElse("unknown");
            String circumference = path.circumferencePct().map(PlanView::value).orElse("unknown");
            Optional<String> circSource = path.circumferenceSource().map(Vocabulary::enumWords);
            String threshold = value(path.circumferenceThresholdPct());
            Optional<Boolean> contamination = path.grossContamination();

            String levels = path.ivcLevels().isEmpty() ? "levels unknown"
                    : (path.ivcLevels().size() == 1 ? "level " : "levels ") + joinNumbers(path.ivcLevels());
            state.put(Node.UPPER, upper.equals("unknown") ? State.UNKNOWN : State.ON);
            steps.add("Upper segment (level 3) involved: " + upper + " (" + levels + ").");
            switch (path.ligationStep()) {
                case UPPER_SEGMENT_RECONSTRUCT -> {
                    onEdges.add("UPPER-CIRC");
                    state.put(Node.UPPER, State.ON);
                    steps.add("Ligation is contraindicated at level 3: the IVC must be reconstructed.");
                }
                case LIGATE -> {
                    onEdges.add("UPPER-LIGATE");
                    onEdges.add("LIGATE-LIGATION");
                    state.put(Node.LIGATE, State.ON);
                    state.put(Node.LIGATION, State.ON);
                    steps.add("Lumen " + words(lumen) + ", collaterals " + words(collaterals) + ": ligation without reconstruction.");
                }
                case LIGATION_NOT_ADVISED_RECONSTRUCT -> {
                    onEdges.add("UPPER-LIGATE");
                    onEdges.add("LIGATE-CIRC");
                    state.put(Node.LIGATE, State.ON);
                    steps.add("Lumen " + words(lumen) + ", collaterals " + words(collaterals)
                            + ": not occluded with well-developed collaterals, so no ligation; reconstruct.");
                }
                case AWAITING_FINDINGS -> {
                    if (!upper.equals("unknown")) {
                        onEdges.add("UPPER-LIGATE");
                        state.put(Node.LIGATE, State.UNKNOWN);
                    }
                    steps.add("Lumen " + words(lumen) + ", collaterals " + words(collaterals)
                            + ": the path stops here until the missing facts are recorded.");
                }
                case RECONSTRUCT -> { }
            }
            path.reconstructionStep().ifPresent(step -> {
                String circText = "Circumference " + (circumference.equals("unknown") ? "unknown" : circumference + " %")
                        + circSource.map(source -> " (" + source + ")").orElse("") + " against " + threshold + " %";
                Node leaf = switch (step) {
                    case PATCH -> Node.PATCH;
                    case GRAFT -> Node.GRAFT;
                    case PATCH_OR_GRAFT -> Node.EITHER;
                    case AWAITING_CIRCUMFERENCE -> null;
                };
                steps.add(circText + switch (step) {
                    case PATCH -> ": patch cavoplasty.";
                    case GRAFT -> ": interposition graft.";
                    case PATCH_OR_GRAFT -> ": exactly at the threshold, patch or graft are both options.";
                    case AWAITING_CIRCUMFERENCE -> ": the path stops here until the circumference is known.";
                });
                state.put(Node.CIRC, leaf == null ? State.UNKNOWN : State.ON);
                if (leaf != null) {
                    onEdges.add("CIRC-" + leaf.name());
                    onEdges.add(leaf.name() + "-CONDUIT");
                    state.put(leaf, State.ON);
                    state.put(Node.CONDUIT, State.ON);
                    steps.add("Gross contamination: " + contamination.map(b -> b ? "yes, so an autologous vein conduit and no "
                            + "prosthetic material." : "no, so a prosthetic conduit (bovine pericardium, ringed PTFE) may be used.")
                            .orElse(path.operated()
                                    ? "not recorded; prosthetic material is contraindicated if the field was contaminated."
                                    : "known only at operation; prosthetic material is contraindicated if the field is contaminated."));
                }
            });

            out.append("<figure class=\"ivc-tree\" aria-labelledby=\"ivc-tree-caption\">\n");
            svg(out, state, onEdges, path, upper, lumen, collaterals, circumference, threshold, steps);
            out.append("<figcaption id=\"ivc-tree-caption\"><strong>IVC decision for this case.</strong> The path drawn thick ")
                    .append("and solid is the one this case takes; a dashed node marks a fact still unknown.</figcaption>\n")
                    .append("<ol class=\"ivc-path\">\n");
            for (String s : steps) {
                out.append("<li>").append(Html.text(s)).append("</li>\n");
            }
            out.append("</ol>\n");
            List<MissingData> missing = path.missing();
            if (!missing.isEmpty()) {
                out.append("<p class=\"ivc-missing\"><strong>Missing for this decision:</strong></p>\n<ul class=\"ivc-missing\">\n");
                for (MissingData m : missing) {
                    out.append("<li title=\"").append(Html.attr(m.pointer())).append("\">").append(Html.text(PlanWords.field(m.pointer())))
                            .append(": ").append(Html.text(m.reason())).append("</li>\n");
                }
                out.append("</ul>\n");
            }
            out.append("</figure>\n");
        }

        private static void svg(StringBuilder out, Map<Node, State> state, Set<String> onEdges, IvcPath path,
                String upper, String lumen, String collaterals, String circumference, String threshold, List<String> steps) {
            Optional<Boolean> contamination = path.grossContamination();
            out.append("<svg class=\"ivc-tree-svg\" viewBox=\"0 0 1250 330\" width=\"1250\" height=\"330\" role=\"img\" ")
                    .append("aria-labelledby=\"ivc-tree-title ivc-tree-desc\" focusable=\"false\" ")
                    .append("font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\" font-size=\"12\">\n")
                    .append("<title id=\"ivc-tree-title\">IVC decision tree</title>\n<desc id=\"ivc-tree-desc\">")
                    .append(Html.text(String.join(" ", steps))).append("</desc>\n");
            edge(out, onEdges, Node.UPPER, Node.LIGATE, "UPPER-LIGATE", "no", 0);
            edge(out, onEdges, Node.UPPER, Node.CIRC, "UPPER-CIRC", "yes", 0);
            edge(out, onEdges, Node.LIGATE, Node.LIGATION, "LIGATE-LIGATION", "yes", 0);
            edge(out, onEdges, Node.LIGATE, Node.CIRC, "LIGATE-CIRC", "no", 1);
            edge(out, onEdges, Node.CIRC, Node.PATCH, "CIRC-PATCH", "< " + threshold + " %", 0);
            edge(out, onEdges, Node.CIRC, Node.EITHER, "CIRC-EITHER", "= " + threshold + " %", 0);
            edge(out, onEdges, Node.CIRC, Node.GRAFT, "CIRC-GRAFT", "> " + threshold + " %", 0);
            edge(out, onEdges, Node.PATCH, Node.CONDUIT, "PATCH-CONDUIT", "", 0);
            edge(out, onEdges, Node.EITHER, Node.CONDUIT, "EITHER-CONDUIT", "", 0);
            edge(out, onEdges, Node.GRAFT, Node.CONDUIT, "GRAFT-CONDUIT", "", 0);
            node(out, Node.UPPER, state, List.of("Upper segment (level 3)", "involved?", "case: " + words(upper)));
            node(out, Node.LIGATE, state, List.of("Occluded lumen with well-", "developed collaterals?",
                    "lumen: " + words(lumen), "collaterals: " + words(collaterals)));
            node(out, Node.LIGATION, state, leafLines("Ligation", path.ligation()));
            node(out, Node.CIRC, state, List.of("Circumference resected", "against " + threshold + " %?",
                    "case: " + (circumference.equals("unknown") ? "unknown" : circumference + " %")));
            node(out, Node.PATCH, state, leafLines("Patch cavoplasty", path.patch()));
            node(out, Node.EITHER, state, List.of("Patch or graft", "(at the threshold)"));
            node(out, Node.GRAFT, state, leafLines("Interposition graft", path.graft()));
            node(out, Node.CONDUIT, state, List.of("Gross contamination?",
                    "case: " + contamination.map(b -> b ? "yes" : "no").orElse("not recorded"),
                    contamination.map(b -> b ? "autologous vein only" : "prosthetic allowed")
                            .orElse(path.operated() ? "prosthetic only if clean" : "known at operation")));
            out.append("</svg>\n");
        }

        private static List<String> leafLines(String title, Optional<Status> status) {
            return List.of(title, status.map(PlanWords::status).orElse("not in this plan"));
        }

        private static void edge(StringBuilder out, Set<String> onEdges, Node from, Node to, String key, String label,
                int variant) {
            boolean on = onEdges.contains(key);
            int x1 = from.x + WIDTH;
            int y1 = from.mid();
            int x2 = to.x;
            int y2 = to.mid();
            int elbow = variant == 1 ? x2 - 20 : from == Node.CIRC ? x1 + 15 : x1 + 20;
            if (to == Node.CONDUIT) {
                elbow = x2 - 20;
            }
            out.append("<path class=\"edge").append(on ? " on" : "").append("\" d=\"M").append(x1).append(' ').append(y1)
                    .append(" H").append(elbow).append(" V").append(y2).append(" H").append(x2).append("\" fill=\"none\" ")
                    .append(on ? "stroke=\"#0b4f8a\" stroke-width=\"4\"" : "stroke=\"#8a8a8a\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"")
                    .append("/>\n");
            if (!label.isEmpty()) {
                boolean vertical = variant == 1;
                int lx = vertical ? elbow + 4 : (elbow + x2) / 2;
                int ly = vertical ? (y1 + y2) / 2 : y2 - 6;
                String anchor = vertical ? "start" : "middle";
                out.append("<text class=\"edge-label").append(on ? " on" : "").append("\" x=\"").append(lx).append("\" y=\"")
                        .append(ly).append("\" text-anchor=\"").append(anchor).append("\" fill=\"")
                        .append(on ? "#0b4f8a" : "#555555").append('"').append(on ? " font-weight=\"bold\"" : "").append('>')
                        .append(Html.text(label)).append("</text>\n");
            }
        }

        private static void node(StringBuilder out, Node n, Map<Node, State> states, List<String> lines) {
            State s = states.get(n);
            out.append("<g class=\"node ").append(s.name().toLowerCase(Locale.ROOT)).append("\">");
            out.append("<rect x=\"").append(n.x).append("\" y=\"").append(n.y).append("\" width=\"").append(WIDTH)
                    .append("\" height=\"").append(n.h).append("\" rx=\"6\" ");
            switch (s) {
                case ON:
                    out.append("fill=\"#e3eefa\" stroke=\"#0b4f8a\" stroke-width=\"3\"");
                    break;
                case UNKNOWN:
                    out.append("fill=\"#fff4d6\" stroke=\"#8a5a00\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"");
                    break;
                default:
                    out.append("fill=\"#ffffff\" stroke=\"#8a8a8a\" stroke-width=\"1\"");
                    break;
            }
            out.append("/>");
            int lineHeight = 15;
            int top = n.y + (n.h - lines.size() * lineHeight) / 2 + 11;
            for (int i = 0; i < lines.size(); i++) {
                out.append("<text x=\"").append(n.x + 8).append("\" y=\"").append(top + i * lineHeight).append("\" fill=\"")
                        .append(s == State.OFF ? "#4a4a4a" : "#111111").append('"')
                        .append(i == 0 && s != State.OFF ? " font-weight=\"bold\"" : "").append('>')
                        .append(Html.text(lines.get(i))).append("</text>");
            }
            if (s == State.UNKNOWN) {
                out.append("<text x=\"").append(n.x + WIDTH - 8).append("\" y=\"").append(n.y + n.h - 8)
                        .append("\" text-anchor=\"end\" font-weight=\"bold\" fill=\"#8a5a00\">?</text>");
            }
            out.append("</g>\n");
        }
    }

    // ---- small helpers --------------------------------------------------------------------------

    static String badge(Status status) {
        return "<span class=\"badge badge-" + statusClass(status) + "\">" + Html.text(PlanWords.status(status)) + "</span>";
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

    private static String joinNumbers(List<Integer> values) {
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

    /** A case id as one URL path segment. */
    static String path(String caseId) {
        return Html.attr(URLEncoder.encode(caseId, StandardCharsets.UTF_8).replace("+", "%20"));
    }
}
