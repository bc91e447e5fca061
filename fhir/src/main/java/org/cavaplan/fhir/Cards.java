package org.cavaplan.fhir;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cavaplan.core.plan.Concordance;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.ResponseCategory;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.Verdict;

/**
 * The CDS Hooks 2.0 cards for a plan, as JSON objects ready to send. Which recommendations become
 * cards, in what order and with which indicator is specified in {@code docs/fhir-mapping.md}
 * ("CDS Hooks cards"):
 * <ol>
 *   <li>situation cards, {@code critical}: metastatic disease (intent PALLIATIVE), progression on
 *       restaging (RECIST PD), recurrence or metastasis at follow-up (the plan has RECURRENCE
 *       recommendations);</li>
 *   <li>every CONTRAINDICATED recommendation, {@code critical};</li>
 *   <li>RECOMMENDED recommendations of the decisive phases (all but PREOPERATIVE and OPERATIVE),
 *       {@code critical} in the RECURRENCE phase, else {@code info};</li>
 *   <li>every DISCORDANT concordance check, {@code warning};</li>
 *   <li>CONDITIONAL, then CONSIDER recommendations of the decisive phases, {@code info}
 *       ({@code critical} in the RECURRENCE phase);</li>
 *   <li>one {@code info} card counting the RECOMMENDED perioperative steps (PREOPERATIVE and
 *       OPERATIVE), which the plan page lists.</li>
 * </ol>
 * NOT_RECOMMENDED recommendations get no card; the plan page shows them. Within a group the plan's
 * order (phase, then id) holds. Pure function; thread-safe.
 */
public final class Cards {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<Phase> ROUTINE = EnumSet.of(Phase.PREOPERATIVE, Phase.OPERATIVE);
    /** The longest summary CDS Hooks allows. */
    public static final int MAX_SUMMARY = 140;

    private Cards() {}

    /** The cards for a plan; {@code planPageUrl} is where the whole plan can be read. */
    public static List<ObjectNode> from(Plan plan, String planPageUrl) {
        List<ObjectNode> cards = new ArrayList<>();
        String source = "CavaPlan knowledge base " + plan.knowledgeBaseVersion();
        if (plan.intent() == Intent.PALLIATIVE) {
            cards.add(card(plan, "situation.metastatic-disease", "critical",
                    "Distant metastases are recorded: the plan's intent is palliative, not curative resection.",
                    "Metastases were recorded on pre-operative imaging or found at operation, so CavaPlan plans with "
                            + "**palliative** intent. Review the plan for what changes.",
                    source, planPageUrl));
        }
        plan.response().filter(r -> r.category() == ResponseCategory.PD).ifPresent(r -> cards.add(card(plan,
                "situation.progression", "critical",
                "The disease progressed on restaging (RECIST 1.1 PD): review resectability and intent.",
                String.format(Locale.ROOT, "Restaging on %s against the baseline of %s shows progressive disease (RECIST 1.1). "
                        + "Longest diameter %+.1f %% (%+.1f mm); new lesions count as progression whatever the size.",
                        r.followUpDate(), r.baselineDate(), r.longestDiameterChangePct(), r.absoluteChangeMm()),
                source, planPageUrl)));
        List<Recommendation> recurrence = plan.recommendations().stream().filter(r -> r.phase() == Phase.RECURRENCE).toList();
        if (!recurrence.isEmpty()) {
            List<Fact> facts = recurrence.stream().flatMap(r -> r.because().stream())
                    .filter(f -> f.pointer().startsWith("/followUp/")).distinct().toList();
            cards.add(card(plan, "situation.recurrence", "critical",
                    "Recurrence or metastasis is recorded at follow-up: the recurrence pathway applies.",
                    "Follow-up records a local recurrence or distant metastases, so CavaPlan's recurrence recommendations apply.\n\n"
                            + because(facts.isEmpty() ? recurrence.get(0).because() : facts),
                    source, planPageUrl));
        }
        for (Recommendation r : plan.recommendations()) {
            if (r.status() == Status.CONTRAINDICATED) {
                cards.add(recommendationCard(plan, r, "critical", source, planPageUrl));
            }
        }
        addDecisive(cards, plan, Status.RECOMMENDED, source, planPageUrl);
        for (Concordance c : plan.concordance()) {
            if (c.verdict() == Verdict.DISCORDANT) {
                cards.add(card(plan, "concordance." + c.id(), "warning",
                        fit("Recorded care differs from the rules (" + c.id() + "): " + c.note()),
                        "**Discordant with the rules** (" + c.id() + ")\n\n" + c.note() + "\n\n" + because(c.because()),
                        source, planPageUrl));
            }
        }
        addDecisive(cards, plan, Status.CONDITIONAL, source, planPageUrl);
        addDecisive(cards, plan, Status.CONSIDER, source, planPageUrl);
        List<Recommendation> routine = plan.recommendations().stream()
                .filter(r -> ROUTINE.contains(r.phase()) && r.status() == Status.RECOMMENDED).toList();
        if (!routine.isEmpty()) {
            cards.add(card(plan, "summary.perioperative", "info",
                    routine.size() + " perioperative and operative steps are recommended; see the plan for each.",
                    "**Perioperative and operative steps recommended** (the plan page gives each with its sources)\n\n"
                            + routine.stream().map(r -> "- " + r.summary()).collect(Collectors.joining("\n")),
                    source, planPageUrl));
        }
        return List.copyOf(cards);
    }

    /** The body of a CDS Hooks service response: {@code {"cards": [...]}}. */
    public static ObjectNode response(List<ObjectNode> cards) {
        ObjectNode body = NODES.objectNode();
        ArrayNode list = body.putArray("cards");
        cards.forEach(list::add);
        return body;
    }

    private static void addDecisive(List<ObjectNode> cards, Plan plan, Status status, String source, String url) {
        for (Recommendation r : plan.recommendations()) {
            if (r.status() == status && !ROUTINE.contains(r.phase())) {
                cards.add(recommendationCard(plan, r, r.phase() == Phase.RECURRENCE ? "critical" : "info", source, url));
            }
        }
    }

    private static ObjectNode recommendationCard(Plan plan, Recommendation r, String indicator, String source, String url) {
        StringBuilder md = new StringBuilder();
        md.append("**").append(PlanFhir.statusText(r.status())).append("** · ").append(PlanFhir.phaseTitle(r.phase()))
                .append(" · `").append(r.id()).append("`\n\n");
        md.append(r.detail()).append("\n\n");
        r.when().ifPresent(w -> md.append("**Applies when:** ").append(w).append("\n\n"));
        md.append(because(r.because())).append("\n\n");
        md.append("**Evidence:** ").append(r.evidence()).append("\n\n");
        md.append("**Sources:** ").append(r.sources().stream().map(Cards::source).collect(Collectors.joining("; ")));
        for (EvidenceUpdate u : r.evidenceUpdates()) {
            md.append("\n\n**Later evidence (").append(u.source()).append("):** ").append(u.note());
        }
        return card(plan, r.id(), indicator, r.summary(), md.toString(), source, url);
    }

    private static String source(SourceRef s) {
        return s.id() + ", " + s.locator();
    }

    private static String because(List<Fact> facts) {
        return "**Because:** " + facts.stream().map(f -> "`" + f.pointer() + "` = " + f.value()).collect(Collectors.joining("; "));
    }

    private static ObjectNode card(Plan plan, String key, String indicator, String summary, String detail, String source, String url) {
        ObjectNode card = NODES.objectNode();
        card.put("uuid", uuid(plan.caseId(), key));
        card.put("summary", fit(summary));
        card.put("detail", detail);
        card.put("indicator", indicator);
        ObjectNode src = card.putObject("source");
        src.put("label", source);
        ObjectNode link = card.putArray("links").addObject();
        link.put("label", "Open the CavaPlan plan");
        link.put("url", url);
        link.put("type", "absolute");
        return card;
    }

    /** The card's id: a name-based UUID of the case id and the recommendation id (or card key). */
    public static String uuid(String caseId, String key) {
        return UUID.nameUUIDFromBytes(("cds-card|" + caseId + "|" + key).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** The text when it fits a card's summary, else cut at the last word that fits and marked with "…". */
    static String fit(String text) {
        if (text.length() <= MAX_SUMMARY) {
            return text;
        }
        String cut = text.substring(0, MAX_SUMMARY - 1);
        int space = cut.lastIndexOf(' ');
        if (space > MAX_SUMMARY / 2) {
            cut = cut.substring(0, space);
        }
        return cut.replaceAll("[\\s.,;:]+$", "") + "…";
    }
}
