package org.cavaplan.server.web;

import java.util.List;

/** The records of the sign-in page ({@code login.jte}) and the password page ({@code password.jte}). */
public final class AccountViews {

    private AccountViews() {}

    /**
     * The sign-in form. {@code next}: the local path to go to afterwards; {@code name}: the user name
     * to show again; {@code error}: why the last attempt failed (null: none); {@code notice}: a
     * message such as "you have signed out" (null: none).
     */
    public record LoginPage(Frame frame, String next, String name, String error, String notice) {}

    /**
     * The password form of the signed-in user; {@code error}: why the last attempt failed (null:
     * none); {@code required}: the password was set by someone else and must be changed first.
     */
    public record PasswordPage(Frame frame, String error, boolean required) {

        /** The three fields, in order. */
        public List<PasswordField> fields() {
            return List.of(
                    new PasswordField("current", "Current password", "current-password", null),
                    new PasswordField("new", "New password", "new-password", "At least " + WebPages.MIN_PASSWORD
                            + " characters, not the current password; a few unrelated words make a good one."),
                    new PasswordField("repeat", "New password again", "new-password", null));
        }
    }

    /** One password field; a field with a hint is the new password, held to the minimum length. */
    public record PasswordField(String name, String label, String autocomplete, String hint) {
        /** The minimum length to state on the field (null: none, the attribute is left out). */
        public Integer minLength() {
            return hint == null ? null : WebPages.MIN_PASSWORD;
        }
    }
}
