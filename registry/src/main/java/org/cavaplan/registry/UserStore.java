package org.cavaplan.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The SQL of users, API tokens and passwords. Stateless. */
final class UserStore {

    private UserStore() {}

    static Optional<User> byName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id, name, user_role, created_at FROM app_user WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    static Optional<User> byTokenHash(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT u.user_id, u.name, u.user_role, u.created_at "
                + "FROM api_token t JOIN app_user u ON u.user_id = t.user_id WHERE t.token_sha256 = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(user(rs)) : Optional.empty();
            }
        }
    }

    static User insert(Connection c, String name, Role role, Actor by, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO app_user (name, user_role, created_at, created_by) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, role.name());
            ps.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(4, by.name() + " (" + by.origin() + ")");
            ps.executeUpdate();
        }
        return byName(c, name).orElseThrow(() -> new SQLException("user " + name + " vanished after insert"));
    }

    static void insertToken(Connection c, long userId, String tokenHash, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO api_token (token_sha256, user_id, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, tokenHash);
            ps.setLong(2, userId);
            ps.setObject(3, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    static void insertPassword(Connection c, long userId, String hash, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO user_password (user_id, set_at, password_hash) VALUES (?, ?, ?)")) {
            ps.setLong(1, userId);
            ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(3, hash);
            ps.executeUpdate();
        }
    }

    /**
     * Records whether the user must change the password in force before doing anything else: true
     * when someone else set it, false when the user did.
     */
    static void requirePasswordChange(Connection c, long userId, boolean required) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE app_user SET password_change_required = ? WHERE user_id = ?")) {
            ps.setBoolean(1, required);
            ps.setLong(2, userId);
            ps.executeUpdate();
        }
    }

    /** Whether the user must change the password in force (see {@link #requirePasswordChange}). */
    static boolean passwordChangeRequired(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT password_change_required FROM app_user WHERE user_id = ?")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /** The password hash in force: the latest one set. */
    static Optional<String> passwordHash(Connection c, long userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT password_hash FROM user_password WHERE user_id = ? ORDER BY password_id DESC LIMIT 1")) {
            ps.setLong(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(rs.getLong("user_id"), rs.getString("name"), Role.valueOf(rs.getString("user_role")),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
