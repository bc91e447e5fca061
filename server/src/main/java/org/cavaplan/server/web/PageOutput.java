package org.cavaplan.server.web;

import gg.jte.TemplateOutput;
import gg.jte.html.OwaspHtmlTemplateOutput;

/**
 * jte's escaping by context, with quotes escaped in text too: a value written between tags has
 * {@code "} and {@code '} written as {@code &quot;} and {@code &#39;}, as the pages wrote them before
 * they were templates, so that a page's HTML stays the same text it was. Values in
 * attributes, and anything inside {@code <script>} or {@code <style>} (which the pages never hold),
 * are escaped by jte itself. One instance per rendering; not thread-safe.
 */
final class PageOutput extends OwaspHtmlTemplateOutput {

    private boolean text = true;

    PageOutput(TemplateOutput out) {
        super(out);
    }

    @Override
    public void setContext(String tagName, String attributeName) {
        super.setContext(tagName, attributeName);
        text = attributeName == null && !"script".equalsIgnoreCase(tagName) && !"style".equalsIgnoreCase(tagName);
    }

    @Override
    public void writeUserContent(String value) {
        if (value != null && text) {
            writeContent(escaped(value));
        } else {
            super.writeUserContent(value);
        }
    }

    /** {@code value} with {@code & < > " '} written as character references. */
    static String escaped(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String reference = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (reference != null) {
                if (out == null) {
                    out = new StringBuilder(value.length() + 16).append(value, 0, i);
                }
                out.append(reference);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? value : out.toString();
    }
}
