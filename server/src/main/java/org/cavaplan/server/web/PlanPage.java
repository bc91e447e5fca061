package org.cavaplan.server.web;

import java.util.List;

/**
 * The plan page ({@code plan.jte} and its parts under {@code jte/plan/}): one plan of one case
 * version, everything already chosen, ordered and written in words by {@link PlanView} from the
 * engine's plan and its typed sections. The templates only lay it out; every value is escaped there.
 * A part that does not apply is {@code null} (a single value) or empty (a list).
 *
 * @param frame the layout's frame (title, user, anti-forgery token)
 * @param script the page's optional script (expand all, open folds for printing)
 * @param banner the banner of an older version; null for the current version
 * @param header the heading, the version and date line and the actions
 * @param ehr the heading of a plan of a record read from an EHR (a SMART launch) in place of
 *     {@code header}; null for a case of the registry
 * @param redFlags the plan's red flags in its order
 * @param keyDecisions the plan's key decisions in its order
 * @param noKeyDecisions the sentence shown when the plan marks no key decision
 * @param nextSurveillance the next surveillance imaging, in words; null when the plan has none
 * @param overdue the overdue surveillance studies, in a sentence; null when none is overdue
 * @param patient the patient block's facts (label, value), in order
 * @param statusCounts how many recommendations have each status, in the order of the statuses
 * @param contents the table of contents
 * @param warnings the plan's warnings
 * @param missing the plan's missing data
 * @param recist the RECIST 1.1 response; null when the plan has none
 * @param phases the plan's recommendations grouped by phase, in the plan's order
 * @param concordance the concordance of what was done with the plan
 * @param prognosticFactors the prognostic factors
 * @param evidenceUpdates every later evidence once, with the recommendations it qualifies
 * @param disclaimer the closing disclaimer
 */
public record PlanPage(
        Frame frame,
        String script,
        Banner banner,
        Header header,
        Ehr ehr,
        List<RedFlagItem> redFlags,
        List<KeyDecisionItem> keyDecisions,
        String noKeyDecisions,
        String nextSurveillance,
        String overdue,
        List<Fact> patient,
        List<StatusCount> statusCounts,
        List<Link> contents,
        List<WarningItem> warnings,
        List<MissingRow> missing,
        Recist recist,
        List<PhaseSection> phases,
        List<ConcordanceCard> concordance,
        List<FactorCard> prognosticFactors,
        List<UpdateItem> evidenceUpdates,
        String disclaimer) {

    public PlanPage {
        redFlags = List.copyOf(redFlags);
        keyDecisions = List.copyOf(keyDecisions);
        patient = List.copyOf(patient);
        statusCounts = List.copyOf(statusCounts);
        contents = List.copyOf(contents);
        warnings = List.copyOf(warnings);
        missing = List.copyOf(missing);
        phases = List.copyOf(phases);
        concordance = List.copyOf(concordance);
        prognosticFactors = List.copyOf(prognosticFactors);
        evidenceUpdates = List.copyOf(evidenceUpdates);
    }

    /** The article's classes: an older version is marked. */
    public String articleClass() {
        return banner == null ? "plan" : "plan superseded";
    }

    /** The heading of the red flags: "Red flag" or "3 red flags". */
    public String redFlagsTitle() {
        return redFlags.size() == 1 ? "Red flag" : redFlags.size() + " red flags";
    }

    /**
     * The banner of an older version: which version superseded it, when and by whom, and the way to
     * the current one.
     *
     * @param casePath the case id as one URL path segment
     * @param version the version shown
     * @param nextVersion the version that replaced it
     * @param recordedAt when that version was recorded (ISO instant, for {@code datetime})
     * @param recorded the same for a person ("2024-02-03 04:05 UTC")
     * @param author who recorded it
     * @param currentVersion the current version
     */
    public record Banner(String casePath, int version, int nextVersion, String recordedAt, String recorded, String author,
            int currentVersion) {

        /** The current version is not the next one, so the banner names it too. */
        public boolean currentIsLater() {
            return currentVersion != nextVersion;
        }
    }

    /**
     * The page's heading: case, version, plan date, knowledge base version, and the actions.
     *
     * @param casePath the case id as one URL path segment
     * @param current the current version: the PDF report and Edit are offered
     */
    public record Header(String caseId, String casePath, int version, String asOf, String knowledgeBase, boolean current) {}

    /**
     * The heading of a plan made from a record read from an EHR through a SMART launch: nothing of it
     * is stored until the clinician chooses to store it.
     *
     * @param patientId the patient's id at the EHR
     * @param ehr the EHR's name
     * @param ehrUrl the EHR's FHIR server (on hover)
     * @param readAt when the record was read (ISO) and the same in words
     * @param user who launched CavaPlan, as the EHR named them
     * @param stored what the registry holds of this patient, in a sentence; null when it holds nothing
     * @param storedPath the registry case's page when it holds the patient; null otherwise
     * @param notice the outcome of storing, in a sentence; null before any
     * @param canStore the store button is offered (the registry does not already hold this record as read)
     */
    public record Ehr(String patientId, String ehr, String ehrUrl, String readAt, String readAtWords, String user, String stored,
            String storedPath, String notice, boolean canStore) {}

    /** A status badge: its CSS class suffix ({@code badge-…}) and its words. */
    public record Badge(String cssClass, String words) {}

    /** A fact of the case with the pointer it comes from, shown by its label (the pointer on hover). */
    public record FactLabel(String label, String pointer) {}

    /** A label and a value, for the definition lists. */
    public record Fact(String label, String value) {}

    /** A link within the page. */
    public record Link(String anchor, String text) {}

    /** A link to a recommendation's card, named by its summary; {@code id} stays in an attribute. */
    public record RecLink(String anchor, String id, String summary) {}

    /** A red flag: {@code lead} its name (null when it has none), its message and the facts behind it. */
    public record RedFlagItem(String code, String lead, String message, List<FactLabel> because) {
        public RedFlagItem {
            because = List.copyOf(because);
        }
    }

    /**
     * A key decision with its status and summary; {@code phase} and {@code anchor} are null when the
     * plan holds no card of that id (then the summary is not a link).
     */
    public record KeyDecisionItem(String id, Badge badge, String phase, String anchor, String summary) {}

    /** How many of the plan's recommendations have one status. */
    public record StatusCount(Badge badge, int count) {}

    /** A warning: its message, the code only in an attribute. */
    public record WarningItem(String code, String message) {}

    /** A missing fact by field heading (the pointer on hover), why it matters and the cards it holds back. */
    public record MissingRow(String pointer, String field, String reason, List<RecLink> affects) {
        public MissingRow {
            affects = List.copyOf(affects);
        }
    }

    /**
     * The RECIST 1.1 table (baseline and restaging) and the change between them.
     *
     * @param rows the baseline and the restaging study
     * @param change the change, the category and whether the modalities match
     */
    public record Recist(List<RecistRow> rows, List<Fact> change) {
        public Recist {
            rows = List.copyOf(rows);
            change = List.copyOf(change);
        }
    }

    /**
     * One study of the RECIST table; {@code volumeCm3} is null without three diameters.
     *
     * @param pointer where the diameters were recorded (on hover)
     */
    public record RecistRow(String label, String date, String pointer, String modality, String diameters, String longestMm,
            String volumeCm3) {}

    /**
     * The cards of one phase; the IVC decision tree ({@code ivc}) and the surveillance schedule
     * ({@code schedule}) belong to their phase and are null elsewhere or when the plan has none.
     */
    public record PhaseSection(String anchor, String title, IvcTree ivc, List<Card> cards, Schedule schedule) {
        public PhaseSection {
            cards = List.copyOf(cards);
        }
    }

    /**
     * A recommendation's card.
     *
     * @param when the condition of a conditional recommendation; null otherwise
     * @param detail the detail when it says more than the summary; null otherwise
     */
    public record Card(String anchor, String id, Badge badge, String summary, String when, String detail,
            List<Parameter> parameters, String evidence, List<Update> updates, Provenance provenance) {
        public Card {
            parameters = List.copyOf(parameters);
            updates = List.copyOf(updates);
        }
    }

    /**
     * A recommendation's parameter in words with its unit; a schedule of dates is given by its number
     * of dates ({@code scheduleDates}, else null) and a link to the schedule table.
     */
    public record Parameter(String name, String value, Integer scheduleDates) {}

    /** Later evidence and its source. */
    public record Update(String source, String note) {}

    /** The sources in words (the citation on hover, null when unknown) and the triggering facts, folded. */
    public record Provenance(List<Source> sources, List<FactLabel> because) {
        public Provenance {
            sources = List.copyOf(sources);
            because = List.copyOf(because);
        }
    }

    /** A source in words and its full citation (null when the catalogue has none). */
    public record Source(String words, String citation) {}

    /**
     * The surveillance imaging schedule.
     *
     * @param operationDate the date it counts from; null when unknown
     * @param risk "higher" or "lower"
     * @param asOf the plan date the states refer to
     * @param nextDue the next due date when it lies past the listed dates; null otherwise
     */
    public record Schedule(String operationDate, String risk, String asOf, List<Due> rows, String nextDue) {
        public Schedule {
            rows = List.copyOf(rows);
        }
    }

    /** A listed due date: its number, date, months after the operation, state in words and its CSS class. */
    public record Due(int number, String date, int months, String state, String cssClass) {}

    /** A concordance verdict on what was done, linked to the card it judges. */
    public record ConcordanceCard(String id, Badge badge, String note, List<RecLink> links, Provenance provenance) {
        public ConcordanceCard {
            links = List.copyOf(links);
        }
    }

    /** A prognostic factor's card. */
    public record FactorCard(String anchor, String id, Badge badge, String summary, Provenance provenance) {}

    /** A later evidence with the recommendations it qualifies. */
    public record UpdateItem(String source, String note, List<RecLink> qualifies) {
        public UpdateItem {
            qualifies = List.copyOf(qualifies);
        }
    }

    /**
     * The IVC decision drawn as a tree (inline SVG, presentation attributes only) with its text
     * equivalent.
     *
     * @param steps the path in sentences, in order (also the drawing's description)
     * @param edges the tree's edges
     * @param nodes the tree's nodes
     * @param missing the facts that hold the decision back
     */
    public record IvcTree(List<String> steps, List<Edge> edges, List<Node> nodes, List<MissingItem> missing) {
        public IvcTree {
            steps = List.copyOf(steps);
            edges = List.copyOf(edges);
            nodes = List.copyOf(nodes);
            missing = List.copyOf(missing);
        }

        /** The drawing's description: the steps in one text. */
        public String description() {
            return String.join(" ", steps);
        }
    }

    /** A fact missing for the IVC decision, by field name (the pointer on hover). */
    public record MissingItem(String pointer, String field, String reason) {}

    /**
     * An edge of the tree: an elbow line from ({@code x1}, {@code y1}) right to {@code elbow}, down or
     * up to {@code y2}, right to {@code x2}; on this case's path when {@code on}. Its label (null: none)
     * stands at ({@code labelX}, {@code labelY}), anchored {@code labelAnchor}.
     */
    public record Edge(boolean on, int x1, int y1, int elbow, int y2, int x2, String label, int labelX, int labelY,
            String labelAnchor) {

        /** The path's {@code d}. */
        public String d() {
            return "M" + x1 + " " + y1 + " H" + elbow + " V" + y2 + " H" + x2;
        }

        public String stroke() {
            return on ? "#0b4f8a" : "#8a8a8a";
        }

        public String strokeWidth() {
            return on ? "4" : "1.5";
        }

        /** Off the path the line is dashed; null: solid. */
        public String strokeDasharray() {
            return on ? null : "5 4";
        }

        public String labelFill() {
            return on ? "#0b4f8a" : "#555555";
        }
    }

    /** How a node of the tree is drawn: on this case's path, off it, or holding a fact still unknown (dashed, marked "?"). */
    public enum NodeState {
        OFF("off", "#ffffff", "#8a8a8a", "1", null),
        ON("on", "#e3eefa", "#0b4f8a", "3", null),
        UNKNOWN("unknown", "#fff4d6", "#8a5a00", "2.5", "6 4");

        private final String css;
        private final String fill;
        private final String stroke;
        private final String strokeWidth;
        private final String strokeDasharray;

        NodeState(String css, String fill, String stroke, String strokeWidth, String strokeDasharray) {
            this.css = css;
            this.fill = fill;
            this.stroke = stroke;
            this.strokeWidth = strokeWidth;
            this.strokeDasharray = strokeDasharray;
        }

        /** The node's CSS class. */
        public String css() {
            return css;
        }

        public String fill() {
            return fill;
        }

        public String stroke() {
            return stroke;
        }

        public String strokeWidth() {
            return strokeWidth;
        }

        /** Null: a solid border. */
        public String strokeDasharray() {
            return strokeDasharray;
        }

        /** The colour of the node's text. */
        public String textFill() {
            return this == OFF ? "#4a4a4a" : "#111111";
        }
    }

    /** A node of the tree: a box at ({@code x}, {@code y}) with lines of text, drawn as its state says. */
    public record Node(NodeState state, int x, int y, int width, int height, List<Line> lines) {
        public Node {
            lines = List.copyOf(lines);
        }

        /** The fact of this node is unknown: the node is marked "?". */
        public boolean unknown() {
            return state == NodeState.UNKNOWN;
        }

        /** Where the "?" of an unknown node stands. */
        public int markX() {
            return x + width - 8;
        }

        public int markY() {
            return y + height - 8;
        }
    }

    /** A line of a node's text at ({@code x}, {@code y}); the first line of a node on the path or unknown is bold. */
    public record Line(int x, int y, boolean bold, String text) {}
}
