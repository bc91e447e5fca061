package org.cavaplan.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of the append-only audit log. Stateless. */
final class AuditLog {

    private static final int MAX_DETAIL = 2000;
    private static final int MAX_TARGET = 200;

    private AuditLog() {}

    /** Appends one entry on {@code c}, in whatever transaction {@code c} is in. */
    static void append(Connection c, Instant at, Actor actor, AuditEntry.Action action, String target,
            AuditEntry.Outcome outcome, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (occurred_at, actor, actor_user_id, "
                + "actor_role, origin, event_action, target, event_outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(2, actor.name());
            if (actor.userId().isPresent()) {
                ps.setLong(3, actor.userId().get());
            } else {
                ps.setNull(3, Types.BIGINT);
            }
            ps.setString(4, actor.role().name());
            ps.setString(5, actor.origin());
            ps.setString(6, action.name());
            ps.setString(7, clip(target, MAX_TARGET));
            ps.setString(8, outcome.name());
            ps.setString(9, clip(detail, MAX_DETAIL));
            ps.executeUpdate();
        }
    }

    /** Appends one entry for someone who is not (yet) an actor, e.g. a failed login. */
    static void appendAnonymous(Connection c, Instant at, String who, String origin, AuditEntry.Action action,
            String target, AuditEntry.Outcome outcome, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (occurred_at, actor, actor_user_id, "
                + "actor_role, origin, event_action, target, event_outcome, detail) VALUES (?, ?, NULL, NULL, ?, ?, ?, ?, ?)")) {
            ps.setObject(1, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(2, clip(who, 200));
            ps.setString(3, clip(origin, 200));
            ps.setString(4, action.name());
            ps.setString(5, clip(target, MAX_TARGET));
            ps.setString(6, outcome.name());
            ps.setString(7, clip(detail, MAX_DETAIL));
            ps.executeUpdate();
        }
    }

    static List<AuditEntry> query(Connection c, AuditQuery query) throws SQLException {
        List<String> where = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        query.target().ifPresent(t -> {
            where.add("target = ?");
            values.add(t);
        });
        query.actor().ifPresent(a -> {
            where.add("actor = ?");
            values.add(a);
        });
        query.action().ifPresent(a -> {
            where.add("event_action = ?");
            values.add(a.name());
        });
        query.from().ifPresent(d -> {
            where.add("occurred_at >= ?");
            values.add(d.atStartOfDay().atOffset(ZoneOffset.UTC));
        });
        query.to().ifPresent(d -> {
            where.add("occurred_at < ?");
            values.add(d.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        });
        String sql = "SELECT event_id, occurred_at, actor, actor_role, origin, event_action, target, event_outcome, detail "
                + "FROM audit_event" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY event_id DESC LIMIT ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object value : values) {
                ps.setObject(i++, value);
            }
            ps.setInt(i, query.limit());
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String role = rs.getString("actor_role");
                    entries.add(new AuditEntry(rs.getLong("event_id"), rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                            rs.getString("actor"), Optional.ofNullable(role).map(Role::valueOf), rs.getString("origin"),
                            AuditEntry.Action.valueOf(rs.getString("event_action")), rs.getString("target"),
                            AuditEntry.Outcome.valueOf(rs.getString("event_outcome")), rs.getString("detail")));
                }
            }
            return entries;
        }
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
