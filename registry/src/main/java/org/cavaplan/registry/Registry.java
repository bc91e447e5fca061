package org.cavaplan.registry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.cavaplan.core.meeting.ActionDue;
import org.cavaplan.core.meeting.AgendaItem;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.NewMeeting;
import org.cavaplan.core.meeting.OverrideStatistics;

/**
 * A center's registry of cases: every case as an append-only series of versions, its users, and an
 * append-only audit log, on embedded H2 or on PostgreSQL.
 *
 * <p>Open one with {@link #open(String, Clock)}; it migrates the database to the current schema
 * (Flyway), keeps a small connection pool, and is safe for use by many threads at once. Close it to
 * release the database.
 *
 * <p>Contract, for every method that takes an {@link Actor}:
 * <ul>
 *   <li>Nothing is ever updated in place or deleted: a change is a new version, a retirement is a
 *       version that marks the case retired. Every version stays readable.</li>
 *   <li>Each call that reads or writes patient data, each export and each login attempt writes one
 *       audit entry (who, what, when, from where), also when it is refused. A case written and its
 *       audit entry are committed in one transaction.</li>
 *   <li>Roles: see {@link Role}. A refused call throws {@link RegistryException.AccessDenied}.</li>
 *   <li>Times come from the clock given to {@link #open}; nothing reads the system time.</li>
 *   <li>A database failure throws {@link RegistryException.Unavailable}; what was committed stays.</li>
 * </ul>
 */
public interface Registry extends AutoCloseable {

    /** The database used when none is named: embedded H2 in {@code ./cavaplan-data/}, created on first use. */
    String DEFAULT_URL = "jdbc:h2:file:./cavaplan-data/cavaplan";

    /**
     * Opens the registry at {@code jdbcUrl} ({@code jdbc:h2:…} or {@code jdbc:postgresql:…}) and brings
     * its schema up to date. Every call that writes returns only once its writes are durable (on H2
     * after a {@code CHECKPOINT}); an import is durable when it returns its summary.
     *
     * @throws RegistryException.Invalid     for a URL of another database
     * @throws RegistryException.Unavailable when the database cannot be reached or migrated
     */
    static Registry open(String jdbcUrl, Clock clock) {
        return JdbcRegistry.open(jdbcUrl, clock, LoginPolicy.standard());
    }

    /** Like {@link #open(String, Clock)}, with another lockout after failed password logins. */
    static Registry open(String jdbcUrl, Clock clock, LoginPolicy loginPolicy) {
        return JdbcRegistry.open(jdbcUrl, clock, loginPolicy);
    }

    // ---- cases ------------------------------------------------------------------------------

    /**
     * Validates {@code caseJson} as {@code ./cavaplan validate} does and stores it: version 1 of a
     * new case, a new version when its canonical JSON differs from the latest version, nothing when
     * it is the same. A retired case is not changed (rejected). Needs CLINICIAN or ADMIN. It writes by
     * content, as an import does, whatever version is the latest: a writer that read the case before
     * changing it uses {@link #save(Actor, String, BasedOn, String)} instead, so that it cannot undo a
     * change it never saw.
     */
    SaveResult save(Actor actor, String caseJson, String reason);

    /**
     * Like {@link #save(Actor, String, String)}, for a writer that read the case before changing it:
     * stored only while {@code basedOn} is still the case's latest version, checked and written
     * atomically (of two writers based on one version, one is stored and the other refused, on H2
     * and on PostgreSQL alike). {@link BasedOn#NEW_CASE} stores only a case that does not exist yet.
     * Content equal to the latest version, based on it, stores nothing ({@link SaveResult.Unchanged});
     * a retired case is rejected as by {@code save}. The web form and the API write this way; an
     * import writes by content and names no version.
     *
     * @throws RegistryException.Conflict    when the latest version is not {@code basedOn} (or the case
     *                                       exists, for {@code NEW_CASE}); nothing is stored, the refusal is audited
     * @throws RegistryException.UnknownCase when {@code basedOn} names a version and the case does not exist
     */
    SaveResult save(Actor actor, String caseJson, BasedOn basedOn, String reason);

    /** The latest version of a case; a retired case only for an admin. Needs CLINICIAN or ADMIN. */
    Optional<StoredCase> read(Actor actor, String caseId);

    /** One version of a case (from 1); a retired case's versions only for an admin. */
    Optional<StoredCase> readVersion(Actor actor, String caseId, int version);

    /** Every version of a case, oldest first; empty when there is no such case (or it is retired and the actor no admin). */
    List<CaseVersion> history(Actor actor, String caseId);

    /**
     * Retires a case: a new version, same content, marked retired, with the reason. It leaves search
     * and exports and stays readable to admins. Needs CLINICIAN or ADMIN.
     *
     * @throws RegistryException.UnknownCase when there is no such case or it is retired already
     */
    CaseVersion retire(Actor actor, String caseId, String reason);

    /**
     * Like {@link #retire(Actor, String, String)}, only while {@code basedOn} (a version, not
     * {@link BasedOn#NEW_CASE}) is still the latest version of the case.
     *
     * @throws RegistryException.Conflict    when the latest version is another one; nothing is stored
     * @throws RegistryException.UnknownCase when there is no such case or it is retired already
     * @throws RegistryException.Invalid     for {@code NEW_CASE}
     */
    CaseVersion retire(Actor actor, String caseId, BasedOn basedOn, String reason);

    /** A page of the latest versions that match {@code query}. Needs CLINICIAN or ADMIN (ADMIN for retired cases). */
    Page search(Actor actor, CaseQuery query);

    /**
     * Imports NDJSON, one case per line (blank lines skipped): each line is one {@link #save} in its
     * own transaction, so an interrupted import keeps what it stored and running it again completes
     * it. Bad lines go to {@code listener} and are skipped. Lines of one case are applied in input
     * order. Needs CLINICIAN or ADMIN. One IMPORT audit entry closes the import, one entry per stored version.
     */
    ImportSummary importCases(Actor actor, BufferedReader ndjson, ImportOptions options, ImportListener listener)
            throws IOException;

    /**
     * Writes the latest version of every case that is not retired, in case id order, and returns how
     * many. A RESEARCHER receives only de-identified data: asking for identified data is refused.
     */
    int export(Actor actor, ExportRequest request, Writer out) throws IOException;

    /**
     * The {@link AnalysisRow}s of every case that is not retired (its latest version), in case id
     * order: the cases a de-identified export writes, chosen by the database, de-identified as such an
     * export is, typed. For aggregates that are computed from them and shown, not handed out. Any
     * role (a RESEARCHER too: the rows are de-identified). Audited as ANALYTICS with {@code analysis}
     * (what is computed, in words, e.g. "Kaplan-Meier survival by resection margin") and the number
     * of cases.
     *
     * @throws RegistryException.Invalid when {@code analysis} is blank
     */
    List<AnalysisRow> analysisRows(Actor actor, String analysis);

    /**
     * Seeds an empty registry with {@code count} synthetic cases ({@code SYNTH-<seed>-<n>}, marked
     * synthetic) and returns how many were stored; a registry that holds any case is left alone (0).
     */
    int seedDemo(int count, long seed);

    // ---- users ------------------------------------------------------------------------------

    /**
     * Creates a user with a first API token. Names are 1 to 100 letters, digits, {@code . _ @ -}.
     * Needs ADMIN.
     *
     * @throws RegistryException.DuplicateUser when the name is taken
     */
    NewUser addUser(Actor actor, String name, Role role);

    /** A further API token for a user, shown once. Needs ADMIN. */
    String issueToken(Actor actor, String userName);

    /**
     * Sets a user's password (at least 12 characters), kept as a PBKDF2-HMAC-SHA256 hash with
     * 600,000 iterations. Needs ADMIN, or the user themself. A password set for someone else (by an
     * administrator, or by the first start) must be changed by its user before anything else: the
     * user's sessions then say {@link WebSession#passwordChangeRequired()} until the user sets or
     * changes their own password. Ends every web session of the user. The array is cleared afterwards.
     */
    void setPassword(Actor actor, String userName, char[] password);

    /**
     * Checks an API token, sent with every API request. A wrong token is audited as a refused LOGIN
     * from {@code origin}; a right one is not written to the log (it would add a durable write to
     * every request), but every access to patient data it allows is, under the token's user.
     */
    Authentication authenticate(String token, String origin);

    /**
     * Checks a user's password; audited like {@link #authenticate}. The array is cleared afterwards.
     * After {@link LoginPolicy#maxFailures} failed checks for a name within the policy's window,
     * every attempt for that name is {@code Rejected} for the lockout time, even with the right
     * password (see {@link LoginPolicy}); the rejection's reason says why, for the log only.
     */
    Authentication login(String userName, char[] password, String origin);

    /**
     * Changes the actor's own password after checking the current one (a wrong one counts toward
     * the lockout like a failed login), clears a required change (see {@link #setPassword}), and ends
     * every web session of the user. Both arrays are cleared afterwards.
     *
     * @throws RegistryException.AccessDenied when the current password is not accepted (wrong, or
     *                                        the name is locked out)
     * @throws RegistryException.Invalid      when the new password is too short or the same as the
     *                                        current one, or the actor is no registered user
     */
    void changePassword(Actor actor, char[] current, char[] next);

    // ---- web sessions -----------------------------------------------------------------------

    /**
     * Opens a web session for a registered user (an actor from {@link #login} or
     * {@link #authenticate}): it ends after {@code idle} without use or at {@code absolute} after
     * opening, whichever is sooner, or at {@link #endSession}. The token is in the result only.
     *
     * @throws RegistryException.Invalid when the actor is no registered user or a duration is not positive
     */
    WebSession openSession(Actor actor, Duration idle, Duration absolute);

    /**
     * The live session with this token, acting from {@code origin}, its idle expiry moved forward;
     * empty for an unknown, ended or expired token. Any server instance on the database answers
     * the same.
     */
    Optional<WebSession> session(String token, String origin);

    /** Ends a session (logout), audited as a LOGOUT; ending an ended session does nothing. */
    void endSession(WebSession session);

    // ---- CDS Hooks --------------------------------------------------------------------------

    /**
     * Records that an EHR's CDS client (see {@link Actor#cdsClient}) had a plan computed for the
     * patient {@code patientId} from the FHIR data it sent, and how many cards it received.
     */
    void recordCdsCall(Actor client, String patientId, int cards);

    /** Records a clinician's answer to CDS cards (accepted, or overridden with a reason). */
    void recordCdsFeedback(Actor client, String service, String detail);

    // ---- tumor-board meetings (issue 22) --------------------------------------------------------
    //
    // Meetings, agendas and decisions are clinical records: a CLINICIAN or an ADMIN works with them,
    // a RESEARCHER sees none of them (AccessDenied, audited) except the counts of
    // overrideStatistics. Nothing is updated or deleted: a meeting and its agenda entries are
    // written once; a decision is an append-only series of versions (DecisionVersion.Change):
    // drafts (each save a version) until the chair signs, then only corrections with a reason.
    // The chair of a meeting is a user name of the registry; the chair signs and corrects the
    // meeting's decisions, or an ADMIN does so on the chair's behalf (the version says so).
    // Content that breaks a rule of MeetingRules or DecisionRules is refused with Rejected, its
    // errors at JSON pointers of the API's request bodies; nothing is stored then.

    /**
     * Creates a meeting. The chair must be a user of the registry. Audited (MEETING_CREATE, target
     * {@code meeting:<id>}).
     *
     * @throws RegistryException.Rejected for a meeting that breaks {@link org.cavaplan.core.meeting.MeetingRules}
     *                                    or names a chair who is no user ({@code /chair})
     */
    Meeting createMeeting(Actor actor, NewMeeting meeting);

    /**
     * The meetings from {@code from} to {@code to}, both days included, by date and id. Not audited
     * (a meeting holds no patient data; its agenda does).
     *
     * @throws RegistryException.Invalid when {@code to} is before {@code from}
     */
    List<Meeting> meetings(Actor actor, LocalDate from, LocalDate to);

    /** One meeting; empty when there is none with this id. Not audited, like {@link #meetings}. */
    Optional<Meeting> meeting(Actor actor, long meetingId);

    /**
     * The meetings whose agenda holds the case {@code caseId}, by date and id (empty when none does,
     * or there is no such case): where the case was discussed before. Audited (MEETING_READ, target
     * the case id).
     */
    List<Meeting> meetingsOfCase(Actor actor, String caseId);

    /**
     * Puts a case (not retired) at the end of a meeting's agenda with the question for the board and
     * who presents it. Audited (AGENDA_ADD, target the case id).
     *
     * @throws RegistryException.Rejected        for a blank or too long question, presenter or case id
     * @throws RegistryException.UnknownMeeting  when there is no such meeting
     * @throws RegistryException.UnknownCase     when there is no such case (or it is retired)
     * @throws RegistryException.AlreadyOnAgenda when the case is on this agenda already
     */
    AgendaItem addToAgenda(Actor actor, long meetingId, String caseId, String question,
            String presenter);

    /**
     * A meeting's agenda, in order. Audited (MEETING_READ, target {@code meeting:<id>}).
     *
     * @throws RegistryException.UnknownMeeting when there is no such meeting
     */
    List<AgendaItem> agenda(Actor actor, long meetingId);

    /**
     * Saves the draft of the decision on an agenda case: a new DRAFTED version, or nothing when it
     * equals the draft in force. Returns the decision with every version. Audited (DECISION_SAVE,
     * target the case id; a refusal of a signed decision too).
     *
     * @throws RegistryException.Rejected       for a decision that breaks {@link org.cavaplan.core.meeting.DecisionRules}
     * @throws RegistryException.UnknownMeeting when there is no such meeting
     * @throws RegistryException.NotOnAgenda    when the case is not on its agenda
     * @throws RegistryException.DecisionSigned when the decision is signed (correct it instead)
     */
    DecisionRecord saveDecision(Actor actor, long meetingId, String caseId,
            Decision decision);

    /**
     * Signs the draft in force: a SIGNED version with its content, after which the decision is
     * read-only. Only the meeting's chair (the actor's user name is the chair's), or an ADMIN on the
     * chair's behalf (the version's reason says so). Audited (DECISION_SIGN).
     *
     * @throws RegistryException.AccessDenied   for anyone else (audited)
     * @throws RegistryException.UnknownMeeting when there is no such meeting
     * @throws RegistryException.NotOnAgenda    when the case is not on its agenda
     * @throws RegistryException.NoDecision     when no draft was saved
     * @throws RegistryException.DecisionSigned when it is signed already
     */
    DecisionRecord signDecision(Actor actor, long meetingId, String caseId);

    /**
     * Corrects a signed decision: a CORRECTED version with the new content and the reason (1 to
     * 1000 characters). The chair or an ADMIN, as for signing. Audited (DECISION_CORRECT).
     *
     * @throws RegistryException.Invalid           for a blank or too long reason
     * @throws RegistryException.Rejected          for a decision that breaks the rules, or one equal to
     *                                             the decision in force (it corrects nothing)
     * @throws RegistryException.AccessDenied      for anyone but the chair or an ADMIN
     * @throws RegistryException.UnknownMeeting    when there is no such meeting
     * @throws RegistryException.NotOnAgenda       when the case is not on its agenda
     * @throws RegistryException.NoDecision        when no decision was recorded
     * @throws RegistryException.DecisionNotSigned when the decision is a draft (save it instead)
     */
    DecisionRecord correctDecision(Actor actor, long meetingId, String caseId,
            Decision decision, String reason);

    /**
     * The decision on an agenda case with every version; empty when none was recorded. Audited
     * (DECISION_READ, target the case id).
     *
     * @throws RegistryException.UnknownMeeting when there is no such meeting
     * @throws RegistryException.NotOnAgenda    when the case is not on its agenda
     */
    Optional<DecisionRecord> decision(Actor actor, long meetingId, String caseId);

    /**
     * Every decision recorded at a meeting, in agenda order (cases without one left out), for the
     * minutes. Audited (DECISION_READ, target {@code meeting:<id>}).
     *
     * @throws RegistryException.UnknownMeeting when there is no such meeting
     */
    List<DecisionRecord> decisions(Actor actor, long meetingId);

    /**
     * The actions of signed decisions (the version in force) whose owner is {@code owner} (names
     * compared apart from case and surrounding blanks) and that are due on or before {@code until},
     * soonest first: for the owner's home page, {@code until} being today for the overdue and due,
     * or a later day to look ahead. Actions of drafts are not agreed yet and not listed. Audited
     * (DECISION_READ, target {@code *}).
     */
    List<ActionDue> actionsDue(Actor actor, String owner, LocalDate until);

    /**
     * Learning from overrides: per recommendation id, the verdicts of every signed decision (the
     * version in force) on a case that is not retired, the reasons of the overrides, and how often
     * what the case records as done matched the board (see {@link org.cavaplan.core.meeting.FollowThrough};
     * the recommendation's status is read from the plan of the case's latest version as of the
     * meeting date). Counts only, no case id, date or name: any role, a RESEARCHER too. Audited
     * as ANALYTICS.
     */
    OverrideStatistics overrideStatistics(Actor actor);

    // ---- audit ------------------------------------------------------------------------------

    /** Audit entries, newest first. Needs ADMIN; reading the log is itself audited. */
    List<AuditEntry> audit(Actor actor, AuditQuery query);

    /**
     * Whether the registry's database answers now: a pooled connection that passes its liveness check.
     * Takes at most a few seconds (the pool's wait) when it does not; never throws.
     */
    boolean available();

    /** Closes the connection pool. */
    @Override
    void close();
}
