package org.cavaplan.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Optional;
import org.cavaplan.registry.NamedSql.Column;
import org.cavaplan.registry.NamedSql.Params;
import org.junit.jupiter.api.Test;

/** Named parameters: parsed once, bound by name on a real (in-memory H2) database. */
class NamedSqlTest {

    @Test
    void names_become_question_marks_in_order_and_may_repeat() {
        NamedSql sql = NamedSql.of("SELECT * FROM t WHERE a = :case_id AND (CAST(:based_on AS INTEGER) IS NULL "
                + "OR b = CAST(:based_on AS INTEGER)) AND c = :case_id");

        assertThat(sql.jdbc()).isEqualTo("SELECT * FROM t WHERE a = ? AND (CAST(? AS INTEGER) IS NULL "
                + "OR b = CAST(? AS INTEGER)) AND c = ?");
        assertThat(sql.names()).containsExactly("case_id", "based_on", "based_on", "case_id");
    }

    @Test
    void colons_in_literals_quoted_names_and_casts_are_not_parameters() {
        NamedSql sql = NamedSql.of("SELECT 'version ' || v || ': ' || :reason, \"a:b\", pg_current_wal_lsn()::text FROM t");

        assertThat(sql.jdbc()).isEqualTo("SELECT 'version ' || v || ': ' || ?, \"a:b\", pg_current_wal_lsn()::text FROM t");
        assertThat(sql.names()).containsExactly("reason");
    }

    @Test
    void a_positional_parameter_or_an_open_quote_is_refused() {
        assertThatThrownBy(() -> NamedSql.of("SELECT * FROM t WHERE a = ?")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NamedSql.of("SELECT 'open FROM t")).isInstanceOf(IllegalArgumentException.class);
    }

    record Row(String name, Optional<Integer> grade, boolean dead) {}

    @Test
    void values_are_bound_by_name_absent_ones_as_null_of_their_type() throws SQLException {
        List<Column<Row>> columns = List.of(
                new Column<>("name", Types.VARCHAR, Row::name),
                Column.optional("grade", Types.INTEGER, Row::grade),
                new Column<>("dead", Types.BOOLEAN, Row::dead));
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:named")) {
            c.createStatement().execute("CREATE TABLE t (id INTEGER, name VARCHAR(20), grade INTEGER, dead BOOLEAN)");
            NamedSql insert = NamedSql.of("INSERT INTO t (id, " + Column.names(columns) + ") VALUES (:id, "
                    + NamedSql.placeholders(columns.stream().map(Column::name).toList()) + ")");
            for (Row row : List.of(new Row("a", Optional.of(3), true), new Row("b", Optional.empty(), false))) {
                try (PreparedStatement ps = insert.prepare(c, new Params().set("id", row.name().charAt(0) - 'a').columns(columns, row))) {
                    ps.executeUpdate();
                }
            }
            NamedSql select = NamedSql.of("SELECT name, grade, dead FROM t WHERE id >= :from AND name <> :not ORDER BY id");
            try (PreparedStatement ps = select.prepare(c, new Params().set("not", "x").set("from", 0));
                    ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("name")).isEqualTo("a");
                assertThat(rs.getInt("grade")).isEqualTo(3);
                assertThat(rs.getBoolean("dead")).isTrue();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject("grade")).isNull();
                assertThat(rs.getBoolean("dead")).isFalse();
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void a_missing_or_twice_given_value_is_refused() throws SQLException {
        NamedSql sql = NamedSql.of("SELECT :a, :b");
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:missing")) {
            assertThatThrownBy(() -> sql.prepare(c, new Params().set("a", 1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(":b");
        }
        assertThatThrownBy(() -> new Params().set("a", 1).nullable("a", null, Types.INTEGER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }
}
