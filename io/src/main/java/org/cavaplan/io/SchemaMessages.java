package org.cavaplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Turns JSON Schema errors into a pointer and a plain sentence. */
final class SchemaMessages {

    private SchemaMessages() {}

    static InputError toInputError(com.networknt.schema.Error e) {
        String pointer = e.getInstanceLocation().toString();
        if (pointer.equals("$") || pointer.equals("/")) {
            pointer = "";
        }
        Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        switch (keyword) {
            case "required":
                return new InputError(pointer + "/" + escape(e.getProperty()), "is required but missing");
            case "additionalProperties":
                return new InputError(pointer + "/" + escape(e.getProperty()), "is not a field of the case format (check the spelling)");
            case "type":
                return new InputError(pointer, "must be " + article(String.valueOf(args.length > 1 ? args[1] : "?"))
                        + ", not " + kind(e.getInstanceNode()));
            case "enum":
                return new InputError(pointer, "must be one of " + enumList(args) + ", not " + shown(e.getInstanceNode()));
            case "const":
                return new InputError(pointer, "must be \"" + (args.length > 0 ? args[0] : "") + "\", not " + shown(e.getInstanceNode()));
            case "minimum":
                return new InputError(pointer, "must be at least " + args[0] + ", not " + shown(e.getInstanceNode()));
            case "maximum":
                return new InputError(pointer, "must be at most " + args[0] + ", not " + shown(e.getInstanceNode()));
            case "exclusiveMinimum":
                return new InputError(pointer, "must be greater than " + args[0] + ", not " + shown(e.getInstanceNode()));
            case "minItems":
                return new InputError(pointer, "must have at least " + args[0] + " item(s)");
            case "maxItems":
                return new InputError(pointer, "must have at most " + args[0] + " items, not " + (args.length > 1 ? args[1] : "more"));
            case "uniqueItems":
                return new InputError(pointer, "must not list the same value twice");
            case "minLength":
                return new InputError(pointer, "must have at least " + args[0] + " character(s)");
            case "maxLength":
                return new InputError(pointer, "must have at most " + args[0] + " characters");
            case "pattern":
                if (pointer.equals("/caseId")) {
                    return new InputError(pointer, "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
                }
                return new InputError(pointer, "does not have the expected form");
            default:
                return new InputError(pointer, e.getMessage());
        }
    }

    static String escape(String property) {
        return property == null ? "" : property.replace("~", "~0").replace("/", "~1");
    }

    private static String enumList(Object[] args) {
        if (args.length == 0) {
            return "the listed values";
        }
        String text = String.valueOf(args[0]).replace("[", "").replace("]", "").replace("\"", "");
        return Arrays.stream(text.split(",")).map(String::trim).collect(Collectors.joining(", "));
    }

    private static String article(String type) {
        return switch (type) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "string" -> "a string";
            case "boolean" -> "true or false";
            case "array" -> "a list";
            case "object" -> "an object";
            default -> type;
        };
    }

    static String kind(JsonNode node) {
        if (node == null || node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isIntegralNumber()) {
            return "a whole number";
        }
        if (node.isNumber()) {
            return "a number";
        }
        if (node.isBoolean()) {
            return "true or false";
        }
        if (node.isArray()) {
            return "a list";
        }
        return "an object";
    }

    static String shown(JsonNode node) {
        if (node == null) {
            return "nothing";
        }
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 37) + "..." : text;
    }
}
