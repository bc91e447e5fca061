package org.cavaplan.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cavaplan.core.meeting.ActionDue;
import org.cavaplan.core.meeting.ActionItem;
import org.cavaplan.core.meeting.AgendaItem;
import org.cavaplan.core.meeting.Attendee;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.DecisionItem;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.DecisionVersion;
import org.cavaplan.core.meeting.Discipline;
import org.cavaplan.core.meeting.Dissent;
import org.cavaplan.core.meeting.FieldError;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.NewMeeting;
import org.cavaplan.core.meeting.OverrideReason;
import org.cavaplan.core.meeting.OverrideStatistics;
import org.cavaplan.core.meeting.RecommendationOverrides;
import org.cavaplan.core.meeting.Verdict;

/**
 * Meetings, agenda entries and decisions in JSON, as the API takes and gives them and the registry
 * stores a decision's versions. Reading checks the shape only (types, enum constants, dates, unknown
 * members), each problem at its JSON pointer; a text that is missing or blank is read as empty, for
 * {@link org.cavaplan.core.meeting.MeetingRules} and {@link org.cavaplan.core.meeting.DecisionRules}
 * to report with their own words. Stateless and thread-safe.
 */
public final class MeetingJson {

    private MeetingJson() {}

    /** What reading a body gives: the value, or the problems at their pointers (never empty). */
    public sealed interface Parsed<T> permits Parsed.Ok, Parsed.Bad {
        /** A body of the right shape. */
        record Ok<T>(T value) implements Parsed<T> {}

        /** A body of the wrong shape. */
        record Bad<T>(List<InputError> errors) implements Parsed<T> {
            public Bad {
                errors = List.copyOf(errors);
            }
        }
    }

    /** A request to put a case on a meeting's agenda. */
    public record AgendaEntry(String caseId, String question, String presenter) {}

    /** A correction of a signed decision: the decision as corrected, and why. */
    public record Correction(String reason, Decision decision) {}

    /** The problems of a domain rule check, as input errors. */
    public static List<InputError> errors(List<FieldError> errors) {
        return errors.stream().map(e -> new InputError(e.pointer(), e.message())).toList();
    }

    // ---- reading ------------------------------------------------------------------------------

    /** {@code {"date", "title", "chair", "attendees": [{"name", "discipline"}]}}. */
    public static Parsed<NewMeeting> newMeeting(JsonNode body) {
        Reader r = new Reader();
        if (!r.object(body, "", Set.of("date", "title", "chair", "attendees"))) {
            return r.bad();
        }
        Optional<LocalDate> date = r.date(body, "date", true);
        String title = r.text(body, "title");
        String chair = r.text(body, "chair");
        List<Attendee> attendees = r.list(body, "attendees", (node, pointer) -> {
            if (!r.object(node, pointer, Set.of("name", "discipline"))) {
                return null;
            }
            String name = r.text(node, pointer, "name");
            Optional<Discipline> discipline = r.constant(node, pointer, "discipline", Discipline.class, true);
            return discipline.map(d -> new Attendee(name, d)).orElse(null);
        });
        return r.errors.isEmpty() ? new Parsed.Ok<>(new NewMeeting(date.orElseThrow(), title, chair, attendees)) : r.bad();
    }

    /** {@code {"caseId", "question", "presenter"}}. */
    public static Parsed<AgendaEntry> agendaEntry(JsonNode body) {
        Reader r = new Reader();
        if (!r.object(body, "", Set.of("caseId", "question", "presenter"))) {
            return r.bad();
        }
        AgendaEntry entry = new AgendaEntry(r.text(body, "caseId"), r.text(body, "question"), r.text(body, "presenter"));
        return r.errors.isEmpty() ? new Parsed.Ok<>(entry) : r.bad();
    }

    private static final Set<String> DECISION_FIELDS = Set.of("agreedPlan", "items", "present", "dissent", "actions",
            "nextReview");

    /**
     * {@code {"agreedPlan", "items": [{"recommendationId", "verdict", "reason", "note"}], "present": [names],
     * "dissent": [{"name", "note"}], "actions": [{"text", "owner", "due"}], "nextReview"}}; every list
     * may be left out (empty), {@code reason}, {@code note} and {@code nextReview} may be left out or null.
     */
    public static Parsed<Decision> decision(JsonNode body) {
        Reader r = new Reader();
        if (!r.object(body, "", DECISION_FIELDS)) {
            return r.bad();
        }
        Decision decision = r.decision(body);
        return r.errors.isEmpty() ? new Parsed.Ok<>(decision) : r.bad();
    }

    /** A decision's members as in {@link #decision(JsonNode)} and {@code "reason"}: why the signed decision is corrected. */
    public static Parsed<Correction> correction(JsonNode body) {
        Reader r = new Reader();
        Set<String> fields = Stream.concat(DECISION_FIELDS.stream(), Stream.of("reason")).collect(Collectors.toSet());
        if (!r.object(body, "", fields)) {
            return r.bad();
        }
        String reason = r.text(body, "reason");
        if (reason.isBlank()) {
            r.errors.add(new InputError("/reason", "is required: why the signed decision is corrected"));
        }
        Decision decision = r.decision(body);
        return r.errors.isEmpty() ? new Parsed.Ok<>(new Correction(reason.strip(), decision)) : r.bad();
    }

    /** A decision as {@link #write(Decision)} wrote it (the registry's stored content). */
    public static Decision readStored(String json) {
        try {
            Parsed<Decision> parsed = decision(Json.mapper().readTree(json));
            if (parsed instanceof Parsed.Ok<Decision> ok) {
                return ok.value();
            }
            throw new IllegalStateException("a stored decision does not read back: " + ((Parsed.Bad<Decision>) parsed).errors());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects the problems of one body. */
    private static final class Reader {
        final List<InputError> errors = new ArrayList<>();

        <T> Parsed<T> bad() {
            return new Parsed.Bad<>(errors);
        }

        boolean object(JsonNode node, String pointer, Set<String> fields) {
            if (node == null || !node.isObject()) {
                errors.add(new InputError(pointer, "must be a JSON object"));
                return false;
            }
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!fields.contains(name)) {
                    errors.add(new InputError(pointer + "/" + escape(name), "is not a member here; the members are "
                            + fields.stream().sorted().collect(Collectors.joining(", "))));
                }
            }
            return true;
        }

        String text(JsonNode node, String field) {
            return text(node, "", field);
        }

        /** A string member; missing or null is "" (the rules say whether it is required). */
        String text(JsonNode node, String pointer, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return "";
            }
            if (!value.isTextual()) {
                errors.add(new InputError(pointer + "/" + field, "must be a string"));
                return "";
            }
            return value.asText();
        }

        Optional<String> optionalText(JsonNode node, String pointer, String field) {
            String text = text(node, pointer, field);
            return text.isBlank() ? Optional.empty() : Optional.of(text.strip());
        }

        Optional<LocalDate> date(JsonNode node, String field, boolean required) {
            return date(node, "", field, required);
        }

        Optional<LocalDate> date(JsonNode node, String pointer, String field, boolean required) {
            JsonNode value = node.get(field);
            String at = pointer + "/" + field;
            if (value == null || value.isNull()) {
                if (required) {
                    errors.add(new InputError(at, "is required: a date YYYY-MM-DD"));
                }
                return Optional.empty();
            }
            if (!value.isTextual()) {
                errors.add(new InputError(at, "must be a date YYYY-MM-DD as a string"));
                return Optional.empty();
            }
            try {
                return Optional.of(LocalDate.parse(value.asText()));
            } catch (DateTimeParseException e) {
                errors.add(new InputError(at, "must be a date YYYY-MM-DD, not \"" + clip(value.asText()) + "\""));
                return Optional.empty();
            }
        }

        <E extends Enum<E>> Optional<E> constant(JsonNode node, String pointer, String field, Class<E> type, boolean required) {
            JsonNode value = node.get(field);
            String at = pointer + "/" + field;
            String allowed = Stream.of(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            if (value == null || value.isNull()) {
                if (required) {
                    errors.add(new InputError(at, "is required: one of " + allowed));
                }
                return Optional.empty();
            }
            if (value.isTextual()) {
                for (E constant : type.getEnumConstants()) {
                    if (constant.name().equals(value.asText().strip().toUpperCase(Locale.ROOT))) {
                        return Optional.of(constant);
                    }
                }
            }
            errors.add(new InputError(at, "must be one of " + allowed + ", not " + clip(value.toString())));
            return Optional.empty();
        }

        /** An optional array member (missing or null: empty); elements that do not read (null) are left out. */
        <T> List<T> list(JsonNode node, String field, Element<T> element) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                errors.add(new InputError("/" + field, "must be an array"));
                return List.of();
            }
            List<T> list = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                T t = element.read(value.get(i), "/" + field + "/" + i);
                if (t != null) {
                    list.add(t);
                }
            }
            return list;
        }

        Decision decision(JsonNode body) {
            String agreedPlan = text(body, "agreedPlan");
            List<DecisionItem> items = list(body, "items", (node, pointer) -> {
                if (!object(node, pointer, Set.of("recommendationId", "verdict", "reason", "note"))) {
                    return null;
                }
                String id = text(node, pointer, "recommendationId");
                Optional<Verdict> verdict = constant(node, pointer, "verdict", Verdict.class, true);
                Optional<OverrideReason> reason = constant(node, pointer, "reason", OverrideReason.class, false);
                Optional<String> note = optionalText(node, pointer, "note");
                return verdict.map(v -> new DecisionItem(id.strip(), v, reason, note)).orElse(null);
            });
            List<String> present = list(body, "present", (node, pointer) -> {
                if (node == null || !node.isTextual()) {
                    errors.add(new InputError(pointer, "must be a name, as a string"));
                    return null;
                }
                return node.asText().strip();
            });
            List<Dissent> dissent = list(body, "dissent", (node, pointer) -> object(node, pointer, Set.of("name", "note"))
                    ? new Dissent(text(node, pointer, "name").strip(), text(node, pointer, "note").strip()) : null);
            List<ActionItem> actions = list(body, "actions", (node, pointer) -> {
                if (!object(node, pointer, Set.of("text", "owner", "due"))) {
                    return null;
                }
                String text = text(node, pointer, "text").strip();
                String owner = text(node, pointer, "owner").strip();
                return date(node, pointer, "due", true).map(due -> new ActionItem(text, owner, due)).orElse(null);
            });
            Optional<LocalDate> nextReview = date(body, "nextReview", false);
            return new Decision(agreedPlan.strip(), items, present, dissent, actions, nextReview);
        }
    }

    @FunctionalInterface
    private interface Element<T> {
        /** The element at {@code pointer}, or null when it does not read (its problems recorded). */
        T read(JsonNode node, String pointer);
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String clip(String text) {
        return text.length() <= 40 ? text : text.substring(0, 39) + "…";
    }

    // ---- writing ------------------------------------------------------------------------------

    private static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }

    /** {@code {"id", "date", "title", "chair", "attendees": [{"name", "discipline"}]}}. */
    public static ObjectNode write(Meeting m) {
        ObjectNode node = object();
        node.put("id", m.id());
        node.put("date", m.date().toString());
        node.put("title", m.title());
        node.put("chair", m.chair());
        ArrayNode attendees = node.putArray("attendees");
        m.attendees().forEach(a -> attendees.addObject().put("name", a.name()).put("discipline", a.discipline().name()));
        return node;
    }

    /** {@code {"meetingId", "caseId", "question", "presenter", "order"}}. */
    public static ObjectNode write(AgendaItem item) {
        ObjectNode node = object();
        node.put("meetingId", item.meetingId());
        node.put("caseId", item.caseId());
        node.put("question", item.question());
        node.put("presenter", item.presenter());
        node.put("order", item.order());
        return node;
    }

    /** The decision as {@link #decision(JsonNode)} reads it; absent values are left out. */
    public static ObjectNode write(Decision d) {
        ObjectNode node = object();
        node.put("agreedPlan", d.agreedPlan());
        ArrayNode items = node.putArray("items");
        for (DecisionItem i : d.items()) {
            ObjectNode item = items.addObject().put("recommendationId", i.recommendationId()).put("verdict", i.verdict().name());
            i.reason().ifPresent(r -> item.put("reason", r.name()));
            i.note().ifPresent(n -> item.put("note", n));
        }
        ArrayNode present = node.putArray("present");
        d.present().forEach(present::add);
        ArrayNode dissent = node.putArray("dissent");
        d.dissent().forEach(x -> dissent.addObject().put("name", x.name()).put("note", x.note()));
        ArrayNode actions = node.putArray("actions");
        d.actions().forEach(a -> actions.addObject().put("text", a.text()).put("owner", a.owner()).put("due", a.due().toString()));
        d.nextReview().ifPresent(r -> node.put("nextReview", r.toString()));
        return node;
    }

    /** The decision as stored text: {@link #write(Decision)}, compact. */
    public static String stored(Decision d) {
        try {
            return Json.mapper().writeValueAsString(write(d));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {"version", "change", "recordedAt", "author", "reason"?, "decision"}}. */
    public static ObjectNode write(DecisionVersion v) {
        ObjectNode node = object();
        node.put("version", v.version());
        node.put("change", v.change().name());
        node.put("recordedAt", v.recordedAt().toString());
        node.put("author", v.author());
        v.reason().ifPresent(r -> node.put("reason", r));
        node.set("decision", write(v.decision()));
        return node;
    }

    /**
     * {@code {"meetingId", "caseId", "status": "DRAFT|SIGNED", "version", "signedBy"?, "signedAt"?,
     * "decision", "versions": [...]}}: the decision in force and its history, oldest first.
     */
    public static ObjectNode write(DecisionRecord record) {
        ObjectNode node = object();
        node.put("meetingId", record.meetingId());
        node.put("caseId", record.caseId());
        node.put("status", record.status().name());
        node.put("version", record.latest().version());
        record.signature().ifPresent(s -> node.put("signedBy", s.author()).put("signedAt", s.recordedAt().toString()));
        node.set("decision", write(record.decision()));
        ArrayNode versions = node.putArray("versions");
        record.versions().forEach(v -> versions.add(write(v)));
        return node;
    }

    /** {@code {"meetingId", "meetingDate", "meetingTitle", "caseId", "text", "owner", "due"}}. */
    public static ObjectNode write(ActionDue due) {
        ObjectNode node = object();
        node.put("meetingId", due.meetingId());
        node.put("meetingDate", due.meetingDate().toString());
        node.put("meetingTitle", due.meetingTitle());
        node.put("caseId", due.caseId());
        node.put("text", due.action().text());
        node.put("owner", due.action().owner());
        node.put("due", due.action().due().toString());
        return node;
    }

    /**
     * {@code {"decisions", "recommendations": [{"recommendationId", "accepted", "modified", "rejected",
     * "reasons": {"PATIENT_PREFERENCE": n, …}, "assessed", "matched"}]}}: counts only.
     */
    public static ObjectNode write(OverrideStatistics statistics) {
        ObjectNode node = object();
        node.put("decisions", statistics.decisions());
        ArrayNode rows = node.putArray("recommendations");
        for (RecommendationOverrides r : statistics.recommendations()) {
            ObjectNode row = rows.addObject();
            row.put("recommendationId", r.recommendationId());
            row.put("accepted", r.accepted());
            row.put("modified", r.modified());
            row.put("rejected", r.rejected());
            ObjectNode reasons = row.putObject("reasons");
            r.reasons().forEach((reason, count) -> reasons.put(reason.name(), count));
            row.put("assessed", r.assessed());
            row.put("matched", r.matched());
        }
        return node;
    }

    /** Lists written with {@code write}, as an array. */
    public static <T> ArrayNode array(List<T> values, Function<T, ObjectNode> write) {
        ArrayNode array = Json.mapper().createArrayNode();
        values.forEach(v -> array.add(Objects.requireNonNull(write.apply(v))));
        return array;
    }
}
