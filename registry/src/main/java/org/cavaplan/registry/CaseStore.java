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
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.VitalStatus;
import org.cavaplan.core.plan.Intent;
import org.cavaplan.core.plan.Stage;
import org.cavaplan.io.InputError;
import org.cavaplan.registry.NamedSql.Column;
import org.cavaplan.registry.NamedSql.Params;

/** The SQL of case versions: append, read, search. Stateless apart from its dialect; thread-safe. */
final class CaseStore {

    /** A version row is the latest of its case when no later version exists. */
    static final String LATEST = "NOT EXISTS (SELECT 1 FROM case_version n WHERE n.case_id = v.case_id AND n.version > v.version)";

    // The columns of a version as read, each named once: the SELECT lists are made of these.
    private static final Read<String> CASE_ID = Read.text("case_id");
    private static final Read<Integer> VERSION = Read.integer("version");
    private static final Read<CaseVersion.Change> CHANGE_KIND = Read.text("change_kind", CaseVersion.Change::valueOf);
    private static final Read<Instant> RECORDED_AT = Read.instant("recorded_at");
    private static final Read<String> AUTHOR = Read.text("author");
    private static final Read<String> ORIGIN = Read.text("origin");
    private static final Read<String> REASON = Read.text("reason");
    private static final Read<Boolean> RETIRED = Read.bool("retired");
    private static final Read<Boolean> SYNTHETIC = Read.bool("synthetic");
    private static final Read<String> CONTENT_SHA256 = Read.text("content_sha256");
    private static final Read<String> CONTENT = Read.text("content");
    private static final List<Read<Optional<Boolean>>> LEVELS = List.of(Read.optionalBool("level_1"),
            Read.optionalBool("level_2"), Read.optionalBool("level_3"));
    private static final Read<Stage> STAGE = Read.text("stage", Stage::valueOf);
    private static final Read<Intent> INTENT = Read.text("intent", Intent::valueOf);
    private static final Read<Optional<Margin>> MARGIN = Read.optionalText("margin", Margin::valueOf);
    private static final Read<Optional<Integer>> GRADE = Read.optionalInteger("grade");
    private static final Read<Optional<Double>> SIZE_CM = Read.optionalDecimal("size_cm");
    private static final Read<Optional<LocalDate>> OPERATION_DATE = Read.optionalDate("operation_date");
    private static final Read<Optional<VitalStatus>> VITAL_STATUS = Read.optionalText("vital_status", VitalStatus::valueOf);
    private static final Read<Optional<Integer>> FOLLOWUP_DAYS = Read.optionalInteger("followup_days");

    private static final List<Read<?>> VERSION_READ = List.of(CASE_ID, VERSION, CHANGE_KIND, RECORDED_AT, AUTHOR, ORIGIN,
            REASON, RETIRED, SYNTHETIC, CONTENT_SHA256);

    private static final String VERSION_COLUMNS = Read.select("v", VERSION_READ);

    /** The extracted columns (see {@link Extracted}), each named once: name, SQL type, value. */
    private static final List<Column<Extracted>> EXTRACTED = List.of(
            new Column<>("age_years", Types.SMALLINT, Extracted::ageYears),
            new Column<>("sex", Types.VARCHAR, e -> e.sex().name()),
            Column.optional("ecog", Types.INTEGER, Extracted::ecog),
            Column.optional("level_1", Types.BOOLEAN, e -> e.reaches(1)),
            Column.optional("level_2", Types.BOOLEAN, e -> e.reaches(2)),
            Column.optional("level_3", Types.BOOLEAN, e -> e.reaches(3)),
            Column.optional("highest_level", Types.INTEGER, Extracted::highestLevel),
            new Column<>("intracardiac", Types.BOOLEAN, Extracted::intracardiac),
            Column.optional("ivc_involvement", Types.VARCHAR, e -> e.ivcInvolvement().map(Enum::name)),
            Column.optional("ajcc_stage", Types.VARCHAR, Extracted::ajccStage),
            Column.optional("grade", Types.INTEGER, Extracted::grade),
            Column.optional("margin", Types.VARCHAR, e -> e.margin().map(Enum::name)),
            Column.optional("closest_margin_mm", Types.DOUBLE, Extracted::closestMarginMm),
            Column.optional("size_cm", Types.DOUBLE, Extracted::sizeCm),
            Column.optional("ivc_management", Types.VARCHAR, e -> e.ivcManagement().map(Enum::name)),
            new Column<>("neoadjuvant_rt", Types.BOOLEAN, Extracted::neoadjuvantRadiotherapy),
            new Column<>("neoadjuvant_chemo", Types.BOOLEAN, Extracted::neoadjuvantChemotherapy),
            new Column<>("stage", Types.VARCHAR, e -> e.stage().name()),
            new Column<>("intent", Types.VARCHAR, e -> e.intent().name()),
            Column.optional("operation_date", Types.DATE, Extracted::operationDate),
            Column.optional("vital_status", Types.VARCHAR, e -> e.vitalStatus().map(Enum::name)),
            Column.optional("last_contact_date", Types.DATE, Extracted::lastContactDate),
            Column.optional("cause_of_death", Types.VARCHAR, e -> e.causeOfDeath().map(Enum::name)),
            Column.optional("followup_days", Types.INTEGER, Extracted::followUpDays),
            Column.optional("recurrence", Types.BOOLEAN, Extracted::recurrence),
            Column.optional("recurrence_days", Types.INTEGER, Extracted::recurrenceDays),
            // contract v2 (migration V4)
            Column.optional("asa_class", Types.INTEGER, Extracted::asaClass),
            Column.optional("lvef_pct", Types.DOUBLE, Extracted::lvefPct),
            Column.optional("egfr_ml_min", Types.DOUBLE, Extracted::egfrMlMin),
            Column.optional("imaging_nodes", Types.VARCHAR, e -> e.imagingNodes().map(Enum::name)),
            Column.optional("pathology_nodes", Types.VARCHAR, e -> e.pathologyNodes().map(Enum::name)),
            // competing-risk times (migration V9)
            Column.optional("local_recurrence", Types.BOOLEAN, Extracted::localRecurrence),
            Column.optional("local_recurrence_days", Types.INTEGER, Extracted::localRecurrenceDays),
            Column.optional("distant_metastasis", Types.BOOLEAN, Extracted::distantMetastasis),
            Column.optional("distant_metastasis_days", Types.INTEGER, Extracted::distantMetastasisDays));

    private static final String EXTRACTED_COLUMNS = Column.names(EXTRACTED);

    private static final String SUMMARY_COLUMNS = VERSION_COLUMNS + ", " + Read.select("v", List.of(LEVELS.get(0), LEVELS.get(1),
            LEVELS.get(2), STAGE, INTENT, MARGIN, GRADE, SIZE_CM, OPERATION_DATE, VITAL_STATUS, FOLLOWUP_DAYS));

    /**
     * The columns of a new version given by the writer, each a parameter of the same name (see
     * {@link #newVersion}); version, previous version, change kind and retired are the statement's own.
     */
    private static final List<String> WRITTEN = Stream.concat(Stream.of("case_id", "content", "content_sha256",
            "recorded_at", "author", "author_user_id", "origin", "reason", "synthetic", "knowledge_base"),
            EXTRACTED.stream().map(Column::name)).toList();

    private static final String AUDIT_COLUMNS = "occurred_at, actor, actor_user_id, actor_role, origin, event_action, target, "
            + "event_outcome, detail";

    private static final NamedSql LATEST_VERSION = NamedSql.of("SELECT " + VERSION_COLUMNS
            + " FROM case_version v WHERE v.case_id = :case_id ORDER BY v.version DESC LIMIT 1");

    private static final NamedSql HISTORY = NamedSql.of("SELECT " + VERSION_COLUMNS
            + " FROM case_version v WHERE v.case_id = :case_id ORDER BY v.version");

    private static final NamedSql RETIRE = NamedSql.of("INSERT INTO case_version (case_id, version, previous_version, "
            + "change_kind, content, content_sha256, recorded_at, author, author_user_id, origin, reason, retired, synthetic, "
            + "knowledge_base, " + EXTRACTED_COLUMNS + ") SELECT case_id, :version, version, 'RETIRED', content, "
            + "content_sha256, :recorded_at, :author, :author_user_id, :origin, :reason, TRUE, synthetic, knowledge_base, "
            + EXTRACTED_COLUMNS + " FROM case_version WHERE case_id = :case_id AND version = :latest_version");

    private final Dialect dialect;
    private final NamedSql insert;
    private final NamedSql saveStatement;
    private final String knowledgeBase;

    CaseStore(Dialect dialect, String knowledgeBase) {
        this.dialect = dialect;
        this.knowledgeBase = knowledgeBase;
        String columns = String.join(", ", WRITTEN);
        String values = WRITTEN.stream().map(n -> n.equals("content") ? dialect.jsonParameter(n) : ":" + n)
                .collect(Collectors.joining(", "));
        this.insert = NamedSql.of("INSERT INTO case_version (version, previous_version, change_kind, retired, " + columns
                + ") VALUES (:version, :previous_version, :change_kind, FALSE, " + values + ")");
        // PostgreSQL: the whole save in one statement, hence one round trip and, in auto-commit mode,
        // one transaction: read the latest version, append the next one unless the content is the
        // same, the case retired or the write based on another version than the latest, append its
        // audit entry, and report what happened. Two such statements that read the same latest version
        // both try to insert the next one: the (case_id, version) key lets one through and fails the
        // other with a unique-key violation, which the caller's retry reads as what it is.
        this.saveStatement = NamedSql.of("WITH latest AS (SELECT " + VERSION_COLUMNS + " FROM case_version v "
                + "WHERE v.case_id = :case_id ORDER BY v.version DESC LIMIT 1), "
                + "ins AS (INSERT INTO case_version (version, previous_version, change_kind, retired, " + columns + ") "
                + "SELECT COALESCE(l.version, 0) + 1, l.version, "
                + "CASE WHEN l.version IS NULL THEN 'CREATED' ELSE 'UPDATED' END, FALSE, " + values
                + " FROM (SELECT 1) one LEFT JOIN latest l ON TRUE"
                + " WHERE (l.version IS NULL OR (l.content_sha256 <> :content_sha256 AND NOT l.retired))"
                + " AND (CAST(:based_on AS INTEGER) IS NULL OR COALESCE(l.version, 0) = CAST(:based_on AS INTEGER))"
                + " RETURNING version), "
                + "audit AS (INSERT INTO audit_event (" + AUDIT_COLUMNS + ") SELECT :recorded_at, :author, :author_user_id, "
                + ":actor_role, :origin, CASE WHEN i.version = 1 THEN 'CREATE' ELSE 'UPDATE' END, :case_id, 'OK', "
                + "'version ' || i.version || ': ' || :reason FROM ins i) "
                + "SELECT i.version AS stored_version, l.* FROM (SELECT 1) one LEFT JOIN ins i ON TRUE LEFT JOIN latest l ON TRUE");
    }

    /** The parameters of a new version: those of {@link #WRITTEN}, by name. */
    private Params newVersion(CaseIntake.Ready ready, Actor actor, String reason, Instant at) {
        return new Params()
                .set("case_id", ready.caseId())
                .set("content", ready.json())
                .set("content_sha256", ready.sha256())
                .set("recorded_at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .set("author", actor.name())
                .optional("author_user_id", actor.userId(), Types.BIGINT)
                .set("origin", actor.origin())
                .set("reason", reason)
                .set("synthetic", ready.synthetic())
                .set("knowledge_base", knowledgeBase)
                .columns(EXTRACTED, ready.extracted());
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
        Params params = newVersion(ready, actor, reason, at)
                .set("version", version)
                .optional("previous_version", version == 1 ? Optional.empty() : Optional.of(version - 1), Types.INTEGER)
                .set("change_kind", change.name());
        try (PreparedStatement ps = insert.prepare(c, params)) {
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
        Params params = newVersion(ready, actor, reason, at)
                .optional("based_on", basedOn.map(BasedOn::version), Types.INTEGER)
                .set("actor_role", actor.role().name());
        try (PreparedStatement ps = saveStatement.prepare(c, params)) {
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

    /** Appends a RETIRED version with the latest content, and its audit entry. */
    CaseVersion retire(Connection c, CaseVersion latest, Actor actor, String reason, Instant at) throws SQLException {
        int version = latest.version() + 1;
        Params params = new Params()
                .set("version", version)
                .set("recorded_at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .set("author", actor.name())
                .optional("author_user_id", actor.userId(), Types.BIGINT)
                .set("origin", actor.origin())
                .set("reason", reason)
                .set("case_id", latest.caseId())
                .set("latest_version", latest.version());
        try (PreparedStatement ps = RETIRE.prepare(c, params)) {
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
        try (PreparedStatement ps = LATEST_VERSION.prepare(c, new Params().set("case_id", caseId))) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(version(rs)) : Optional.empty();
            }
        }
    }

    /** One version with its content; the latest when {@code version} is empty. */
    Optional<StoredCase> read(Connection c, String caseId, Optional<Integer> version) throws SQLException {
        NamedSql sql = NamedSql.of("SELECT " + VERSION_COLUMNS + ", " + Read.select("v", List.of(CONTENT))
                + " FROM case_version v WHERE v.case_id = :case_id"
                + (version.isPresent() ? " AND v.version = :version" : " ORDER BY v.version DESC LIMIT 1"));
        Params params = new Params().set("case_id", caseId);
        version.ifPresent(v -> params.set("version", v));
        try (PreparedStatement ps = sql.prepare(c, params)) {
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredCase(version(rs), CanonicalJson.of(CONTENT.from(rs))))
                        : Optional.empty();
            }
        }
    }

    /** Every version of a case, oldest first. */
    List<CaseVersion> history(Connection c, String caseId) throws SQLException {
        try (PreparedStatement ps = HISTORY.prepare(c, new Params().set("case_id", caseId))) {
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
        Params params = new Params();
        if (!q.includeRetired()) {
            sql.append(" AND v.retired = FALSE");
        }
        q.level().ifPresent(level -> sql.append(" AND v.level_").append(level).append(" = TRUE"));
        filter(sql, params, "v.stage = :stage", "stage", q.stage().map(Stage::name));
        filter(sql, params, "v.intent = :intent", "intent", q.intent().map(Intent::name));
        filter(sql, params, "v.margin = :margin", "margin", q.margin().map(Margin::name));
        filter(sql, params, "v.grade = :grade", "grade", q.grade());
        filter(sql, params, "v.vital_status = :vital_status", "vital_status", q.vitalStatus().map(VitalStatus::name));
        filter(sql, params, "v.size_cm >= :min_size_cm", "min_size_cm", q.minSizeCm());
        filter(sql, params, "v.size_cm <= :max_size_cm", "max_size_cm", q.maxSizeCm());
        filter(sql, params, "v.operation_date >= :operated_from", "operated_from", q.operatedFrom());
        filter(sql, params, "v.operation_date <= :operated_to", "operated_to", q.operatedTo());
        filter(sql, params, "v.synthetic = :synthetic", "synthetic", q.synthetic());
        filter(sql, params, "v.case_id > :after", "after", q.after());
        sql.append(" ORDER BY v.case_id LIMIT :limit");
        params.set("limit", q.limit() + 1);
        try (PreparedStatement ps = NamedSql.of(sql.toString()).prepare(c, params)) {
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

    private static void filter(StringBuilder sql, Params params, String condition, String name, Optional<?> value) {
        value.ifPresent(v -> {
            sql.append(" AND ").append(condition);
            params.set(name, v);
        });
    }

    static CaseVersion version(ResultSet rs) throws SQLException {
        return new CaseVersion(CASE_ID.from(rs), VERSION.from(rs), CHANGE_KIND.from(rs), RECORDED_AT.from(rs), AUTHOR.from(rs),
                ORIGIN.from(rs), REASON.from(rs), RETIRED.from(rs), SYNTHETIC.from(rs), CONTENT_SHA256.from(rs));
    }

    private static CaseSummary summary(ResultSet rs) throws SQLException {
        CaseVersion v = version(rs);
        List<Integer> levels = new ArrayList<>();
        for (int level = 1; level <= 3; level++) {
            if (LEVELS.get(level - 1).from(rs).orElse(false)) {
                levels.add(level);
            }
        }
        return new CaseSummary(v.caseId(), v.version(), v.recordedAt(), v.retired(), v.synthetic(), levels, STAGE.from(rs),
                INTENT.from(rs), MARGIN.from(rs), GRADE.from(rs), SIZE_CM.from(rs), OPERATION_DATE.from(rs),
                VITAL_STATUS.from(rs), FOLLOWUP_DAYS.from(rs));
    }

    static Optional<Integer> integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    static Optional<Double> decimal(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
