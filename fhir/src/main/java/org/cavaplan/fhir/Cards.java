package org.cavaplan.fhir;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.cavaplan.core.plan.EvidenceUpdate;
import org.cavaplan.core.plan.Fact;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.plan.SurveillanceSchedule;
import org.cavaplan.core.vocabulary.Vocabulary;
import org.cavaplan.core.vocabulary.NextSurveillance;
import org.cavaplan.core.vocabulary.PlanWords;

/**
 * The CDS Hooks 2.0 cards for a plan, as JSON objects ready to send. The cards say what the plan's
 * first screen says, in the same order ({@code docs/fhir-mapping.md}, "CDS Hooks cards"):
 * <ol>
 *   <li>one card per red flag of the plan, in its order, {@code critical};</li>
 *   <li>one card per key decision of the plan, in its order: {@code warning} for a decision against
 *       an action (CONTRAINDICATED, or NOT_RECOMMENDED, which the knowledge base lists only when it
 *       overturns what the board might expect) and for a surveillance schedule with overdue studies,
 *       else {@code info};</li>
 *   <li>only when the plan has neither, one {@code info} card saying how many recommendations the plan
 *       holds, so that a planned patient never shows an empty banner.</li>
 * </ol>
 * The plan's own lists decide which decisions become cards; this class chooses and re-orders nothing.
 * Summaries are at most 140 characters; details are markdown in clinical words (status, phase, the
 * detail, the triggering facts as labels, the evidence, the sources in words), with no rule id, pointer
 * or code. Every card links to the plan page, as a page or as a SMART launch. Pure function; thread-safe.
 */
public final class Cards {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The longest summary CDS Hooks allows. */
    public static final int MAX_SUMMARY = 140;

    private Cards() {}

    /**
     * The link every card carries to the whole plan: {@code absolute}, a page the EHR opens as it is,
     * or {@code smart}, CavaPlan's SMART launch URL, to which the EHR adds {@code iss} and
     * {@code launch} and which it opens with the patient's context (CDS Hooks 2.0, Link).
     */
    public record Link(String label, String url, String type) {
        public Link {
            java.util.Objects.requireNonNull(label, "label");
            java.util.Objects.requireNonNull(url, "url");
            if (!type.equals("absolute") && !type.equals("smart")) {
                throw new IllegalArgumentException("a card link is absolute or smart, not " + type);
            }
        }

        /** A page to open as it is. */
        public static Link absolute(String url) {
            return new Link("Open the CavaPlan plan", url, "absolute");
        }

        /** CavaPlan's SMART App Launch URL: the EHR launches the app in the patient's context. */
        public static Link smart(String launchUrl) {
            return new Link("Open the CavaPlan plan", launchUrl, "smart");
        }
    }

    /** The cards for a plan; {@code planPageUrl} is where the whole plan can be read. */
    public static List<ObjectNode> from(Plan plan, String planPageUrl) {
        return from(plan, Link.absolute(planPageUrl));
    }

    /** The cards for a plan, each with {@code planLink} to the whole plan. */
    public static List<ObjectNode> from(Plan plan, Link planLink) {
        return from(plan, java.util.Optional.of(planLink));
    }

    /** The cards for a plan, each with {@code planLink} to the whole plan when there is one to open. */
    public static List<ObjectNode> from(Plan plan, java.util.Optional<Link> planLink) {
        List<ObjectNode> cards = new ArrayList<>();
        String source = "CavaPlan knowledge base " + plan.knowledgeBaseVersion();
        for (RedFlag f : plan.redFlags()) {
            cards.add(redFlagCard(plan, f, source, planLink));
        }
        for (KeyDecision k : plan.keyDecisions()) {
            cards.add(keyDecisionCard(plan, k, source, planLink));
        }
        if (cards.isEmpty() && !plan.recommendations().isEmpty()) {
            int n = plan.recommendations().size();
            cards.add(card(plan, "summary.plan", "info",
                    "CavaPlan has a care plan with " + n + (n == 1 ? " recommendation" : " recommendations")
                            + " and no key decision or red flag.",
                    "**CavaPlan care plan** (stage of care: " + Vocabulary.enumWords(plan.stage()) + ", intent: "
                            + Vocabulary.enumWords(plan.intent()) + ", disease: " + Vocabulary.enumWords(plan.diseaseStatus())
                            + ")\n\nThe plan marks no key decision and no red flag; open the plan to read its "
                            + n + (n == 1 ? " recommendation." : " recommendations."),
                    source, planLink));
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

    private static ObjectNode redFlagCard(Plan plan, RedFlag f, String source, java.util.Optional<Link> url) {
        String name = PlanWords.redFlag(f.code());
        StringBuilder md = new StringBuilder("**Red flag");
        if (!name.isEmpty()) {
            md.append(": ").append(name);
        }
        md.append("**\n\n").append(f.message());
        if (!f.because().isEmpty()) {
            md.append("\n\n").append(because(plan, f.because()));
        }
        md.append("\n\nThe plan page gives the recommendations that follow from it.");
        return card(plan, "red-flag|" + f.code() + "|" + f.message(), "critical", PlanWords.redFlagText(f), md.toString(), source, url);
    }

    private static ObjectNode keyDecisionCard(Plan plan, KeyDecision k, String source, java.util.Optional<Link> url) {
        Optional<Recommendation> found = plan.recommendation(k.id());
        Optional<NextSurveillance> next = SurveillanceSchedule.RECOMMENDATION.equals(k.id()) ? NextSurveillance.of(plan) : Optional.empty();
        boolean overdue = next.map(n -> !n.overdue().isEmpty()).orElse(false);
        String indicator = k.status() == Status.CONTRAINDICATED || k.status() == Status.NOT_RECOMMENDED || overdue ? "warning" : "info";
        StringBuilder md = new StringBuilder();
        md.append("**").append(PlanWords.status(k.status())).append("**");
        found.ifPresent(r -> md.append(" · ").append(r.phase().title()));
        md.append("\n\n");
        if (found.isEmpty()) {
            md.append(k.summary());
        } else {
            Recommendation r = found.get();
            md.append(r.detail());
            r.when().ifPresent(w -> md.append("\n\n**Applies when:** ").append(w));
            next.ifPresent(n -> {
                md.append("\n\n**Next surveillance:** ").append(n.next());
                n.overdueSentence(plan).ifPresent(o -> md.append("\n\n**Overdue:** ").append(o));
            });
            md.append("\n\n").append(because(plan, r.because()));
            md.append("\n\n**Evidence:** ").append(r.evidence());
            md.append("\n\n**Sources:** ").append(PlanWords.sources(r.sources()));
            for (EvidenceUpdate u : r.evidenceUpdates()) {
                md.append("\n\n**Later evidence (").append(u.source()).append("):** ").append(u.note());
            }
        }
        return card(plan, k.id(), indicator, k.summary(), md.toString(), source, url);
    }

    private static String because(Plan plan, List<Fact> facts) {
        return "**Because:** " + facts.stream().map(plan::label).collect(Collectors.joining("; "));
    }

    private static ObjectNode card(Plan plan, String key, String indicator, String summary, String detail, String source, java.util.Optional<Link> url) {
        ObjectNode card = NODES.objectNode();
        card.put("uuid", uuid(plan.caseId(), key));
        card.put("summary", fit(summary));
        card.put("detail", detail);
        card.put("indicator", indicator);
        ObjectNode src = card.putObject("source");
        src.put("label", source);
        url.ifPresent(u -> {
            ObjectNode link = card.putArray("links").addObject();
            link.put("label", u.label());
            link.put("url", u.url());
            link.put("type", u.type());
        });
        return card;
    }

    /**
     * The card's id: a name-based UUID of the case id and the card's key (the recommendation id of a key
     * decision; the code and message of a red flag), so that the same advice keeps its id.
     */
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
