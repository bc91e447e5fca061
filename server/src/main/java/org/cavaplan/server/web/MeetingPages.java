package org.cavaplan.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.engine.Rule;
import org.cavaplan.core.meeting.ActionDue;
import org.cavaplan.core.meeting.ActionItem;
import org.cavaplan.core.meeting.AgendaItem;
import org.cavaplan.core.meeting.Attendee;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.DecisionItem;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.DecisionVersion;
import org.cavaplan.core.meeting.Discipline;
import org.cavaplan.core.meeting.Dissent;
import org.cavaplan.core.meeting.FieldError;
import org.cavaplan.core.meeting.FollowThrough;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.MeetingRules;
import org.cavaplan.core.meeting.NewMeeting;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.Diagnosis;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.plan.KeyDecision;
import org.cavaplan.core.plan.MissingData;
import org.cavaplan.core.plan.Phase;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.core.plan.Status;
import org.cavaplan.core.vocabulary.PlanWords;
import org.cavaplan.core.vocabulary.Vocabulary;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.CaseVersion;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.RegistryException;
import org.cavaplan.registry.Role;
import org.cavaplan.registry.StoredCase;
import org.cavaplan.registry.WebSession;
import org.cavaplan.io.Json;
import org.cavaplan.server.Today;

/**
 * The tumor-board pages (issue 22): the meetings, one meeting with its agenda and readiness
 * checklist, the preparation and the presentation of an agenda case, and its decision record. Every
 * plan here is made as of the meeting date ({@code asOf} = the meeting's day), from the case's latest
 * version. What is stored and who may do what is the registry's ({@link Registry}, docs/meetings.md);
 * these pages read and show it, and translate its refusals into pages naming the fields in words.
 *
 * <p>Readiness (a named assumption, documented in docs/meetings.md): a case is not ready when it
 * has no tissue diagnosis (no pre-operative histology, or a non-diagnostic one, and no resection
 * pathology), or no imaging study dated within {@value #RECENT_IMAGING_DAYS} days before the meeting
 * (the meeting day included); the count of the plan's open missing data is shown for every case.
 * Thread-safe.
 */
final class MeetingPages {

    /** A case needs an imaging study at most this many days before the meeting to be ready. */
    static final int RECENT_IMAGING_DAYS = 60;

    /** Attendee rows of the creation form. */
    static final int ATTENDEE_ROWS = 10;

    /** Actions due within this many days appear on their owner's home page beside the overdue. */
    static final int ACTIONS_AHEAD_DAYS = 7;

    /** The page's keyboard navigation and large type, served from the static folder. */
    static final String PRESENT_SCRIPT = "/static/present.js";
    static final String PRESENT_STYLESHEET = "/static/present.css";

    private static final DateTimeFormatter RECORDED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The knowledge base's recommendation ids with their phase, for naming a recommendation no plan at hand holds. */
    private static final Map<String, Phase> PHASES = phases();

    private final Registry registry;
    private final Engine engine;
    private final CaseReader reader;
    private final Clock clock;

    MeetingPages(Registry registry, Engine engine, CaseReader reader, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private static Map<String, Phase> phases() {
        Map<String, Phase> m = new LinkedHashMap<>();
        for (Rule<?> rule : CavaPlanKnowledge.create().rules()) {
            rule.info().phase().ifPresent(p -> m.put(rule.info().id(), p));
        }
        return Map.copyOf(m);
    }

    /**
     * A recommendation id in words when no plan names it: the treatment it names as the follow-through
     * reads it ("ligation of the IVC"), else its phase and the last part of the id ("IVC management:
     * patch cavoplasty"). Used by the outcomes page too.
     */
    static String recommendationWords(String id) {
        Optional<String> treatment = FollowThrough.treatments().stream().filter(t -> t.recommendationId().equals(id))
                .map(FollowThrough.Treatment::words).findFirst();
        String tail = id.substring(id.lastIndexOf('.') + 1).replace('-', ' ');
        Phase phase = PHASES.get(id);
        String words = treatment.orElse(tail);
        return phase == null ? PlanWords.capitalised(words) : phase.title() + ": " + words;
    }

    // ---- the meetings -----------------------------------------------------------------------------

    void list(Context ctx, WebSession session) {
        showList(ctx, session, 200, Map.of(), List.of());
    }

    private void showList(Context ctx, WebSession session, int status, Map<String, String> values, List<FormError> errors) {
        LocalDate today = Today.of(clock);
        List<MeetingListPage.Row> upcoming = new ArrayList<>();
        for (Meeting m : registry.meetings(session.actor(), today, today.plusYears(100))) {
            upcoming.add(row(m));
        }
        List<Meeting> earlier = registry.meetings(session.actor(), LocalDate.of(1900, 1, 1), today.minusDays(1));
        List<MeetingListPage.Row> past = new ArrayList<>();
        for (int i = earlier.size() - 1; i >= 0 && past.size() < 100; i--) {
            past.add(row(earlier.get(i)));
        }
        Map<String, String> messages = new LinkedHashMap<>();
        errors.forEach(e -> messages.merge(e.pointer(), e.message(), (a, b) -> a + "; " + b));
        List<MeetingListPage.AttendeeRow> rows = new ArrayList<>();
        for (int i = 0; i < ATTENDEE_ROWS; i++) {
            String p = "/attendees/" + i;
            rows.add(new MeetingListPage.AttendeeRow(i + 1, p + "/name", FormError.id(p + "/name"),
                    values.getOrDefault(p + "/name", ""), messages.get(p + "/name"), p + "/discipline",
                    FormError.id(p + "/discipline"), values.getOrDefault(p + "/discipline", ""),
                    messages.get(p + "/discipline")));
        }
        List<MeetingListPage.Choice> disciplines = new ArrayList<>();
        for (Discipline d : Discipline.values()) {
            disciplines.add(new MeetingListPage.Choice(d.name(), PlanWords.capitalised(d.words())));
        }
        MeetingListPage.CreateForm form = new MeetingListPage.CreateForm(values.getOrDefault("/date", today.toString()),
                messages.get("/date"), values.getOrDefault("/title", ""), messages.get("/title"),
                values.getOrDefault("/chair", session.actor().name()), messages.get("/chair"), rows,
                messages.get("/attendees"), disciplines);
        WebPages.page(ctx, status, "meetings.jte", new MeetingListPage(Frame.of("Tumor-board meetings", session), upcoming,
                past, form, errors));
    }

    private static MeetingListPage.Row row(Meeting m) {
        return new MeetingListPage.Row("/meetings/" + m.id(), m.date().toString(), m.title(), m.chair(), m.attendees().size());
    }

    void create(Context ctx, WebSession session) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.of("/date", "/title", "/chair")) {
            values.put(name, text(ctx, name));
        }
        List<FieldError> errors = new ArrayList<>();
        Optional<LocalDate> date = date(values.get("/date"));
        if (date.isEmpty()) {
            errors.add(new FieldError("/date", values.get("/date").isBlank() ? "is required: the day the board meets"
                    : "is not a date (year-month-day)"));
        }
        List<Attendee> attendees = new ArrayList<>();
        Map<String, String> toForm = new LinkedHashMap<>();
        for (int i = 0; i < ATTENDEE_ROWS; i++) {
            String p = "/attendees/" + i;
            String name = text(ctx, p + "/name");
            String discipline = text(ctx, p + "/discipline");
            values.put(p + "/name", name);
            values.put(p + "/discipline", discipline);
            if (name.isBlank() && discipline.isBlank()) {
                continue;
            }
            Optional<Discipline> d = java.util.Arrays.stream(Discipline.values()).filter(x -> x.name().equals(discipline))
                    .findFirst();
            if (d.isEmpty()) {
                errors.add(new FieldError(p + "/discipline", "is required: the discipline the attendee speaks for"));
            }
            toForm.put("/attendees/" + attendees.size(), p);
            attendees.add(new Attendee(name, d.orElse(Discipline.OTHER)));
        }
        if (errors.isEmpty()) {
            try {
                Meeting created = registry.createMeeting(session.actor(), new NewMeeting(date.get(), values.get("/title"),
                        values.get("/chair"), attendees));
                ctx.redirect("/meetings/" + created.id(), HttpStatus.SEE_OTHER);
                return;
            } catch (RegistryException.Rejected e) {
                for (FieldError f : e.errors()) {
                    errors.add(new FieldError(remap(f.pointer(), toForm), f.message()));
                }
            }
        }
        showList(ctx, session, 422, values, errors.stream().map(f -> new FormError(FormError.id(f.pointer()),
                meetingLabel(f.pointer()), f.message(), f.pointer())).toList());
    }

    private static String meetingLabel(String pointer) {
        if (pointer.startsWith("/attendees/")) {
            String[] parts = pointer.split("/");
            if (parts.length >= 4) {
                return "Attendee " + (Integer.parseInt(parts[2]) + 1) + (parts[3].equals("name") ? ": name" : ": discipline");
            }
            return "Attendees";
        }
        return switch (pointer) {
            case "/date" -> "Date";
            case "/title" -> "Title";
            case "/chair" -> "Chair";
            default -> "The meeting";
        };
    }

    private static String remap(String pointer, Map<String, String> toForm) {
        for (Map.Entry<String, String> e : toForm.entrySet()) {
            if (pointer.equals(e.getKey()) || pointer.startsWith(e.getKey() + "/")) {
                return e.getValue() + pointer.substring(e.getKey().length());
            }
        }
        return pointer;
    }

    // ---- one meeting ------------------------------------------------------------------------------

    void meeting(Context ctx, WebSession session) {
        Meeting m = meetingOf(ctx, session);
        if (m != null) {
            showMeeting(ctx, session, m, 200, Map.of(), List.of());
        }
    }

    private void showMeeting(Context ctx, WebSession session, Meeting m, int status, Map<String, String> values,
            List<FormError> errors) {
        Actor actor = session.actor();
        List<AgendaItem> agenda = registry.agenda(actor, m.id());
        Map<String, DecisionRecord> decisions = new LinkedHashMap<>();
        for (DecisionRecord d : registry.decisions(actor, m.id())) {
            decisions.put(d.caseId(), d);
        }
        List<MeetingPage.AgendaRow> rows = new ArrayList<>();
        List<MeetingPage.NotReady> notReady = new ArrayList<>();
        for (AgendaItem item : agenda) {
            String base = "/meetings/" + m.id() + "/cases/" + WebPages.encode(item.caseId());
            Optional<Case> kase = registry.read(actor, item.caseId()).map(this::readStored);
            List<String> reasons = new ArrayList<>();
            int missing = 0;
            if (kase.isEmpty()) {
                reasons.add("the case is retired: it is no longer in the registry's lists");
            } else {
                reasons.addAll(notReady(kase.get(), m.date()));
                missing = engine.plan(kase.get(), m.date()).missingData().size();
            }
            DecisionRecord d = decisions.get(item.caseId());
            rows.add(new MeetingPage.AgendaRow(item.order(), item.caseId(), base, base + "/decision",
                    "/meetings/" + m.id() + "/present/" + item.order(), item.question(), item.presenter(),
                    d == null ? "no decision yet" : d.status().words(), reasons.isEmpty(), missing));
            if (!reasons.isEmpty()) {
                notReady.add(new MeetingPage.NotReady(item.order(), item.caseId(), base, reasons));
            }
        }
        List<MeetingPage.Person> people = new ArrayList<>();
        for (Attendee a : m.attendees()) {
            people.add(new MeetingPage.Person(a.name(), PlanWords.capitalised(a.discipline().words())));
        }
        Map<String, String> messages = new LinkedHashMap<>();
        errors.forEach(e -> messages.merge(e.pointer(), e.message(), (a, b) -> a + "; " + b));
        MeetingPage.AddForm add = new MeetingPage.AddForm("/meetings/" + m.id() + "/agenda",
                values.getOrDefault("/caseId", ""), messages.get("/caseId"), values.getOrDefault("/question", ""),
                messages.get("/question"), values.getOrDefault("/presenter", ""), messages.get("/presenter"));
        WebPages.page(ctx, status, "meeting.jte", new MeetingPage(Frame.of(m.title() + ", " + m.date(), session), heading(m),
                people, rows, notReady, RECENT_IMAGING_DAYS, "/cases?meeting=" + m.id(),
                agenda.isEmpty() ? null : "/meetings/" + m.id() + "/present/1", add, errors));
    }

    /** Why a case is not ready for the board on {@code day}, in words; empty when it is ready. */
    static List<String> notReady(Case kase, LocalDate day) {
        List<String> reasons = new ArrayList<>();
        if (kase.pathology().isEmpty()) {
            if (kase.histology().isEmpty()) {
                reasons.add("no histology: the tissue diagnosis is not recorded");
            } else if (kase.histology().get().diagnosis() == Diagnosis.NON_DIAGNOSTIC) {
                reasons.add("the biopsy was non-diagnostic: no tissue diagnosis yet");
            }
        }
        LocalDate from = day.minusDays(RECENT_IMAGING_DAYS);
        Optional<LocalDate> latest = kase.imaging().stream().map(ImagingStudy::date).filter(d -> !d.isAfter(day))
                .max(LocalDate::compareTo);
        if (latest.isEmpty() || latest.get().isBefore(from)) {
            reasons.add("no imaging within " + RECENT_IMAGING_DAYS + " days before the meeting"
                    + latest.map(d -> " (latest study " + d + ")").orElse(""));
        }
        return reasons;
    }

    void addToAgenda(Context ctx, WebSession session) {
        Meeting m = meetingOf(ctx, session);
        if (m == null) {
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.of("/caseId", "/question", "/presenter")) {
            values.put(name, text(ctx, name));
        }
        List<FieldError> errors = new ArrayList<>();
        try {
            registry.addToAgenda(session.actor(), m.id(), values.get("/caseId"), values.get("/question"),
                    values.get("/presenter"));
            ctx.redirect("/meetings/" + m.id() + "#agenda", HttpStatus.SEE_OTHER);
            return;
        } catch (RegistryException.Rejected e) {
            errors.addAll(e.errors());
        } catch (RegistryException.UnknownCase e) {
            errors.add(new FieldError("/caseId", "names no case in the registry (or a retired one)"));
        } catch (RegistryException.AlreadyOnAgenda e) {
            errors.add(new FieldError("/caseId", "is on this agenda already"));
        }
        showMeeting(ctx, session, m, 422, values, errors.stream().map(f -> new FormError(FormError.id(f.pointer()),
                switch (f.pointer()) {
                    case "/caseId" -> "Case id";
                    case "/question" -> "Question for the board";
                    case "/presenter" -> "Presented by";
                    default -> "The agenda entry";
                }, f.message(), f.pointer())).toList());
    }

    // ---- preparation ------------------------------------------------------------------------------

    /** An agenda case with everything its pages need: the meeting, the entry, the agenda, the case and its plan. */
    private record Agenda(Meeting meeting, AgendaItem item, List<AgendaItem> all, StoredCase stored, Case kase, Plan plan) {}

    private Agenda agendaCase(Context ctx, WebSession session, Meeting m, String caseId) {
        List<AgendaItem> agenda = registry.agenda(session.actor(), m.id());
        Optional<AgendaItem> item = agenda.stream().filter(i -> i.caseId().equals(caseId)).findFirst();
        if (item.isEmpty()) {
            WebPages.errorPage(ctx, 404, "Not found", "Case " + caseId + " is not on the agenda of this meeting.", session);
            return null;
        }
        return withCase(ctx, session, m, item.get(), agenda);
    }

    private Agenda withCase(Context ctx, WebSession session, Meeting m, AgendaItem item, List<AgendaItem> agenda) {
        Optional<StoredCase> stored = registry.read(session.actor(), item.caseId());
        if (stored.isEmpty()) {
            WebPages.errorPage(ctx, 404, "Not found", "Case " + item.caseId() + " is no longer in the registry.", session);
            return null;
        }
        Case kase = readStored(stored.get());
        return new Agenda(m, item, agenda, stored.get(), kase, engine.plan(kase, m.date()));
    }

    void preparation(Context ctx, WebSession session) {
        Meeting m = meetingOf(ctx, session);
        Agenda a = m == null ? null : agendaCase(ctx, session, m, ctx.pathParam("caseId"));
        if (a == null) {
            return;
        }
        String casePath = WebPages.encode(a.item().caseId());
        String planHref = "/cases/" + casePath + "?asOf=" + m.date();
        String base = "/meetings/" + m.id() + "/cases/" + casePath;
        PlanPage plan = planPage(session, a);
        List<PreparationPage.Missing> missing = new ArrayList<>();
        for (MissingData d : a.plan().missingData()) {
            List<String> affects = new ArrayList<>();
            for (String id : d.affects()) {
                a.plan().recommendation(id).ifPresent(r -> affects.add(r.summary()));
            }
            missing.add(new PreparationPage.Missing(d.pointer(), PlanWords.field(d.pointer()), d.reason(), affects));
        }
        PreparationPage.Item item = new PreparationPage.Item(a.item().order(), a.all().size(), a.item().caseId(),
                a.stored().version().version(), a.item().question(), a.item().presenter(), m.date().toString(),
                base + "/decision", "/meetings/" + m.id() + "/present/" + a.item().order());
        WebPages.page(ctx, 200, "preparation.jte", new PreparationPage(Frame.of("Preparation – " + a.item().caseId(), session),
                heading(m), item, planHref, plan.redFlags(), keyDecisions(a.plan(), planHref), changes(session, a), missing));
    }

    private PlanPage planPage(WebSession session, Agenda a) {
        return PlanView.page(Frame.of("", session), a.item().caseId(), a.stored().version().version(), a.kase(), a.plan(),
                a.meeting().date(), Optional.empty());
    }

    private static List<PreparationPage.KeyDecision> keyDecisions(Plan plan, String planHref) {
        List<PreparationPage.KeyDecision> out = new ArrayList<>();
        for (KeyDecision k : plan.keyDecisions()) {
            Optional<Recommendation> r = plan.recommendation(k.id());
            out.add(new PreparationPage.KeyDecision(k.id(), PlanView.badge(k.status()), r.map(x -> x.phase().title())
                    .orElse(null), k.summary(), r.map(x -> planHref + "#" + PlanView.recAnchor(x.id())).orElse(null)));
        }
        return out;
    }

    /**
     * What changed since the case was last discussed: the latest earlier meeting whose agenda held it
     * (an earlier day, or the same day and an earlier meeting), the case version current at the end of
     * that day (UTC; version 1 when none was recorded yet), against the latest version.
     */
    private PreparationPage.Changes changes(WebSession session, Agenda a) {
        Meeting m = a.meeting();
        Meeting earlier = null;
        for (Meeting other : registry.meetingsOfCase(session.actor(), a.item().caseId())) {
            if (other.date().isBefore(m.date()) || other.date().equals(m.date()) && other.id() < m.id()) {
                earlier = other;
            }
        }
        int now = a.stored().version().version();
        if (earlier == null) {
            return new PreparationPage.Changes(true, null, null, null, 0, now, List.of());
        }
        java.time.Instant end = earlier.date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        int then = 1;
        for (CaseVersion v : registry.history(session.actor(), a.item().caseId())) {
            if (v.recordedAt().isBefore(end)) {
                then = v.version();
            }
        }
        List<PreparationPage.Change> lines = new ArrayList<>();
        if (then != now) {
            Optional<StoredCase> old = registry.readVersion(session.actor(), a.item().caseId(), then);
            if (old.isPresent()) {
                try {
                    JsonNode before = Json.mapper().readTree(old.get().json());
                    JsonNode after = Json.mapper().readTree(a.stored().json());
                    for (CaseDiff.Line line : CaseDiff.diff(before, after)) {
                        lines.add(new PreparationPage.Change(line.pointer(), line.sentence()));
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("a stored version of case " + a.item().caseId() + " is not JSON", e);
                }
            }
        }
        return new PreparationPage.Changes(false, earlier.title(), earlier.date().toString(), "/meetings/" + earlier.id(),
                then, now, lines);
    }

    // ---- presentation -----------------------------------------------------------------------------

    void present(Context ctx, WebSession session) {
        Meeting m = meetingOf(ctx, session);
        if (m == null) {
            return;
        }
        List<AgendaItem> agenda = registry.agenda(session.actor(), m.id());
        int n = number(ctx.pathParam("n"));
        if (n < 1 || n > agenda.size()) {
            WebPages.errorPage(ctx, 404, "Not found", agenda.isEmpty() ? "The agenda of this meeting holds no case yet."
                    : "The agenda of this meeting holds cases 1 to " + agenda.size() + ".", session);
            return;
        }
        Agenda a = withCase(ctx, session, m, agenda.get(n - 1), agenda);
        if (a == null) {
            return;
        }
        String planHref = "/cases/" + WebPages.encode(a.item().caseId()) + "?asOf=" + m.date();
        PlanPage plan = planPage(session, a);
        String base = "/meetings/" + m.id() + "/present/";
        WebPages.page(ctx, 200, "present.jte", new PresentationPage(Frame.of("Presentation – " + a.item().caseId(), session),
                PRESENT_SCRIPT, PRESENT_STYLESHEET, heading(m), n, agenda.size(), a.item().caseId(), a.item().question(),
                a.item().presenter(), m.date().toString(), plan.redFlags(), keyDecisions(a.plan(), planHref),
                a.plan().sections().ivc().map(IvcTreeDrawing::of).orElse(null),
                SizeChartDrawing.of(a.kase(), a.plan().sections(), m.date()), timeline(a.kase(), m.date()),
                n > 1 ? base + (n - 1) : null, n < agenda.size() ? base + (n + 1) : null));
    }

    /** The case's dated events up to {@code day}, oldest first, in words. */
    static List<PresentationPage.Event> timeline(Case kase, LocalDate day) {
        List<PresentationPage.Event> events = new ArrayList<>();
        for (ImagingStudy s : kase.imaging()) {
            events.add(new PresentationPage.Event(s.date().toString(), "imaging", "Imaging: " + Vocabulary.enumWords(s.modality())
                    + s.longestDiameterCm().map(d -> ", longest diameter " + PlanView.value(d) + " cm").orElse("")
                    + s.distantMetastases().filter(x -> !x.isEmpty()).map(x -> ", distant metastases").orElse("")));
        }
        kase.neoadjuvant().ifPresent(n -> {
            n.radiotherapy().flatMap(r -> r.endDate().map(d -> new PresentationPage.Event(d.toString(), "therapy",
                    "Radiotherapy before the operation ended, " + PlanView.value(r.totalDoseGy()) + " Gy"))).ifPresent(events::add);
            n.chemotherapy().flatMap(c -> c.endDate().map(d -> new PresentationPage.Event(d.toString(), "therapy",
                    "Chemotherapy before the operation ended (" + c.regimen() + ")"))).ifPresent(events::add);
        });
        kase.operation().ifPresent(o -> events.add(new PresentationPage.Event(o.date().toString(), "operation", "Operation"
                + o.ivcManagement().map(i -> ", IVC: " + Vocabulary.enumWords(i)).orElse("")
                + kase.pathology().map(p -> ", margin " + p.margin().name()).orElse(""))));
        for (FollowUp f : kase.followUp()) {
            events.add(new PresentationPage.Event(f.date().toString(), f.recordsRecurrence() ? "recurrence" : "follow-up",
                    f.recordsRecurrence() ? "Follow-up visit: recurrence recorded" : "Follow-up visit: no recurrence recorded"));
        }
        kase.outcome().ifPresent(o -> events.add(new PresentationPage.Event(o.lastContactDate().toString(), "outcome",
                "Last contact: " + Vocabulary.enumWords(o.vitalStatus()))));
        return events.stream().filter(e -> !LocalDate.parse(e.date()).isAfter(day))
                .sorted(java.util.Comparator.comparing(PresentationPage.Event::date)).toList();
    }

    // ---- the decision -----------------------------------------------------------------------------

    void decision(Context ctx, WebSession session) {
        Meeting m = meetingOf(ctx, session);
        Agenda a = m == null ? null : agendaCase(ctx, session, m, ctx.pathParam("caseId"));
        if (a == null) {
            return;
        }
        Optional<DecisionRecord> record = registry.decision(session.actor(), m.id(), a.item().caseId());
        DecisionForm.Values values = record.map(r -> DecisionForm.values(r.decision()))
                .orElseGet(() -> DecisionForm.fresh(a.plan().keyDecisions().stream().map(KeyDecision::id).toList(), m));
        showDecision(ctx, session, a, record, 200, values, List.of());
    }

    void saveDecision(Context ctx, WebSession session) {
        write(ctx, session, false);
    }

    void correct(Context ctx, WebSession session) {
        write(ctx, session, true);
    }

    private void write(Context ctx, WebSession session, boolean correction) {
        Meeting m = meetingOf(ctx, session);
        Agenda a = m == null ? null : agendaCase(ctx, session, m, ctx.pathParam("caseId"));
        if (a == null) {
            return;
        }
        String caseId = a.item().caseId();
        DecisionForm.Values values = DecisionForm.values(ctx.formParamMap());
        DecisionForm.Read read = DecisionForm.read(values);
        List<FieldError> errors = new ArrayList<>(read.errors());
        String reason = values.get(DecisionForm.REASON).strip();
        if (correction && reason.isEmpty()) {
            errors.add(new FieldError(DecisionForm.REASON, "is required: why the signed decision is corrected"));
        }
        if (errors.isEmpty()) {
            try {
                if (correction) {
                    registry.correctDecision(session.actor(), m.id(), caseId, read.decision(), reason);
                } else {
                    registry.saveDecision(session.actor(), m.id(), caseId, read.decision());
                }
                ctx.redirect("/meetings/" + m.id() + "/cases/" + WebPages.encode(caseId) + "/decision",
                        HttpStatus.SEE_OTHER);
                return;
            } catch (RegistryException.Rejected e) {
                for (FieldError f : e.errors()) {
                    String pointer = read.formPointer(f.pointer());
                    errors.add(new FieldError(pointer.isEmpty() ? "/agreedPlan" : pointer, f.message()));
                }
            } catch (RegistryException.Invalid e) {
                errors.add(new FieldError(DecisionForm.REASON, e.getMessage()));
            } catch (RegistryException.DecisionSigned e) {
                errors.add(new FieldError("", "was signed meanwhile: it can only be corrected, with a reason"));
            } catch (RegistryException.DecisionNotSigned | RegistryException.NoDecision e) {
                errors.add(new FieldError("", "is not signed yet: save the draft instead of correcting it"));
            } catch (RegistryException.AccessDenied e) {
                WebPages.errorPage(ctx, 403, "Forbidden", "Only the chair of the meeting (" + m.chair()
                        + ") or an administrator corrects a signed decision.", session);
                return;
            }
        }
        Optional<DecisionRecord> record = registry.decision(session.actor(), m.id(), caseId);
        showDecision(ctx, session, a, record, 422, values, errors);
    }

    void sign(Context ctx, WebSession session) {
        Meeting m = meetingOf(ctx, session);
        Agenda a = m == null ? null : agendaCase(ctx, session, m, ctx.pathParam("caseId"));
        if (a == null) {
            return;
        }
        String caseId = a.item().caseId();
        String message = null;
        int status = 409;
        try {
            registry.signDecision(session.actor(), m.id(), caseId);
            ctx.redirect("/meetings/" + m.id() + "/cases/" + WebPages.encode(caseId) + "/decision", HttpStatus.SEE_OTHER);
            return;
        } catch (RegistryException.AccessDenied e) {
            message = "Only the chair of the meeting (" + m.chair() + ") signs its decisions, or an administrator on the "
                    + "chair's behalf.";
            status = 403;
        } catch (RegistryException.NoDecision e) {
            message = "There is no draft to sign yet: record the decision first.";
        } catch (RegistryException.DecisionSigned e) {
            message = "The decision is signed already; a change is a correction with a reason.";
        }
        WebPages.errorPage(ctx, status, status == 403 ? "Forbidden" : "Conflict", message, session);
    }

    private void showDecision(Context ctx, WebSession session, Agenda a, Optional<DecisionRecord> record, int status,
            DecisionForm.Values values, List<FieldError> errors) {
        Meeting m = a.meeting();
        Actor actor = session.actor();
        String caseId = a.item().caseId();
        String casePath = WebPages.encode(caseId);
        String base = "/meetings/" + m.id() + "/cases/" + casePath + "/decision";
        boolean signed = record.map(DecisionRecord::signed).orElse(false);
        boolean mayCorrect = MeetingRules.sameName(m.chair(), actor.name()) || actor.role() == Role.ADMIN;

        // the rows of verdicts: the form's (as sent or as recorded), then key decisions not among them
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < values.rows("items"); i++) {
            ids.add(values.get("/items/" + i + "/recommendationId").strip());
        }
        Function<String, String> words = id -> a.plan().recommendation(id).map(Recommendation::summary)
                .orElseGet(() -> recommendationWords(id));
        Function<Integer, String> byIndex = i -> i < ids.size() ? words.apply(ids.get(i)) : "a recommendation";

        Map<String, String> messages = new LinkedHashMap<>();
        List<FormError> shownErrors = new ArrayList<>();
        for (FieldError f : errors) {
            String pointer = f.pointer().isEmpty() ? "/agreedPlan" : f.pointer();
            messages.merge(pointer, f.message(), (x, y) -> x + "; " + y);
            shownErrors.add(new FormError(FormError.id(pointer), f.pointer().isEmpty() ? "The decision"
                    : DecisionForm.label(pointer, byIndex), f.message(), f.pointer()));
        }

        DecisionPage.Form form = null;
        String formNote = null;
        if (!signed || mayCorrect) {
            List<DecisionPage.ItemField> items = new ArrayList<>();
            List<String> rowIds = new ArrayList<>(ids);
            for (KeyDecision k : a.plan().keyDecisions()) {
                if (!rowIds.contains(k.id())) {
                    rowIds.add(k.id());
                }
            }
            for (int i = 0; i < rowIds.size(); i++) {
                String p = "/items/" + i;
                String id = rowIds.get(i);
                String verdict = i < ids.size() ? values.get(p + "/verdict") : "";
                items.add(new DecisionPage.ItemField(i, p, id, words.apply(id), advised(a.plan(), id), verdict,
                        messages.get(p + "/verdict"), i < ids.size() ? values.get(p + "/reason") : "", messages.get(p + "/reason"),
                        i < ids.size() ? values.get(p + "/note") : "", messages.get(p + "/note")));
            }
            List<DecisionPage.PresentBox> present = new ArrayList<>();
            List<String> names = DecisionForm.names(m);
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                String discipline = m.attendee(name).map(x -> PlanWords.capitalised(x.discipline().words())).orElse("Chair");
                present.add(new DecisionPage.PresentBox("f-present-" + i, name, discipline,
                        values.present().stream().anyMatch(p -> MeetingRules.sameName(p, name))));
            }
            List<DecisionPage.DissentRow> dissent = new ArrayList<>();
            int dissentRows = Math.max(values.rows("dissent"), 0) + DecisionForm.BLANK_DISSENT_ROWS;
            for (int i = 0; i < dissentRows; i++) {
                String p = "/dissent/" + i;
                dissent.add(new DecisionPage.DissentRow(i + 1, p, values.get(p + "/name"), messages.get(p + "/name"),
                        values.get(p + "/note"), messages.get(p + "/note")));
            }
            List<DecisionPage.ActionRow> actions = new ArrayList<>();
            int actionRows = values.rows("actions") + DecisionForm.BLANK_ACTION_ROWS;
            for (int i = 0; i < actionRows; i++) {
                String p = "/actions/" + i;
                actions.add(new DecisionPage.ActionRow(i + 1, p, values.get(p + "/text"), messages.get(p + "/text"),
                        values.get(p + "/owner"), messages.get(p + "/owner"), values.get(p + "/due"), messages.get(p + "/due")));
            }
            form = new DecisionPage.Form(signed ? base + "/corrections" : base, signed,
                    signed ? "Record the correction" : "Save the draft", values.get("/agreedPlan"), messages.get("/agreedPlan"),
                    items, present, messages.get("/present"), dissent, actions, values.get("/nextReview"),
                    messages.get("/nextReview"), values.get(DecisionForm.REASON), messages.get(DecisionForm.REASON),
                    DecisionForm.reasons());
        } else {
            formNote = "The decision is signed. Only the chair of the meeting (" + m.chair()
                    + ") or an administrator can correct it, with a reason.";
        }
        DecisionPage.Sign sign = record.isPresent() && !signed
                ? new DecisionPage.Sign(base + "/sign", m.chair(), mayCorrect) : null;

        DecisionPage.Shown shown = record.map(r -> shown(r, words, m)).orElse(null);
        List<DecisionPage.VersionRow> versions = new ArrayList<>();
        record.ifPresent(r -> {
            for (DecisionVersion v : r.versions()) {
                versions.add(new DecisionPage.VersionRow(v.version(), PlanWords.capitalised(v.change().words()),
                        RECORDED.format(v.recordedAt()), v.author(), v.reason().orElse(null)));
            }
        });
        List<DecisionPage.FollowRow> follow = new ArrayList<>();
        record.ifPresent(r -> {
            for (DecisionItem item : r.decision().items()) {
                follow.add(followRow(item, a, words));
            }
        });
        LocalDate today = Today.of(clock);
        Plan current = engine.plan(a.kase(), today);
        List<PlanPage.ConcordanceCard> concordance = PlanView.page(Frame.of("", session), caseId,
                a.stored().version().version(), a.kase(), current, today, Optional.empty()).concordance();
        String statusWords = record.map(r -> r.status().words()).orElse("no decision recorded yet");
        WebPages.page(ctx, status, "decision.jte", new DecisionPage(Frame.of("Decision – " + caseId, session), heading(m),
                caseId, "/cases/" + casePath, a.item().question(), statusWords, signed, shown, form, sign, formNote, versions,
                follow, concordance, shownErrors));
    }

    private static String advised(Plan plan, String id) {
        return plan.recommendation(id).map(r -> PlanWords.status(r.status())).orElse("not in the plan as of the meeting");
    }

    private static DecisionPage.Shown shown(DecisionRecord r, Function<String, String> words, Meeting m) {
        Decision d = r.decision();
        List<DecisionPage.ShownItem> items = new ArrayList<>();
        for (DecisionItem i : d.items()) {
            items.add(new DecisionPage.ShownItem(i.recommendationId(), words.apply(i.recommendationId()),
                    PlanWords.capitalised(i.verdict().words()), i.verdict().name().toLowerCase(Locale.ROOT),
                    i.reason().map(x -> PlanWords.capitalised(x.words())).orElse(null), i.note().orElse(null)));
        }
        List<DecisionPage.ShownDissent> dissent = new ArrayList<>();
        for (Dissent x : d.dissent()) {
            dissent.add(new DecisionPage.ShownDissent(x.name(), x.note()));
        }
        List<DecisionPage.ShownAction> actions = new ArrayList<>();
        for (ActionItem x : d.actions()) {
            actions.add(new DecisionPage.ShownAction(x.text(), x.owner(), x.due().toString()));
        }
        String signedBy = r.signature().map(v -> v.author() + ", " + RECORDED.format(v.recordedAt())
                + v.reason().map(x -> " (" + x + ")").orElse("")).orElse(null);
        return new DecisionPage.Shown(d.agreedPlan(), items, d.present(), dissent, actions,
                d.nextReview().map(LocalDate::toString).orElse(null), signedBy);
    }

    /** What was done against what the board decided, for one verdict. */
    private static DecisionPage.FollowRow followRow(DecisionItem item, Agenda a, Function<String, String> words) {
        String id = item.recommendationId();
        Optional<Status> status = a.plan().recommendation(id).map(Recommendation::status);
        Optional<FollowThrough.Treatment> treatment = FollowThrough.treatments().stream()
                .filter(t -> t.recommendationId().equals(id)).findFirst();
        String done;
        if (treatment.isEmpty()) {
            done = "not followed by CavaPlan";
        } else {
            Optional<Boolean> given = treatment.get().done().apply(a.kase());
            done = given.map(g -> PlanWords.capitalised(treatment.get().words()) + (g ? ": given" : ": not given"))
                    .orElse("Not recorded yet");
        }
        Optional<Boolean> matched = FollowThrough.matched(id, status, item.verdict(), a.kase());
        String decided = PlanWords.capitalised(item.verdict().words()) + item.reason().map(r -> " (" + r.words() + ")").orElse("");
        return new DecisionPage.FollowRow(id, words.apply(id), advised(a.plan(), id), decided, done,
                matched.map(x -> x ? "Matches the board" : "Differs from the board").orElse("Cannot be told yet"),
                matched.map(x -> x ? "matched" : "differs").orElse("unknown"));
    }

    // ---- the home page ----------------------------------------------------------------------------

    /** The next meeting from today on, if any. */
    Optional<Meeting> nextMeeting(Actor actor) {
        LocalDate today = Today.of(clock);
        List<Meeting> upcoming = registry.meetings(actor, today, today.plusYears(100));
        return upcoming.isEmpty() ? Optional.empty() : Optional.of(upcoming.get(0));
    }

    /** The actions of signed decisions the user owns that are overdue or due within {@value #ACTIONS_AHEAD_DAYS} days. */
    List<ActionDue> actionsDue(Actor actor) {
        return registry.actionsDue(actor, actor.name(), Today.of(clock).plusDays(ACTIONS_AHEAD_DAYS));
    }

    LocalDate today() {
        return Today.of(clock);
    }

    /** The agenda of meeting {@code id} for the worklist's filter; empty when there is no such meeting. */
    Optional<Map.Entry<Meeting, List<AgendaItem>>> agenda(Actor actor, String id) {
        long n = meetingNumber(id);
        Optional<Meeting> m = n < 1 ? Optional.empty() : registry.meeting(actor, n);
        return m.map(x -> Map.entry(x, registry.agenda(actor, x.id())));
    }

    // ---- small helpers ----------------------------------------------------------------------------

    static MeetingPage.Heading heading(Meeting m) {
        return new MeetingPage.Heading(m.id(), "/meetings/" + m.id(), m.date().toString(), m.title(), m.chair());
    }

    /** The meeting of the path's {@code {id}}, or null after a 404 page. */
    private Meeting meetingOf(Context ctx, WebSession session) {
        String id = ctx.pathParam("id");
        long n = meetingNumber(id);
        Optional<Meeting> m = n < 1 ? Optional.empty() : registry.meeting(session.actor(), n);
        if (m.isEmpty()) {
            WebPages.errorPage(ctx, 404, "Not found", "There is no meeting " + id + ".", session);
            return null;
        }
        return m.get();
    }

    static long meetingNumber(String text) {
        if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Long.parseLong(text);
    }

    private static int number(String text) {
        long n = meetingNumber(text);
        return n > Integer.MAX_VALUE ? 0 : (int) n;
    }

    private static String text(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v == null ? "" : v.strip();
    }

    private static Optional<LocalDate> date(String text) {
        if (text == null || text.isBlank() || text.length() > 10) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private Case readStored(StoredCase stored) {
        ReadResult result = reader.read(stored.json());
        if (result instanceof ReadResult.Valid valid) {
            return valid.value();
        }
        throw new IllegalStateException("a stored version of case " + stored.version().caseId() + " is not valid");
    }
}
