package org.cavaplan.server.web;

/** The bodies of the sign-in page and the password page. Every value goes through {@link Html}. */
final class AccountViews {

    private AccountViews() {}

    /**
     * The sign-in form. {@code next}: the local path to go to afterwards; {@code name}: the user name
     * to show again; {@code error}: why the last attempt failed (null: none); {@code notice}: a
     * message such as "you have signed out" (null: none).
     */
    static String login(String next, String name, String error, String notice) {
        StringBuilder out = new StringBuilder(2048);
        out.append("<div class=\"narrow\">\n<h1>Sign in to CavaPlan</h1>\n");
        if (notice != null) {
            out.append("<p class=\"notice\" role=\"status\">").append(Html.text(notice)).append("</p>\n");
        }
        if (error != null) {
            out.append("<p class=\"error-message\" role=\"alert\" id=\"login-error\">").append(Html.text(error)).append("</p>\n");
        }
        String described = error == null ? "" : " aria-describedby=\"login-error\"";
        out.append("<form method=\"post\" action=\"/login\" class=\"login\">\n")
                .append("<input type=\"hidden\" name=\"next\" value=\"").append(Html.attr(next)).append("\">\n")
                .append("<p><label for=\"username\">User name</label>\n")
                .append("<input id=\"username\" name=\"username\" type=\"text\" autocomplete=\"username\" required ")
                .append("maxlength=\"200\" autofocus value=\"").append(Html.attr(name)).append('"').append(described)
                .append("></p>\n<p><label for=\"password\">Password</label>\n")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" ")
                .append("required maxlength=\"1000\"").append(described).append("></p>\n")
                .append("<p><button type=\"submit\">Sign in</button></p>\n</form>\n")
                .append("<p class=\"hint\">Accounts are created by an administrator. On the first start the server ")
                .append("prints the administrator's one-time password.</p>\n</div>\n");
        return out.toString();
    }

    /**
     * The password form of the signed-in user; {@code error}: why the last attempt failed (null:
     * none); {@code required}: the password was set by someone else and must be changed first.
     */
    static String password(String csrfToken, String error, boolean required) {
        StringBuilder out = new StringBuilder(2048);
        out.append("<div class=\"narrow\">\n<h1>Change your password</h1>\n");
        if (required) {
            out.append("<p class=\"notice password-required\" role=\"status\">Your password was set for you (the ")
                    .append("one-time password of the first start, or one an administrator set). Choose your own ")
                    .append("before going on: until then CavaPlan opens no other page.</p>\n");
        }
        if (error != null) {
            out.append("<p class=\"error-message\" role=\"alert\" id=\"password-error\">").append(Html.text(error))
                    .append("</p>\n");
        }
        out.append("<form method=\"post\" action=\"/account/password\" class=\"password\">\n")
                .append(Layout.csrfField(csrfToken));
        field(out, "current", "Current password", "current-password", null);
        field(out, "new", "New password", "new-password", "At least " + WebPages.MIN_PASSWORD
                + " characters, not the current password; a few unrelated words make a good one.");
        field(out, "repeat", "New password again", "new-password", null);
        out.append("<p><button type=\"submit\">Change the password</button></p>\n</form>\n")
                .append("<p class=\"hint\">Changing the password signs you out everywhere, this browser included.</p>\n")
                .append("</div>\n");
        return out.toString();
    }

    private static void field(StringBuilder out, String name, String label, String autocomplete, String hint) {
        out.append("<p><label for=\"").append(name).append("\">").append(label).append("</label>\n");
        if (hint != null) {
            out.append("<span class=\"hint\" id=\"").append(name).append("-hint\">").append(Html.text(hint)).append("</span>\n");
        }
        out.append("<input id=\"").append(name).append("\" name=\"").append(name).append("\" type=\"password\" ")
                .append("autocomplete=\"").append(autocomplete).append("\" required maxlength=\"1000\"");
        if (hint != null) {
            out.append(" minlength=\"").append(WebPages.MIN_PASSWORD).append("\" aria-describedby=\"").append(name)
                    .append("-hint\"");
        }
        out.append("></p>\n");
    }
}
