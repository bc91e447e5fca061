package org.cavaplan.bench.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code --name value} command-line options of the HTTP benchmark mains, with defaults; flags take no value. */
final class Options {

    private final Map<String, String> values;

    private Options(Map<String, String> values) {
        this.values = values;
    }

    /**
     * Parses {@code args}; {@code defaults} are option, default value pairs; {@code flags} are the
     * options without a value. Unknown options are an error.
     */
    static Options parse(String[] args, List<String> defaults, Set<String> flags) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < defaults.size(); i += 2) {
            values.put(defaults.get(i), defaults.get(i + 1));
        }
        Set<String> names = Set.copyOf(values.keySet());
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (flags.contains(name)) {
                values.put(name, "true");
            } else if (names.contains(name) && i + 1 < args.length) {
                values.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("unknown option or missing value: " + name + " (options: "
                        + names + ", flags: " + flags + ")");
            }
        }
        return new Options(values);
    }

    String get(String name) {
        return values.getOrDefault(name, "");
    }

    boolean flag(String name) {
        return "true".equals(values.get(name));
    }

    int integer(String name) {
        return Integer.parseInt(get(name));
    }

    double number(String name) {
        return Double.parseDouble(get(name));
    }

    /** A space-separated list; empty when the option is empty. */
    List<String> words(String name) {
        String v = get(name).strip();
        return v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
    }
}
