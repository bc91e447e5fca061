package org.cavaplan.server.web;

/**
 * Escaping for server-rendered pages: every piece of text that did not come from a page's own code
 * (case content, user names, messages) goes through {@link #text} or {@link #attr} before it reaches
 * the HTML. Pages are built with a {@link StringBuilder}; nothing else writes markup.
 */
public final class Html {

    private Html() {}

    /** {@code value} escaped for an HTML text node; {@code null} becomes the empty string. */
    public static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String repl = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (repl != null) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(repl);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** {@code value} escaped for a double-quoted attribute value (the same escaping as text). */
    public static String attr(Object value) {
        return text(value);
    }
}
