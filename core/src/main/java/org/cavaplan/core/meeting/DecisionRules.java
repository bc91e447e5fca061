package org.cavaplan.core.meeting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules a decision obeys, given the meeting it was taken at, each a named small function;
 * errors point into the decision as the API takes it ({@code /items/2/reason}). An empty list means
 * valid. Stateless.
 *
 * <p>Decisions of this table (issue 22):
 * <ul>
 *   <li>A verdict other than ACCEPT needs a reason from the fixed list <em>and</em> a note in words:
 *       a bare "other" or "evidence" tells the knowledge base's reviewers nothing. An ACCEPT carries
 *       neither a reason (it overrides nothing) nor is a note refused.</li>
 *   <li>Names present are attendees of the meeting or its chair; a dissenter was present and says why.</li>
 *   <li>Actions are due on or after the meeting's date; the next review is after it.</li>
 *   <li>A recommendation gets one verdict per decision.</li>
 * </ul>
 */
public final class DecisionRules {

    /** The longest agreed plan, in characters. */
    public static final int MAX_PLAN = 4000;
    /** The longest note, dissent or action text, in characters. */
    public static final int MAX_NOTE = 2000;
    /** The most items, names present, dissents or actions a decision lists. */
    public static final int MAX_ENTRIES = 100;
    /** The form of a recommendation id: lower case words joined by dots and hyphens ({@code ivc.patch-cavoplasty}). */
    public static final Pattern RECOMMENDATION_ID = Pattern.compile("[a-z0-9]+([.-][a-z0-9]+)*");

    private DecisionRules() {}

    /** One rule: what it checks, in words, and the check. */
    public record Rule(String name, BiFunction<Decision, Meeting, Stream<FieldError>> check) {}

    /** Every rule, in the order their errors are reported. */
    public static List<Rule> all() {
        return List.of(
                new Rule("the agreed plan is written in words", (d, m) -> MeetingRules.text("/agreedPlan", d.agreedPlan(),
                        "the plan the board agreed, in words", MAX_PLAN)),
                new Rule("lists are bounded", DecisionRules::bounded),
                new Rule("a recommendation is named by its id, once", DecisionRules::recommendationIds),
                new Rule("an override has a reason and a note", DecisionRules::overridesExplained),
                new Rule("an acceptance has no override reason", DecisionRules::acceptanceHasNoReason),
                new Rule("those present attended the meeting", DecisionRules::presentAttended),
                new Rule("a dissenter was present and says why", DecisionRules::dissent),
                new Rule("actions say what, who and when", DecisionRules::actions),
                new Rule("the next review is after the meeting", DecisionRules::nextReview));
    }

    /** The errors of {@code decision} taken at {@code meeting}; empty when it is valid. */
    public static List<FieldError> check(Decision decision, Meeting meeting) {
        return all().stream().flatMap(r -> r.check().apply(decision, meeting)).toList();
    }

    private static Stream<FieldError> bounded(Decision d, Meeting m) {
        List<FieldError> errors = new ArrayList<>();
        bound("/items", d.items(), errors);
        bound("/present", d.present(), errors);
        bound("/dissent", d.dissent(), errors);
        bound("/actions", d.actions(), errors);
        return errors.stream();
    }

    private static void bound(String pointer, List<?> list, List<FieldError> errors) {
        if (list.size() > MAX_ENTRIES) {
            errors.add(new FieldError(pointer, "at most " + MAX_ENTRIES + " entries, not " + list.size()));
        }
    }

    private static Stream<FieldError> recommendationIds(Decision d, Meeting m) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < d.items().size(); i++) {
            String id = d.items().get(i).recommendationId();
            String pointer = "/items/" + i + "/recommendationId";
            if (id.isBlank()) {
                errors.add(new FieldError(pointer, "is required: the id of the plan's recommendation, e.g. ivc.ligation"));
            } else if (id.length() > 100 || !RECOMMENDATION_ID.matcher(id).matches()) {
                errors.add(new FieldError(pointer, "is not a recommendation id (lower-case words joined by '.' or '-')"));
            } else if (!seen.add(id)) {
                errors.add(new FieldError(pointer, id + " has a verdict already in this decision"));
            }
        }
        return errors.stream();
    }

    private static Stream<FieldError> overridesExplained(Decision d, Meeting m) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < d.items().size(); i++) {
            DecisionItem item = d.items().get(i);
            if (!item.verdict().overrides()) {
                continue;
            }
            if (item.reason().isEmpty()) {
                errors.add(new FieldError("/items/" + i + "/reason", "is required when the recommendation is "
                        + item.verdict().words() + ": patient preference, comorbidity, anatomy, evidence, trial or other"));
            }
            if (item.note().map(String::isBlank).orElse(true)) {
                errors.add(new FieldError("/items/" + i + "/note", "is required when the recommendation is "
                        + item.verdict().words() + ": what the board decided instead, and why"));
            }
        }
        return Stream.concat(errors.stream(), notesBounded(d));
    }

    private static Stream<FieldError> notesBounded(Decision d) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < d.items().size(); i++) {
            if (d.items().get(i).note().map(String::length).orElse(0) > MAX_NOTE) {
                errors.add(new FieldError("/items/" + i + "/note", "has at most " + MAX_NOTE + " characters"));
            }
        }
        return errors.stream();
    }

    private static Stream<FieldError> acceptanceHasNoReason(Decision d, Meeting m) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < d.items().size(); i++) {
            DecisionItem item = d.items().get(i);
            if (!item.verdict().overrides() && item.reason().isPresent()) {
                errors.add(new FieldError("/items/" + i + "/reason", "is given only when the recommendation is modified "
                        + "or rejected, not accepted"));
            }
        }
        return errors.stream();
    }

    private static boolean attended(Meeting m, String name) {
        return m.attendee(name).isPresent() || MeetingRules.sameName(m.chair(), name);
    }

    private static Stream<FieldError> presentAttended(Decision d, Meeting m) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < d.present().size(); i++) {
            String name = d.present().get(i);
            String pointer = "/present/" + i;
            if (name.isBlank()) {
                errors.add(new FieldError(pointer, "is required: the name of an attendee"));
            } else if (!attended(m, name)) {
                errors.add(new FieldError(pointer, "\"" + name.strip() + "\" is neither an attendee nor the chair of the meeting"));
            } else if (!seen.add(MeetingRules.key(name))) {
                errors.add(new FieldError(pointer, "\"" + name.strip() + "\" is listed twice"));
            }
        }
        return errors.stream();
    }

    private static Stream<FieldError> dissent(Decision d, Meeting m) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < d.dissent().size(); i++) {
            Dissent dissent = d.dissent().get(i);
            String pointer = "/dissent/" + i;
            if (dissent.name().isBlank()) {
                errors.add(new FieldError(pointer + "/name", "is required: who disagreed"));
            } else if (d.present().stream().noneMatch(p -> MeetingRules.sameName(p, dissent.name()))) {
                errors.add(new FieldError(pointer + "/name", "\"" + dissent.name().strip() + "\" is not listed as present"));
            }
            MeetingRules.text(pointer + "/note", dissent.note(), "why they disagreed", MAX_NOTE).forEach(errors::add);
        }
        return errors.stream();
    }

    private static Stream<FieldError> actions(Decision d, Meeting m) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < d.actions().size(); i++) {
            ActionItem a = d.actions().get(i);
            String pointer = "/actions/" + i;
            MeetingRules.text(pointer + "/text", a.text(), "what is to be done", MAX_NOTE).forEach(errors::add);
            MeetingRules.text(pointer + "/owner", a.owner(), "who does it", MeetingRules.MAX_NAME).forEach(errors::add);
            if (a.due().isBefore(m.date())) {
                errors.add(new FieldError(pointer + "/due", "is before the meeting (" + m.date() + ")"));
            }
        }
        return errors.stream();
    }

    private static Stream<FieldError> nextReview(Decision d, Meeting m) {
        return d.nextReview().filter(r -> !r.isAfter(m.date())).stream()
                .map(r -> new FieldError("/nextReview", "is on or before the meeting (" + m.date() + "): a review comes later"));
    }
}
