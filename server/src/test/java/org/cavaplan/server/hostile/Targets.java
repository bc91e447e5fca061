package org.cavaplan.server.hostile;

import java.util.ArrayList;
import java.util.List;
import org.cavaplan.server.CavaPlanServer;

/** Every registered route of the server, as something to aim at, with what it reads. */
final class Targets {

    /** The kinds of route: each is guarded and answers in its own way. */
    enum Kind { HEALTH, API, PAGE, STATIC, CDS }

    /** One route: method, path template, kind. */
    record Target(String method, String template, Kind kind) {
        String name() {
            return method + " " + template;
        }

        boolean readsBody() {
            return !method.equals("GET") && kind != Kind.STATIC && kind != Kind.HEALTH;
        }

        boolean readsJson() {
            return readsBody() && (kind == Kind.API || kind == Kind.CDS);
        }

        boolean isCaseBody() {
            return kind == Kind.API && (template.endsWith("/plan") && method.equals("POST")
                    || template.endsWith("/cases") && method.equals("POST") || method.equals("PUT"));
        }

        /** A page anyone may open: the sign-in page and the SMART launch pages (which have their own session). */
        boolean isPublicPage() {
            return kind == Kind.PAGE && org.cavaplan.server.web.WebPages.ROUTES.stream().anyMatch(r -> r.method().equals(method)
                    && r.path().equals(template) && r.access() == org.cavaplan.server.web.WebPages.Access.PUBLIC);
        }
    }

    static final List<Target> ALL = all();

    private Targets() {}

    private static List<Target> all() {
        List<Target> out = new ArrayList<>();
        for (CavaPlanServer.Route r : CavaPlanServer.ROUTES) {
            out.add(new Target(r.method(), r.path(), r.path().equals("/health") ? Kind.HEALTH : Kind.API));
        }
        for (CavaPlanServer.Route r : CavaPlanServer.PAGE_ROUTES) {
            out.add(new Target(r.method(), r.path(), r.path().startsWith("/static/") ? Kind.STATIC : Kind.PAGE));
        }
        for (CavaPlanServer.Route r : CavaPlanServer.CDS_ROUTES) {
            out.add(new Target(r.method(), r.path(), Kind.CDS));
        }
        return List.copyOf(out);
    }

    static List<Target> where(java.util.function.Predicate<Target> which) {
        return ALL.stream().filter(which).toList();
    }
}
