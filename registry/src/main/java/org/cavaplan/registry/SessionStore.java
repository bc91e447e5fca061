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

/** The SQL of web sessions and failed password logins, bound by name ({@link NamedSql}). Stateless. */
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

    private static final NamedSql INSERT = NamedSql.of("INSERT INTO web_session (session_sha256, user_id, csrf_token, "
            + "created_at, last_seen_at, idle_seconds, idle_expires_at, absolute_expires_at, ended) "
            + "VALUES (:tokenHash, :userId, :csrf, :at, :at, :idleSeconds, :idleExpires, :absoluteExpires, FALSE)");
    private static final NamedSql BY_HASH = NamedSql.of("SELECT s.user_id, u.name, u.user_role, s.csrf_token, s.created_at, "
            + "s.last_seen_at, s.idle_seconds, s.idle_expires_at, s.absolute_expires_at, s.ended, u.password_change_required "
            + "FROM web_session s JOIN app_user u ON u.user_id = s.user_id WHERE s.session_sha256 = :tokenHash");
    private static final NamedSql TOUCH = NamedSql.of("UPDATE web_session SET last_seen_at = :at, idle_expires_at = :idleExpires "
            + "WHERE session_sha256 = :tokenHash AND ended = FALSE AND last_seen_at < :at");
    private static final NamedSql END = NamedSql.of(
            "UPDATE web_session SET ended = TRUE, ended_at = :at WHERE session_sha256 = :tokenHash AND ended = FALSE");
    private static final NamedSql END_ALL = NamedSql.of(
            "UPDATE web_session SET ended = TRUE, ended_at = :at WHERE user_id = :userId AND ended = FALSE");
    private static final NamedSql RECORD_FAILURE = NamedSql.of(
            "INSERT INTO login_failure (user_name, failed_at) VALUES (:userName, :at)");
    private static final NamedSql FAILURES_SINCE = NamedSql.of("SELECT failed_at FROM login_failure "
            + "WHERE user_name = :userName AND failed_at >= :since ORDER BY failed_at, failure_id");

    static void insert(Connection c, String tokenHash, long userId, String csrf, Instant at, long idleSeconds,
            Instant idleExpires, Instant absoluteExpires) throws SQLException {
        try (PreparedStatement ps = INSERT.prepare(c, new NamedSql.Params().set("tokenHash", tokenHash).set("userId", userId)
                .set("csrf", csrf).set("at", utc(at)).set("idleSeconds", idleSeconds).set("idleExpires", utc(idleExpires))
                .set("absoluteExpires", utc(absoluteExpires)))) {
            ps.executeUpdate();
        }
    }

    static Optional<Row> byHash(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = BY_HASH.prepare(c, new NamedSql.Params().set("tokenHash", tokenHash));
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Row(rs.getLong("user_id"), rs.getString("name"), Role.valueOf(rs.getString("user_role")),
                    rs.getString("csrf_token"), instant(rs, "created_at"), instant(rs, "last_seen_at"), rs.getLong("idle_seconds"),
                    instant(rs, "idle_expires_at"), instant(rs, "absolute_expires_at"), rs.getBoolean("ended"),
                    rs.getBoolean("password_change_required")));
        }
    }

    /** Moves the idle expiry of a live session forward. */
    static void touch(Connection c, String tokenHash, Instant at, Instant idleExpires) throws SQLException {
        try (PreparedStatement ps = TOUCH.prepare(c, new NamedSql.Params().set("at", utc(at)).set("idleExpires", utc(idleExpires))
                .set("tokenHash", tokenHash))) {
            ps.executeUpdate();
        }
    }

    /** Ends one session; true when it was live. */
    static boolean end(Connection c, String tokenHash, Instant at) throws SQLException {
        try (PreparedStatement ps = END.prepare(c, new NamedSql.Params().set("at", utc(at)).set("tokenHash", tokenHash))) {
            return ps.executeUpdate() > 0;
        }
    }

    /** Ends every session of a user; how many were live. */
    static int endAll(Connection c, long userId, Instant at) throws SQLException {
        try (PreparedStatement ps = END_ALL.prepare(c, new NamedSql.Params().set("at", utc(at)).set("userId", userId))) {
            return ps.executeUpdate();
        }
    }

    static void recordFailure(Connection c, String userName, Instant at) throws SQLException {
        try (PreparedStatement ps = RECORD_FAILURE.prepare(c, new NamedSql.Params().set("userName", clip(userName))
                .set("at", utc(at)))) {
            ps.executeUpdate();
        }
    }

    /** The failed password checks for a name since {@code since}, oldest first. */
    static List<Instant> failuresSince(Connection c, String userName, Instant since) throws SQLException {
        try (PreparedStatement ps = FAILURES_SINCE.prepare(c, new NamedSql.Params().set("userName", clip(userName))
                .set("since", utc(since)));
                ResultSet rs = ps.executeQuery()) {
            List<Instant> failures = new ArrayList<>();
            while (rs.next()) {
                failures.add(instant(rs, "failed_at"));
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

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }
}
