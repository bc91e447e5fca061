package org.cavaplan.server.web;

import java.util.List;

/**
 * One agenda case on a projector ({@code present.jte}): the question, the key decisions and red
 * flags in large type, the IVC schematic, the tumor size over time and the timeline, with links to
 * the previous and next cases (the keys of {@code present.js} follow them). No editing control.
 *
 * @param frame the layout's frame
 * @param script the page's script (keyboard navigation)
 * @param stylesheet the page's own stylesheet (large type)
 * @param meeting the meeting
 * @param order the case's position on the agenda (from 1)
 * @param of how many cases the agenda holds
 * @param caseId the case id
 * @param question the question for the board
 * @param presenter who presents
 * @param asOf the plan date (the meeting's)
 * @param redFlags the plan's red flags
 * @param keyDecisions the plan's key decisions
 * @param ivc the IVC schematic (null when the plan holds no IVC decision)
 * @param size the tumor size over time
 * @param timeline the case's dated events up to the meeting
 * @param previous the previous case's presentation (null on the first)
 * @param next the next case's presentation (null on the last)
 */
public record PresentationPage(Frame frame, String script, String stylesheet, MeetingPage.Heading meeting, int order,
        int of, String caseId, String question, String presenter, String asOf, List<PlanPage.RedFlagItem> redFlags,
        List<PreparationPage.KeyDecision> keyDecisions, PlanPage.IvcTree ivc, SizeChart size, List<Event> timeline,
        String previous, String next) {

    public PresentationPage {
        redFlags = List.copyOf(redFlags);
        keyDecisions = List.copyOf(keyDecisions);
        timeline = List.copyOf(timeline);
    }

    /** A dated event of the case, in words; {@code kind} is a CSS class suffix. */
    public record Event(String date, String kind, String text) {}
}
