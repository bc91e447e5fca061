package org.cavaplan.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A column read into a record: its name, given once, and how its value is read. A mapper builds
 * its record from such constants and the SELECT list is made from the same constants
 * ({@link #select}), so a column is named in one place only. Immutable and thread-safe.
 *
 * @param <T> the value's type
 */
record Read<T>(String name, Reader<T> reader) {

    /** Reads the named column of the current row. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rs, String column) throws SQLException;
    }

    /** The value in the current row of {@code rs}. */
    T from(ResultSet rs) throws SQLException {
        return reader.read(rs, name);
    }

    /** {@code alias.a, alias.b, …} for a SELECT list. */
    static String select(String alias, List<Read<?>> columns) {
        return columns.stream().map(c -> alias + "." + c.name()).collect(Collectors.joining(", "));
    }

    static Read<String> text(String name) {
        return new Read<>(name, ResultSet::getString);
    }

    static Read<Integer> integer(String name) {
        return new Read<>(name, ResultSet::getInt);
    }

    static Read<Boolean> bool(String name) {
        return new Read<>(name, ResultSet::getBoolean);
    }

    static Read<Instant> instant(String name) {
        return new Read<>(name, (rs, c) -> rs.getObject(c, OffsetDateTime.class).toInstant());
    }

    /** A text column read as an enum constant (or another value made from its text). */
    static <T> Read<T> text(String name, Function<String, T> value) {
        return new Read<>(name, (rs, c) -> value.apply(rs.getString(c)));
    }

    /** A text column that may be NULL, read as an enum constant (or another value made from its text). */
    static <T> Read<Optional<T>> optionalText(String name, Function<String, T> value) {
        return new Read<>(name, (rs, c) -> Optional.ofNullable(rs.getString(c)).map(value));
    }

    static Read<Optional<LocalDate>> optionalDate(String name) {
        return new Read<>(name, (rs, c) -> Optional.ofNullable(rs.getObject(c, LocalDate.class)));
    }

    static Read<Optional<Integer>> optionalInteger(String name) {
        return new Read<>(name, (rs, c) -> {
            int value = rs.getInt(c);
            return rs.wasNull() ? Optional.empty() : Optional.of(value);
        });
    }

    static Read<OptionalInt> optionalInt(String name) {
        return new Read<>(name, (rs, c) -> {
            int value = rs.getInt(c);
            return rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(value);
        });
    }

    static Read<Optional<Double>> optionalDecimal(String name) {
        return new Read<>(name, (rs, c) -> {
            double value = rs.getDouble(c);
            return rs.wasNull() ? Optional.empty() : Optional.of(value);
        });
    }

    static Read<OptionalDouble> optionalDouble(String name) {
        return new Read<>(name, (rs, c) -> {
            double value = rs.getDouble(c);
            return rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(value);
        });
    }

    static Read<Optional<Boolean>> optionalBool(String name) {
        return new Read<>(name, (rs, c) -> {
            boolean value = rs.getBoolean(c);
            return rs.wasNull() ? Optional.empty() : Optional.of(value);
        });
    }
}
