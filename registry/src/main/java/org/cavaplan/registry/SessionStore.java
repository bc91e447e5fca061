package org.cavaplan.registry;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The SQL of web sessions and failed password logins. Stateless. */
final class SessionStore {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_NAME = 200;

    /** A stored session and its user. */
    record Row(long userId, String userName, Role role, String csrfToken, Instant createdAt, Instant lastSeenAt,
            long idleSeconds, Instant idleExpiresAt, Instant absoluteExpiresAt, boolean ended,
            boolean passwordChangeRequired) {

        boolean liveAt(Instant now) {
            return !ended && now.isBefore(idleExpiresAt) && now.isBefore(absoluteExpiresAt);
        }

        Instant expiresAt() {
            return idleExpiresAt.isBefore(absoluteExpiresAt) ? idleExpiresAt : absoluteExpiresAt;
        }
    }

    private SessionStore() {}

    /** 256 random bits in base64url: a session token or a CSRF token. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static void insert(Connection c, String tokenHash, long userId, String csrf, Instant at, long idleSeconds,
            Instant idleExpires, Instant absoluteExpires) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO web_session (session_sha256, user_id, csrf_token, "
                + "created_at, last_seen_at, idle_seconds, idle_expires_at, absolute_expires_at, ended) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, FALSE)")) {
            ps.setString(1, tokenHash);
            ps.setLong(2, userId);
            ps.setString(3, csrf);
            ps.setObject(4, utc(at));
            ps.setObject(5, utc(at));
            ps.setLong(6, idleSeconds);
            ps.setObject(7, utc(idleExpires));
            ps.setObject(8, utc(absoluteExpires));
            ps.executeUpdate();
        }
    }

    static Optional<Row> byHash(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.user_id, u.name, u.user_role, s.csrf_token, s.created_at, "
                + "s.last_seen_at, s.idle_seconds, s.idle_expires_at, s.absolute_expires_at, s.ended, u.password_change_required "
                + "FROM web_session s JOIN app_user u ON u.user_id = s.user_id WHERE s.session_sha256 = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getLong(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getString(4),
                        instant(rs, 5), instant(rs, 6), rs.getLong(7), instant(rs, 8), instant(rs, 9), rs.getBoolean(10),
                        rs.getBoolean(11)));
            }
        }
    }

    /** Moves the idle expiry of a live session forward. */
    static void touch(Connection c, String tokenHash, Instant at, Instant idleExpires) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE web_session SET last_seen_at = ?, idle_expires_at = ? "
                + "WHERE session_sha256 = ? AND ended = FALSE AND last_seen_at < ?")) {
            ps.setObject(1, utc(at));
            ps.setObject(2, utc(idleExpires));
            ps.setString(3, tokenHash);
            ps.setObject(4, utc(at));
            ps.executeUpdate();
        }
    }

    /** Ends one session; true when it was live. */
    static boolean end(Connection c, String tokenHash, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE web_session SET ended = TRUE, ended_at = ? WHERE session_sha256 = ? AND ended = FALSE")) {
            ps.setObject(1, utc(at));
            ps.setString(2, tokenHash);
            return ps.executeUpdate() > 0;
        }
    }

    /** Ends every session of a user; how many were live. */
    static int endAll(Connection c, long userId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE web_session SET ended = TRUE, ended_at = ? WHERE user_id = ? AND ended = FALSE")) {
            ps.setObject(1, utc(at));
            ps.setLong(2, userId);
            return ps.executeUpdate();
        }
    }

    static void recordFailure(Connection c, String userName, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_failure (user_name, failed_at) VALUES (?, ?)")) {
            ps.setString(1, clip(userName));
            ps.setObject(2, utc(at));
            ps.executeUpdate();
        }
    }

    /** The failed password checks for a name since {@code since}, oldest first. */
    static List<Instant> failuresSince(Connection c, String userName, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT failed_at FROM login_failure "
                + "WHERE user_name = ? AND failed_at >= ? ORDER BY failed_at, failure_id")) {
            ps.setString(1, clip(userName));
            ps.setObject(2, utc(since));
            List<Instant> failures = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    failures.add(instant(rs, 1));
                }
            }
            return failures;
        }
    }

    private static String clip(String name) {
        return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
