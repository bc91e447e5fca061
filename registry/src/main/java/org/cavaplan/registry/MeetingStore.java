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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cavaplan.core.meeting.AgendaItem;
import org.cavaplan.core.meeting.Attendee;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.DecisionVersion;
import org.cavaplan.core.meeting.Discipline;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.NewMeeting;
import org.cavaplan.io.MeetingJson;
import org.cavaplan.registry.NamedSql.Params;

/**
 * The SQL of meetings, attendees, agendas and decision versions (migration V8): append, read.
 * Stateless apart from its dialect; thread-safe. Every method works in the caller's transaction.
 */
final class MeetingStore {

    private static final Read<Long> MEETING_ID = new Read<>("meeting_id", ResultSet::getLong);
    private static final Read<LocalDate> MEETING_DATE = new Read<>("meeting_date", (rs, c) -> rs.getObject(c, LocalDate.class));
    private static final Read<String> TITLE = Read.text("title");
    private static final Read<String> CHAIR = Read.text("chair");
    private static final Read<Optional<String>> ATTENDEE_NAME = Read.optionalText("name", n -> n);
    private static final Read<Optional<Discipline>> DISCIPLINE = Read.optionalText("discipline", Discipline::valueOf);

    private static final Read<String> CASE_ID = Read.text("case_id");
    private static final Read<String> QUESTION = Read.text("question");
    private static final Read<String> PRESENTER = Read.text("presenter");
    private static final Read<Integer> POSITION = Read.integer("position");

    private static final Read<Integer> VERSION = Read.integer("version");
    private static final Read<DecisionVersion.Change> CHANGE = Read.text("change_kind", DecisionVersion.Change::valueOf);
    private static final Read<String> CONTENT = Read.text("content");
    private static final Read<Instant> RECORDED_AT = Read.instant("recorded_at");
    private static final Read<String> AUTHOR = Read.text("author");
    private static final Read<Optional<String>> REASON = Read.optionalText("reason", r -> r);

    private static final String MEETING_SELECT = "SELECT " + Read.select("m", List.of(MEETING_ID, MEETING_DATE, TITLE, CHAIR))
            + ", " + Read.select("a", List.of(ATTENDEE_NAME, DISCIPLINE))
            + " FROM board_meeting m LEFT JOIN board_attendee a ON a.meeting_id = m.meeting_id ";

    private static final NamedSql INSERT_MEETING = NamedSql.of("INSERT INTO board_meeting (meeting_date, title, chair, "
            + "created_at, created_by, origin) VALUES (:date, :title, :chair, :at, :by, :origin)");
    private static final NamedSql INSERT_ATTENDEE = NamedSql.of("INSERT INTO board_attendee (meeting_id, position, name, "
            + "discipline) VALUES (:meeting, :position, :name, :discipline)");
    private static final NamedSql MEETING = NamedSql.of(MEETING_SELECT + "WHERE m.meeting_id = :meeting ORDER BY a.position");
    private static final NamedSql MEETINGS = NamedSql.of(MEETING_SELECT
            + "WHERE m.meeting_date >= :from AND m.meeting_date <= :to ORDER BY m.meeting_date, m.meeting_id, a.position");

    /** The meetings whose agenda holds a case, by date and id. */
    private static final NamedSql MEETINGS_OF_CASE = NamedSql.of(MEETING_SELECT
            + "WHERE m.meeting_id IN (SELECT g.meeting_id FROM agenda_item g WHERE g.case_id = :case_id) "
            + "ORDER BY m.meeting_date, m.meeting_id, a.position");

    private static final String AGENDA_COLUMNS = Read.select("g", List.of(MEETING_ID, CASE_ID, QUESTION, PRESENTER, POSITION));
    private static final NamedSql AGENDA = NamedSql.of("SELECT " + AGENDA_COLUMNS
            + " FROM agenda_item g WHERE g.meeting_id = :meeting ORDER BY g.position");
    private static final NamedSql AGENDA_ITEM = NamedSql.of("SELECT " + AGENDA_COLUMNS
            + " FROM agenda_item g WHERE g.meeting_id = :meeting AND g.case_id = :case_id");
    /** The next position is taken in the statement; two writers at once meet the unique key and one retries. */
    private static final NamedSql INSERT_AGENDA_ITEM = NamedSql.of("INSERT INTO agenda_item (meeting_id, case_id, position, "
            + "question, presenter, added_at, added_by) SELECT :meeting, :case_id, COALESCE(MAX(position), 0) + 1, :question, "
            + ":presenter, :at, :by FROM agenda_item WHERE meeting_id = :meeting");

    private static final String VERSION_COLUMNS = Read.select("d", List.of(MEETING_ID, CASE_ID, VERSION, CHANGE, CONTENT,
            RECORDED_AT, AUTHOR, REASON));
    private static final NamedSql VERSIONS = NamedSql.of("SELECT " + VERSION_COLUMNS + " FROM decision_version d "
            + "WHERE d.meeting_id = :meeting AND d.case_id = :case_id ORDER BY d.version");
    private static final NamedSql MEETING_VERSIONS = NamedSql.of("SELECT " + VERSION_COLUMNS + " FROM decision_version d "
            + "JOIN agenda_item g ON g.meeting_id = d.meeting_id AND g.case_id = d.case_id "
            + "WHERE d.meeting_id = :meeting ORDER BY g.position, d.version");
    /**
     * The version in force of every signed decision (after the signature only corrections follow, so
     * a decision is signed exactly when its latest version is not a draft), with its meeting's date
     * and title, by meeting date, meeting and case.
     */
    private static final NamedSql SIGNED_IN_FORCE = NamedSql.of("SELECT " + VERSION_COLUMNS + ", "
            + Read.select("m", List.of(MEETING_DATE, TITLE)) + " FROM decision_version d "
            + "JOIN board_meeting m ON m.meeting_id = d.meeting_id "
            + "WHERE d.change_kind <> 'DRAFTED' AND NOT EXISTS (SELECT 1 FROM decision_version n "
            + "WHERE n.meeting_id = d.meeting_id AND n.case_id = d.case_id AND n.version > d.version) "
            + "ORDER BY m.meeting_date, d.meeting_id, d.case_id");

    private final NamedSql insertVersion;

    MeetingStore(Dialect dialect) {
        this.insertVersion = NamedSql.of("INSERT INTO decision_version (meeting_id, case_id, version, previous_version, "
                + "change_kind, content, recorded_at, author, author_user_id, origin, reason) VALUES (:meeting, :case_id, "
                + ":version, :previous, :change, " + dialect.jsonParameter("content") + ", :at, :by, :by_user, :origin, :reason)");
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    // ---- meetings -----------------------------------------------------------------------------

    Meeting insertMeeting(Connection c, NewMeeting meeting, Actor actor, Instant at) throws SQLException {
        Params params = new Params().set("date", meeting.date()).set("title", meeting.title().strip())
                .set("chair", meeting.chair().strip()).set("at", utc(at)).set("by", actor.name()).set("origin", actor.origin());
        long id;
        try (PreparedStatement ps = INSERT_MEETING.prepareReturning(c, params, "meeting_id")) {
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the new meeting's id was not returned");
                }
                id = keys.getLong(1);
            }
        }
        List<Attendee> attendees = new ArrayList<>();
        for (int i = 0; i < meeting.attendees().size(); i++) {
            Attendee a = new Attendee(meeting.attendees().get(i).name().strip(), meeting.attendees().get(i).discipline());
            try (PreparedStatement ps = INSERT_ATTENDEE.prepare(c, new Params().set("meeting", id).set("position", i + 1)
                    .set("name", a.name()).set("discipline", a.discipline().name()))) {
                ps.executeUpdate();
            }
            attendees.add(a);
        }
        return new Meeting(id, meeting.date(), meeting.title().strip(), meeting.chair().strip(), attendees);
    }

    Optional<Meeting> meeting(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = MEETING.prepare(c, new Params().set("meeting", id))) {
            List<Meeting> found = meetings(ps);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    /** The meetings from {@code from} to {@code to}, both included, by date and id. */
    List<Meeting> meetings(Connection c, LocalDate from, LocalDate to) throws SQLException {
        try (PreparedStatement ps = MEETINGS.prepare(c, new Params().set("from", from).set("to", to))) {
            return meetings(ps);
        }
    }

    /** The meetings whose agenda holds the case {@code caseId}, by date and id. */
    List<Meeting> meetingsOfCase(Connection c, String caseId) throws SQLException {
        try (PreparedStatement ps = MEETINGS_OF_CASE.prepare(c, new Params().set("case_id", caseId))) {
            return meetings(ps);
        }
    }

    /** Meetings from rows of {@link #MEETING_SELECT}, one row per attendee (or one without), grouped in order. */
    private static List<Meeting> meetings(PreparedStatement ps) throws SQLException {
        Map<Long, Meeting> meetings = new LinkedHashMap<>();
        Map<Long, List<Attendee>> attendees = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = MEETING_ID.from(rs);
                if (!meetings.containsKey(id)) {
                    meetings.put(id, new Meeting(id, MEETING_DATE.from(rs), TITLE.from(rs), CHAIR.from(rs), List.of()));
                    attendees.put(id, new ArrayList<>());
                }
                Optional<String> name = ATTENDEE_NAME.from(rs);
                if (name.isPresent()) {
                    attendees.get(id).add(new Attendee(name.get(), DISCIPLINE.from(rs).orElseThrow()));
                }
            }
        }
        return meetings.values().stream().map(m -> new Meeting(m.id(), m.date(), m.title(), m.chair(), attendees.get(m.id())))
                .toList();
    }

    // ---- agenda -------------------------------------------------------------------------------

    List<AgendaItem> agenda(Connection c, long meetingId) throws SQLException {
        try (PreparedStatement ps = AGENDA.prepare(c, new Params().set("meeting", meetingId))) {
            return agendaItems(ps);
        }
    }

    Optional<AgendaItem> agendaItem(Connection c, long meetingId, String caseId) throws SQLException {
        try (PreparedStatement ps = AGENDA_ITEM.prepare(c, new Params().set("meeting", meetingId).set("case_id", caseId))) {
            List<AgendaItem> items = agendaItems(ps);
            return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
        }
    }

    private static List<AgendaItem> agendaItems(PreparedStatement ps) throws SQLException {
        List<AgendaItem> items = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                items.add(new AgendaItem(MEETING_ID.from(rs), CASE_ID.from(rs), QUESTION.from(rs), PRESENTER.from(rs),
                        POSITION.from(rs)));
            }
        }
        return items;
    }

    AgendaItem insertAgendaItem(Connection c, long meetingId, String caseId, String question, String presenter, Actor actor,
            Instant at) throws SQLException {
        try (PreparedStatement ps = INSERT_AGENDA_ITEM.prepare(c, new Params().set("meeting", meetingId).set("case_id", caseId)
                .set("question", question).set("presenter", presenter).set("at", utc(at)).set("by", actor.name()))) {
            ps.executeUpdate();
        }
        return agendaItem(c, meetingId, caseId).orElseThrow(() -> new SQLException("the agenda entry just added vanished"));
    }

    // ---- decisions ----------------------------------------------------------------------------

    /** Every version of the decision on a case at a meeting, oldest first; empty when none was recorded. */
    List<DecisionVersion> versions(Connection c, long meetingId, String caseId) throws SQLException {
        try (PreparedStatement ps = VERSIONS.prepare(c, new Params().set("meeting", meetingId).set("case_id", caseId))) {
            List<DecisionVersion> versions = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    versions.add(version(rs));
                }
            }
            return versions;
        }
    }

    /** The decisions of a meeting, in agenda order; cases without a decision are left out. */
    List<DecisionRecord> decisions(Connection c, long meetingId) throws SQLException {
        Map<String, List<DecisionVersion>> byCase = new LinkedHashMap<>();
        try (PreparedStatement ps = MEETING_VERSIONS.prepare(c, new Params().set("meeting", meetingId))) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byCase.computeIfAbsent(CASE_ID.from(rs), k -> new ArrayList<>()).add(version(rs));
                }
            }
        }
        return byCase.entrySet().stream().map(e -> new DecisionRecord(meetingId, e.getKey(), e.getValue())).toList();
    }

    void insertVersion(Connection c, long meetingId, String caseId, DecisionVersion v, Actor actor) throws SQLException {
        Params params = new Params().set("meeting", meetingId).set("case_id", caseId).set("version", v.version())
                .nullable("previous", v.version() == 1 ? null : v.version() - 1, Types.INTEGER)
                .set("change", v.change().name())
                .set("content", MeetingJson.stored(v.decision()))
                .set("at", utc(v.recordedAt()))
                .set("by", v.author())
                .optional("by_user", actor.userId(), Types.BIGINT)
                .set("origin", actor.origin())
                .optional("reason", v.reason(), Types.VARCHAR);
        try (PreparedStatement ps = insertVersion.prepare(c, params)) {
            ps.executeUpdate();
        }
    }

    private static DecisionVersion version(ResultSet rs) throws SQLException {
        Decision decision = MeetingJson.readStored(CONTENT.from(rs));
        return new DecisionVersion(VERSION.from(rs), CHANGE.from(rs), decision, RECORDED_AT.from(rs), AUTHOR.from(rs),
                REASON.from(rs));
    }

    /** A signed decision in force, with its meeting's date and title. */
    record SignedDecision(long meetingId, LocalDate meetingDate, String meetingTitle, String caseId, DecisionVersion inForce) {}

    /** Every signed decision in force (see {@link #SIGNED_IN_FORCE}). */
    List<SignedDecision> signedInForce(Connection c) throws SQLException {
        List<SignedDecision> signed = new ArrayList<>();
        try (PreparedStatement ps = SIGNED_IN_FORCE.prepare(c, new Params())) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    signed.add(new SignedDecision(MEETING_ID.from(rs), MEETING_DATE.from(rs), TITLE.from(rs), CASE_ID.from(rs),
                            version(rs)));
                }
            }
        }
        return signed;
    }
}
