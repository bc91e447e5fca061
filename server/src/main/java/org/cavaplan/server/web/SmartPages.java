package org.cavaplan.server.web;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.io.InputError;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.BasedOn;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.SaveResult;
import org.cavaplan.registry.StoredCase;
import org.cavaplan.server.Today;
import org.cavaplan.server.ehr.EhrRecord;
import org.cavaplan.server.smart.SmartApp;
import org.cavaplan.server.smart.SmartLaunch;

/**
 * CavaPlan opened from the EHR (SMART App Launch 2.0, EHR launch): {@code /smart/launch} sends the
 * browser to the EHR's authorization server, {@code /smart/callback} completes the launch and reads
 * the record, {@code /smart/plan} shows the plan of that record without a CavaPlan sign-in, and
 * {@code /smart/save} stores the record in the registry when the clinician chooses.
 *
 * <p>The launch is bound to the browser that began it (cookie {@value #STATE_COOKIE} against the
 * {@code state} the EHR returns); the session's cookie {@value #SESSION_COOKIE} is scoped to
 * {@code /smart}, so it opens nothing else, and storing needs the session's anti-forgery token.
 */
public final class SmartPages {

    /** The SMART launch URL the EHR opens (a CDS Hooks card's {@code smart} link). */
    public static final String LAUNCH = "/smart/launch";
    static final String CALLBACK = "/smart/callback";
    static final String PLAN = "/smart/plan";
    static final String SAVE = "/smart/save";
    static final String STATE_COOKIE = "cavaplan_smart_state";
    static final String SESSION_COOKIE = "cavaplan_smart";
    private static final String AGAIN = "Open CavaPlan again from the patient's chart in the EHR.";
    private static final DateTimeFormatter READ_AT = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** A hover-explained line of a message page: the text, and where it comes from (a FHIR pointer). */
    public record Item(String text, String where) {}

    /** A page that says why there is no plan, and what to do. */
    public record MessagePage(Frame frame, String message, List<Item> items, String next) {
        public MessagePage {
            items = List.copyOf(items);
        }
    }

    private final SmartApp app;
    private final org.cavaplan.io.CaseReader reader;
    private final Registry registry;
    private final Engine engine;
    private final Clock clock;

    SmartPages(SmartApp app, Registry registry, Engine engine, org.cavaplan.io.CaseReader reader, Clock clock) {
        this.app = Objects.requireNonNull(app, "app");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    void launch(Context ctx) {
        SmartLaunch.Authorization authorization;
        try {
            authorization = app.begin(ctx.queryParam("iss"), ctx.queryParam("launch"), WebPages.baseUrl(ctx) + CALLBACK);
        } catch (SmartLaunch.Refused e) {
            message(ctx, 400, "CavaPlan could not open from the EHR", "The launch was refused: " + e.getMessage() + ".", List.of());
            return;
        }
        cookie(ctx, STATE_COOKIE, authorization.state(), (int) SmartLaunch.PENDING.toSeconds());
        ctx.redirect(authorization.redirect().toString(), HttpStatus.FOUND);
    }

    void callback(Context ctx) {
        String state = ctx.queryParam("state");
        String bound = ctx.cookie(STATE_COOKIE);
        cookie(ctx, STATE_COOKIE, "", 0);
        if (state == null || bound == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                bound.getBytes(StandardCharsets.UTF_8))) {
            message(ctx, 400, "CavaPlan could not open from the EHR", "This answer from the EHR does not belong to a launch "
                    + "begun in this browser, so CavaPlan did not use it.", List.of());
            return;
        }
        SmartApp.Session session;
        try {
            session = app.complete(state, Optional.ofNullable(ctx.queryParam("code")), Optional.ofNullable(ctx.queryParam("error")),
                    Optional.ofNullable(ctx.queryParam("error_description")));
        } catch (SmartLaunch.Refused e) {
            message(ctx, 403, "CavaPlan could not open from the EHR", "The launch could not be completed: " + e.getMessage() + ".",
                    List.of());
            return;
        } catch (EhrRecord.Unreadable e) {
            message(ctx, 502, "CavaPlan could not read the record", "CavaPlan plans only from the whole record, and "
                    + e.getMessage() + ".", List.of());
            return;
        }
        cookie(ctx, SESSION_COOKIE, session.token(), -1);
        ctx.redirect(PLAN, HttpStatus.SEE_OTHER);
    }

    void plan(Context ctx) {
        Optional<SmartApp.Session> session = session(ctx);
        if (session.isEmpty()) {
            return;
        }
        show(ctx, 200, session.get(), null);
    }

    void save(Context ctx) {
        Optional<SmartApp.Session> found = session(ctx);
        if (found.isEmpty()) {
            return;
        }
        SmartApp.Session session = found.get();
        String sent = ctx.formParam(WebPages.CSRF_FIELD);
        if (sent == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8))) {
            message(ctx, 403, "Forbidden", "The form had expired or did not come from this launch, so nothing was stored.",
                    List.of());
            return;
        }
        if (!(session.record() instanceof SmartApp.Record.Planned planned)) {
            message(ctx, 409, "Nothing to store", "CavaPlan stores a record only when it can plan from it.", List.of());
            return;
        }
        Actor actor = actor(ctx, session);
        String caseId = planned.kase().caseId();
        Optional<StoredCase> stored = registry.read(actor, caseId);
        if (stored.isPresent() && sameRecord(stored.get(), planned)) {
            show(ctx, 200, session, alreadyHeld(stored.get().version().version(), caseId));
            return;
        }
        String reason = "read from the EHR " + session.issuer() + " through a SMART launch by " + session.user();
        SaveResult result = registry.save(actor, planned.caseJson(),
                stored.map(s -> BasedOn.version(s.version().version())).orElse(BasedOn.NEW_CASE), reason);
        if (result instanceof SaveResult.Rejected rejected) {
            message(ctx, 422, "The registry did not store the record", "The registry found problems with the record:",
                    rejected.errors().stream().map(e -> new Item(e.message(), e.pointer())).toList());
        } else if (result instanceof SaveResult.Unchanged unchanged) {
            show(ctx, 200, session, alreadyHeld(unchanged.latest().version(), caseId));
        } else {
            int version = result instanceof SaveResult.Created created ? created.version().version()
                    : ((SaveResult.Updated) result).version().version();
            show(ctx, 200, session, "Stored in the registry as version " + version + " of case " + caseId + ".");
        }
    }

    private static String alreadyHeld(int version, String caseId) {
        return "The registry already holds this record as read, as version " + version + " of case " + caseId + ".";
    }

    /** The clinician of a launch, as the registry records them: {@code smart:<fhirUser>@<EHR>}, a clinician. */
    private static Actor actor(Context ctx, SmartApp.Session session) {
        return Actor.smartUser(session.user(), session.issuer(), "smart " + ctx.ip());
    }

    private void show(Context ctx, int status, SmartApp.Session session, String notice) {
        if (session.record() instanceof SmartApp.Record.Planned planned) {
            LocalDate asOf = Today.of(clock);
            Plan plan = engine.plan(planned.kase(), asOf);
            Optional<StoredCase> stored = registry.read(actor(ctx, session), planned.kase().caseId());
            boolean same = stored.isPresent() && sameRecord(stored.get(), planned);
            String storedWords = stored.map(s -> "The registry holds this patient as case " + s.version().caseId()
                    + ", version " + s.version().version() + (same ? ", the same as this record." : ", which differs from this record."))
                    .orElse(null);
            PlanPage.Ehr ehr = new PlanPage.Ehr(session.patientId(), session.ehrName(), session.issuer(), session.readAt().toString(),
                    READ_AT.format(session.readAt()), userWords(session.user()), storedWords,
                    stored.map(s -> WebPages.encode(s.version().caseId())).orElse(null), notice, !same);
            WebPages.page(ctx, status, "plan.jte", PlanView.ehrPage(
                    new Frame("Plan – patient " + session.patientId(), null, session.csrfToken()), ehr, planned.kase(), plan, asOf));
        } else if (session.record() instanceof SmartApp.Record.NotForCavaPlan) {
            message(ctx, 200, session.csrfToken(), "No CavaPlan plan for this patient",
                    "CavaPlan plans care for leiomyosarcoma of the inferior vena cava. The record of patient " + session.patientId()
                            + " has no such condition: none is coded as a leiomyosarcoma (ICD-O-3, ICD-10-CM or SNOMED CT) or "
                            + "as a tumor of the inferior vena cava.", List.of(), "If the patient has this tumor, record it on "
                            + "the problem list in the EHR and open CavaPlan again.");
        } else {
            SmartApp.Record.CannotPlan cannot = (SmartApp.Record.CannotPlan) session.record();
            message(ctx, 200, session.csrfToken(), "CavaPlan cannot plan from this record",
                    "CavaPlan builds its plan only from recorded facts and does not guess. " + cannot.errors().size()
                            + (cannot.errors().size() == 1 ? " fact is" : " facts are") + " missing or unreadable in the EHR's record:",
                    cannot.errors().stream().map(SmartPages::item).toList(),
                    "Record them in the EHR and open CavaPlan again from the patient's chart.");
        }
    }

    private static Item item(InputError e) {
        return new Item(e.message(), e.pointer().isEmpty() ? "the record" : e.pointer());
    }

    /** The registry's version holds the same case as the record read (compared as cases, not as text). */
    private boolean sameRecord(StoredCase stored, SmartApp.Record.Planned planned) {
        return reader.read(stored.json()) instanceof org.cavaplan.io.ReadResult.Valid valid && valid.value().equals(planned.kase());
    }

    /**
     * The launching user in words: a {@code fhirUser} URL ({@code …/Practitioner/dr-test}) as
     * "practitioner dr-test"; anything else as the EHR gave it.
     */
    static String userWords(String user) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?:^|/)(Practitioner|PractitionerRole|Patient|RelatedPerson|Person)/([^/]+)$")
                .matcher(user);
        if (!m.find()) {
            return user;
        }
        String type = switch (m.group(1)) {
            case "PractitionerRole" -> "practitioner role";
            case "RelatedPerson" -> "related person";
            default -> m.group(1).toLowerCase(java.util.Locale.ROOT);
        };
        return type + " " + m.group(2);
    }

    /** The live session of the request, or an answer saying there is none (and empty). */
    private Optional<SmartApp.Session> session(Context ctx) {
        Optional<SmartApp.Session> session = app.session(ctx.cookie(SESSION_COOKIE));
        if (session.isEmpty()) {
            message(ctx, 401, "No record open from the EHR", "This browser has no patient record open from the EHR: a launch "
                    + "ends after " + SmartApp.IDLE.toMinutes() + " minutes without use or when CavaPlan restarts.", List.of());
        } else {
            ctx.attribute(WebPages.USER_ATTRIBUTE, session.get().user());
        }
        return session;
    }

    private static void message(Context ctx, int status, String title, String message, List<Item> items) {
        message(ctx, status, null, title, message, items, AGAIN);
    }

    private static void message(Context ctx, int status, String csrf, String title, String message, List<Item> items, String next) {
        WebPages.page(ctx, status, "smart.jte", new MessagePage(new Frame(title, null, csrf), message, items, next));
    }

    /** A cookie of the SMART pages: {@code /smart} only, HttpOnly, SameSite Lax; {@code maxAge} -1: the browser session, 0: delete. */
    private static void cookie(Context ctx, String name, String value, int maxAge) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/smart; HttpOnly; SameSite=Lax"
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "") + (WebPages.secure(ctx) ? "; Secure" : ""));
    }
}
