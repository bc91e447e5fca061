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

    private static final NamedSql INSERT = NamedSql.of("INSERT INTO audit_event (occurred_at, actor, actor_user_id, "
            + "actor_role, origin, event_action, target, event_outcome, detail) "
            + "VALUES (:occurredAt, :actor, :actorUserId, :actorRole, :origin, :action, :target, :outcome, :detail)");

    /** Appends one entry on {@code c}, in whatever transaction {@code c} is in. */
    static void append(Connection c, Instant at, Actor actor, AuditEntry.Action action, String target,
            AuditEntry.Outcome outcome, String detail) throws SQLException {
        insert(c, entry(at, actor.name(), actor.origin(), action, target, outcome, detail)
                .optional("actorUserId", actor.userId(), Types.BIGINT)
                .set("actorRole", actor.role().name()));
    }

    /** Appends one entry for someone who is not (yet) an actor, e.g. a failed login. */
    static void appendAnonymous(Connection c, Instant at, String who, String origin, AuditEntry.Action action,
            String target, AuditEntry.Outcome outcome, String detail) throws SQLException {
        insert(c, entry(at, clip(who, 200), clip(origin, 200), action, target, outcome, detail)
                .nullable("actorUserId", null, Types.BIGINT)
                .nullable("actorRole", null, Types.VARCHAR));
    }

    /** The parameters every entry has; the actor's user id and role are added by the caller. */
    private static NamedSql.Params entry(Instant at, String who, String origin, AuditEntry.Action action, String target,
            AuditEntry.Outcome outcome, String detail) {
        return new NamedSql.Params()
                .set("occurredAt", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .set("actor", who)
                .set("origin", origin)
                .set("action", action.name())
                .set("target", clip(target, MAX_TARGET))
                .set("outcome", outcome.name())
                .set("detail", clip(detail, MAX_DETAIL));
    }

    private static void insert(Connection c, NamedSql.Params params) throws SQLException {
        try (PreparedStatement ps = INSERT.prepare(c, params)) {
            ps.executeUpdate();
        }
    }

    static List<AuditEntry> query(Connection c, AuditQuery query) throws SQLException {
        List<String> where = new ArrayList<>();
        NamedSql.Params params = new NamedSql.Params();
        query.target().ifPresent(t -> {
            where.add("target = :target");
            params.set("target", t);
        });
        query.actor().ifPresent(a -> {
            where.add("actor = :actor");
            params.set("actor", a);
        });
        query.action().ifPresent(a -> {
            where.add("event_action = :action");
            params.set("action", a.name());
        });
        query.from().ifPresent(d -> {
            where.add("occurred_at >= :from");
            params.set("from", d.atStartOfDay().atOffset(ZoneOffset.UTC));
        });
        query.to().ifPresent(d -> {
            where.add("occurred_at < :before");
            params.set("before", d.plusDays(1).atStartOfDay().atOffset(ZoneOffset.UTC));
        });
        params.set("limit", query.limit());
        NamedSql sql = NamedSql.of("SELECT event_id, occurred_at, actor, actor_role, origin, event_action, target, event_outcome, "
                + "detail FROM audit_event" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY event_id DESC LIMIT :limit");
        try (PreparedStatement ps = sql.prepare(c, params)) {
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
