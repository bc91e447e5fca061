package org.cavaplan.server.web;

import java.util.List;

/**
 * The preparation of one agenda case ({@code preparation.jte}): the question, then the plan as of the
 * meeting date, red flags and key decisions first, what changed since the case was last discussed
 * at an earlier meeting, and the missing data in clinical words.
 *
 * @param frame the layout's frame
 * @param meeting the meeting
 * @param item the agenda entry
 * @param planHref the full plan page as of the meeting date
 * @param redFlags the plan's red flags
 * @param keyDecisions the plan's key decisions
 * @param changes what changed since the last discussion
 * @param missing the plan's missing data
 */
public record PreparationPage(Frame frame, MeetingPage.Heading meeting, Item item, String planHref,
        List<PlanPage.RedFlagItem> redFlags, List<KeyDecision> keyDecisions, Changes changes, List<Missing> missing) {

    public PreparationPage {
        redFlags = List.copyOf(redFlags);
        keyDecisions = List.copyOf(keyDecisions);
        missing = List.copyOf(missing);
    }

    /** The agenda entry with the links of the case around this meeting. */
    public record Item(int order, int of, String caseId, int version, String question, String presenter, String asOf,
            String decisionHref, String presentHref) {}

    /** A key decision: its status badge, its words, and the link to its card on the plan page; the id on hover. */
    public record KeyDecision(String id, PlanPage.Badge badge, String phase, String summary, String href) {}

    /**
     * What changed since the earlier discussion: {@code first} when the case was never on an earlier
     * agenda; otherwise the meeting, the version current then and now, and the changes in words.
     */
    public record Changes(boolean first, String earlierTitle, String earlierDate, String earlierHref, int thenVersion,
            int nowVersion, List<Change> lines) {
        public Changes {
            lines = List.copyOf(lines);
        }
    }

    /** One change in words; the pointer on hover. */
    public record Change(String pointer, String sentence) {}

    /** A missing fact: the field in words (the pointer on hover), why it matters, what it holds back. */
    public record Missing(String pointer, String field, String reason, List<String> affects) {
        public Missing {
            affects = List.copyOf(affects);
        }
    }
}
