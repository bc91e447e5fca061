package org.cavaplan.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The differences between two JSON documents, by JSON pointer: what was added, removed or changed,
 * with the old and new values. Objects are compared key by key and lists of objects item by item, so
 * a change deep inside a case is named by its own pointer; a list of plain values (symptoms, tumor
 * diameters) is one value, so that a changed list reads as "before → after". Numbers are compared by
 * value ({@code 18} equals {@code 18.0}). A subtree that appears or disappears is listed leaf by leaf.
 * Thread-safe (no state).
 */
final class JsonDiff {

    /** What happened at a pointer. */
    enum Kind { ADDED, REMOVED, CHANGED }

    /**
     * One difference. {@code before} is empty for an addition, {@code after} for a removal; values
     * are JSON text (a string is shown without its quotes).
     */
    record Change(String pointer, Kind kind, Optional<String> before, Optional<String> after) {
        Change {
            Objects.requireNonNull(pointer, "pointer");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }

    private final List<Change> changes = new ArrayList<>();

    private JsonDiff() {}

    /** The changes from {@code before} to {@code after}, in document order; empty when they are equal. */
    static List<Change> diff(JsonNode before, JsonNode after) {
        JsonDiff d = new JsonDiff();
        d.compare("", before, after);
        return List.copyOf(d.changes);
    }

    private void compare(String pointer, JsonNode a, JsonNode b) {
        boolean hasA = a != null && !a.isMissingNode();
        boolean hasB = b != null && !b.isMissingNode();
        if (!hasA && !hasB) {
            return;
        }
        if (!hasA) {
            leaves(pointer, b, Kind.ADDED);
        } else if (!hasB) {
            leaves(pointer, a, Kind.REMOVED);
        } else if (a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                compare(pointer + "/" + escape(name), a.get(name), b.get(name));
            }
        } else if (a.isArray() && b.isArray() && !(scalars(a) && scalars(b))) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                compare(pointer + "/" + i, a.get(i), b.get(i));
            }
        } else if (!same(a, b)) {
            changes.add(new Change(pointer, Kind.CHANGED, Optional.of(shown(a)), Optional.of(shown(b))));
        }
    }

    /** Every leaf of a subtree that appeared or disappeared; an empty object or list is one leaf. */
    private void leaves(String pointer, JsonNode node, Kind kind) {
        if (node.isObject() && !node.isEmpty()) {
            node.properties().forEach(p -> leaves(pointer + "/" + escape(p.getKey()), p.getValue(), kind));
        } else if (node.isArray() && !node.isEmpty() && !scalars(node)) {
            for (int i = 0; i < node.size(); i++) {
                leaves(pointer + "/" + i, node.get(i), kind);
            }
        } else {
            Optional<String> value = Optional.of(shown(node));
            changes.add(kind == Kind.ADDED ? new Change(pointer, kind, Optional.empty(), value)
                    : new Change(pointer, kind, value, Optional.empty()));
        }
    }

    private static boolean scalars(JsonNode array) {
        for (JsonNode item : array) {
            if (item.isContainerNode()) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray() && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static String shown(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
