package org.cavaplan.server.web;

/**
 * A problem with a field of a meeting form, as the pages show it: the field in words, what is wrong,
 * the id of the control to jump to, and the API's JSON pointer (shown on hover only).
 */
public record FormError(String fieldId, String field, String message, String pointer) {

    /** The id of the control for a form field named by its pointer: {@code /items/0/note} becomes {@code f-items-0-note}. */
    static String id(String pointer) {
        return "f" + pointer.replaceAll("[^A-Za-z0-9]", "-");
    }
}
