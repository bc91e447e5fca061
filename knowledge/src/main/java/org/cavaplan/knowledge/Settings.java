package org.cavaplan.knowledge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cavaplan.core.engine.Threshold;

/**
 * The thresholds a knowledge base runs with. Only numbers marked as assumptions may be changed;
 * the source's own numbers are fixed. Immutable.
 */
public final class Settings {

    private final Map<String, Threshold> byName;

    private Settings(Map<String, Threshold> byName) {
        this.byName = byName;
    }

    /** The published defaults. */
    public static Settings defaults() {
        Map<String, Threshold> map = new LinkedHashMap<>();
        for (Threshold t : Thresholds.defaults()) {
            map.put(t.name(), t);
        }
        return new Settings(map);
    }

    /**
     * These settings with one assumption changed.
     *
     * @throws IllegalArgumentException when no threshold has this name, when it is not an
     *     assumption, or when the value is not a positive finite number
     */
    public Settings with(String name, double value) {
        Threshold t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no threshold is named '" + name + "'");
        }
        if (!t.assumption()) {
            throw new IllegalArgumentException("'" + name + "' comes from " + t.provenance() + " and cannot be changed");
        }
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException("'" + name + "' must be a positive number");
        }
        Map<String, Threshold> copy = new LinkedHashMap<>(byName);
        copy.put(name, new Threshold(name, value, t.unit(), "changed by this center (default " + format(t.value()) + ")",
                true, t.meaning()));
        return new Settings(copy);
    }

    /** A threshold by name. */
    Threshold threshold(String name) {
        Threshold t = byName.get(name);
        if (t == null) {
            throw new IllegalStateException("knowledge base defect: unknown threshold " + name);
        }
        return t;
    }

    /** The value of a threshold. */
    double get(String name) {
        Threshold t = byName.get(name);
        if (t == null) {
            throw new IllegalStateException("knowledge base defect: unknown threshold " + name);
        }
        return t.value();
    }

    int whole(String name) {
        return (int) Math.round(get(name));
    }

    /** The assumptions whose value differs from the published default, by name, in published order. */
    public Map<String, Object> changed() {
        Map<String, Object> changed = new LinkedHashMap<>();
        for (Threshold t : Thresholds.defaults()) {
            double now = byName.get(t.name()).value();
            if (Double.compare(now, t.value()) != 0) {
                changed.put(t.name(), now == Math.rint(now) && Math.abs(now) < 1e15 ? (Object) (long) now : (Object) now);
            }
        }
        return Collections.unmodifiableMap(changed);
    }

    /** All thresholds in their published order. */
    public List<Threshold> all() {
        return new ArrayList<>(byName.values());
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
