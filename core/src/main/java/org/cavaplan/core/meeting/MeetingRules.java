package org.cavaplan.core.meeting;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The rules a new meeting and an agenda entry obey, each a named small function; an empty list of
 * errors means valid. Pointers are those of the API's request bodies. Stateless.
 */
public final class MeetingRules {

    /** The longest title, name or presenter, in characters. */
    public static final int MAX_NAME = 200;
    /** The longest question for the board, in characters. */
    public static final int MAX_QUESTION = 2000;
    /** The most attendees a meeting lists. */
    public static final int MAX_ATTENDEES = 100;

    private MeetingRules() {}

    /** One rule: what it checks, in words, and the check. */
    public record Rule<T>(String name, Function<T, Stream<FieldError>> check) {}

    /** The rules of a new meeting, in the order their errors are reported. */
    public static List<Rule<NewMeeting>> meetingRules() {
        return List.of(
                new Rule<>("a meeting has a title", m -> text("/title", m.title(), "the meeting's title", MAX_NAME)),
                new Rule<>("a meeting has a chair", m -> text("/chair", m.chair(), "the user name of the chair", MAX_NAME)),
                new Rule<>("attendees have names", MeetingRules::attendeeNames),
                new Rule<>("an attendee is listed once", MeetingRules::attendeesOnce),
                new Rule<>("a meeting lists at most " + MAX_ATTENDEES + " attendees", m -> m.attendees().size() > MAX_ATTENDEES
                        ? Stream.of(new FieldError("/attendees", "at most " + MAX_ATTENDEES + " attendees")) : Stream.empty()));
    }

    /** The errors of a new meeting; empty when it is valid. */
    public static List<FieldError> check(NewMeeting meeting) {
        return meetingRules().stream().flatMap(r -> r.check().apply(meeting)).toList();
    }

    /**
     * The errors of an agenda entry (the case's existence is the registry's to check); empty when
     * valid. Pointers: {@code /caseId}, {@code /question}, {@code /presenter}.
     */
    public static List<FieldError> checkAgendaEntry(String caseId, String question, String presenter) {
        List<FieldError> errors = new ArrayList<>();
        text("/caseId", caseId, "the case id", 64).forEach(errors::add);
        text("/question", question, "the question for the board", MAX_QUESTION).forEach(errors::add);
        text("/presenter", presenter, "who presents the case", MAX_NAME).forEach(errors::add);
        return errors;
    }

    private static Stream<FieldError> attendeeNames(NewMeeting m) {
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < m.attendees().size(); i++) {
            text("/attendees/" + i + "/name", m.attendees().get(i).name(), "the attendee's name", MAX_NAME).forEach(errors::add);
        }
        return errors.stream();
    }

    private static Stream<FieldError> attendeesOnce(NewMeeting m) {
        Set<String> seen = new HashSet<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < m.attendees().size(); i++) {
            String name = m.attendees().get(i).name();
            if (!name.isBlank() && !seen.add(key(name))) {
                errors.add(new FieldError("/attendees/" + i + "/name", "\"" + name.strip() + "\" is listed twice"));
            }
        }
        return errors.stream();
    }

    /** A required text of at most {@code max} characters. */
    static Stream<FieldError> text(String pointer, String value, String what, int max) {
        if (value == null || value.isBlank()) {
            return Stream.of(new FieldError(pointer, "is required: " + what));
        }
        if (value.length() > max) {
            return Stream.of(new FieldError(pointer, "has at most " + max + " characters, not " + value.length()));
        }
        return Stream.empty();
    }

    /** Whether two names written by people are the same person's: equal apart from case and surrounding blanks. */
    public static boolean sameName(String a, String b) {
        return key(a).equals(key(b));
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
