package org.cavaplan.core.vocabulary;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.plan.Fact;

/**
 * The clinician's words for every field and coded value of a case and a plan: one table that the
 * form labels, the {@code because[].label} of a plan, the text output, the plan page, the PDF, the
 * FHIR displays and the CSV headers all read, so that a value is spelled one way everywhere.
 *
 * <p>Fields are named by a JSON pointer into a case ({@code /imaging/2/ivcLumen}) or by the schema
 * path with {@code *} for array positions ({@code /imaging/*}{@code /ivcLumen}). Field words are
 * written as a label, first letter in upper case ("IVC lumen"); the words of a coded value read as
 * they stand inside a sentence, lower case except abbreviations and names ("occluded",
 * "ringed PTFE", "Budd-Chiari syndrome").
 *
 * <p>A field, vocabulary or constant the table does not know is a defect, not a value to guess:
 * every method then throws {@link IllegalArgumentException} naming it. The tables are built once
 * and never change; every method is safe to call from any thread.
 */
public final class Vocabulary {

    /** The words of an empty {@link Optional}: the value was not recorded. */
    public static final String NOT_RECORDED = "not recorded";

    /** The words of an empty list: looked, found none. */
    public static final String NONE = "none";

    private Vocabulary() {}

    /**
     * The clinician's name of a case field, without its context: "IVC lumen" for
     * {@code /imaging/2/ivcLumen} and for {@code /operation/findings/ivcLumen} alike.
     *
     * @throws IllegalArgumentException when the pointer names no field of the case schema
     */
    public static String field(String pointer) {
        return row(pointer).words();
    }

    /**
     * The field's name with its section, for places that show a field without a case around it (a
     * column header, a form label outside its group): "IVC lumen on imaging", "IVC lumen at operation",
     * "Grade on pathology", "Grade on histology". Fields whose section needs no saying are as in
     * {@link #field}.
     *
     * @throws IllegalArgumentException when the pointer names no field of the case schema
     */
    public static String heading(String pointer) {
        FieldTable.Row row = row(pointer);
        String section = row.contextual() ? sectionInGeneral(segments(pointer)[0]) : "";
        return section.isEmpty() ? row.words() : row.words() + " " + section;
    }

    /**
     * The unit the field's numbers are written in ("cm", "%", "Gy", "mL/min/1.73 m²"), empty for
     * fields that are not measured in one (counts and scales such as ECOG are not units).
     *
     * @throws IllegalArgumentException when the pointer names no field of the case schema
     */
    public static Optional<String> unit(String pointer) {
        String unit = row(pointer).unit();
        return unit.isEmpty() ? Optional.empty() : Optional.of(unit);
    }

    /**
     * A value of the field in words. Enum constants, given as the enum or as its name, read as the
     * table says ("OCCLUDED" "occluded", "LMWH" "low-molecular-weight heparin"); booleans as the
     * field's words ("yes" and "no" unless the field has its own, such as "present" and "absent");
     * numbers with the field's scale or unit and without a needless ".0" ("ECOG 1", "100 %", "5 cm");
     * a list of numbers as dimensions ("4.6 × 4.1 cm"); other lists as their items' words joined with
     * ", " (a set in the vocabulary's order), an empty list as "none"; an empty {@link Optional} as
     * "not recorded"; dates in ISO form; other text as it is.
     *
     * @throws IllegalArgumentException when the pointer names no field, when a constant (or a string
     *     written like one, UPPER_SNAKE_CASE) is not a constant of the field's vocabulary, or when the
     *     value is of a type a case does not hold
     * @throws NullPointerException when the value is null
     */
    public static String value(String pointer, Object value) {
        return words(row(pointer), pointer, value);
    }

    /**
     * The full label of a fact of the case: the field's name, its context in this case, ": ", and the
     * value in words, first letter in upper case. The context is "on CT of 2013-01-15" for a field of
     * an imaging study (its modality and date), "at operation", "at follow-up of 2014-06-01",
     * "on pathology" and "on histology"; other sections, and the dates that identify a study or a
     * visit, have none. Examples: "Distant metastases on CT of 2013-01-15: none", "IVC lumen at
     * operation: occluded", "Circumference resected at operation: 100 %".
     *
     * @throws IllegalArgumentException as {@link #value}, and when the pointer names an imaging study or
     *     a follow-up visit by {@code *} or by an index the case does not have
     */
    public static String label(Case kase, String pointer, Object value) {
        Objects.requireNonNull(kase, "kase");
        Parsed parsed = parsed(pointer);
        FieldTable.Row row = parsed.row();
        StringBuilder label = new StringBuilder(80).append(row.words());
        if (row.contextual()) {
            String context = sectionInCase(kase, pointer, parsed.segments());
            if (!context.isEmpty()) {
                label.append(' ').append(context);
            }
        }
        label.append(": ").append(words(row, pointer, value));
        label.setCharAt(0, Character.toUpperCase(label.charAt(0)));
        return label.toString();
    }

    /** The label of a fact a decision read: {@link #label(Case, String, Object)} of its pointer and value. */
    public static String label(Case kase, Fact fact) {
        return label(kase, fact.pointer(), fact.value());
    }

    /**
     * The words of any enum constant of the case model or the plan: "occluded", "not recommended",
     * "after neoadjuvant therapy".
     *
     * @throws IllegalArgumentException when the table has no words for it
     */
    public static String enumWords(Enum<?> constant) {
        return enumWords(constant.getDeclaringClass().getSimpleName(), constant.name());
    }

    /**
     * The words of a constant named by its enum's simple name and its own name, for values whose enum
     * may not exist as a class: {@code enumWords("DiseaseStatus", "NO_EVIDENCE_OF_DISEASE")} is
     * "no evidence of disease"; the red-flag codes are the vocabulary {@code "RedFlag"}.
     *
     * @throws IllegalArgumentException when the table has no words for it
     */
    public static String enumWords(String enumSimpleName, String constant) {
        Objects.requireNonNull(enumSimpleName, "enumSimpleName");
        Objects.requireNonNull(constant, "constant");
        if (!EnumTable.has(enumSimpleName)) {
            throw new IllegalArgumentException("no vocabulary named " + enumSimpleName);
        }
        return EnumTable.words(enumSimpleName, constant).orElseThrow(
                () -> new IllegalArgumentException("no words for " + enumSimpleName + "." + constant));
    }

    // ---- the field of a pointer

    /** A pointer taken apart once, with the row of its field. */
    private record Parsed(FieldTable.Row row, String[] segments) {}

    private static Parsed parsed(String pointer) {
        String[] segments = segments(pointer);
        FieldTable.Row row = FieldTable.row(pattern(segments));
        if (row == null) {
            throw new IllegalArgumentException("no words for the case field " + pointer);
        }
        return new Parsed(row, segments);
    }

    private static FieldTable.Row row(String pointer) {
        return parsed(pointer).row();
    }

    /** The schema path of a pointer's segments: every array position becomes {@code *}. */
    private static String pattern(String[] segments) {
        StringBuilder pattern = new StringBuilder(48);
        for (String segment : segments) {
            pattern.append('/').append(isIndex(segment) ? "*" : segment);
        }
        return pattern.toString();
    }

    private static String[] segments(String pointer) {
        Objects.requireNonNull(pointer, "pointer");
        if (!pointer.startsWith("/") || pointer.length() == 1) {
            throw new IllegalArgumentException("not a pointer to a case field: '" + pointer + "'");
        }
        String[] segments = pointer.substring(1).split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new IllegalArgumentException("not a pointer to a case field: '" + pointer + "'");
            }
        }
        return segments;
    }

    private static boolean isIndex(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    // ---- context

    private static String sectionInGeneral(String section) {
        return switch (section) {
            case "imaging" -> "on imaging";
            case "operation" -> "at operation";
            case "followUp" -> "at follow-up";
            case "pathology" -> "on pathology";
            case "histology" -> "on histology";
            default -> "";
        };
    }

    private static String sectionInCase(Case kase, String pointer, String[] segments) {
        return switch (segments[0]) {
            case "imaging" -> {
                ImagingStudy study = study(kase, pointer, segments);
                yield "on " + enumWords(study.modality()) + " of " + study.date();
            }
            case "followUp" -> "at follow-up of " + visit(kase, pointer, segments).date();
            default -> sectionInGeneral(segments[0]);
        };
    }

    private static ImagingStudy study(Case kase, String pointer, String[] segments) {
        int index = index(pointer, segments);
        for (ImagingStudy s : kase.imaging()) {
            if (s.index() == index) {
                return s;
            }
        }
        throw new IllegalArgumentException("case " + kase.caseId() + " has no imaging study " + index + ": " + pointer);
    }

    private static FollowUp visit(Case kase, String pointer, String[] segments) {
        int index = index(pointer, segments);
        for (FollowUp v : kase.followUp()) {
            if (v.index() == index) {
                return v;
            }
        }
        throw new IllegalArgumentException("case " + kase.caseId() + " has no follow-up visit " + index + ": " + pointer);
    }

    private static int index(String pointer, String[] segments) {
        if (segments.length < 2 || !isIndex(segments[1])) {
            throw new IllegalArgumentException("a label needs the position in the case, not a schema path: "
                    + pointer);
        }
        return Integer.parseInt(segments[1]);
    }

    // ---- values

    private static String words(FieldTable.Row row, String pointer, Object value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof Optional<?> optional) {
            return optional.isEmpty() ? NOT_RECORDED : words(row, pointer, optional.get());
        }
        if (value instanceof Collection<?> items) {
            return list(row, pointer, items);
        }
        if (value instanceof Enum<?> constant) {
            return code(row, pointer, constant.name(), true);
        }
        if (value instanceof Boolean b) {
            return b ? row.yes() : row.no();
        }
        if (value instanceof Number n) {
            return measured(row, number(n));
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if (value instanceof CharSequence text) {
            return code(row, pointer, text.toString(), false);
        }
        throw new IllegalArgumentException("a case holds no value of type " + value.getClass().getName() + ": "
                + pointer);
    }

    private static String list(FieldTable.Row row, String pointer, Collection<?> items) {
        if (items.isEmpty()) {
            return NONE;
        }
        List<Object> ordered = new ArrayList<>(items);
        if (items.stream().allMatch(Number.class::isInstance)) {
            StringJoiner dimensions = new StringJoiner(" \u00d7 ");
            ordered.forEach(n -> dimensions.add(number((Number) n)));
            return measured(row, dimensions.toString());
        }
        if (items instanceof Set<?>) {
            List<String> order = EnumTable.constants(row.codes());
            ordered.sort(Comparator.<Object>comparingInt(item -> position(order, item))
                    .thenComparing(String::valueOf));
        }
        StringJoiner words = new StringJoiner(", ");
        ordered.forEach(item -> words.add(words(row, pointer, item)));
        return words.toString();
    }

    private static int position(List<String> order, Object item) {
        String name = item instanceof Enum<?> e ? e.name() : String.valueOf(item);
        int position = order.indexOf(name);
        return position < 0 ? Integer.MAX_VALUE : position;
    }

    private static String code(FieldTable.Row row, String pointer, String text, boolean constant) {
        if (!row.codes().isEmpty()) {
            Optional<String> words = EnumTable.words(row.codes(), text);
            if (words.isPresent()) {
                return words.get();
            }
        }
        if (constant || (!row.codes().isEmpty() && looksLikeCode(text))) {
            throw new IllegalArgumentException("no words for " + text + " as a value of " + pointer
                    + (row.codes().isEmpty() ? " (a field without coded values)" : " (vocabulary " + row.codes() + ")"));
        }
        return text;
    }

    /** UPPER_SNAKE_CASE with at least one letter: how the schema writes its constants. */
    private static boolean looksLikeCode(String text) {
        boolean letter = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                letter = true;
            } else if (!(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return letter;
    }

    private static String measured(FieldTable.Row row, String number) {
        String text = row.prefix().isEmpty() ? number : row.prefix() + " " + number;
        return row.unit().isEmpty() ? text : text + " " + row.unit();
    }

    /** A number as a clinician writes it: 5.0 is "5", 4.60 is "4.6", never an exponent. */
    private static String number(Number n) {
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte
                || n instanceof BigInteger) {
            return n.toString();
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("a case holds no number " + n);
        }
        BigDecimal decimal = n instanceof BigDecimal b ? b
                : n instanceof Float ? new BigDecimal(n.toString()) : BigDecimal.valueOf(d);
        return decimal.stripTrailingZeros().toPlainString();
    }
}
