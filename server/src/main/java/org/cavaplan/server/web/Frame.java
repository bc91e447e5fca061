package org.cavaplan.server.web;

import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Role;

/**
 * What the layout ({@code layout.jte}) needs around every page: the title, the signed-in user (null
 * on the sign-in page and on the error pages of a visitor who is not signed in) and the session's
 * anti-forgery token for the sign-out form.
 */
public record Frame(String title, Actor user, String csrfToken) {

    /** The stylesheets every page links, in order: the frame's own, then the plan's and the form's. */
    public static final java.util.List<String> STYLESHEETS = java.util.List.of("/static/cavaplan.css", "/static/plan.css",
            "/static/form.css");

    public Frame {
        csrfToken = csrfToken == null ? "" : csrfToken;
    }

    /** The frame of a signed-in user's page ({@code session} null: a visitor). */
    static Frame of(String title, org.cavaplan.registry.WebSession session) {
        return session == null ? new Frame(title, null, null) : new Frame(title, session.actor(), session.csrfToken());
    }

    public boolean signedIn() {
        return user != null;
    }

    /** The user may open identified patient data: a clinician or an administrator. */
    public boolean clinical() {
        return user != null && (user.role() == Role.CLINICIAN || user.role() == Role.ADMIN);
    }

    public boolean admin() {
        return user != null && user.role() == Role.ADMIN;
    }

    /** The user's role in words. */
    public String roleName() {
        return user == null ? "" : role(user.role());
    }

    /** The knowledge base's version, shown in the footer. */
    public String knowledgeVersion() {
        return CavaPlanKnowledge.VERSION;
    }

    /** The name of the hidden field that carries the anti-forgery token. */
    public String csrfField() {
        return WebPages.CSRF_FIELD;
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
