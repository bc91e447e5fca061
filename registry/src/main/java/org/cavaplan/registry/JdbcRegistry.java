package org.cavaplan.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
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

    private JdbcRegistry(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.intake = new CaseIntake();
        this.store = new CaseStore(db.dialect(), intake.knowledgeBaseVersion());
    }

    static Registry open(String jdbcUrl, Clock clock) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(clock, "clock");
        return new JdbcRegistry(Database.open(jdbcUrl), clock);
    }

    /** The time of an event, to the microsecond that both databases keep. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    // ---- cases ------------------------------------------------------------------------------

    @Override
    public SaveResult save(Actor actor, String caseJson, String reason) {
        String target = Optional.ofNullable(Importer.peekCaseId(caseJson)).orElse("*");
        require(actor, AuditEntry.Action.CREATE, target, Role.CLINICIAN, Role.ADMIN);
        String why = reason(reason);
        CaseIntake.Prepared prepared = intake.prepare(caseJson, false);
        if (prepared instanceof CaseIntake.Ready ready) {
            return db.transactionRetryingConflicts(c -> store.save(c, ready, actor, why, now()));
        }
        return new SaveResult.Rejected(((CaseIntake.Invalid) prepared).errors());
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
        require(actor, AuditEntry.Action.RETIRE, caseId, Role.CLINICIAN, Role.ADMIN);
        String why = reason(reason);
        Optional<CaseVersion> retired = db.transactionRetryingConflicts(c -> {
            Optional<CaseVersion> latest = store.latest(c, caseId).filter(v -> !v.retired());
            if (latest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(store.retire(c, latest.get(), actor, why, now()));
        });
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
                    page.cases().size() + " cases for " + query);
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
                AuditLog.append(c, at, actor, AuditEntry.Action.PASSWORD_SET, userName, AuditEntry.Outcome.OK,
                        self ? "by the user" : "by an admin");
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
        return loggedIn(user, "unknown", origin, "API token", user.isPresent() ? "" : "not recognised");
    }

    @Override
    public Authentication login(String userName, char[] password, String origin) {
        try {
            Optional<User> user = db.read(c -> UserStore.byName(c, userName));
            Optional<String> hash = user.isEmpty() ? Optional.empty() : db.read(c -> UserStore.passwordHash(c, user.get().id()));
            if (hash.isEmpty()) {
                Secrets.verifyNothing(password);
                return loggedIn(Optional.empty(), userName, origin, "password", user.isEmpty() ? "unknown user" : "no password set");
            }
            boolean right = Secrets.verifyPassword(password, hash.get());
            return loggedIn(right ? user : Optional.empty(), userName, origin, "password", right ? "" : "wrong password");
        } finally {
            Secrets.clear(password);
        }
    }

    private Authentication loggedIn(Optional<User> user, String claimed, String origin, String how, String why) {
        return db.transaction(c -> {
            Instant at = now();
            if (user.isPresent()) {
                Actor actor = Actor.user(user.get().id(), user.get().name(), user.get().role(), origin);
                AuditLog.append(c, at, actor, AuditEntry.Action.LOGIN, actor.name(), AuditEntry.Outcome.OK, how);
                return new Authentication.Authenticated(actor);
            }
            AuditLog.appendAnonymous(c, at, claimed, origin, AuditEntry.Action.LOGIN, claimed, AuditEntry.Outcome.DENIED,
                    how + ": " + why);
            return new Authentication.Rejected(how + ": " + why);
        });
    }

    // ---- audit ------------------------------------------------------------------------------

    @Override
    public List<AuditEntry> audit(Actor actor, AuditQuery query) {
        String target = query.target().orElse("*");
        require(actor, AuditEntry.Action.AUDIT_READ, target, Role.ADMIN);
        return db.transaction(c -> {
            List<AuditEntry> entries = AuditLog.query(c, query);
            AuditLog.append(c, now(), actor, AuditEntry.Action.AUDIT_READ, target, AuditEntry.Outcome.OK, entries.size() + " entries");
            return entries;
        });
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
            case SEED -> "seed the registry";
            case USER_ADD -> "add users";
            case TOKEN_ISSUE -> "issue API tokens";
            case PASSWORD_SET -> "set the passwords of others";
            case AUDIT_READ -> "read the audit log";
        };
    }
}
