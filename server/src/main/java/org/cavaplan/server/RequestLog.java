package org.cavaplan.server;

import io.javalin.http.Context;
import java.util.Locale;
import java.util.function.Consumer;
import org.cavaplan.server.web.WebPages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request: method, route (the matched route's template such as
 * {@code /api/v1/cases/{id}}, so that no case id reaches the log; {@value #NO_ROUTE} when no route
 * matched, since a mistyped path may hold one too; never the query string, which may hold search text), status, duration in ms, and the user's name
 * or {@code -}. Nothing of a body, a cookie or a token is logged.
 */
final class RequestLog {

    /** The logger the lines go to by default (slf4j-simple: stderr, level INFO). */
    static final String LOGGER = "org.cavaplan.server.requests";

    private static final int MAX_PATH = 200;

    private RequestLog() {}

    static Consumer<String> toLogger() {
        Logger log = LoggerFactory.getLogger(LOGGER);
        return log::info;
    }

    static String line(Context ctx, float ms) {
        Object user = ctx.attribute(WebPages.USER_ATTRIBUTE);
        return ctx.method().name() + " " + clean(route(ctx)) + " " + ctx.statusCode() + " "
                + String.format(Locale.ROOT, "%.0f", ms) + " ms " + (user == null ? "-" : clean(user.toString()));
    }

    /** What the log says for a path that matched no route. */
    static final String NO_ROUTE = "(no route)";

    /** The template of the route that answered (a case id in the path is case content), else {@value #NO_ROUTE}. */
    private static String route(Context ctx) {
        io.javalin.router.Endpoint endpoint = ctx.endpoints().lastHttpEndpoint();
        return endpoint == null ? NO_ROUTE : endpoint.path;
    }

    /** Without control characters (no forged log lines) and at most {@value #MAX_PATH} characters. */
    private static String clean(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_PATH));
        for (int i = 0; i < text.length() && b.length() < MAX_PATH; i++) {
            char c = text.charAt(i);
            b.append(c < 0x20 || c == 0x7f || c == ' ' ? '_' : c);
        }
        return b.toString();
    }
}
