package org.cavaplan.server.web;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number as a person types it into a form, read the way they meant it or refused, never guessed.
 *
 * <p>The rule, whatever the browser's language:
 * <ul>
 *   <li>digits, optionally after a minus sign: {@code 45}, {@code -3};</li>
 *   <li>digits with <b>one</b> decimal separator, a point or a comma, both meaning the same:
 *       {@code 4.5} and {@code 4,5} are 4.5; {@code 0,125}, {@code .5} and {@code ,5} are read too;</li>
 *   <li>refused as <b>ambiguous</b>: a single separator followed by exactly three digits after one to
 *       three digits that do not start with 0 ({@code 1,234}, {@code 1.234}, {@code 12,500}), which is
 *       a thousands separator in one convention and a decimal separator in the other. Write
 *       {@code 1234}, or {@code 1.2340} for the decimal. {@code 0,125} is not ambiguous;</li>
 *   <li>refused: more than one separator ({@code 4.500,5}, {@code 1,234.5}, {@code 4,5,6}), spaces or
 *       apostrophes inside the number ({@code 1 234}, {@code 1'234}), a separator with no digit after it
 *       ({@code 4.}), exponents ({@code 1e3}), and anything else that is not a number.</li>
 * </ul>
 * Surrounding spaces are ignored, and a typographic minus (U+2212) reads as a minus sign. Messages
 * are in plain words and quote what was typed. Pure and thread-safe.
 */
public final class TypedNumber {

    /** The longest text read as a number; longer text is refused (no field needs more). */
    static final int MAX_LENGTH = 30;

    private static final Pattern PLAIN = Pattern.compile("-?(\\d*)(?:([.,])(\\d+))?");
    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(?:[ .,'\u00a0\u202f]\\d{3})+(?:[.,]\\d+)?");

    /** What was made of a typed text. */
    public sealed interface Reading permits Read, Refused {}

    /** The number meant. */
    public record Read(BigDecimal value) implements Reading {}

    /** The text was refused; {@code message} says why and what to type instead. */
    public record Refused(String message) implements Reading {}

    private TypedNumber() {}

    /** Reads a typed number (see the class comment for the rule). */
    public static Reading read(String typed) {
        String text = typed == null ? "" : typed.strip().replace('\u2212', '-');
        if (text.isEmpty()) {
            return new Refused("is empty: type a number");
        }
        String quoted = "\u201c" + (text.length() > MAX_LENGTH ? text.substring(0, MAX_LENGTH - 3) + "..." : text) + "\u201d";
        if (text.length() > MAX_LENGTH) {
            return new Refused(quoted + " is too long for a number");
        }
        Matcher m = PLAIN.matcher(text);
        if (m.matches() && (!m.group(1).isEmpty() || m.group(3) != null)) {
            String whole = m.group(1);
            String decimals = m.group(3);
            if (decimals != null && decimals.length() == 3 && !whole.isEmpty() && whole.length() <= 3 && whole.charAt(0) != '0') {
                String digits = whole + decimals;
                return new Refused(quoted + " is ambiguous: it could be " + digits + " or " + whole + "." + decimals
                        + ". Write " + digits + " for the whole number, or " + whole + "." + decimals + "0 for the decimal");
            }
            String sign = text.startsWith("-") ? "-" : "";
            return new Read(new BigDecimal(sign + (whole.isEmpty() ? "0" : whole) + (decimals == null ? "" : "." + decimals)));
        }
        if (text.matches("-?\\d+[.,]")) {
            return new Refused(quoted + " ends with a separator: write " + text.substring(0, text.length() - 1)
                    + " or add the decimals");
        }
        if (GROUPED.matcher(text).matches() || text.matches("-?[\\d.,]*\\d[\\d.,]*") && separators(text) > 1) {
            return new Refused(quoted + " is not read, so as not to guess: write the number with at most one decimal "
                    + "separator (a point or a comma) and no thousands separators, e.g. 4.5 or 4500");
        }
        return new Refused(quoted + " is not a number: type digits, with a decimal point or comma if needed, e.g. 4.5");
    }

    private static long separators(String text) {
        return text.chars().filter(c -> c == '.' || c == ',').count();
    }

    /**
     * A stored number written so that {@link #read} reads it back exactly: plain digits with a decimal
     * point, never an exponent, and a trailing 0 where three decimals would be ambiguous
     * ({@code 1.234} is written {@code 1.2340}).
     */
    public static String write(BigDecimal value) {
        String plain = value.toPlainString();
        Reading back = read(plain);
        if (back instanceof Read r && r.value().compareTo(value) == 0) {
            return plain;
        }
        return plain + "0";
    }
}
