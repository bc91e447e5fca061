package org.cavaplan.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.VitalStatus;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.io.InputError;

/** The SQL of case versions: append, read, search. Stateless apart from its dialect; thread-safe. */
final class CaseStore {

    /** A version row is the latest of its case when no later version exists. */
    static final String LATEST = "NOT EXISTS (SELECT 1 FROM case_version n WHERE n.case_id = v.case_id AND n.version > v.version)";

    private static final String VERSION_COLUMNS = "v.case_id, v.version, v.change_kind, v.recorded_at, v.author, v.origin, "
            + "v.reason, v.retired, v.synthetic, v.content_sha256";

    private static final String EXTRACTED_COLUMNS = "age_years, sex, ecog, level_1, level_2, level_3, highest_level, "
            + "intracardiac, ivc_involvement, ajcc_stage, grade, margin, closest_margin_mm, size_cm, ivc_management, "
            + "neoadjuvant_rt, neoadjuvant_chemo, stage, intent, operation_date, vital_status, last_contact_date, "
            + "cause_of_death, followup_days, recurrence, recurrence_days, "
            // contract v2 (migration V4)
            + "asa_class, lvef_pct, egfr_ml_min, imaging_nodes, pathology_nodes";

    private static final String SUMMARY_COLUMNS = VERSION_COLUMNS + ", v.level_1, v.level_2, v.level_3, v.stage, v.intent, "
            + "v.margin, v.grade, v.size_cm, v.operation_date, v.vital_status, v.followup_days";

    private static final String INSERT_COLUMNS = "case_id, version, previous_version, change_kind, content, content_sha256, "
            + "recorded_at, author, author_user_id, origin, reason, retired, synthetic, knowledge_base, " + EXTRACTED_COLUMNS;

    private static final String AUDIT_COLUMNS = "occurred_at, actor, actor_user_id, actor_role, origin, event_action, target, "
            + "event_outcome, detail";

    private final Dialect dialect;
    private final String insertSql;
    private final String saveStatement;
    private final String knowledgeBase;

    CaseStore(Dialect dialect, String knowledgeBase) {
        this.dialect = dialect;
        this.knowledgeBase = knowledgeBase;
        String extracted = String.join(", ", Collections.nCopies(EXTRACTED_COLUMNS.split(",").length, "?"));
        this.insertSql = "INSERT INTO case_version (" + INSERT_COLUMNS + ") VALUES (?, ?, ?, ?, " + dialect.jsonParameter()
                + ", ?, ?, ?, ?, ?, ?, FALSE, ?, ?, " + extracted + ")";
        // PostgreSQL: the whole save in one statement, hence one round trip and, in auto-commit mode,
        // one transaction: read the latest version, append the next one unless the content is the
        // same, the case retired or the write based on another version than the latest, append its
        // audit entry, and report what happened. Two such statements that read the same latest version
        // both try to insert the next one: the (case_id, version) key lets one through and fails the
        // other with a unique-key violation, which the caller's retry reads as what it is.
        this.saveStatement = "WITH latest AS (SELECT " + VERSION_COLUMNS + " FROM case_version v WHERE v.case_id = ? "
                + "ORDER BY v.version DESC LIMIT 1), "
                + "ins AS (INSERT INTO case_version (" + INSERT_COLUMNS + ") SELECT ?, COALESCE(l.version, 0) + 1, l.version, "
                + "CASE WHEN l.version IS NULL THEN 'CREATED' ELSE 'UPDATED' END, " + dialect.jsonParameter()
                + ", ?, ?, ?, ?, ?, ?, FALSE, ?, ?, " + extracted
                + " FROM (SELECT 1) one LEFT JOIN latest l ON TRUE"
                + " WHERE (l.version IS NULL OR (l.content_sha256 <> ? AND NOT l.retired))"
                + " AND (CAST(? AS INTEGER) IS NULL OR COALESCE(l.version, 0) = CAST(? AS INTEGER)) RETURNING version), "
                + "audit AS (INSERT INTO audit_event (" + AUDIT_COLUMNS + ") SELECT ?, ?, ?, ?, ?, "
                + "CASE WHEN i.version = 1 THEN 'CREATE' ELSE 'UPDATE' END, ?, 'OK', 'version ' || i.version || ': ' || ? "
                + "FROM ins i) "
                + "SELECT i.version AS stored_version, l.* FROM (SELECT 1) one LEFT JOIN ins i ON TRUE LEFT JOIN latest l ON TRUE";
    }

    /**
     * Stores {@code ready} as the next version of its case, with its audit entry, on {@code c} (in
     * the caller's transaction, or in one statement of its own on PostgreSQL), unless it equals the
     * latest version or the case is retired.
     */
    SaveResult save(Connection c, CaseIntake.Ready ready, Actor actor, String reason, Instant at) throws SQLException {
        return save(c, ready, actor, reason, at, Optional.empty());
    }

    /**
     * Like {@link #save(Connection, CaseIntake.Ready, Actor, String, Instant)}, but when {@code basedOn}
     * is given only while that version is the case's latest (or, for {@link BasedOn#NEW_CASE}, while
     * the case does not exist). A retired case stays refused as retired.
     *
     * @throws RegistryException.Conflict    when the latest version is another one; nothing is written
     * @throws RegistryException.UnknownCase when a version is named and the case does not exist
     */
    SaveResult save(Connection c, CaseIntake.Ready ready, Actor actor, String reason, Instant at, Optional<BasedOn> basedOn)
            throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            return saveInOneStatement(c, ready, actor, reason, at, basedOn);
        }
        Optional<CaseVersion> latest = latest(c, ready.caseId());
        refuseUnlessBasedOnLatest(ready.caseId(), latest, basedOn);
        if (latest.isPresent() && latest.get().contentSha256().equals(ready.sha256())) {
            return new SaveResult.Unchanged(latest.get());
        }
        if (latest.isPresent() && latest.get().retired()) {
            return retired(ready);
        }
        int version = latest.map(v -> v.version() + 1).orElse(1);
        CaseVersion.Change change = version == 1 ? CaseVersion.Change.CREATED : CaseVersion.Change.UPDATED;
        try (PreparedStatement ps = c.prepareStatement(insertSql)) {
            int i = 1;
            ps.setString(i++, ready.caseId());
            ps.setInt(i++, version);
            setOptional(ps, i++, version == 1 ? Optional.empty() : Optional.of(version - 1), Types.INTEGER);
            ps.setString(i++, change.name());
            ps.setString(i++, ready.json());
            ps.setString(i++, ready.sha256());
            ps.setObject(i++, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(i++, actor.name());
            setUser(ps, i++, actor);
            ps.setString(i++, actor.origin());
            ps.setString(i++, reason);
            ps.setBoolean(i++, ready.synthetic());
            ps.setString(i++, knowledgeBase);
            bind(ps, i, ready.extracted());
            ps.executeUpdate();
        }
        AuditLog.append(c, at, actor, change == CaseVersion.Change.CREATED ? AuditEntry.Action.CREATE : AuditEntry.Action.UPDATE,
                ready.caseId(), AuditEntry.Outcome.OK, "version " + version + ": " + reason);
        return stored(ready, version, actor, reason, at);
    }

    /** Throws when {@code basedOn} names another version than {@code latest} (a retired case is left to the caller). */
    private static void refuseUnlessBasedOnLatest(String caseId, Optional<CaseVersion> latest, Optional<BasedOn> basedOn) {
        if (basedOn.isEmpty()) {
            return;
        }
        if (latest.isEmpty() && !basedOn.get().newCase()) {
            throw new RegistryException.UnknownCase(caseId);
        }
        if (latest.isPresent() && !latest.get().retired() && latest.get().version() != basedOn.get().version()) {
            throw new RegistryException.Conflict(latest.get(), basedOn.get());
        }
    }

    private SaveResult saveInOneStatement(Connection c, CaseIntake.Ready ready, Actor actor, String reason, Instant at,
            Optional<BasedOn> basedOn) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(saveStatement)) {
            int i = 1;
            ps.setString(i++, ready.caseId());
            ps.setString(i++, ready.caseId());
            ps.setString(i++, ready.json());
            ps.setString(i++, ready.sha256());
            ps.setObject(i++, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(i++, actor.name());
            setUser(ps, i++, actor);
            ps.setString(i++, actor.origin());
            ps.setString(i++, reason);
            ps.setBoolean(i++, ready.synthetic());
            ps.setString(i++, knowledgeBase);
            i = bind(ps, i, ready.extracted());
            ps.setString(i++, ready.sha256());
            ps.setObject(i++, basedOn.map(BasedOn::version).orElse(null), Types.INTEGER);
            ps.setObject(i++, basedOn.map(BasedOn::version).orElse(null), Types.INTEGER);
            ps.setObject(i++, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(i++, actor.name());
            setUser(ps, i++, actor);
            ps.setString(i++, actor.role().name());
            ps.setString(i++, actor.origin());
            ps.setString(i++, ready.caseId());
            ps.setString(i, reason);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("the save of case " + ready.caseId() + " returned nothing");
                }
                int stored = rs.getInt("stored_version");
                if (!rs.wasNull()) {
                    return stored(ready, stored, actor, reason, at);
                }
                if (rs.getString("case_id") == null) {
                    refuseUnlessBasedOnLatest(ready.caseId(), Optional.empty(), basedOn);
                    throw new SQLException("case " + ready.caseId() + " was neither stored nor found");
                }
                CaseVersion latest = version(rs);
                refuseUnlessBasedOnLatest(ready.caseId(), Optional.of(latest), basedOn);
                return latest.contentSha256().equals(ready.sha256()) ? new SaveResult.Unchanged(latest) : retired(ready);
            }
        }
    }

    private static SaveResult stored(CaseIntake.Ready ready, int version, Actor actor, String reason, Instant at) {
        CaseVersion.Change change = version == 1 ? CaseVersion.Change.CREATED : CaseVersion.Change.UPDATED;
        CaseVersion stored = new CaseVersion(ready.caseId(), version, change, at, actor.name(), actor.origin(), reason, false,
                ready.synthetic(), ready.sha256());
        return change == CaseVersion.Change.CREATED ? new SaveResult.Created(stored) : new SaveResult.Updated(stored);
    }

    private static SaveResult retired(CaseIntake.Ready ready) {
        return new SaveResult.Rejected(List.of(new InputError("/caseId",
                "case " + ready.caseId() + " is retired and cannot be changed")));
    }

    private static void setUser(PreparedStatement ps, int i, Actor actor) throws SQLException {
        if (actor.userId().isPresent()) {
            ps.setLong(i, actor.userId().get());
        } else {
            ps.setNull(i, Types.BIGINT);
        }
    }

    /** Appends a RETIRED version with the latest content, and its audit entry. */
    CaseVersion retire(Connection c, CaseVersion latest, Actor actor, String reason, Instant at) throws SQLException {
        int version = latest.version() + 1;
        String sql = "INSERT INTO case_version (case_id, version, previous_version, change_kind, content, content_sha256, "
                + "recorded_at, author, author_user_id, origin, reason, retired, synthetic, knowledge_base, " + EXTRACTED_COLUMNS
                + ") SELECT case_id, ?, version, 'RETIRED', content, content_sha256, ?, ?, ?, ?, ?, TRUE, synthetic, "
                + "knowledge_base, " + EXTRACTED_COLUMNS + " FROM case_version WHERE case_id = ? AND version = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, version);
            ps.setObject(2, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            ps.setString(3, actor.name());
            if (actor.userId().isPresent()) {
                ps.setLong(4, actor.userId().get());
            } else {
                ps.setNull(4, Types.BIGINT);
            }
            ps.setString(5, actor.origin());
            ps.setString(6, reason);
            ps.setString(7, latest.caseId());
            ps.setInt(8, latest.version());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("version " + latest.version() + " of case " + latest.caseId() + " vanished");
            }
        }
        AuditLog.append(c, at, actor, AuditEntry.Action.RETIRE, latest.caseId(), AuditEntry.Outcome.OK,
                "version " + version + ": " + reason);
        return new CaseVersion(latest.caseId(), version, CaseVersion.Change.RETIRED, at, actor.name(), actor.origin(), reason,
                true, latest.synthetic(), latest.contentSha256());
    }

    /** The latest version of a case. */
    Optional<CaseVersion> latest(Connection c, String caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS
                + " FROM case_version v WHERE v.case_id = ? ORDER BY v.version DESC LIMIT 1")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(version(rs)) : Optional.empty();
            }
        }
    }

    /** One version with its content; the latest when {@code version} is empty. */
    Optional<StoredCase> read(Connection c, String caseId, Optional<Integer> version) throws SQLException {
        String sql = "SELECT " + VERSION_COLUMNS + ", v.content FROM case_version v WHERE v.case_id = ?"
                + (version.isPresent() ? " AND v.version = ?" : " ORDER BY v.version DESC LIMIT 1");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, caseId);
            if (version.isPresent()) {
                ps.setInt(2, version.get());
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredCase(version(rs), CanonicalJson.of(rs.getString("content"))))
                        : Optional.empty();
            }
        }
    }

    /** Every version of a case, oldest first. */
    List<CaseVersion> history(Connection c, String caseId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + VERSION_COLUMNS
                + " FROM case_version v WHERE v.case_id = ? ORDER BY v.version")) {
            ps.setString(1, caseId);
            List<CaseVersion> versions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(version(rs));
                }
            }
            return versions;
        }
    }

    /** One page of the latest versions matching {@code q}, by case id. */
    Page search(Connection c, CaseQuery q) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(SUMMARY_COLUMNS).append(" FROM case_version v WHERE ")
                .append(LATEST);
        List<Object> args = new ArrayList<>();
        if (!q.includeRetired()) {
            sql.append(" AND v.retired = FALSE");
        }
        q.level().ifPresent(level -> sql.append(" AND v.level_").append(level).append(" = TRUE"));
        filter(sql, args, "v.stage = ?", q.stage().map(Stage::name));
        filter(sql, args, "v.intent = ?", q.intent().map(Intent::name));
        filter(sql, args, "v.margin = ?", q.margin().map(Margin::name));
        filter(sql, args, "v.grade = ?", q.grade());
        filter(sql, args, "v.vital_status = ?", q.vitalStatus().map(VitalStatus::name));
        filter(sql, args, "v.size_cm >= ?", q.minSizeCm());
        filter(sql, args, "v.size_cm <= ?", q.maxSizeCm());
        filter(sql, args, "v.operation_date >= ?", q.operatedFrom());
        filter(sql, args, "v.operation_date <= ?", q.operatedTo());
        filter(sql, args, "v.synthetic = ?", q.synthetic());
        filter(sql, args, "v.case_id > ?", q.after());
        sql.append(" ORDER BY v.case_id LIMIT ?");
        args.add(q.limit() + 1);
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<CaseSummary> cases = new ArrayList<>();
            boolean more = false;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (cases.size() == q.limit()) {
                        more = true;
                        break;
                    }
                    cases.add(summary(rs));
                }
            }
            Optional<String> next = more ? Optional.of(cases.get(cases.size() - 1).caseId()) : Optional.empty();
            return new Page(cases, next);
        }
    }

    /** True when the registry holds no case at all. */
    boolean isEmpty(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM case_version LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return !rs.next();
        }
    }

    private static void filter(StringBuilder sql, List<Object> args, String condition, Optional<?> value) {
        value.ifPresent(v -> {
            sql.append(" AND ").append(condition);
            args.add(v);
        });
    }

    static CaseVersion version(ResultSet rs) throws SQLException {
        return new CaseVersion(rs.getString("case_id"), rs.getInt("version"),
                CaseVersion.Change.valueOf(rs.getString("change_kind")),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("author"), rs.getString("origin"),
                rs.getString("reason"), rs.getBoolean("retired"), rs.getBoolean("synthetic"), rs.getString("content_sha256"));
    }

    private static CaseSummary summary(ResultSet rs) throws SQLException {
        CaseVersion v = version(rs);
        List<Integer> levels = new ArrayList<>();
        for (int level = 1; level <= 3; level++) {
            if (rs.getBoolean("level_" + level)) {
                levels.add(level);
            }
        }
        return new CaseSummary(v.caseId(), v.version(), v.recordedAt(), v.retired(), v.synthetic(), levels,
                Stage.valueOf(rs.getString("stage")), Intent.valueOf(rs.getString("intent")),
                Optional.ofNullable(rs.getString("margin")).map(Margin::valueOf), integer(rs, "grade"),
                decimal(rs, "size_cm"), Optional.ofNullable(rs.getObject("operation_date", LocalDate.class)),
                Optional.ofNullable(rs.getString("vital_status")).map(VitalStatus::valueOf), integer(rs, "followup_days"));
    }

    static Optional<Integer> integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    static Optional<Double> decimal(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    /** Binds the extracted columns from parameter {@code first} on and returns the next parameter index. */
    private static int bind(PreparedStatement ps, int first, Extracted e) throws SQLException {
        int i = first;
        ps.setInt(i++, e.ageYears());
        ps.setString(i++, e.sex().name());
        setOptional(ps, i++, e.ecog(), Types.INTEGER);
        for (int level = 1; level <= 3; level++) {
            setOptional(ps, i++, e.reaches(level), Types.BOOLEAN);
        }
        setOptional(ps, i++, e.highestLevel(), Types.INTEGER);
        ps.setBoolean(i++, e.intracardiac());
        setOptional(ps, i++, e.ivcInvolvement().map(Enum::name), Types.VARCHAR);
        setOptional(ps, i++, e.ajccStage(), Types.VARCHAR);
        setOptional(ps, i++, e.grade(), Types.INTEGER);
        setOptional(ps, i++, e.margin().map(Enum::name), Types.VARCHAR);
        setOptional(ps, i++, e.closestMarginMm(), Types.DOUBLE);
        setOptional(ps, i++, e.sizeCm(), Types.DOUBLE);
        setOptional(ps, i++, e.ivcManagement().map(Enum::name), Types.VARCHAR);
        ps.setBoolean(i++, e.neoadjuvantRadiotherapy());
        ps.setBoolean(i++, e.neoadjuvantChemotherapy());
        ps.setString(i++, e.stage().name());
        ps.setString(i++, e.intent().name());
        setOptional(ps, i++, e.operationDate(), Types.DATE);
        setOptional(ps, i++, e.vitalStatus().map(Enum::name), Types.VARCHAR);
        setOptional(ps, i++, e.lastContactDate(), Types.DATE);
        setOptional(ps, i++, e.causeOfDeath().map(Enum::name), Types.VARCHAR);
        setOptional(ps, i++, e.followUpDays(), Types.INTEGER);
        setOptional(ps, i++, e.recurrence(), Types.BOOLEAN);
        setOptional(ps, i++, e.recurrenceDays(), Types.INTEGER);
        setOptional(ps, i++, e.asaClass(), Types.INTEGER);
        setOptional(ps, i++, e.lvefPct(), Types.DOUBLE);
        setOptional(ps, i++, e.egfrMlMin(), Types.DOUBLE);
        setOptional(ps, i++, e.imagingNodes().map(Enum::name), Types.VARCHAR);
        setOptional(ps, i++, e.pathologyNodes().map(Enum::name), Types.VARCHAR);
        return i;
    }

    /** Binds a value that may be absent; an absent value is SQL NULL of {@code sqlType}. */
    private static void setOptional(PreparedStatement ps, int i, Optional<?> value, int sqlType) throws SQLException {
        if (value.isPresent()) {
            ps.setObject(i, value.get());
        } else {
            ps.setNull(i, sqlType);
        }
    }
}
