package org.cavaplan.server.web;

import java.util.List;

/**
 * The decision record of one agenda case ({@code decision.jte}): the decision in force read-only once
 * signed, the form (the draft while unsigned, a correction with a reason once signed), the chair's
 * sign-off, the version history, and what was done against what the board decided beside the plan's
 * own concordance.
 *
 * @param frame the layout's frame
 * @param meeting the meeting
 * @param caseId the case
 * @param caseHref its plan page
 * @param question the question for the board
 * @param status the decision's status in words ("no decision recorded yet", "draft", "signed")
 * @param signed the decision is signed (read-only)
 * @param shown the decision in force (null when none was recorded)
 * @param form the form (null when the user may not change it)
 * @param sign the sign-off (null when there is nothing to sign)
 * @param formNote why no form is offered (null when one is)
 * @param versions the versions, oldest first
 * @param followThrough per verdict: advised, decided, done
 * @param concordance the plan's own concordance (today's plan of the latest version)
 * @param errors what is wrong with the form as sent
 */
public record DecisionPage(Frame frame, MeetingPage.Heading meeting, String caseId, String caseHref, String question,
        String status, boolean signed, Shown shown, Form form, Sign sign, String formNote, List<VersionRow> versions,
        List<FollowRow> followThrough, List<PlanPage.ConcordanceCard> concordance, List<FormError> errors) {

    public DecisionPage {
        versions = List.copyOf(versions);
        followThrough = List.copyOf(followThrough);
        concordance = List.copyOf(concordance);
        errors = List.copyOf(errors);
    }

    /** The decision in force in words. */
    public record Shown(String agreedPlan, List<ShownItem> items, List<String> present, List<ShownDissent> dissent,
            List<ShownAction> actions, String nextReview, String signedBy) {
        public Shown {
            items = List.copyOf(items);
            present = List.copyOf(present);
            dissent = List.copyOf(dissent);
            actions = List.copyOf(actions);
        }
    }

    /** A verdict: the recommendation in words (id on hover), the verdict, the reason and note (null when none). */
    public record ShownItem(String id, String recommendation, String verdict, String verdictClass, String reason,
            String note) {}

    public record ShownDissent(String name, String note) {}

    public record ShownAction(String text, String owner, String due) {}

    /** A version: number, what it did, when, by whom, and why (null when no reason). */
    public record VersionRow(int version, String change, String recordedAt, String author, String reason) {}

    /**
     * What was done against what the board decided, per verdict: the recommendation, what the knowledge
     * base advised at the meeting, the board's verdict, what the case records as done, whether it matched.
     */
    public record FollowRow(String id, String recommendation, String advised, String decided, String done, String matched,
            String matchedClass) {}

    /** The chair's sign-off: who may sign, and whether this user may. */
    public record Sign(String action, String chair, boolean allowed) {}

    /**
     * The form. {@code correction}: a correction of a signed decision (needs a reason) rather than a draft.
     */
    public record Form(String action, boolean correction, String submit, String agreedPlan, String agreedPlanError,
            List<ItemField> items, List<PresentBox> present, String presentError, List<DissentRow> dissent,
            List<ActionRow> actions, String nextReview, String nextReviewError, String reason, String reasonError,
            List<MeetingListPage.Choice> reasons) {
        public Form {
            items = List.copyOf(items);
            present = List.copyOf(present);
            dissent = List.copyOf(dissent);
            actions = List.copyOf(actions);
            reasons = List.copyOf(reasons);
        }
    }

    /** A key decision's verdict fields: names by pointer, the recommendation in words, the values and messages. */
    public record ItemField(int index, String prefix, String id, String summary, String advised, String verdict,
            String verdictError, String reason, String reasonError, String note, String noteError) {
        public String field(String name) {
            return prefix + "/" + name;
        }

        public String fieldId(String name) {
            return FormError.id(field(name));
        }

        public boolean verdictIs(String name) {
            return name.equals(verdict);
        }
    }

    /** An attendee's checkbox. */
    public record PresentBox(String id, String name, String discipline, boolean checked) {}

    /** A dissent row. */
    public record DissentRow(int number, String prefix, String name, String nameError, String note, String noteError) {
        public String field(String name) {
            return prefix + "/" + name;
        }

        public String fieldId(String name) {
            return FormError.id(field(name));
        }
    }

    /** An action row. */
    public record ActionRow(int number, String prefix, String text, String textError, String owner, String ownerError,
            String due, String dueError) {
        public String field(String name) {
            return prefix + "/" + name;
        }

        public String fieldId(String name) {
            return FormError.id(field(name));
        }
    }
}
