package org.cavaplan.core.plan;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A recommendation's parameters: an immutable map that keeps the order its entries were given in.
 * Rules build one with {@link #builder()}; {@link #copyOf} keeps a {@code Parameters} as it is, so a
 * recommendation built from a rule's draft copies nothing. A plan holds a few dozen of these, each
 * with a handful of entries, so look-ups scan.
 */
public final class Parameters extends AbstractMap<String, Object> {

    private static final Parameters EMPTY = new Parameters(new String[0], new Object[0], 0);

    private final String[] keys;
    private final Object[] values;
    private final int size;

    private Parameters(String[] keys, Object[] values, int size) {
        this.keys = keys;
        this.values = values;
        this.size = size;
    }

    /** No parameters. */
    public static Parameters of() {
        return EMPTY;
    }

    /** The entries of {@code map} in its iteration order; a {@code Parameters} is returned as it is. */
    public static Parameters copyOf(Map<String, ?> map) {
        if (map instanceof Parameters p) {
            return p;
        }
        if (map.isEmpty()) {
            return EMPTY;
        }
        Builder b = new Builder(map.size());
        map.forEach(b::put);
        return b.build();
    }

    /** An empty builder; it allocates nothing until the first parameter. */
    public static Builder builder() {
        return new Builder(0);
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(keys, size, key) >= 0;
    }

    @Override
    public Object get(Object key) {
        int i = indexOf(keys, size, key);
        return i < 0 ? null : values[i];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        Entry<String, Object> e = new SimpleImmutableEntry<>(keys[next], values[next]);
                        next++;
                        return e;
                    }
                };
            }
        };
    }

    private static int indexOf(String[] keys, int size, Object key) {
        for (int i = 0; i < size; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** Collects parameters in order; a name given again keeps its place and takes the new value. */
    public static final class Builder {
        private String[] keys;
        private Object[] values;
        private int size;
        /** The arrays belong to a built {@code Parameters} too; copied on the next change. */
        private boolean shared;

        private Builder(int capacity) {
            keys = capacity == 0 ? EMPTY.keys : new String[capacity];
            values = capacity == 0 ? EMPTY.values : new Object[capacity];
        }

        public Builder put(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (shared) {
                keys = keys.clone();
                values = values.clone();
                shared = false;
            }
            int i = indexOf(keys, size, name);
            if (i >= 0) {
                values[i] = value;
                return this;
            }
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, Math.max(4, size * 2));
                values = Arrays.copyOf(values, Math.max(4, size * 2));
            }
            keys[size] = name;
            values[size] = value;
            size++;
            return this;
        }

        /** The parameters so far; the builder may go on, without changing what it returned. */
        public Parameters build() {
            if (size == 0) {
                return EMPTY;
            }
            shared = true;
            return new Parameters(keys, values, size);
        }
    }
}
