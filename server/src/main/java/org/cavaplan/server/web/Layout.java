package org.cavaplan.server.web;

import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Role;

/**
 * The frame of every page: the HTML document ({@code lang="en"}), a skip link to the main content,
 * the header with the navigation the user's role may use and the sign-out form, and the footer with
 * the clinical disclaimer and the knowledge-base version. No inline script or style: stylesheets and
 * scripts are files under {@code /static/}, as the pages' Content Security Policy requires.
 */
public final class Layout {

    /** The stylesheets every page links, in order: the frame's own, then the plan's and the form's. */
    static final String[] STYLESHEETS = {"/static/cavaplan.css", "/static/plan.css", "/static/form.css"};

    private Layout() {}

    /**
     * The whole document. {@code user}: the signed-in user, or null on the sign-in page and the error
     * pages of a visitor who is not signed in; {@code csrfToken}: the session's token for the
     * sign-out form (ignored without a user); {@code bodyHtml}: the page's own markup, already escaped.
     */
    public static String page(String title, Actor user, String csrfToken, String bodyHtml) {
        StringBuilder out = new StringBuilder(bodyHtml.length() + 4096);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.text(title)).append(" · CavaPlan</title>\n");
        for (String sheet : STYLESHEETS) {
            out.append("<link rel=\"stylesheet\" href=\"").append(sheet).append("\">\n");
        }
        out.append("</head>\n<body>\n<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n");
        header(out, user, csrfToken);
        out.append("<main id=\"main\" tabindex=\"-1\">\n").append(bodyHtml).append("\n</main>\n");
        footer(out);
        out.append("</body>\n</html>\n");
        return out.toString();
    }

    private static void header(StringBuilder out, Actor user, String csrfToken) {
        out.append("<header class=\"site-header\">\n<p class=\"brand\"><a href=\"/\">CavaPlan</a></p>\n");
        if (user != null) {
            boolean clinical = user.role() == Role.CLINICIAN || user.role() == Role.ADMIN;
            out.append("<nav aria-label=\"Main\">\n<ul>\n");
            if (clinical) {
                link(out, "/", "Worklist");
                link(out, "/cases/new", "New case");
            }
            link(out, "/outcomes", "Outcomes");
            if (user.role() == Role.ADMIN) {
                link(out, "/admin/audit", "Audit log");
            }
            link(out, "/account/password", "Password");
            out.append("</ul>\n</nav>\n<div class=\"account\">\n<p class=\"signed-in\">Signed in as <strong>")
                    .append(Html.text(user.name())).append("</strong> (").append(Html.text(role(user.role())))
                    .append(")</p>\n<form method=\"post\" action=\"/logout\" class=\"logout\">\n")
                    .append(csrfField(csrfToken))
                    .append("<button type=\"submit\">Sign out</button>\n</form>\n</div>\n");
        }
        out.append("</header>\n");
    }

    private static void link(StringBuilder out, String href, String label) {
        out.append("<li><a href=\"").append(href).append("\">").append(label).append("</a></li>\n");
    }

    private static void footer(StringBuilder out) {
        out.append("<footer class=\"site-footer\">\n<p>CavaPlan supports the decisions of a qualified multidisciplinary ")
                .append("sarcoma team; it does not replace their clinical judgement. Check every recommendation ")
                .append("against the patient in front of you.</p>\n<p>Knowledge base version <span class=\"kb-version\">")
                .append(Html.text(CavaPlanKnowledge.VERSION)).append("</span>.</p>\n</footer>\n");
    }

    /** The hidden anti-forgery field every POST form of a signed-in page carries. */
    public static String csrfField(String csrfToken) {
        return "<input type=\"hidden\" name=\"" + WebPages.CSRF_FIELD + "\" value=\""
                + Html.attr(csrfToken == null ? "" : csrfToken) + "\">\n";
    }

    /** How a role is named on the pages. */
    static String role(Role role) {
        return switch (role) {
            case CLINICIAN -> "clinician";
            case RESEARCHER -> "researcher";
            case ADMIN -> "administrator";
        };
    }
}
