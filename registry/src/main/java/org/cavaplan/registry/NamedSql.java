package org.cavaplan.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * SQL with named parameters ({@code :name}), bound by name from {@link Params}: a parameter may
 * occur several times and is given once, and nothing depends on the order of the question marks.
 * Colons inside string literals and quoted names, and PostgreSQL's {@code ::} casts, are left alone.
 * Parse once (a constant), bind per use. Immutable and thread-safe.
 */
final class NamedSql {

    private final String sql;
    private final String jdbc;
    /** The parameter name of each question mark of {@link #jdbc}, in order. */
    private final List<String> names;

    private NamedSql(String sql, String jdbc, List<String> names) {
        this.sql = sql;
        this.jdbc = jdbc;
        this.names = List.copyOf(names);
    }

    /**
     * Parses {@code sql}.
     *
     * @throws IllegalArgumentException for a positional {@code ?} (use a name) or an unterminated quote
     */
    static NamedSql of(String sql) {
        StringBuilder jdbc = new StringBuilder(sql.length());
        List<String> names = new ArrayList<>();
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                int end = sql.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated " + c + " in: " + sql);
                }
                jdbc.append(sql, i, end + 1);
                i = end + 1;
            } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
                jdbc.append("::");
                i += 2;
            } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                int end = i + 1;
                while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                    end++;
                }
                names.add(sql.substring(i + 1, end));
                jdbc.append('?');
                i = end;
            } else if (c == '?') {
                throw new IllegalArgumentException("a positional parameter in named SQL: " + sql);
            } else {
                jdbc.append(c);
                i++;
            }
        }
        return new NamedSql(sql, jdbc.toString(), names);
    }

    /** The SQL with question marks, as JDBC takes it. */
    String jdbc() {
        return jdbc;
    }

    /** The names, one per question mark. */
    List<String> names() {
        return names;
    }

    /**
     * A statement of this SQL on {@code c} with every parameter bound from {@code params}; the
     * caller closes it.
     *
     * @throws IllegalArgumentException when {@code params} lacks a name of the SQL
     */
    PreparedStatement prepare(Connection c, Params params) throws SQLException {
        return bind(c.prepareStatement(jdbc), params);
    }

    /**
     * Like {@link #prepare}, for an INSERT whose generated {@code keyColumns} are read afterwards with
     * {@link PreparedStatement#getGeneratedKeys()}.
     */
    PreparedStatement prepareReturning(Connection c, Params params, String... keyColumns) throws SQLException {
        return bind(c.prepareStatement(jdbc, keyColumns), params);
    }

    private PreparedStatement bind(PreparedStatement ps, Params params) throws SQLException {
        try {
            for (int i = 0; i < names.size(); i++) {
                params.bind(ps, i + 1, names.get(i));
            }
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }

    @Override
    public String toString() {
        return sql;
    }

    /** {@code :a, :b, …} for the names, e.g. for the VALUES of an INSERT. */
    static String placeholders(List<String> names) {
        return names.stream().map(n -> ":" + n).collect(Collectors.joining(", "));
    }

    /**
     * Values by parameter name, each with the SQL type used when it is absent (SQL NULL). Not
     * thread-safe: one instance per statement.
     */
    static final class Params {

        private record Value(Object value, int sqlType) {}

        private final Map<String, Value> values = new HashMap<>();

        /** A value that is never absent. */
        Params set(String name, Object value) {
            return put(name, Objects.requireNonNull(value, name), java.sql.Types.OTHER);
        }

        /** A value that may be absent, SQL NULL of {@code sqlType} then. */
        Params nullable(String name, Object value, int sqlType) {
            return put(name, value, sqlType);
        }

        /** An optional value: absent is SQL NULL of {@code sqlType}. */
        Params optional(String name, Optional<?> value, int sqlType) {
            return put(name, value.orElse(null), sqlType);
        }

        /** Every column of {@code columns} with its value in {@code row}. */
        <T> Params columns(List<Column<T>> columns, T row) {
            for (Column<T> column : columns) {
                put(column.name(), column.value().apply(row), column.sqlType());
            }
            return this;
        }

        private Params put(String name, Object value, int sqlType) {
            if (values.put(name, new Value(value, sqlType)) != null) {
                throw new IllegalArgumentException("the parameter " + name + " is given twice");
            }
            return this;
        }

        private void bind(PreparedStatement ps, int index, String name) throws SQLException {
            Value v = values.get(name);
            if (v == null) {
                throw new IllegalArgumentException("no value for the parameter :" + name);
            }
            if (v.value() == null) {
                ps.setNull(index, v.sqlType());
            } else {
                ps.setObject(index, v.value());
            }
        }
    }

    /**
     * A column written from a record: its name, its SQL type (for SQL NULL) and how to read its value
     * from the record (null, or an empty {@link Optional}, for SQL NULL). A list of these names each
     * column once, for the column list, the placeholders and the values of an INSERT alike.
     */
    record Column<T>(String name, int sqlType, Function<T, Object> value) {

        Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        /** A column whose value is an {@link Optional} in the record (empty is SQL NULL). */
        static <T> Column<T> optional(String name, int sqlType, Function<T, Optional<?>> value) {
            return new Column<>(name, sqlType, row -> value.apply(row).orElse(null));
        }

        /** The names of {@code columns}, comma-separated. */
        static String names(List<? extends Column<?>> columns) {
            return columns.stream().map(Column::name).collect(Collectors.joining(", "));
        }
    }
}
