package org.cavaplan.report;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How case values read in the report: enum constants as words, numbers without noise, plan parameters. */
final class Words {

    private static final Map<String, String> SPECIAL = Map.ofEntries(
            Map.entry("CT", "CT"),
            Map.entry("MRI", "MRI"),
            Map.entry("PET_CT", "PET-CT"),
            Map.entry("DOPPLER_ULTRASOUND", "Doppler ultrasound"),
            Map.entry("BUDD_CHIARI", "Budd-Chiari syndrome"),
            Map.entry("RINGED_PTFE", "ringed PTFE"),
            Map.entry("LMWH", "LMWH"),
            Map.entry("DOAC", "DOAC"),
            Map.entry("R0", "R0"),
            Map.entry("R1", "R1"),
            Map.entry("R2", "R2"),
            Map.entry("FOLLOW_UP", "follow-up"),
            Map.entry("POST_NEOADJUVANT", "post-neoadjuvant"));

    private Words() {}

    /** An enum constant in plain words: {@code INTERPOSITION_GRAFT} reads "interposition graft". */
    static String of(Enum<?> constant) {
        String name = constant.name();
        String special = SPECIAL.get(name);
        return special != null ? special : name.toLowerCase(Locale.ROOT).replace('_', ' ');
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

    /** A plan value (parameter or fact): lists in brackets, maps in braces, whole doubles without decimals. */
    static String value(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(Words::value).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + value(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        if (value instanceof Double d) {
            return number(d);
        }
        return String.valueOf(value);
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
