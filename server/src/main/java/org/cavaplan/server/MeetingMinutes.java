package org.cavaplan.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.meeting.AgendaItem;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.StoredCase;
import org.cavaplan.report.Minutes;

/**
 * The minutes of a meeting read from the registry and put into the report's input: the meeting, its
 * agenda with the decisions, and for each case the advice of the plan of its latest version as of the
 * meeting date (the words of the recommendation ids the board judged; the report module does not call
 * the knowledge base). For the API, the page and the command line. Thread-safe.
 *
 * <p>Every read goes through the registry with the actor's role and is audited there: a researcher is
 * refused ({@code AccessDenied}); an unknown meeting is {@code UnknownMeeting}, a case not on the
 * agenda {@code NotOnAgenda}. A case the actor may no longer read (retired) keeps its decision; its
 * recommendations then read as ones its plan does not make.
 */
public final class MeetingMinutes {

    /** A rendered PDF with its file name. */
    public record Document(String fileName, byte[] pdf) {
        public Document {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(pdf, "pdf");
        }
    }

    private final Registry registry;
    private final Engine engine;
    private final CaseReader reader;

    public MeetingMinutes(Registry registry, Engine engine, CaseReader reader) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** The minutes of meeting {@code meetingId}: every case of its agenda, in order. */
    public Document meeting(Actor actor, long meetingId) {
        List<AgendaItem> agenda = registry.agenda(actor, meetingId);
        Meeting meeting = registry.meeting(actor, meetingId)
                .orElseThrow(() -> new IllegalStateException("meeting " + meetingId + " has an agenda but is not there"));
        Map<String, DecisionRecord> decisions = registry.decisions(actor, meetingId).stream()
                .collect(Collectors.toMap(DecisionRecord::caseId, Function.identity()));
        List<Minutes.Item> items = new ArrayList<>();
        for (AgendaItem item : agenda) {
            Optional<DecisionRecord> decision = Optional.ofNullable(decisions.get(item.caseId()));
            items.add(new Minutes.Item(item, decision, decision.isPresent() ? advice(actor, meeting, item.caseId()) : Map.of()));
        }
        return new Document(Minutes.fileName(meeting), Minutes.meeting(meeting, items));
    }

    /** The minutes of one case of meeting {@code meetingId}'s agenda. */
    public Document agendaCase(Actor actor, long meetingId, String caseId) {
        Optional<DecisionRecord> decision = registry.decision(actor, meetingId, caseId);
        List<AgendaItem> agenda = registry.agenda(actor, meetingId);
        Meeting meeting = registry.meeting(actor, meetingId)
                .orElseThrow(() -> new IllegalStateException("meeting " + meetingId + " has an agenda but is not there"));
        AgendaItem item = agenda.stream().filter(a -> a.caseId().equals(caseId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("case " + caseId + " has a decision but is not on the agenda"));
        Minutes.Item minutes = new Minutes.Item(item, decision, decision.isPresent() ? advice(actor, meeting, caseId) : Map.of());
        return new Document(Minutes.fileName(meeting, caseId), Minutes.agendaCase(meeting, minutes));
    }

    /** The plan of the case's latest version as of the meeting date, by recommendation id, in words. */
    private Map<String, Minutes.Advice> advice(Actor actor, Meeting meeting, String caseId) {
        Optional<StoredCase> stored = registry.read(actor, caseId);
        if (stored.isEmpty() || !(reader.read(stored.get().json()) instanceof ReadResult.Valid valid)) {
            return Map.of();
        }
        return engine.plan(valid.value(), meeting.date()).recommendations().stream()
                .collect(Collectors.toMap(Recommendation::id, r -> new Minutes.Advice(r.status(), r.summary()), (a, b) -> a));
    }
}
