package org.cavaplan.server.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

/**
 * Renders the page templates ({@code server/src/main/jte}, compiled at build time into
 * {@code org.cavaplan.server.web.pages}): one typed record per page, escaped by context
 * ({@link PageOutput}). Nothing is compiled at run time. Thread-safe.
 */
final class Pages {

    /** The package the build compiles the templates into (jte-maven-plugin's {@code packageName}). */
    static final String PACKAGE = "org.cavaplan.server.web.pages";

    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(null, ContentType.Html,
            Pages.class.getClassLoader(), PACKAGE);

    private Pages() {}

    /** The template {@code name} (e.g. {@code "login.jte"}) rendered with its one parameter, {@code page}. */
    static String render(String name, Object page) {
        StringOutput out = new StringOutput(8192);
        ENGINE.render(name, page, new PageOutput(out));
        return out.toString();
    }
}
