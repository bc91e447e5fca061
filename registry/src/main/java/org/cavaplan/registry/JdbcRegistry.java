package org.cavaplan.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import org.cavaplan.core.meeting.ActionDue;
import org.cavaplan.core.meeting.ActionItem;
import org.cavaplan.core.meeting.AgendaItem;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.DecisionItem;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.DecisionRules;
import org.cavaplan.core.meeting.DecisionVersion;
import org.cavaplan.core.meeting.FieldError;
import org.cavaplan.core.meeting.FollowThrough;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.MeetingRules;
import org.cavaplan.core.meeting.NewMeeting;
import org.cavaplan.core.meeting.OverrideReason;
import org.cavaplan.core.meeting.OverrideStatistics;
import org.cavaplan.core.meeting.RecommendationOverrides;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Status;
import org.cavaplan.io.SyntheticCases;

/** The registry over JDBC; see {@link Registry} for the contract. Thread-safe. */
final class JdbcRegistry implements Registry {

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    private static final int MAX_REASON = 1000;
    private static final int MAX_SEED = 1_000_000;

    private final Database db;
    private final Clock clock;
    private final CaseIntake intake;
    private final CaseStore store;
    private final LoginPolicy loginPolicy;
    private final MeetingStore meetings;

    /** A session's last use is written at most this often (a write per request would be waste). */
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(30);

    private JdbcRegistry(Database db, Clock clock, LoginPolicy loginPolicy) {
        this.db = db;
        this.clock = clock;
        this.loginPolicy = loginPolicy;
        this.intake = new CaseIntake();
        this.store = new CaseStore(db.dialect(), intake.knowledgeBaseVersion());
        this.meetings = new MeetingStore(db.dialect());
    }

    static Registry open(String jdbcUrl, Clock clock, LoginPolicy loginPolicy) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(loginPolicy, "loginPolicy");
        return new JdbcRegistry(Database.open(jdbcUrl), clock, loginPolicy);
    }

    /** The time of an event, to the microsecond that both databases keep. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---- cases ------------------------------------------------------------------------------

    @Override
    public SaveResult save(Actor actor, String caseJson, String reason) {
        return save(actor, caseJson, Optional.empty(), reason);
    }

    @Override
    public SaveResult save(Actor actor, String caseJson, BasedOn basedOn, String reason) {
        return save(actor, caseJson, Optional.of(Objects.requireNonNull(basedOn, "basedOn")), reason);
    }

    private SaveResult save(Actor actor, String caseJson, Optional<BasedOn> basedOn, String reason) {
        String target = Optional.ofNullable(Importer.peekCaseId(caseJson)).orElse("*");
        require(actor, AuditEntry.Action.CREATE, target, Role.CLINICIAN, Role.ADMIN);
        String why = reason(reason);
        CaseIntake.Prepared prepared = intake.prepare(caseJson, false);
        if (prepared instanceof CaseIntake.Ready ready) {
            try {
                // a unique-key violation (another writer stored the same next version first) runs the save
                // again, which then finds the other version the latest: a Conflict, never an overwrite
                return db.transactionRetryingConflicts(c -> store.save(c, ready, actor, why, now(), basedOn));
            } catch (RegistryException.Conflict e) {
                audit(actor, basedOn.get().newCase() ? AuditEntry.Action.CREATE : AuditEntry.Action.UPDATE, ready.caseId(),
                        AuditEntry.Outcome.DENIED, refusal(e) + ": " + why);
                throw e;
            } catch (RegistryException.UnknownCase e) {
                audit(actor, AuditEntry.Action.UPDATE, ready.caseId(), AuditEntry.Outcome.NOT_FOUND,
                        "based on version " + basedOn.get().version() + " of a case that does not exist: " + why);
                throw e;
            }
        }
        return new SaveResult.Rejected(((CaseIntake.Invalid) prepared).errors());
    }

    /** The audit detail of a write refused for its base version. */
    private static String refusal(RegistryException.Conflict e) {
        return (e.basedOn().newCase() ? "refused, the case exists" : "refused, based on version " + e.basedOn().version())
                + "; the latest is version " + e.current().version() + " by " + e.current().author();
    }

    @Override
    public Optional<StoredCase> read(Actor actor, String caseId) {
        return readAudited(actor, caseId, Optional.empty());
    }

    @Override
    public Optional<StoredCase> readVersion(Actor actor, String caseId, int version) {
        return readAudited(actor, caseId, Optional.of(version));
    }

    private Optional<StoredCase> readAudited(Actor actor, String caseId, Optional<Integer> version) {
        require(actor, AuditEntry.Action.READ, caseId, Role.CLINICIAN, Role.ADMIN);
        return db.transaction(c -> {
            Optional<StoredCase> found = visible(actor, store.latest(c, caseId)).isPresent()
                    ? store.read(c, caseId, version) : Optional.empty();
            AuditLog.append(c, now(), actor, AuditEntry.Action.READ, caseId,
                    found.isPresent() ? AuditEntry.Outcome.OK : AuditEntry.Outcome.NOT_FOUND,
                    found.map(s -> "version " + s.version().version()).orElse(version.map(v -> "version " + v).orElse("latest")));
            return found;
        });
    }

    @Override
    public List<CaseVersion> history(Actor actor, String caseId) {
        require(actor, AuditEntry.Action.HISTORY, caseId, Role.CLINICIAN, Role.ADMIN);
        return db.transaction(c -> {
            List<CaseVersion> versions = visible(actor, store.latest(c, caseId)).isPresent() ? store.history(c, caseId) : List.of();
            AuditLog.append(c, now(), actor, AuditEntry.Action.HISTORY, caseId,
                    versions.isEmpty() ? AuditEntry.Outcome.NOT_FOUND : AuditEntry.Outcome.OK, versions.size() + " versions");
            return versions;
        });
    }

    /** The latest version if the actor may see the case: a retired case only an admin. */
    private static Optional<CaseVersion> visible(Actor actor, Optional<CaseVersion> latest) {
        return latest.filter(v -> !v.retired() || actor.role() == Role.ADMIN);
    }

    @Override
    public CaseVersion retire(Actor actor, String caseId, String reason) {
        return retire(actor, caseId, Optional.empty(), reason);
    }

    @Override
    public CaseVersion retire(Actor actor, String caseId, BasedOn basedOn, String reason) {
        Objects.requireNonNull(basedOn, "basedOn");
        if (basedOn.newCase()) {
            throw new RegistryException.Invalid("a retirement is based on a version of an existing case");
        }
        return retire(actor, caseId, Optional.of(basedOn), reason);
    }

    private CaseVersion retire(Actor actor, String caseId, Optional<BasedOn> basedOn, String reason) {
        require(actor, AuditEntry.Action.RETIRE, caseId, Role.CLINICIAN, Role.ADMIN);
        String why = reason(reason);
        Optional<CaseVersion> retired;
        try {
            retired = db.transactionRetryingConflicts(c -> {
                Optional<CaseVersion> latest = store.latest(c, caseId).filter(v -> !v.retired());
                if (latest.isEmpty()) {
                    return Optional.empty();
                }
                if (basedOn.isPresent() && basedOn.get().version() != latest.get().version()) {
                    throw new RegistryException.Conflict(latest.get(), basedOn.get());
                }
                return Optional.of(store.retire(c, latest.get(), actor, why, now()));
            });
        } catch (RegistryException.Conflict e) {
            audit(actor, AuditEntry.Action.RETIRE, caseId, AuditEntry.Outcome.DENIED, refusal(e) + ": " + why);
            throw e;
        }
        if (retired.isEmpty()) {
            audit(actor, AuditEntry.Action.RETIRE, caseId, AuditEntry.Outcome.NOT_FOUND, why);
            throw new RegistryException.UnknownCase(caseId);
        }
        return retired.get();
    }

    @Override
    public Page search(Actor actor, CaseQuery query) {
        require(actor, AuditEntry.Action.SEARCH, "*", Role.CLINICIAN, Role.ADMIN);
        if (query.includeRetired()) {
            require(actor, AuditEntry.Action.SEARCH, "*", Role.ADMIN);
        }
        return db.transaction(c -> {
            Page page = store.search(c, query);
            AuditLog.append(c, now(), actor, AuditEntry.Action.SEARCH, "*", AuditEntry.Outcome.OK,
                    page.cases().size() + (page.cases().size() == 1 ? " case" : " cases") + " for " + query.inWords());
            return page;
        });
    }

    @Override
    public ImportSummary importCases(Actor actor, BufferedReader ndjson, ImportOptions options, ImportListener listener)
            throws IOException {
        require(actor, AuditEntry.Action.IMPORT, "*", Role.CLINICIAN, Role.ADMIN);
        reason(options.reason());
        Importer importer = new Importer(db, intake, store, this::now);
        ImportSummary summary;
        try {
            summary = importer.run(actor, ndjson::readLine, options, false, listener);
        } catch (IOException | RuntimeException e) {
            auditQuietly(actor, AuditEntry.Action.IMPORT, AuditEntry.Outcome.FAILED, "stopped: " + e.getMessage(), e);
            throw e;
        }
        audit(actor, AuditEntry.Action.IMPORT, "*", AuditEntry.Outcome.OK, summary + ": " + options.reason());
        return summary;
    }

    @Override
    public int export(Actor actor, ExportRequest request, Writer out) throws IOException {
        String what = request.format() + (request.deidentified() ? " de-identified" : " identified");
        require(actor, AuditEntry.Action.EXPORT, "*", Role.CLINICIAN, Role.ADMIN, Role.RESEARCHER);
        if (!request.deidentified() && actor.role() == Role.RESEARCHER) {
            audit(actor, AuditEntry.Action.EXPORT, "*", AuditEntry.Outcome.DENIED, what + ": a researcher receives only de-identified data");
            throw new RegistryException.AccessDenied("a researcher receives only de-identified data: ask for a de-identified export");
        }
        try {
            return db.transaction(c -> {
                int count;
                try {
                    count = Exporter.write(c, request, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                AuditLog.append(c, now(), actor, AuditEntry.Action.EXPORT, "*", AuditEntry.Outcome.OK, what + ", " + count + " cases");
                return count;
            });
        } catch (UncheckedIOException e) {
            auditQuietly(actor, AuditEntry.Action.EXPORT, AuditEntry.Outcome.FAILED, what + ": " + e.getCause().getMessage(), e);
            throw e.getCause();
        }
    }

    @Override
    public List<AnalysisRow> analysisRows(Actor actor, String analysis) {
        require(actor, AuditEntry.Action.ANALYTICS, "*", Role.CLINICIAN, Role.ADMIN, Role.RESEARCHER);
        if (analysis == null || analysis.isBlank()) {
            throw new RegistryException.Invalid("an analysis is named in words");
        }
        String what = analysis.strip();
        return db.transaction(c -> {
            List<AnalysisRow> rows = AnalysisRows.read(c);
            AuditLog.append(c, now(), actor, AuditEntry.Action.ANALYTICS, "*", AuditEntry.Outcome.OK,
                    what + "; " + rows.size() + (rows.size() == 1 ? " case" : " cases"));
            return rows;
        });
    }

    @Override
    public int seedDemo(int count, long seed) {
        if (count < 0 || count > MAX_SEED) {
            throw new RegistryException.Invalid("a demonstration cohort has 0 to " + MAX_SEED + " cases, not " + count);
        }
        Actor seeder = Actor.system("seed");
        if (count == 0 || !db.read(store::isEmpty)) {
            return 0;
        }
        int[] next = {0};
        Importer.Lines lines = () -> next[0] < count ? SyntheticCases.generate(seed, ++next[0]).toString() : null;
        String reason = "synthetic demonstration cohort, seed " + seed;
        ImportSummary summary;
        try {
            summary = new Importer(db, intake, store, this::now).run(seeder, lines, ImportOptions.because(reason), true,
                    ImportListener.none());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        audit(seeder, AuditEntry.Action.SEED, "*", AuditEntry.Outcome.OK, summary + ": " + reason);
        return summary.created();
    }

    // ---- users ------------------------------------------------------------------------------

    @Override
    public NewUser addUser(Actor actor, String name, Role role) {
        Objects.requireNonNull(role, "role");
        require(actor, AuditEntry.Action.USER_ADD, name, Role.ADMIN);
        if (!USER_NAME.matcher(name).matches()) {
            throw new RegistryException.Invalid("a user name is 1 to 100 letters, digits, '.', '_', '@' or '-', starting with a "
                    + "letter or digit: \"" + name + "\" is not");
        }
        String token = Secrets.newToken();
        Optional<User> created;
        try {
            created = db.transaction(c -> {
                if (UserStore.byName(c, name).isPresent()) {
                    return Optional.empty();
                }
                Instant at = now();
                User user = UserStore.insert(c, name, role, actor, at);
                UserStore.insertToken(c, user.id(), Secrets.tokenHash(token), at);
                AuditLog.append(c, at, actor, AuditEntry.Action.USER_ADD, name, AuditEntry.Outcome.OK, "role " + role);
                return Optional.of(user);
            });
        } catch (RegistryException.Unavailable e) {
            if (e.getCause() instanceof SQLException s && Database.UNIQUE_VIOLATION.equals(s.getSQLState())) {
                throw new RegistryException.DuplicateUser(name);
            }
            throw e;
        }
        return new NewUser(created.orElseThrow(() -> new RegistryException.DuplicateUser(name)), token);
    }

    @Override
    public String issueToken(Actor actor, String userName) {
        require(actor, AuditEntry.Action.TOKEN_ISSUE, userName, Role.ADMIN);
        String token = Secrets.newToken();
        boolean issued = db.transaction(c -> {
            Optional<User> user = UserStore.byName(c, userName);
            if (user.isEmpty()) {
                return false;
            }
            Instant at = now();
            UserStore.insertToken(c, user.get().id(), Secrets.tokenHash(token), at);
            AuditLog.append(c, at, actor, AuditEntry.Action.TOKEN_ISSUE, userName, AuditEntry.Outcome.OK, "API token");
            return true;
        });
        if (!issued) {
            throw new RegistryException.UnknownUser(userName);
        }
        return token;
    }

    @Override
    public void setPassword(Actor actor, String userName, char[] password) {
        try {
            User user = db.read(c -> UserStore.byName(c, userName)).orElseThrow(() -> new RegistryException.UnknownUser(userName));
            boolean self = actor.userId().equals(Optional.of(user.id()));
            if (!self) {
                require(actor, AuditEntry.Action.PASSWORD_SET, userName, Role.ADMIN);
            }
            if (password.length < Secrets.MIN_PASSWORD_LENGTH) {
                throw new RegistryException.Invalid("a password has at least " + Secrets.MIN_PASSWORD_LENGTH + " characters");
            }
            String hash = Secrets.hashPassword(password);
            db.transaction(c -> {
                Instant at = now();
                UserStore.insertPassword(c, user.id(), hash, at);
                UserStore.requirePasswordChange(c, user.id(), !self);
                int ended = SessionStore.endAll(c, user.id(), at);
                AuditLog.append(c, at, actor, AuditEntry.Action.PASSWORD_SET, userName, AuditEntry.Outcome.OK,
                        (self ? "by the user" : "by an admin; the user must change it at the next sign-in") + "; "
                        + ended + " web sessions ended");
                return null;
            });
        } finally {
            Secrets.clear(password);
        }
    }

    @Override
    public Authentication authenticate(String token, String origin) {
        Optional<User> user = token == null || token.isBlank() ? Optional.empty()
                : db.read(c -> UserStore.byTokenHash(c, Secrets.tokenHash(token)));
        if (user.isPresent()) {
            return new Authentication.Authenticated(Actor.user(user.get().id(), user.get().name(), user.get().role(), origin));
        }
        return loggedIn(user, "unknown", origin, "API token", "not recognised", false);
    }

    @Override
    public Authentication login(String userName, char[] password, String origin) {
        try {
            if (lockedOut(userName)) {
                Secrets.verifyNothing(password);
                return loggedIn(Optional.empty(), userName, origin, "password", "locked out after repeated failures", false);
            }
            Optional<User> user = db.read(c -> UserStore.byName(c, userName));
            Optional<String> hash = user.isEmpty() ? Optional.empty() : db.read(c -> UserStore.passwordHash(c, user.get().id()));
            if (hash.isEmpty()) {
                Secrets.verifyNothing(password);
                return loggedIn(Optional.empty(), userName, origin, "password", user.isEmpty() ? "unknown user" : "no password set",
                        true);
            }
            boolean right = Secrets.verifyPassword(password, hash.get());
            return loggedIn(right ? user : Optional.empty(), userName, origin, "password", right ? "" : "wrong password", !right);
        } finally {
            Secrets.clear(password);
        }
    }

    /** True when {@code userName} may not try a password now (see {@link LoginPolicy}). */
    private boolean lockedOut(String userName) {
        Instant at = now();
        return loginPolicy.lockedOut(db.read(c -> SessionStore.failuresSince(c, userName, at.minus(loginPolicy.lookBack()))), at);
    }

    private Authentication loggedIn(Optional<User> user, String claimed, String origin, String how, String why,
            boolean failedCheck) {
        return db.transaction(c -> {
            Instant at = now();
            if (user.isPresent()) {
                Actor actor = Actor.user(user.get().id(), user.get().name(), user.get().role(), origin);
                AuditLog.append(c, at, actor, AuditEntry.Action.LOGIN, actor.name(), AuditEntry.Outcome.OK, how);
                return new Authentication.Authenticated(actor);
            }
            if (failedCheck) {
                SessionStore.recordFailure(c, claimed, at);
            }
            AuditLog.appendAnonymous(c, at, claimed, origin, AuditEntry.Action.LOGIN, claimed, AuditEntry.Outcome.DENIED,
                    how + ": " + why);
            return new Authentication.Rejected(how + ": " + why);
        });
    }

    @Override
    public void changePassword(Actor actor, char[] current, char[] next) {
        try {
            long userId = registeredUser(actor);
            if (lockedOut(actor.name())) {
                Secrets.verifyNothing(current);
                audit(actor, AuditEntry.Action.PASSWORD_SET, actor.name(), AuditEntry.Outcome.DENIED,
                        "own password: locked out after repeated failures");
                throw new RegistryException.AccessDenied("the current password was not accepted");
            }
            Optional<String> hash = db.read(c -> UserStore.passwordHash(c, userId));
            boolean right = hash.isPresent() ? Secrets.verifyPassword(current, hash.get()) : verifiedNothing(current);
            if (!right) {
                db.transaction(c -> {
                    Instant at = now();
                    SessionStore.recordFailure(c, actor.name(), at);
                    AuditLog.append(c, at, actor, AuditEntry.Action.PASSWORD_SET, actor.name(), AuditEntry.Outcome.DENIED,
                            "own password: the current password is wrong");
                    return null;
                });
                throw new RegistryException.AccessDenied("the current password was not accepted");
            }
            if (next.length < Secrets.MIN_PASSWORD_LENGTH) {
                throw new RegistryException.Invalid("a password has at least " + Secrets.MIN_PASSWORD_LENGTH + " characters");
            }
            if (Arrays.equals(current, next)) {
                audit(actor, AuditEntry.Action.PASSWORD_SET, actor.name(), AuditEntry.Outcome.DENIED,
                        "own password: the new password is the current one");
                throw new RegistryException.Invalid("the new password must differ from the current one");
            }
            String newHash = Secrets.hashPassword(next);
            db.transaction(c -> {
                Instant at = now();
                boolean required = UserStore.passwordChangeRequired(c, userId);
                UserStore.insertPassword(c, userId, newHash, at);
                UserStore.requirePasswordChange(c, userId, false);
                int ended = SessionStore.endAll(c, userId, at);
                AuditLog.append(c, at, actor, AuditEntry.Action.PASSWORD_SET, actor.name(), AuditEntry.Outcome.OK,
                        "by the user, current password checked" + (required ? ", the change required after a password "
                        + "set by someone else" : "") + "; " + ended + " web sessions ended");
                return null;
            });
        } finally {
            Secrets.clear(current);
            Secrets.clear(next);
        }
    }

    private static boolean verifiedNothing(char[] password) {
        Secrets.verifyNothing(password);
        return false;
    }

    // ---- web sessions -----------------------------------------------------------------------

    @Override
    public WebSession openSession(Actor actor, Duration idle, Duration absolute) {
        long userId = registeredUser(actor);
        if (idle.isNegative() || idle.getSeconds() < 1 || absolute.isNegative() || absolute.getSeconds() < 1) {
            throw new RegistryException.Invalid("a session lasts at least a second, idle and in all");
        }
        String token = SessionStore.newSecret();
        String csrf = SessionStore.newSecret();
        Instant at = now();
        Instant absoluteEnd = at.plus(absolute);
        Instant idleEnd = min(at.plus(idle), absoluteEnd);
        boolean changeRequired = db.transaction(c -> {
            SessionStore.insert(c, Secrets.tokenHash(token), userId, csrf, at, idle.getSeconds(), idleEnd, absoluteEnd);
            return UserStore.passwordChangeRequired(c, userId);
        });
        return new WebSession(token, actor, csrf, at, idleEnd, changeRequired);
    }

    @Override
    public Optional<WebSession> session(String token, String origin) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = Secrets.tokenHash(token);
        Optional<SessionStore.Row> found = db.read(c -> SessionStore.byHash(c, hash));
        Instant at = now();
        if (found.isEmpty() || !found.get().liveAt(at)) {
            return Optional.empty();
        }
        SessionStore.Row row = found.get();
        Instant expires = row.expiresAt();
        if (!at.isBefore(row.lastSeenAt().plus(TOUCH_EVERY))) {
            Instant idleEnd = min(at.plusSeconds(row.idleSeconds()), row.absoluteExpiresAt());
            db.transaction(c -> {
                SessionStore.touch(c, hash, at, idleEnd);
                return null;
            });
            expires = idleEnd;
        }
        Actor actor = Actor.user(row.userId(), row.userName(), row.role(), origin);
        return Optional.of(new WebSession(token, actor, row.csrfToken(), row.createdAt(), expires,
                row.passwordChangeRequired()));
    }

    @Override
    public void endSession(WebSession session) {
        String hash = Secrets.tokenHash(session.token());
        db.transaction(c -> {
            Instant at = now();
            if (SessionStore.end(c, hash, at)) {
                AuditLog.append(c, at, session.actor(), AuditEntry.Action.LOGOUT, session.actor().name(),
                        AuditEntry.Outcome.OK, "web session ended");
            }
            return null;
        });
    }

    @Override
    public void recordCdsCall(Actor client, String patientId, int cards) {
        recordCds(client, AuditEntry.Action.CDS_CALL, patientId, cards + " cards returned");
    }

    @Override
    public void recordCdsFeedback(Actor client, String service, String detail) {
        recordCds(client, AuditEntry.Action.CDS_FEEDBACK, service, detail);
    }

    private void recordCds(Actor client, AuditEntry.Action action, String target, String detail) {
        Objects.requireNonNull(client, "client");
        db.transaction(c -> {
            AuditLog.append(c, now(), client, action, target, AuditEntry.Outcome.OK, detail);
            return null;
        });
    }

    private static long registeredUser(Actor actor) {
        Objects.requireNonNull(actor, "actor");
        return actor.userId().orElseThrow(() -> new RegistryException.Invalid(
                "only a registered user has a password and web sessions, not " + actor.name()));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    // ---- tumor-board meetings ---------------------------------------------------------------

    @Override
    public Meeting createMeeting(Actor actor, NewMeeting meeting) {
        Objects.requireNonNull(meeting, "meeting");
        require(actor, AuditEntry.Action.MEETING_CREATE, "meeting", Role.CLINICIAN, Role.ADMIN);
        List<FieldError> errors = new ArrayList<>(MeetingRules.check(meeting));
        if (!meeting.chair().isBlank() && db.read(c -> UserStore.byName(c, meeting.chair().strip())).isEmpty()) {
            errors.add(new FieldError("/chair", "no user \"" + meeting.chair().strip() + "\" in the registry: the chair is the "
                    + "user name of the person who signs the decisions"));
        }
        rejectIfAny("the meeting is not valid", errors);
        return db.transaction(c -> {
            Instant at = now();
            Meeting created = meetings.insertMeeting(c, meeting, actor, at);
            AuditLog.append(c, at, actor, AuditEntry.Action.MEETING_CREATE, meetingTarget(created.id()), AuditEntry.Outcome.OK,
                    created.date() + ", chaired by " + created.chair() + ", " + created.attendees().size() + " attendees");
            return created;
        });
    }

    @Override
    public List<Meeting> meetings(Actor actor, LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        require(actor, AuditEntry.Action.MEETING_READ, "meeting", Role.CLINICIAN, Role.ADMIN);
        if (to.isBefore(from)) {
            throw new RegistryException.Invalid("the last day (" + to + ") is before the first (" + from + ")");
        }
        return db.read(c -> meetings.meetings(c, from, to));
    }

    @Override
    public Optional<Meeting> meeting(Actor actor, long meetingId) {
        require(actor, AuditEntry.Action.MEETING_READ, meetingTarget(meetingId), Role.CLINICIAN, Role.ADMIN);
        return db.read(c -> meetings.meeting(c, meetingId));
    }

    @Override
    public List<Meeting> meetingsOfCase(Actor actor, String caseId) {
        Objects.requireNonNull(caseId, "caseId");
        require(actor, AuditEntry.Action.MEETING_READ, caseId, Role.CLINICIAN, Role.ADMIN);
        return db.transaction(c -> {
            List<Meeting> found = meetings.meetingsOfCase(c, caseId);
            AuditLog.append(c, now(), actor, AuditEntry.Action.MEETING_READ, caseId, AuditEntry.Outcome.OK,
                    "the case is on the agenda of " + found.size() + (found.size() == 1 ? " meeting" : " meetings"));
            return found;
        });
    }

    @Override
    public AgendaItem addToAgenda(Actor actor, long meetingId, String caseId, String question, String presenter) {
        require(actor, AuditEntry.Action.AGENDA_ADD, caseId == null || caseId.isBlank() ? "*" : caseId, Role.CLINICIAN,
                Role.ADMIN);
        rejectIfAny("the agenda entry is not valid", MeetingRules.checkAgendaEntry(caseId, question, presenter));
        String id = caseId.strip();
        return db.transactionRetryingConflicts(c -> {
            meetingOf(c, meetingId);
            if (store.latest(c, id).filter(v -> !v.retired()).isEmpty()) {
                throw new RegistryException.UnknownCase(id);
            }
            if (meetings.agendaItem(c, meetingId, id).isPresent()) {
                throw new RegistryException.AlreadyOnAgenda(meetingId, id);
            }
            Instant at = now();
            AgendaItem item = meetings.insertAgendaItem(c, meetingId, id, question.strip(), presenter.strip(), actor, at);
            AuditLog.append(c, at, actor, AuditEntry.Action.AGENDA_ADD, id, AuditEntry.Outcome.OK,
                    "meeting " + meetingId + ", item " + item.order() + ", presented by " + item.presenter());
            return item;
        });
    }

    @Override
    public List<AgendaItem> agenda(Actor actor, long meetingId) {
        require(actor, AuditEntry.Action.MEETING_READ, meetingTarget(meetingId), Role.CLINICIAN, Role.ADMIN);
        return db.transaction(c -> {
            meetingOf(c, meetingId);
            List<AgendaItem> items = meetings.agenda(c, meetingId);
            AuditLog.append(c, now(), actor, AuditEntry.Action.MEETING_READ, meetingTarget(meetingId), AuditEntry.Outcome.OK,
                    "agenda of " + items.size() + (items.size() == 1 ? " case" : " cases"));
            return items;
        });
    }

    @Override
    public DecisionRecord saveDecision(Actor actor, long meetingId, String caseId, Decision decision) {
        Objects.requireNonNull(decision, "decision");
        require(actor, AuditEntry.Action.DECISION_SAVE, caseId, Role.CLINICIAN, Role.ADMIN);
        try {
            return db.transactionRetryingConflicts(c -> {
                Meeting meeting = onAgenda(c, meetingId, caseId);
                rejectIfAny("the decision is not valid", DecisionRules.check(decision, meeting));
                List<DecisionVersion> versions = meetings.versions(c, meetingId, caseId);
                if (!versions.isEmpty() && new DecisionRecord(meetingId, caseId, versions).signed()) {
                    throw new RegistryException.DecisionSigned(meetingId, caseId);
                }
                if (!versions.isEmpty() && versions.get(versions.size() - 1).decision().equals(decision)) {
                    return new DecisionRecord(meetingId, caseId, versions);
                }
                return append(c, meetingId, caseId, versions, DecisionVersion.Change.DRAFTED, decision, actor, Optional.empty(),
                        AuditEntry.Action.DECISION_SAVE);
            });
        } catch (RegistryException.DecisionSigned e) {
            audit(actor, AuditEntry.Action.DECISION_SAVE, caseId, AuditEntry.Outcome.DENIED,
                    "meeting " + meetingId + ": the decision is signed; a change is a correction with a reason");
            throw e;
        }
    }

    @Override
    public DecisionRecord signDecision(Actor actor, long meetingId, String caseId) {
        require(actor, AuditEntry.Action.DECISION_SIGN, caseId, Role.CLINICIAN, Role.ADMIN);
        try {
            return db.transactionRetryingConflicts(c -> {
                Meeting meeting = onAgenda(c, meetingId, caseId);
                Optional<String> onBehalf = chairOrAdmin(actor, meeting, "sign");
                List<DecisionVersion> versions = meetings.versions(c, meetingId, caseId);
                if (versions.isEmpty()) {
                    throw new RegistryException.NoDecision(meetingId, caseId);
                }
                if (new DecisionRecord(meetingId, caseId, versions).signed()) {
                    throw new RegistryException.DecisionSigned(meetingId, caseId);
                }
                Decision draft = versions.get(versions.size() - 1).decision();
                rejectIfAny("the draft is not valid", DecisionRules.check(draft, meeting));
                return append(c, meetingId, caseId, versions, DecisionVersion.Change.SIGNED, draft, actor, onBehalf,
                        AuditEntry.Action.DECISION_SIGN);
            });
        } catch (RegistryException.AccessDenied | RegistryException.DecisionSigned e) {
            audit(actor, AuditEntry.Action.DECISION_SIGN, caseId, AuditEntry.Outcome.DENIED, "meeting " + meetingId + ": "
                    + e.getMessage());
            throw e;
        }
    }

    @Override
    public DecisionRecord correctDecision(Actor actor, long meetingId, String caseId, Decision decision, String reason) {
        Objects.requireNonNull(decision, "decision");
        require(actor, AuditEntry.Action.DECISION_CORRECT, caseId, Role.CLINICIAN, Role.ADMIN);
        String why = reason(reason);
        try {
            return db.transactionRetryingConflicts(c -> {
                Meeting meeting = onAgenda(c, meetingId, caseId);
                Optional<String> onBehalf = chairOrAdmin(actor, meeting, "correct");
                List<DecisionVersion> versions = meetings.versions(c, meetingId, caseId);
                if (versions.isEmpty()) {
                    throw new RegistryException.NoDecision(meetingId, caseId);
                }
                if (!new DecisionRecord(meetingId, caseId, versions).signed()) {
                    throw new RegistryException.DecisionNotSigned(meetingId, caseId);
                }
                rejectIfAny("the corrected decision is not valid", DecisionRules.check(decision, meeting));
                if (versions.get(versions.size() - 1).decision().equals(decision)) {
                    rejectIfAny("the correction changes nothing", List.of(new FieldError("",
                            "is the decision in force: a correction changes something")));
                }
                String recorded = onBehalf.map(b -> why + " (" + b + ")").orElse(why);
                return append(c, meetingId, caseId, versions, DecisionVersion.Change.CORRECTED, decision, actor,
                        Optional.of(recorded), AuditEntry.Action.DECISION_CORRECT);
            });
        } catch (RegistryException.AccessDenied | RegistryException.DecisionNotSigned e) {
            audit(actor, AuditEntry.Action.DECISION_CORRECT, caseId, AuditEntry.Outcome.DENIED, "meeting " + meetingId + ": "
                    + e.getMessage());
            throw e;
        }
    }

    @Override
    public Optional<DecisionRecord> decision(Actor actor, long meetingId, String caseId) {
        require(actor, AuditEntry.Action.DECISION_READ, caseId, Role.CLINICIAN, Role.ADMIN);
        return db.transaction(c -> {
            onAgenda(c, meetingId, caseId);
            List<DecisionVersion> versions = meetings.versions(c, meetingId, caseId);
            AuditLog.append(c, now(), actor, AuditEntry.Action.DECISION_READ, caseId,
                    versions.isEmpty() ? AuditEntry.Outcome.NOT_FOUND : AuditEntry.Outcome.OK,
                    "meeting " + meetingId + ", " + versions.size() + " versions");
            return versions.isEmpty() ? Optional.empty() : Optional.of(new DecisionRecord(meetingId, caseId, versions));
        });
    }

    @Override
    public List<DecisionRecord> decisions(Actor actor, long meetingId) {
        require(actor, AuditEntry.Action.DECISION_READ, meetingTarget(meetingId), Role.CLINICIAN, Role.ADMIN);
        return db.transaction(c -> {
            meetingOf(c, meetingId);
            List<DecisionRecord> records = meetings.decisions(c, meetingId);
            AuditLog.append(c, now(), actor, AuditEntry.Action.DECISION_READ, meetingTarget(meetingId), AuditEntry.Outcome.OK,
                    records.size() + (records.size() == 1 ? " decision" : " decisions"));
            return records;
        });
    }

    @Override
    public List<ActionDue> actionsDue(Actor actor, String owner, LocalDate until) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(until, "until");
        require(actor, AuditEntry.Action.DECISION_READ, "*", Role.CLINICIAN, Role.ADMIN);
        return db.transaction(c -> {
            List<ActionDue> due = new ArrayList<>();
            for (MeetingStore.SignedDecision d : meetings.signedInForce(c)) {
                for (ActionItem a : d.inForce().decision().actions()) {
                    if (MeetingRules.sameName(a.owner(), owner) && !a.due().isAfter(until)) {
                        due.add(new ActionDue(d.meetingId(), d.meetingDate(), d.meetingTitle(), d.caseId(), a));
                    }
                }
            }
            due.sort(Comparator.comparing((ActionDue a) -> a.action().due()).thenComparing(ActionDue::meetingId)
                    .thenComparing(ActionDue::caseId));
            AuditLog.append(c, now(), actor, AuditEntry.Action.DECISION_READ, "*", AuditEntry.Outcome.OK,
                    due.size() + " actions of " + owner.strip() + " due by " + until);
            return due;
        });
    }

    @Override
    public OverrideStatistics overrideStatistics(Actor actor) {
        require(actor, AuditEntry.Action.ANALYTICS, "*", Role.CLINICIAN, Role.ADMIN, Role.RESEARCHER);
        return db.transaction(c -> {
            OverrideCounts counts = new OverrideCounts();
            int decisions = 0;
            for (MeetingStore.SignedDecision d : meetings.signedInForce(c)) {
                Optional<StoredCase> stored = store.read(c, d.caseId(), Optional.empty()).filter(s -> !s.version().retired());
                if (stored.isEmpty()) {
                    continue;
                }
                decisions++;
                Case kase = intake.parseStored(stored.get().json());
                Plan plan = intake.plan(kase, d.meetingDate());
                for (DecisionItem item : d.inForce().decision().items()) {
                    Optional<Status> status = plan.recommendation(item.recommendationId()).map(Recommendation::status);
                    counts.add(item, FollowThrough.matched(item.recommendationId(), status, item.verdict(), kase));
                }
            }
            OverrideStatistics statistics = counts.statistics(decisions);
            AuditLog.append(c, now(), actor, AuditEntry.Action.ANALYTICS, "*", AuditEntry.Outcome.OK,
                    "overrides of recommendations by tumor boards; " + decisions + " signed decisions");
            return statistics;
        });
    }

    /** The counts of {@link #overrideStatistics}, per recommendation id. */
    private static final class OverrideCounts {
        private final Map<String, int[]> verdicts = new TreeMap<>();
        private final Map<String, Map<OverrideReason, Integer>> reasons = new TreeMap<>();

        void add(DecisionItem item, Optional<Boolean> matched) {
            // accepted, modified, rejected, assessed, matched
            int[] n = verdicts.computeIfAbsent(item.recommendationId(), k -> new int[5]);
            n[item.verdict().ordinal()]++;
            item.reason().ifPresent(r -> reasons.computeIfAbsent(item.recommendationId(), k -> new EnumMap<>(OverrideReason.class))
                    .merge(r, 1, Integer::sum));
            if (matched.isPresent()) {
                n[3]++;
                n[4] += matched.get() ? 1 : 0;
            }
        }

        OverrideStatistics statistics(int decisions) {
            List<RecommendationOverrides> rows = verdicts.entrySet().stream().map(e -> new RecommendationOverrides(e.getKey(),
                    e.getValue()[0], e.getValue()[1], e.getValue()[2], reasons.getOrDefault(e.getKey(), Map.of()),
                    e.getValue()[3], e.getValue()[4])).toList();
            return new OverrideStatistics(decisions, rows);
        }
    }

    /** Appends the next version of a decision with its audit entry, and returns the decision with it. */
    private DecisionRecord append(java.sql.Connection c, long meetingId, String caseId, List<DecisionVersion> versions,
            DecisionVersion.Change change, Decision decision, Actor actor, Optional<String> reason, AuditEntry.Action action)
            throws SQLException {
        Instant at = now();
        DecisionVersion next = new DecisionVersion(versions.size() + 1, change, decision, at, actor.name(), reason);
        meetings.insertVersion(c, meetingId, caseId, next, actor);
        AuditLog.append(c, at, actor, action, caseId, AuditEntry.Outcome.OK, "meeting " + meetingId + ", version "
                + next.version() + ": " + change.words() + "; " + decision.overrides().size() + " overrides, "
                + decision.dissent().size() + " dissenting" + reason.map(r -> "; " + r).orElse(""));
        List<DecisionVersion> all = new ArrayList<>(versions);
        all.add(next);
        return new DecisionRecord(meetingId, caseId, all);
    }

    /**
     * Empty when the actor is the meeting's chair; the words of a signature on the chair's behalf
     * when the actor is an ADMIN; refused otherwise.
     */
    private static Optional<String> chairOrAdmin(Actor actor, Meeting meeting, String verb) {
        if (actor.userId().isPresent() && MeetingRules.sameName(actor.name(), meeting.chair())) {
            return Optional.empty();
        }
        if (actor.role() == Role.ADMIN) {
            return Optional.of("by the administrator " + actor.name() + " on behalf of the chair " + meeting.chair());
        }
        throw new RegistryException.AccessDenied("only the chair of the meeting (" + meeting.chair()
                + ") or an administrator may " + verb + " its decisions");
    }

    private Meeting meetingOf(java.sql.Connection c, long meetingId) throws SQLException {
        return meetings.meeting(c, meetingId).orElseThrow(() -> new RegistryException.UnknownMeeting(meetingId));
    }

    /** The meeting, when the case is on its agenda. */
    private Meeting onAgenda(java.sql.Connection c, long meetingId, String caseId) throws SQLException {
        Meeting meeting = meetingOf(c, meetingId);
        if (caseId == null || meetings.agendaItem(c, meetingId, caseId).isEmpty()) {
            throw new RegistryException.NotOnAgenda(meetingId, String.valueOf(caseId));
        }
        return meeting;
    }

    private static void rejectIfAny(String message, List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new RegistryException.Rejected(message + ": " + errors.get(0)
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""), errors);
        }
    }

    /** The audit target of a meeting. */
    static String meetingTarget(long meetingId) {
        return "meeting:" + meetingId;
    }

    // ---- audit ------------------------------------------------------------------------------

    @Override
    public List<AuditEntry> audit(Actor actor, AuditQuery query) {
        String target = query.target().orElse("*");
        require(actor, AuditEntry.Action.AUDIT_READ, target, Role.ADMIN);
        return db.transaction(c -> {
            List<AuditEntry> entries = AuditLog.query(c, query);
            AuditLog.append(c, now(), actor, AuditEntry.Action.AUDIT_READ, target, AuditEntry.Outcome.OK,
                    entries.size() + (entries.size() == 1 ? " entry" : " entries") + " of " + query.inWords());
            return entries;
        });
    }

    @Override
    public boolean available() {
        return db.available();
    }

    @Override
    public void close() {
        db.close();
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** Refuses, and audits the refusal, unless the actor has one of the roles. */
    private void require(Actor actor, AuditEntry.Action action, String target, Role... allowed) {
        Objects.requireNonNull(actor, "actor");
        if (Arrays.asList(allowed).contains(actor.role())) {
            return;
        }
        audit(actor, action, target, AuditEntry.Outcome.DENIED, "the role " + actor.role() + " may not do this");
        throw new RegistryException.AccessDenied("the role " + actor.role() + " may not " + verb(action));
    }

    private void audit(Actor actor, AuditEntry.Action action, String target, AuditEntry.Outcome outcome, String detail) {
        db.transaction(c -> {
            AuditLog.append(c, now(), actor, action, target, outcome, detail);
            return null;
        });
    }

    /** Records a failure if the database still answers; the failure itself is what the caller sees. */
    private void auditQuietly(Actor actor, AuditEntry.Action action, AuditEntry.Outcome outcome, String detail, Exception failure) {
        try {
            audit(actor, action, "*", outcome, detail);
        } catch (RegistryException e) {
            failure.addSuppressed(e);
        }
    }

    private static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new RegistryException.Invalid("a reason for the change is required");
        }
        if (reason.length() > MAX_REASON) {
            throw new RegistryException.Invalid("a reason has at most " + MAX_REASON + " characters");
        }
        return reason.strip();
    }

    private static String verb(AuditEntry.Action action) {
        return switch (action) {
            case LOGIN -> "log in";
            case READ -> "read cases";
            case HISTORY -> "read the history of cases";
            case SEARCH -> "search cases";
            case CREATE, UPDATE -> "write cases";
            case RETIRE -> "retire cases";
            case IMPORT -> "import cases";
            case EXPORT -> "export cases";
            case ANALYTICS -> "analyse outcomes";
            case SEED -> "seed the registry";
            case USER_ADD -> "add users";
            case TOKEN_ISSUE -> "issue API tokens";
            case PASSWORD_SET -> "set the passwords of others";
            case AUDIT_READ -> "read the audit log";
            case LOGOUT -> "end sessions";
            case CDS_CALL, CDS_FEEDBACK -> "call the CDS Hooks service";
            case MEETING_CREATE -> "create tumor-board meetings";
            case MEETING_READ -> "read tumor-board meetings";
            case AGENDA_ADD -> "put cases on an agenda";
            case DECISION_SAVE -> "record tumor-board decisions";
            case DECISION_SIGN -> "sign tumor-board decisions";
            case DECISION_CORRECT -> "correct tumor-board decisions";
            case DECISION_READ -> "read tumor-board decisions";
        };
    }
}
