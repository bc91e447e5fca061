package org.cavaplan.core.vocabulary;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.cavaplan.core.plan.RedFlag;
import org.cavaplan.core.plan.SourceRef;
import org.cavaplan.core.plan.Status;

/**
 * The words every view of a plan shares for what the vocabulary does not word itself: a status as a
 * heading ("Not recommended"), a red flag's name, a missing field's heading, a parameter's name and
 * value, and a list of sources. The text output, the plan page, the PDF and the CDS Hooks cards read
 * these, so a plan reads the same in each. Stateless and thread-safe.
 */
public final class PlanWords {

    /** The one-line disclaimer every plan output (text, page, PDF) carries. */
    public static final String DISCLAIMER = "Decision support for a qualified sarcoma team; it does not replace clinical judgement.";


    private PlanWords() {}

    /** A status as a badge or heading reads it: "Recommended", "Not recommended". */
    public static String status(Status status) {
        return capitalised(Vocabulary.enumWords(status));
    }

    /**
     * The name of a red flag's code, first letter in upper case ("Conduit thrombosis"); empty for a code
     * the vocabulary does not know, whose message then stands alone.
     */
    public static String redFlag(String code) {
        try {
            return capitalised(Vocabulary.enumWords("RedFlag", code));
        } catch (IllegalArgumentException unknown) {
            return "";
        }
    }

    /**
     * The name a red flag's message is introduced by: the code's name unless the message already starts
     * with it ("Recurrence after the operation…" needs no "Recurrence:"); empty when it needs none.
     */
    public static String redFlagLead(RedFlag flag) {
        String name = redFlag(flag.code());
        return name.isEmpty() || flag.message().toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT)) ? "" : name;
    }

    /** A red flag as one line: "Conduit thrombosis: The caval conduit is occluded on 2021-01-12.", or the message alone. */
    public static String redFlagText(RedFlag flag) {
        String lead = redFlagLead(flag);
        return lead.isEmpty() ? flag.message() : lead + ": " + flag.message();
    }

    /**
     * The heading of a case field named by a pointer ("IVC lumen on imaging"); a pointer the vocabulary
     * does not know (a defect of the knowledge base) is shown as it is rather than hidden.
     */
    public static String field(String pointer) {
        try {
            return Vocabulary.heading(pointer);
        } catch (IllegalArgumentException unknown) {
            return pointer;
        }
    }

    /** The sources in words, each once, joined with "; ": "Review article, Operative Procedure; TARPSWG 2021 (…)". */
    public static String sources(List<SourceRef> sources) {
        return sources.stream().map(SourceWords::of).distinct().collect(Collectors.joining("; "));
    }

    /** A parameter's name in words: {@code minutesBeforeIncision} reads "minutes before incision". */
    public static String parameter(String camel) {
        StringBuilder s = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch) && i > 0 && !Character.isUpperCase(camel.charAt(i - 1))) {
                s.append(' ').append(i + 1 < camel.length() && Character.isUpperCase(camel.charAt(i + 1)) ? ch
                        : Character.toLowerCase(ch));
            } else {
                s.append(ch);
            }
        }
        return s.toString();
    }

    /**
     * A parameter's value in words: lists joined with ", " (an empty list is "none"), maps as "(name value, …)", whole numbers
     * without ".0", booleans as "yes" and "no", constants written with an underscore in lower-case
     * words, enum constants in the vocabulary's words; other values as they are.
     */
    public static String value(Object v) {
        if (v instanceof List<?> list) {
            return list.isEmpty() ? "none" : list.stream().map(PlanWords::value).collect(Collectors.joining(", "));
        }
        if (v instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> parameter(String.valueOf(e.getKey())) + " " + value(e.getValue()))
                    .collect(Collectors.joining(", ", "(", ")"));
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (v instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (v instanceof String s && s.length() > 1 && s.chars().allMatch(ch -> ch == '_' || Character.isUpperCase(ch)
                || Character.isDigit(ch)) && s.indexOf('_') > 0) {
            return s.toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        if (v instanceof Enum<?> e) {
            return Vocabulary.enumWords(e);
        }
        return String.valueOf(v);
    }

    /** The first letter in upper case. */
    public static String capitalised(String words) {
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
