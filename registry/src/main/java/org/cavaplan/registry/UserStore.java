package org.cavaplan.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The SQL of users, API tokens and passwords, bound by name ({@link NamedSql}). Stateless. */
final class UserStore {

    private static final String USER_COLUMNS = "u.user_id, u.name, u.user_role, u.created_at";

    private static final NamedSql BY_NAME = NamedSql.of("SELECT " + USER_COLUMNS + " FROM app_user u WHERE u.name = :name");
    private static final NamedSql BY_TOKEN = NamedSql.of("SELECT " + USER_COLUMNS
            + " FROM api_token t JOIN app_user u ON u.user_id = t.user_id WHERE t.token_sha256 = :tokenHash");
    private static final NamedSql INSERT_USER = NamedSql.of("INSERT INTO app_user (name, user_role, created_at, created_by) "
            + "VALUES (:name, :role, :createdAt, :createdBy)");
    private static final NamedSql INSERT_TOKEN = NamedSql.of("INSERT INTO api_token (token_sha256, user_id, created_at) "
            + "VALUES (:tokenHash, :userId, :createdAt)");
    private static final NamedSql INSERT_PASSWORD = NamedSql.of("INSERT INTO user_password (user_id, set_at, password_hash) "
            + "VALUES (:userId, :setAt, :hash)");
    private static final NamedSql REQUIRE_CHANGE = NamedSql.of(
            "UPDATE app_user SET password_change_required = :required WHERE user_id = :userId");
    private static final NamedSql CHANGE_REQUIRED = NamedSql.of(
            "SELECT password_change_required FROM app_user WHERE user_id = :userId");
    private static final NamedSql PASSWORD_HASH = NamedSql.of(
            "SELECT password_hash FROM user_password WHERE user_id = :userId ORDER BY password_id DESC LIMIT 1");

    private UserStore() {}

    static Optional<User> byName(Connection c, String name) throws SQLException {
        return oneUser(c, BY_NAME, new NamedSql.Params().set("name", name));
    }

    static Optional<User> byTokenHash(Connection c, String tokenHash) throws SQLException {
        return oneUser(c, BY_TOKEN, new NamedSql.Params().set("tokenHash", tokenHash));
    }

    static User insert(Connection c, String name, Role role, Actor by, Instant at) throws SQLException {
        update(c, INSERT_USER, new NamedSql.Params().set("name", name).set("role", role.name()).set("createdAt", utc(at))
                .set("createdBy", by.name() + " (" + by.origin() + ")"));
        return byName(c, name).orElseThrow(() -> new SQLException("user " + name + " vanished after insert"));
    }

    static void insertToken(Connection c, long userId, String tokenHash, Instant at) throws SQLException {
        update(c, INSERT_TOKEN, new NamedSql.Params().set("tokenHash", tokenHash).set("userId", userId).set("createdAt", utc(at)));
    }

    static void insertPassword(Connection c, long userId, String hash, Instant at) throws SQLException {
        update(c, INSERT_PASSWORD, new NamedSql.Params().set("userId", userId).set("setAt", utc(at)).set("hash", hash));
    }

    /**
     * Records whether the user must change the password in force before doing anything else: true
     * when someone else set it, false when the user did.
     */
    static void requirePasswordChange(Connection c, long userId, boolean required) throws SQLException {
        update(c, REQUIRE_CHANGE, new NamedSql.Params().set("required", required).set("userId", userId));
    }

    /** Whether the user must change the password in force (see {@link #requirePasswordChange}). */
    static boolean passwordChangeRequired(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = CHANGE_REQUIRED.prepare(c, new NamedSql.Params().set("userId", userId));
                ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean("password_change_required");
        }
    }

    /** The password hash in force: the latest one set. */
    static Optional<String> passwordHash(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = PASSWORD_HASH.prepare(c, new NamedSql.Params().set("userId", userId));
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(rs.getString("password_hash")) : Optional.empty();
        }
    }

    private static Optional<User> oneUser(Connection c, NamedSql sql, NamedSql.Params params) throws SQLException {
        try (PreparedStatement ps = sql.prepare(c, params); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(user(rs)) : Optional.empty();
        }
    }

    private static void update(Connection c, NamedSql sql, NamedSql.Params params) throws SQLException {
        try (PreparedStatement ps = sql.prepare(c, params)) {
            ps.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("user_id"), rs.getString("name"), Role.valueOf(rs.getString("user_role")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
