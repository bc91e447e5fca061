package org.cavaplan.server.web;

import gg.jte.html.HtmlAttribute;
import gg.jte.html.HtmlPolicyException;
import gg.jte.html.HtmlTag;
import gg.jte.html.policy.PolicyGroup;
import gg.jte.html.policy.PreventInlineEventHandlers;
import gg.jte.html.policy.PreventOutputInTagsAndAttributes;
import gg.jte.html.policy.PreventSingleQuotedAttributes;
import gg.jte.html.policy.PreventUnquotedAttributes;

/**
 * What the page templates may not contain, checked when they are compiled (the build fails): inline
 * event handlers ({@code onclick=…}), inline styles ({@code style=…}, {@code <style>}), output in a
 * tag or attribute name, and unquoted or single-quoted attribute values. The pages' Content Security
 * Policy ({@code script-src 'self'; style-src 'self'}) would refuse the inline code anyway; this
 * makes writing it impossible. Used by {@code jte-maven-plugin} only, never at run time.
 */
public final class PagePolicy extends PolicyGroup {

    public PagePolicy() {
        addPolicy(new PreventInlineEventHandlers());
        addPolicy(new PreventOutputInTagsAndAttributes());
        addPolicy(new PreventUnquotedAttributes());
        addPolicy(new PreventSingleQuotedAttributes());
        addPolicy(new NoInlineStyle());
    }

    private static final class NoInlineStyle implements gg.jte.html.HtmlPolicy {
        @Override
        public void validateHtmlTag(HtmlTag tag) throws HtmlPolicyException {
            if ("style".equalsIgnoreCase(tag.getName())) {
                throw new HtmlPolicyException("<style> is forbidden: styles belong in /static/*.css (the CSP allows no inline style)");
            }
        }

        @Override
        public void validateHtmlAttribute(HtmlTag tag, HtmlAttribute attribute) throws HtmlPolicyException {
            if ("style".equalsIgnoreCase(attribute.getName())) {
                throw new HtmlPolicyException("style attributes are forbidden: use a class from /static/*.css "
                        + "(the CSP allows no inline style)");
            }
        }
    }
}
