package org.cavaplan.knowledge;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cavaplan.core.engine.Threshold;

/**
 * The printed condition of a rule, generated from the thresholds its logic reads (plan contract v2
 * §1, issue 19 item 4): a rule's condition is written with placeholders, {@code {name}} for a
 * threshold's value with its unit ("75 %", "12 months", "ECOG 2") and {@code {name:value}} for the
 * bare number, and resolved against a knowledge base's settings, so that a changed assumption
 * changes the printed text. A placeholder naming no threshold is a defect of the knowledge base.
 */
final class RuleTexts {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z0-9.]+)(:value)?\\}");

    private RuleTexts() {}

    static String resolve(String template, Settings settings) {
        return settings.resolve(template);
    }

    /** {@link #resolve} without the settings' memory of earlier texts. */
    static String resolveNow(String template, Settings settings) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 16);
        while (m.find()) {
            Threshold t = settings.threshold(m.group(1));
            String number = number(t.value());
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) != null ? number : withUnit(number, t.unit())));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A number as a clinician writes it: no ".0" on whole numbers. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static String withUnit(String number, String unit) {
        return switch (unit) {
            case "ECOG", "FNCLCC grade", "ASA class" -> unit + " " + number;
            case "%" -> number + " %";
            default -> number + " " + unit;
        };
    }
}
