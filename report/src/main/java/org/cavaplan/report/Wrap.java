package org.cavaplan.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Breaks text into lines no wider than a width, measured with the font that will draw them. Lines
 * break at spaces; a word wider than the whole line (a long JSON pointer or identifier) is split after
 * its last fitting '/', '.', '-', '_', ',', ';', ':' or '=', else between characters, so that nothing
 * ever runs past the width. A newline starts a new line.
 */
final class Wrap {

    private Wrap() {}

    /**
     * @param text the text; runs of spaces count as one
     * @param width the widest a line may be, in the unit of {@code measure}
     * @param measure the width of a string
     * @return at least one line; each as wide as {@code width} at most (a single character wider than
     *     the width gets a line of its own)
     */
    static List<String> lines(String text, double width, ToDoubleFunction<String> measure) {
        List<String> out = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.trim().split(" +")) {
                if (word.isEmpty()) {
                    continue;
                }
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (measure.applyAsDouble(candidate) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    out.add(line.toString());
                    line.setLength(0);
                }
                String rest = word;
                while (measure.applyAsDouble(rest) > width) {
                    int cut = longestFittingPrefix(rest, width, measure);
                    out.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            out.add(line.toString());
        }
        return out;
    }

    private static final String BREAK_AFTER = "/.-_,;:=";

    /**
     * The length (in chars, never inside a surrogate pair, at least one code point) of the prefix to
     * put on a line: up to the last break character of the longest prefix that fits (unless that
     * leaves less than a third of it), else all of it.
     */
    private static int longestFittingPrefix(String word, double width, ToDoubleFunction<String> measure) {
        int fit = word.offsetByCodePoints(0, 1);
        int next = fit;
        while (next < word.length()) {
            next = word.offsetByCodePoints(next, 1);
            if (measure.applyAsDouble(word.substring(0, next)) > width) {
                break;
            }
            fit = next;
        }
        for (int i = fit; i > fit / 3 && i > 1; i--) {
            if (BREAK_AFTER.indexOf(word.charAt(i - 1)) >= 0) {
                return i;
            }
        }
        return fit;
    }
}
