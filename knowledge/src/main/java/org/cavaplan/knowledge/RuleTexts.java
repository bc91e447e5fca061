package org.cavaplan.knowledge;

import org.cavaplan.core.engine.Threshold;

/**
 * The printed condition of a rule, generated from the thresholds its logic reads (plan contract v2
 * §1, issue 19 item 4): a rule's condition is written with placeholders, {@code {name}} for a
 * threshold's value with its unit ("75 %", "12 months", "ECOG 2") and {@code {name:value}} for the
 * bare number, and resolved against a knowledge base's settings, so that a changed assumption
 * changes the printed text. A placeholder naming no threshold is a defect of the knowledge base.
 */
final class RuleTexts {

    private RuleTexts() {}

    static String resolve(String template, Settings settings) {
        int open = template.indexOf('{');
        if (open < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int from = 0;
        while (open >= 0) {
            int close = template.indexOf('}', open);
            String name = close < 0 ? "" : template.substring(open + 1, close);
            boolean bare = name.endsWith(VALUE);
            if (bare) {
                name = name.substring(0, name.length() - VALUE.length());
            }
            if (!isName(name)) {
                // not a placeholder: a brace of the text itself
                out.append(template, from, open + 1);
                from = open + 1;
            } else {
                Threshold t = settings.threshold(name);
                String number = number(t.value());
                out.append(template, from, open).append(bare ? number : withUnit(number, t.unit()));
                from = close + 1;
            }
            open = template.indexOf('{', from);
        }
        return out.append(template, from, template.length()).toString();
    }

    private static final String VALUE = ":value";

    /** A threshold's name as a placeholder writes it: letters, digits and dots. */
    private static boolean isName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.')) {
                return false;
            }
        }
        return true;
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
