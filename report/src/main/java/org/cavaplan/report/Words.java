package org.cavaplan.report;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.cavaplan.core.vocabulary.Vocabulary;

/** How case values read in the report: enum constants in the vocabulary's words, numbers without noise. */
final class Words {

    private Words() {}

    /**
     * An enum constant in the project's one vocabulary: {@code INTERPOSITION_GRAFT} reads "interposition
     * graft", {@code LMWH} "low-molecular-weight heparin". A constant the vocabulary lacks (a defect) reads
     * as its name in lower-case words.
     */
    static String of(Enum<?> constant) {
        try {
            return Vocabulary.enumWords(constant);
        } catch (IllegalArgumentException unknown) {
            return constant.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /** Enum constants in declaration order (sets have no stable order of their own), joined with commas. */
    static <E extends Enum<E>> String list(Collection<E> constants) {
        return constants.stream().sorted().map(Words::of).collect(Collectors.joining(", "));
    }

    /** A number as written by a clinician: {@code 5.0} reads "5", {@code 4.60} reads "4.6". */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A number with one decimal, as diameters and changes are reported: {@code 5} reads "5.0". */
    static String oneDecimal(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** A signed number with one decimal: "+19.6", "-25.6", "0.0". */
    static String signed(double value) {
        String text = oneDecimal(value);
        return value > 0 ? "+" + text : text;
    }

    /** Diameters in cm as "4.6 x 4.1 x 4.4 cm". */
    static String diameters(List<Double> cm) {
        return cm.stream().map(Words::oneDecimal).collect(Collectors.joining(" \u00d7 ")) + " cm";
    }

    /** "yes" or "no". */
    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }

    /** The first letter in upper case. */
    static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
