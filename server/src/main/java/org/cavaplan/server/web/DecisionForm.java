package org.cavaplan.server.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cavaplan.core.meeting.ActionItem;
import org.cavaplan.core.meeting.Attendee;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.DecisionItem;
import org.cavaplan.core.meeting.Dissent;
import org.cavaplan.core.meeting.FieldError;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.OverrideReason;
import org.cavaplan.core.meeting.Verdict;
import org.cavaplan.core.vocabulary.PlanWords;

/**
 * The decision form of the pages: its fields are named by the JSON pointers of the API's decision body
 * ({@code /agreedPlan}, {@code /items/0/verdict}, {@code /present}, {@code /dissent/0/name},
 * {@code /actions/1/due}, {@code /nextReview}, and {@code /reason} for a correction). Blank dissent and
 * action rows are left out, so a rule's pointer into the decision is mapped back to its row of the
 * form; errors are named in words, the pointer kept for hover text. Stateless.
 */
final class DecisionForm {

    /** Blank rows offered beyond those filled. */
    static final int BLANK_DISSENT_ROWS = 2;
    static final int BLANK_ACTION_ROWS = 3;
    /** The most rows read of a list (the rules allow no more entries). */
    static final int MAX_ROWS = 100;
    static final String REASON = "/reason";

    private DecisionForm() {}

    /** The form's values: every single-valued field by pointer, and the names ticked as present. */
    record Values(Map<String, String> fields, Set<String> present) {
        Values {
            fields = Map.copyOf(fields);
            present = Set.copyOf(present);
        }

        String get(String pointer) {
            return fields.getOrDefault(pointer, "");
        }

        /** How many rows of a list ({@code /dissent}) hold a field. */
        int rows(String list) {
            int n = 0;
            for (String key : fields.keySet()) {
                Matcher m = ROW.matcher(key);
                if (m.matches() && m.group(1).equals(list)) {
                    n = Math.max(n, Integer.parseInt(m.group(2)) + 1);
                }
            }
            return Math.min(n, MAX_ROWS);
        }
    }

    private static final Pattern ROW = Pattern.compile("/(items|dissent|actions)/(\\d{1,3})/[a-zA-Z]+");

    /** What was read: the decision (null when a field could not be read) and errors at the form's own pointers. */
    record Read(Decision decision, List<FieldError> errors, Map<String, String> toForm) {
        Read {
            errors = List.copyOf(errors);
            toForm = Map.copyOf(toForm);
        }

        /** A pointer into the decision as the registry names it, moved to the form's row. */
        String formPointer(String pointer) {
            if (pointer.startsWith("/present/")) {
                return "/present";
            }
            for (Map.Entry<String, String> e : toForm.entrySet()) {
                if (pointer.equals(e.getKey()) || pointer.startsWith(e.getKey() + "/")) {
                    return e.getValue() + pointer.substring(e.getKey().length());
                }
            }
            return pointer;
        }
    }

    /** The values of a posted form (unknown fields ignored). */
    static Values values(Map<String, List<String>> form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            String key = e.getKey();
            if (e.getValue().isEmpty() || key.equals("/present")) {
                continue;
            }
            if (key.equals("/agreedPlan") || key.equals("/nextReview") || key.equals(REASON) || ROW.matcher(key).matches()) {
                fields.put(key, e.getValue().get(0));
            }
        }
        Set<String> present = new LinkedHashSet<>();
        for (String name : form.getOrDefault("/present", List.of())) {
            if (name != null && !name.isBlank() && present.size() < MAX_ROWS) {
                present.add(name.strip());
            }
        }
        return new Values(fields, present);
    }

    /** The values that show {@code decision} in the form. */
    static Values values(Decision decision) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("/agreedPlan", decision.agreedPlan());
        for (int i = 0; i < decision.items().size(); i++) {
            DecisionItem item = decision.items().get(i);
            fields.put("/items/" + i + "/recommendationId", item.recommendationId());
            fields.put("/items/" + i + "/verdict", item.verdict().name());
            fields.put("/items/" + i + "/reason", item.reason().map(Enum::name).orElse(""));
            fields.put("/items/" + i + "/note", item.note().orElse(""));
        }
        for (int i = 0; i < decision.dissent().size(); i++) {
            fields.put("/dissent/" + i + "/name", decision.dissent().get(i).name());
            fields.put("/dissent/" + i + "/note", decision.dissent().get(i).note());
        }
        for (int i = 0; i < decision.actions().size(); i++) {
            ActionItem a = decision.actions().get(i);
            fields.put("/actions/" + i + "/text", a.text());
            fields.put("/actions/" + i + "/owner", a.owner());
            fields.put("/actions/" + i + "/due", a.due().toString());
        }
        decision.nextReview().ifPresent(d -> fields.put("/nextReview", d.toString()));
        return new Values(fields, new LinkedHashSet<>(decision.present()));
    }

    /** A fresh form: every key decision accepted, every attendee (and the chair) present. */
    static Values fresh(List<String> recommendationIds, Meeting meeting) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < recommendationIds.size(); i++) {
            fields.put("/items/" + i + "/recommendationId", recommendationIds.get(i));
            fields.put("/items/" + i + "/verdict", Verdict.ACCEPT.name());
        }
        return new Values(fields, new LinkedHashSet<>(names(meeting)));
    }

    /** The attendees' names, then the chair's when the chair is no attendee. */
    static List<String> names(Meeting meeting) {
        List<String> names = new ArrayList<>();
        for (Attendee a : meeting.attendees()) {
            names.add(a.name());
        }
        if (meeting.attendee(meeting.chair()).isEmpty()) {
            names.add(meeting.chair());
        }
        return names;
    }

    /** Reads the decision from the form's values; fields that cannot be read are errors at their pointers. */
    static Read read(Values v) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, String> toForm = new LinkedHashMap<>();
        List<DecisionItem> items = new ArrayList<>();
        for (int i = 0; i < v.rows("items"); i++) {
            String p = "/items/" + i;
            String id = v.get(p + "/recommendationId").strip();
            Optional<Verdict> verdict = constant(Verdict.class, v.get(p + "/verdict"));
            if (verdict.isEmpty()) {
                errors.add(new FieldError(p + "/verdict", "is required: accept, modify or reject"));
            }
            String reasonText = v.get(p + "/reason");
            Optional<OverrideReason> reason = constant(OverrideReason.class, reasonText);
            if (reason.isEmpty() && !reasonText.isBlank()) {
                errors.add(new FieldError(p + "/reason", "is not one of the reasons listed"));
            }
            String note = v.get(p + "/note").strip();
            items.add(new DecisionItem(id, verdict.orElse(Verdict.ACCEPT), reason, note.isEmpty() ? Optional.empty()
                    : Optional.of(note)));
        }
        List<Dissent> dissent = new ArrayList<>();
        for (int i = 0; i < v.rows("dissent"); i++) {
            String p = "/dissent/" + i;
            String name = v.get(p + "/name").strip();
            String note = v.get(p + "/note").strip();
            if (name.isEmpty() && note.isEmpty()) {
                continue;
            }
            toForm.put("/dissent/" + dissent.size(), p);
            dissent.add(new Dissent(name, note));
        }
        List<ActionItem> actions = new ArrayList<>();
        for (int i = 0; i < v.rows("actions"); i++) {
            String p = "/actions/" + i;
            String text = v.get(p + "/text").strip();
            String owner = v.get(p + "/owner").strip();
            String dueText = v.get(p + "/due").strip();
            if (text.isEmpty() && owner.isEmpty() && dueText.isEmpty()) {
                continue;
            }
            Optional<LocalDate> due = date(dueText);
            if (due.isEmpty()) {
                errors.add(new FieldError(p + "/due", dueText.isEmpty() ? "is required: the day it is due"
                        : "is not a date (year-month-day)"));
            }
            toForm.put("/actions/" + actions.size(), p);
            actions.add(new ActionItem(text, owner, due.orElse(LocalDate.EPOCH)));
        }
        String reviewText = v.get("/nextReview").strip();
        Optional<LocalDate> nextReview = date(reviewText);
        if (nextReview.isEmpty() && !reviewText.isEmpty()) {
            errors.add(new FieldError("/nextReview", "is not a date (year-month-day)"));
        }
        Decision decision = new Decision(v.get("/agreedPlan").strip(), items, List.copyOf(v.present()), dissent, actions,
                nextReview);
        return new Read(errors.isEmpty() ? decision : null, errors, toForm);
    }

    private static Optional<LocalDate> date(String text) {
        if (text.isBlank() || text.length() > 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String text) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(text.strip())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The field a form pointer names, in words: "Verdict on resection en bloc", "Action 2: due date".
     * {@code recommendation}: the words of the recommendation of item {@code i}.
     */
    static String label(String pointer, Function<Integer, String> recommendation) {
        String[] parts = pointer.split("/", -1);
        if (parts.length >= 4) {
            int i = index(parts[2]);
            String field = parts[3];
            switch (parts[1]) {
                case "items" -> {
                    String rec = recommendation.apply(i);
                    return switch (field) {
                        case "verdict" -> "Verdict on \u201c" + rec + "\u201d";
                        case "reason" -> "Reason about \u201c" + rec + "\u201d";
                        case "note" -> "What the board decided instead of \u201c" + rec + "\u201d";
                        default -> "Recommendation \u201c" + rec + "\u201d";
                    };
                }
                case "dissent" -> {
                    return "Dissent " + (i + 1) + (field.equals("name") ? ": who" : ": why");
                }
                case "actions" -> {
                    return "Action " + (i + 1) + switch (field) {
                        case "text" -> ": what";
                        case "owner" -> ": who";
                        default -> ": due date";
                    };
                }
                default -> { }
            }
        }
        return switch (pointer) {
            case "/agreedPlan" -> "Agreed plan";
            case "/present" -> "Present";
            case "/nextReview" -> "Next review";
            case REASON -> "Reason for the correction";
            default -> "The decision";
        };
    }

    private static int index(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** An override reason's options, in words. */
    static List<MeetingListPage.Choice> reasons() {
        List<MeetingListPage.Choice> out = new ArrayList<>();
        out.add(new MeetingListPage.Choice("", "choose when not accepted"));
        for (OverrideReason r : OverrideReason.values()) {
            out.add(new MeetingListPage.Choice(r.name(), PlanWords.capitalised(r.words())));
        }
        return out;
    }
}
