package org.cavaplan.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.InputError;
import org.cavaplan.io.ReadResult;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Authentication;
import org.cavaplan.registry.BasedOn;
import org.cavaplan.registry.CaseVersion;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.RegistryException;
import org.cavaplan.registry.Role;
import org.cavaplan.registry.SaveResult;
import org.cavaplan.registry.StoredCase;
import org.cavaplan.registry.WebSession;
import org.cavaplan.server.Today;
import org.cavaplan.server.CaseChecks;
import org.cavaplan.server.CaseListQuery;
import org.cavaplan.server.Problem;

/**
 * The web application's pages: every route in {@link #ROUTES} with who may open it, registered by
 * {@link #register}. A page other than {@code /login}, {@code /static/} and the SMART launch pages
 * ({@link SmartPages}, which have a session of their own) needs a live session
 * (cookie {@value #SESSION_COOKIE}, kept in the registry so that it survives a restart and serves
 * every instance on one database); without one the browser is sent to the sign-in page, and a role
 * that may not open a page gets a 403 page naming the role needed. While the user's password was
 * set by someone else (the first start, an administrator) every page but {@value #PASSWORD_PAGE} and
 * sign-out is sent there. Every POST needs the session's
 * anti-forgery token in {@value #CSRF_FIELD} and, when the browser sends an {@code Origin}, this
 * server's own. Thread-safe.
 */
public final class WebPages {


    /** Who may open a page. */
    public enum Access {
        /** Anyone, signed in or not. */
        PUBLIC(Set.of(Role.CLINICIAN, Role.RESEARCHER, Role.ADMIN), "no sign-in"),
        /** Any signed-in user. */
        SIGNED_IN(Set.of(Role.CLINICIAN, Role.RESEARCHER, Role.ADMIN), "a signed-in user of any role"),
        /** A clinician or an administrator: identified patient data. */
        CLINICAL(Set.of(Role.CLINICIAN, Role.ADMIN), "the role clinician or administrator"),
        /** An administrator. */
        ADMIN(Set.of(Role.ADMIN), "the role administrator");

        private final Set<Role> roles;
        private final String needs;

        Access(Set<Role> roles, String needs) {
            this.roles = roles;
            this.needs = needs;
        }

        public boolean allows(Role role) {
            return roles.contains(role);
        }

        /** What this access needs, in words for a 403 page. */
        public String needs() {
            return needs;
        }
    }

    /** One page route: method, path (Javalin syntax) and who may use it. */
    public record PageRoute(String method, String path, Access access) {}

    /** What a page route does, given the pages and the request's live session (null on a public page). */
    @FunctionalInterface
    private interface Action {
        void handle(WebPages pages, Context ctx, WebSession session) throws Exception;
    }

    /** A route declared with its handler. */
    private record Endpoint(PageRoute route, Action action) {}

    private static Endpoint get(String path, Access access, Action action) {
        return new Endpoint(new PageRoute("GET", path, access), action);
    }

    private static Endpoint post(String path, Access access, Action action) {
        return new Endpoint(new PageRoute("POST", path, access), action);
    }

    /** Every page route with its handler, in registration order ({@code /cases/new} before {@code /cases/{id}}). */
    private static final List<Endpoint> ENDPOINTS = List.of(
            get("/login", Access.PUBLIC, WebPages::loginPage),
            post("/login", Access.PUBLIC, WebPages::login),
            post("/logout", Access.SIGNED_IN, WebPages::logout),
            get("/account/password", Access.SIGNED_IN, WebPages::passwordPage),
            post("/account/password", Access.SIGNED_IN, WebPages::changePassword),
            get("/static/{file}", Access.PUBLIC, (pages, ctx, s) -> StaticFiles.serve(ctx, ctx.pathParam("file"))),
            get("/", Access.SIGNED_IN, WebPages::home),
            get("/cases", Access.CLINICAL, WebPages::worklist),
            get("/cases/new", Access.CLINICAL, WebPages::newCase),
            post("/cases", Access.CLINICAL, WebPages::createCase),
            get("/cases/{id}", Access.CLINICAL, WebPages::plan),
            post("/cases/{id}", Access.CLINICAL, WebPages::updateCase),
            get("/cases/{id}/edit", Access.CLINICAL, WebPages::editCase),
            get("/cases/{id}/history", Access.CLINICAL, WebPages::history),
            get("/cases/{id}/versions/{n}", Access.CLINICAL, WebPages::plan),
            get("/cases/{id}/report.pdf", Access.CLINICAL, (pages, ctx, s) -> pages.reports.send(ctx, s.actor())),
            get("/meetings/{id}/minutes.pdf", Access.CLINICAL, (pages, ctx, s) -> pages.minutes.send(ctx, s.actor())),
            get("/outcomes", Access.SIGNED_IN, (pages, ctx, s) -> page(ctx, 200, "outcomes.jte",
                    pages.outcomes.page(Frame.of("Outcomes", s), s.actor(), ctx.queryParamMap()))),
            get("/meetings", Access.CLINICAL, (pages, ctx, s) -> pages.meetings.list(ctx, s)),
            post("/meetings", Access.CLINICAL, (pages, ctx, s) -> pages.meetings.create(ctx, s)),
            get("/meetings/{id}", Access.CLINICAL, (pages, ctx, s) -> pages.meetings.meeting(ctx, s)),
            post("/meetings/{id}/agenda", Access.CLINICAL, (pages, ctx, s) -> pages.meetings.addToAgenda(ctx, s)),
            get("/meetings/{id}/cases/{caseId}", Access.CLINICAL, (pages, ctx, s) -> pages.meetings.preparation(ctx, s)),
            get("/meetings/{id}/present/{n}", Access.CLINICAL, (pages, ctx, s) -> pages.meetings.present(ctx, s)),
            get("/meetings/{id}/cases/{caseId}/decision", Access.CLINICAL, (pages, ctx, s) -> pages.meetings.decision(ctx, s)),
            post("/meetings/{id}/cases/{caseId}/decision", Access.CLINICAL,
                    (pages, ctx, s) -> pages.meetings.saveDecision(ctx, s)),
            post("/meetings/{id}/cases/{caseId}/decision/sign", Access.CLINICAL, (pages, ctx, s) -> pages.meetings.sign(ctx, s)),
            post("/meetings/{id}/cases/{caseId}/decision/corrections", Access.CLINICAL,
                    (pages, ctx, s) -> pages.meetings.correct(ctx, s)),
            get("/admin/audit", Access.ADMIN, WebPages::audit),
            get(SmartPages.LAUNCH, Access.PUBLIC, (pages, ctx, s) -> pages.smart.launch(ctx)),
            get(SmartPages.CALLBACK, Access.PUBLIC, (pages, ctx, s) -> pages.smart.callback(ctx)),
            get(SmartPages.PLAN, Access.PUBLIC, (pages, ctx, s) -> pages.smart.plan(ctx)),
            post(SmartPages.SAVE, Access.PUBLIC, (pages, ctx, s) -> pages.smart.save(ctx)));

    /** Every page route, as registered (derived from {@link #ENDPOINTS}). */
    public static final List<PageRoute> ROUTES = ENDPOINTS.stream().map(Endpoint::route).toList();

    /** The page where a user changes their own password. */
    public static final String PASSWORD_PAGE = "/account/password";

    /**
     * The only routes a signed-in user whose password was set by someone else (the first start, an
     * administrator) may use until they have changed it; every other page redirects to
     * {@link #PASSWORD_PAGE}. The sign-in page and static files need no session anyway.
     */
    static final Set<PageRoute> OPEN_BEFORE_PASSWORD_CHANGE = Set.of(
            new PageRoute("GET", PASSWORD_PAGE, Access.SIGNED_IN),
            new PageRoute("POST", PASSWORD_PAGE, Access.SIGNED_IN),
            new PageRoute("POST", "/logout", Access.SIGNED_IN));

    /** The session cookie. */
    public static final String SESSION_COOKIE = "cavaplan_session";

    /** The form field that carries the session's anti-forgery token. */
    public static final String CSRF_FIELD = "_csrf";

    /** A session ends after this long without a request… */
    public static final Duration SESSION_IDLE = Duration.ofMinutes(30);

    /** …and this long after sign-in in any case (a clinical working day). */
    public static final Duration SESSION_ABSOLUTE = Duration.ofHours(12);

    /** Added to every refused sign-in, on top of the password hash's own cost. */
    public static final Duration FAILED_LOGIN_DELAY = Duration.ofMillis(300);

    /** The request attribute holding the signed-in user's name, for the request log. */
    public static final String USER_ATTRIBUTE = "cavaplan.user";

    /** The shortest new password (the registry's own minimum). */
    public static final int MIN_PASSWORD = 12;

    static final String DEFAULT_REASON = "entered through the web form";
    static final String LOGIN_REFUSED = "The user name or password was not accepted. After repeated failures sign-in "
            + "is paused for a while: wait 15 minutes before trying again, or ask an administrator to set a new password.";

    private static final String PAGE_ATTRIBUTE = "cavaplan.page";
    private static final String SESSION_ATTRIBUTE = "cavaplan.session";
    private static final int MAX_NAME = 200;
    private static final int MAX_PASSWORD = 1000;
    private static final int MAX_REASON = 1000;

    /**
     * Sends a PDF named by the path's {@code {id}} to {@code actor} (the API's own handler): the report
     * of a case, the minutes of a meeting.
     */
    @FunctionalInterface
    public interface ReportSender {
        void send(Context ctx, Actor actor) throws Exception;
    }

    /** A page handler for a signed-in user. */
    @FunctionalInterface
    private interface PageHandler {
        void handle(Context ctx, WebSession session) throws Exception;
    }

    private final Registry registry;
    private final Engine engine;
    private final ReportSender reports;
    private final ReportSender minutes;
    private final OutcomesView outcomes;
    private final MeetingPages meetings;
    private final SmartPages smart;
    private final CaseReader reader;
    private final Clock clock;

    /**
     * {@code reader}: the server's one case reader (building one compiles the case schema);
     * {@code reports} and {@code minutes} send the PDF of a case and of a meeting.
     */
    public WebPages(Registry registry, Engine engine, CaseReader reader, ReportSender reports, ReportSender minutes,
            org.cavaplan.server.smart.SmartApp smart, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.reports = Objects.requireNonNull(reports, "reports");
        this.minutes = Objects.requireNonNull(minutes, "minutes");
        this.outcomes = new OutcomesView(registry);
        this.meetings = new MeetingPages(registry, engine, reader, clock);
        this.smart = new SmartPages(smart, registry, engine, reader, clock);
    }

    /** Registers every route of {@link #ROUTES}. */
    public void register(RoutesConfig routes) {
        for (Endpoint endpoint : ENDPOINTS) {
            PageRoute route = endpoint.route();
            routes.addHttpHandler(HandlerType.findOrCreate(route.method()), route.path(),
                    guarded(route, (ctx, session) -> endpoint.action().handle(this, ctx, session)));
        }
    }

    // ---- the guard ----------------------------------------------------------------------------

    private Handler guarded(PageRoute route, PageHandler handler) {
        return ctx -> {
            ctx.attribute(PAGE_ATTRIBUTE, Boolean.TRUE);
            boolean post = route.method().equals("POST");
            if (post && !sameOrigin(ctx)) {
                errorPage(ctx, 403, "Forbidden", "This form was sent from another site. Open the page in CavaPlan and "
                        + "send it from there.", null);
                return;
            }
            if (post && !urlEncodedUtf8(ctx.header("Content-Type"))) {
                errorPage(ctx, 415, "Unsupported Media Type", "This address takes a form sent as "
                        + "application/x-www-form-urlencoded in UTF-8, as CavaPlan's pages send it.", null);
                return;
            }
            if (post && !formReadable(ctx)) {
                errorPage(ctx, 400, "Bad Request", "The form could not be read. Open the page in CavaPlan and send "
                        + "it from there.", null);
                return;
            }
            if (route.access() == Access.PUBLIC) {
                // only the sign-in page looks at a session (to skip itself); static files cost no lookup
                boolean looks = route.path().equals("/login") && !post;
                handler.handle(ctx, looks ? session(ctx).orElse(null) : null);
                return;
            }
            Optional<WebSession> session = session(ctx);
            if (session.isEmpty()) {
                String wanted = HandlerType.GET.equals(ctx.method()) ? pathAndQuery(ctx) : "/";
                ctx.redirect("/login" + (wanted.equals("/") ? "" : "?next=" + encode(wanted)),
                        io.javalin.http.HttpStatus.SEE_OTHER);
                return;
            }
            WebSession s = session.get();
            if (s.passwordChangeRequired() && !OPEN_BEFORE_PASSWORD_CHANGE.contains(route)) {
                // a password set by someone else: nothing but changing it, or signing out (nothing is done here)
                ctx.redirect(PASSWORD_PAGE, io.javalin.http.HttpStatus.SEE_OTHER);
                return;
            }
            if (!route.access().allows(s.actor().role())) {
                errorPage(ctx, 403, "Forbidden", "This page needs " + route.access().needs() + ". You are signed in as "
                        + s.actor().name() + " with the role " + Frame.role(s.actor().role()) + ".", s);
                return;
            }
            if (post && !csrfMatches(ctx, s)) {
                errorPage(ctx, 403, "Forbidden", "The form had expired or did not come from this session, so nothing "
                        + "was saved. Go back, reload the page and send the form again.", s);
                return;
            }
            handler.handle(ctx, s);
        };
    }

    /** The live session of the request's cookie, looked up once per request. */
    private Optional<WebSession> session(Context ctx) {
        WebSession cached = ctx.attribute(SESSION_ATTRIBUTE);
        if (cached != null) {
            return Optional.of(cached);
        }
        String token = ctx.cookie(SESSION_COOKIE);
        Optional<WebSession> session = token == null ? Optional.empty() : registry.session(token, origin(ctx));
        session.ifPresent(s -> {
            ctx.attribute(SESSION_ATTRIBUTE, s);
            ctx.attribute(USER_ATTRIBUTE, s.actor().name());
        });
        return session;
    }

    private static boolean csrfMatches(Context ctx, WebSession session) {
        String sent = ctx.formParam(CSRF_FIELD);
        return sent != null && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                session.csrfToken().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A form body as the pages send it: URL-encoded, in UTF-8 when a charset is named. No type at
     * all is let through: such a body carries no form fields, so the anti-forgery check refuses it.
     */
    static boolean urlEncodedUtf8(String contentType) {
        if (contentType == null) {
            return true;
        }
        String[] parts = contentType.split(";", -1);
        if (!parts[0].strip().equalsIgnoreCase("application/x-www-form-urlencoded")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.regionMatches(true, 0, "charset=", 0, 8)
                    && !parameter.substring(8).replace("\"", "").strip().equalsIgnoreCase("utf-8")) {
                return false;
            }
        }
        return true;
    }

    /** Reads the form once (it is kept for the handler); false when it cannot be read. A body too large still throws 413. */
    private static boolean formReadable(Context ctx) {
        try {
            ctx.formParamMap();
            return true;
        } catch (io.javalin.http.HttpResponseException e) {
            throw e;
        } catch (Exception e) {
            // malformed, or the body ended early (Jetty's EofException arrives unchecked)
            return false;
        }
    }

    /** No Origin header (an old browser, a form tool), or the origin of this server. */
    static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI uri = new URI(origin.strip());
            String host = Optional.ofNullable(ctx.header("X-Forwarded-Host")).orElse(ctx.header("Host"));
            return uri.getRawAuthority() != null && host != null && uri.getRawAuthority().equalsIgnoreCase(host.strip())
                    && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /**
     * The server's own address as the client used it, directly or through a proxy that says so
     * ({@code X-Forwarded-Proto}, {@code X-Forwarded-Host}): for links, redirect URIs and the JWT audience.
     */
    public static String baseUrl(Context ctx) {
        String proto = Optional.ofNullable(ctx.header("X-Forwarded-Proto")).orElse(ctx.scheme());
        String host = Optional.ofNullable(ctx.header("X-Forwarded-Host")).orElse(ctx.host());
        return proto + "://" + host;
    }

    /** True when this request reached us over TLS, directly or through a proxy that says so. */
    static boolean secure(Context ctx) {
        return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    }

    private static void setSessionCookie(Context ctx, String token) {
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Lax"
                + (secure(ctx) ? "; Secure" : ""));
    }

    private static void clearSessionCookie(Context ctx) {
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
                + (secure(ctx) ? "; Secure" : ""));
    }

    private static String origin(Context ctx) {
        return "web " + ctx.ip();
    }

    // ---- sign-in, sign-out, password ----------------------------------------------------------

    private void loginPage(Context ctx, WebSession session) {
        String next = localPath(ctx.queryParam("next"));
        if (session != null) {
            ctx.redirect(destination(next, session.actor()), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        String notice = ctx.queryParam("signedOut") != null ? "You have signed out."
                : ctx.queryParam("changed") != null ? "Your password was changed. Sign in with the new one." : null;
        page(ctx, 200, "login.jte", new AccountViews.LoginPage(Frame.of("Sign in", null), next, "", null, notice));
    }

    private void login(Context ctx, WebSession current) throws InterruptedException {
        String name = Optional.ofNullable(ctx.formParam("username")).orElse("").strip();
        String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
        String next = localPath(ctx.formParam("next"));
        if (name.isEmpty() || password.isEmpty() || name.length() > MAX_NAME || password.length() > MAX_PASSWORD) {
            page(ctx, 422, "login.jte", new AccountViews.LoginPage(Frame.of("Sign in", null), next,
                    name.length() > MAX_NAME ? "" : name, "Enter your user name and your password.", null));
            return;
        }
        Authentication auth = registry.login(name, password.toCharArray(), origin(ctx));
        if (auth instanceof Authentication.Authenticated ok) {
            String previous = ctx.cookie(SESSION_COOKIE);
            if (previous != null) {
                registry.session(previous, origin(ctx)).ifPresent(registry::endSession);
            }
            WebSession session = registry.openSession(ok.actor(), SESSION_IDLE, SESSION_ABSOLUTE);
            setSessionCookie(ctx, session.token());
            ctx.attribute(USER_ATTRIBUTE, ok.actor().name());
            ctx.redirect(session.passwordChangeRequired() ? PASSWORD_PAGE : destination(next, ok.actor()),
                    io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        Thread.sleep(FAILED_LOGIN_DELAY.toMillis());
        page(ctx, 401, "login.jte", new AccountViews.LoginPage(Frame.of("Sign in", null), next, name, LOGIN_REFUSED, null));
    }

    private void logout(Context ctx, WebSession session) {
        registry.endSession(session);
        clearSessionCookie(ctx);
        ctx.redirect("/login?signedOut", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void passwordPage(Context ctx, WebSession session) {
        passwordForm(ctx, 200, session, null);
    }

    private void changePassword(Context ctx, WebSession session) throws InterruptedException {
        String current = Optional.ofNullable(ctx.formParam("current")).orElse("");
        String next = Optional.ofNullable(ctx.formParam("new")).orElse("");
        String again = Optional.ofNullable(ctx.formParam("repeat")).orElse("");
        String problem = current.isEmpty() ? "Enter your current password."
                : next.length() < MIN_PASSWORD ? "The new password needs at least " + MIN_PASSWORD + " characters."
                : next.length() > MAX_PASSWORD ? "The new password is too long."
                : !next.equals(again) ? "The new password and its repetition differ." : null;
        if (problem != null) {
            passwordForm(ctx, 422, session, problem);
            return;
        }
        try {
            registry.changePassword(session.actor(), current.toCharArray(), next.toCharArray());
        } catch (RegistryException.AccessDenied e) {
            Thread.sleep(FAILED_LOGIN_DELAY.toMillis());
            passwordForm(ctx, 403, session,
                    "The current password was not accepted. After repeated failures changes are paused for a while.");
            return;
        } catch (RegistryException.Invalid e) {
            // checked after the current password, so that it tells nothing to someone who does not know it
            passwordForm(ctx, 422, session, "The new password must differ from the current one.");
            return;
        }
        clearSessionCookie(ctx);
        ctx.redirect("/login?changed", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private static void passwordForm(Context ctx, int status, WebSession session, String error) {
        page(ctx, status, "password.jte", new AccountViews.PasswordPage(Frame.of("Change your password", session), error,
                session.passwordChangeRequired()));
    }

    /** A local path to go to after sign-in, or "/" for anything else (no open redirect). */
    static String localPath(String wanted) {
        if (wanted == null || wanted.isBlank() || wanted.length() > 2000 || !wanted.startsWith("/")
                || wanted.startsWith("//") || wanted.startsWith("/\\") || wanted.startsWith("/login")) {
            return "/";
        }
        for (int i = 0; i < wanted.length(); i++) {
            char c = wanted.charAt(i);
            if (c < 0x21 || c == 0x7f || c == '\\') {
                return "/";
            }
        }
        return wanted;
    }

    private static String destination(String next, Actor actor) {
        return next.equals("/") && actor.role() == Role.RESEARCHER ? "/outcomes" : next;
    }

    // ---- cases --------------------------------------------------------------------------------

    private void home(Context ctx, WebSession session) throws Exception {
        if (!Access.CLINICAL.allows(session.actor().role())) {
            ctx.redirect("/outcomes", io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        worklist(ctx, session, true);
    }

    private void worklist(Context ctx, WebSession session) {
        worklist(ctx, session, false);
    }

    /**
     * The worklist; on the home page ({@code home}) with the next meeting and the signed-in user's
     * actions due or overdue; {@code ?meeting=ID} narrows it to that meeting's agenda, in agenda order.
     */
    private void worklist(Context ctx, WebSession session, boolean home) {
        WorklistView.Board board = WorklistView.Board.NONE;
        if (home) {
            board = new WorklistView.Board(meetings.nextMeeting(session.actor()), meetings.actionsDue(session.actor()),
                    meetings.today(), Optional.empty());
        }
        String meetingParam = ctx.queryParam("meeting");
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : CaseListQuery.PARAMETERS) {
            String value = ctx.queryParam(name);
            if (value != null && !value.isBlank()) {
                params.put(name, value.strip());
            }
        }
        List<String> back = ctx.queryParams("back");
        CaseListQuery query;
        try {
            query = CaseListQuery.parse(params::get);
        } catch (Problem p) {
            page(ctx, 400, "worklist.jte", WorklistView.page(Frame.of("Worklist", session), params, back, Optional.empty(),
                    messages(p), board));
            return;
        }
        if (meetingParam != null && !meetingParam.isBlank()) {
            var agenda = meetings.agenda(session.actor(), meetingParam.strip());
            if (agenda.isEmpty()) {
                page(ctx, 400, "worklist.jte", WorklistView.page(Frame.of("Worklist", session), params, back,
                        Optional.empty(), List.of("meeting: there is no meeting " + meetingParam.strip()), board));
                return;
            }
            List<String> ids = agenda.get().getValue().stream().map(org.cavaplan.core.meeting.AgendaItem::caseId).toList();
            board = new WorklistView.Board(board.next(), board.actions(), board.today(), Optional.of(agenda.get().getKey()));
            page(ctx, 200, "worklist.jte", WorklistView.page(Frame.of("Worklist", session), params, List.of(),
                    Optional.of(WorklistView.agendaCases(registry, session.actor(), query, ids)), List.of(), board));
            return;
        }
        page(ctx, 200, "worklist.jte", WorklistView.page(Frame.of("Worklist", session), params, back,
                Optional.of(query.run(registry, session.actor())), List.of(), board));
    }

    private void plan(Context ctx, WebSession session) {
        String id = ctx.pathParam("id");
        Optional<StoredCase> stored;
        String n = ctx.pathParamMap().get("n");
        if (n == null) {
            stored = registry.read(session.actor(), id);
        } else {
            int version = versionNumber(n);
            stored = version < 1 ? Optional.empty() : registry.readVersion(session.actor(), id, version);
        }
        if (stored.isEmpty()) {
            errorPage(ctx, 404, "Not found", n == null ? "There is no case " + id + " in the registry."
                    : "There is no version " + n + " of case " + id + ".", session);
            return;
        }
        Case kase = readStored(stored.get());
        LocalDate asOf = asOf(ctx);
        Plan plan = engine.plan(kase, asOf);
        int shown = stored.get().version().version();
        Optional<PlanView.Superseded> superseded = n == null ? Optional.empty() : superseded(session, id, shown);
        Frame frame = Frame.of("Plan – " + id + (superseded.isPresent() ? ", version " + shown + " (superseded)" : ""), session);
        page(ctx, 200, "plan.jte", PlanView.page(frame, id, shown, kase, plan, asOf, superseded));
    }

    /** The versions after {@code version} when it is not the latest: the next one and the current one. */
    private Optional<PlanView.Superseded> superseded(WebSession session, String id, int version) {
        List<CaseVersion> versions = registry.history(session.actor(), id);
        if (versions.isEmpty() || versions.get(versions.size() - 1).version() <= version) {
            return Optional.empty();
        }
        CaseVersion next = versions.stream().filter(v -> v.version() == version + 1).findFirst()
                .orElse(versions.get(versions.size() - 1));
        return Optional.of(new PlanView.Superseded(next, versions.get(versions.size() - 1)));
    }

    private static int versionNumber(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Case readStored(StoredCase stored) {
        ReadResult result = reader.read(stored.json());
        if (result instanceof ReadResult.Valid valid) {
            return valid.value();
        }
        throw new IllegalStateException("a stored version of case " + stored.version().caseId() + " is not valid");
    }

    /** The plan's date: {@code ?asOf=} when it is a date, else today (plan contract v2), never the case's last date. */
    private LocalDate asOf(Context ctx) {
        String text = ctx.queryParam("asOf");
        if (text != null && !text.isBlank()) {
            try {
                return LocalDate.parse(text.strip());
            } catch (DateTimeParseException e) {
                // a page link with a broken date shows today's plan rather than an error page
            }
        }
        return Today.of(clock);
    }

    private void newCase(Context ctx, WebSession session) {
        page(ctx, 200, "form.jte", CaseFormView.page(Frame.of("New case", session), "/cases", Map.of(), List.of(), List.of(),
                false, null));
    }

    private void editCase(Context ctx, WebSession session) {
        String id = ctx.pathParam("id");
        Optional<StoredCase> stored = registry.read(session.actor(), id);
        if (stored.isEmpty()) {
            errorPage(ctx, 404, "Not found", "There is no case " + id + " in the registry.", session);
            return;
        }
        Map<String, String> values = new LinkedHashMap<>(CaseForm.values(stored.get().json()));
        values.put(CaseFormView.BASE, Integer.toString(stored.get().version().version()));
        page(ctx, 200, "form.jte", CaseFormView.page(Frame.of("Edit case " + id, session), "/cases/" + encode(id), values,
                List.of(), List.of(), true, null));
    }

    private void createCase(Context ctx, WebSession session) {
        save(ctx, session, Optional.empty());
    }

    private void updateCase(Context ctx, WebSession session) {
        String id = ctx.pathParam("id");
        if (registry.history(session.actor(), id).isEmpty()) {
            errorPage(ctx, 404, "Not found", "There is no case " + id + " in the registry.", session);
            return;
        }
        save(ctx, session, Optional.of(id));
    }

    /** Saves the posted form as a new case, or a new version of {@code id}; errors re-show the form (422). */
    private void save(Context ctx, WebSession session, Optional<String> id) {
        Map<String, List<String>> form = ctx.formParamMap();
        CaseForm.Submitted submitted = CaseForm.read(form);
        String json = submitted.json();
        String reasonText = Optional.ofNullable(ctx.formParam(CaseFormView.REASON)).orElse("").strip();
        String reason = reasonText.isEmpty() ? DEFAULT_REASON : reasonText;
        List<InputError> errors = new ArrayList<>();
        if (reason.length() > MAX_REASON) {
            errors.add(new InputError(CaseFormView.REASON, "must have at most " + MAX_REASON + " characters"));
        }
        ReadResult read = reader.read(json);
        errors.addAll(submitted.errors());
        if (read instanceof ReadResult.Invalid invalid) {
            errors.addAll(CaseChecks.besides(invalid.errors(), submitted.errors()));
        } else if (!submitted.errors().isEmpty()) {
            // a valid case with form problems ("none found" and a site ticked): nothing is stored
        } else if (id.isPresent() && !((ReadResult.Valid) read).value().caseId().equals(id.get())) {
            errors.add(new InputError("/caseId", "must stay \"" + id.get() + "\": the id of a stored case does not change"));
        } else if (id.isEmpty() && !registry.history(session.actor(), ((ReadResult.Valid) read).value().caseId()).isEmpty()) {
            errors.add(new InputError("/caseId", "is taken by a case in the registry: open that case and edit it, "
                    + "or choose another id"));
        }
        Optional<Integer> base = formBase(ctx);
        if (errors.isEmpty() && id.isPresent() && base.isEmpty()) {
            conflict(ctx, session, id.get(), base, json, reasonText);
            return;
        }
        List<InputError> warnings = List.of();
        if (errors.isEmpty()) {
            CaseChecks.Found found = CaseChecks.of(((ReadResult.Valid) read).value(), Today.of(clock));
            errors.addAll(found.errors());
            warnings = found.warnings();
        }
        if (errors.isEmpty() && (warnings.isEmpty() || CaseFormView.confirmed(form, warnings))) {
            try {
                SaveResult result = registry.save(session.actor(), json,
                        id.isPresent() ? BasedOn.version(base.get()) : BasedOn.NEW_CASE, reason);
                if (result instanceof SaveResult.Rejected rejected) {
                    errors.addAll(rejected.errors());
                } else {
                    String saved = ((ReadResult.Valid) read).value().caseId();
                    ctx.redirect("/cases/" + encode(saved), io.javalin.http.HttpStatus.SEE_OTHER);
                    return;
                }
            } catch (RegistryException.Invalid e) {
                errors.add(new InputError(CaseFormView.REASON, e.getMessage()));
            } catch (RegistryException.Conflict e) {
                if (id.isPresent()) {
                    conflict(ctx, session, id.get(), base, json, reasonText);
                    return;
                }
                errors.add(new InputError("/caseId", "is taken by a case in the registry: open that case and edit it, "
                        + "or choose another id"));
            }
        }
        Map<String, String> values = new LinkedHashMap<>(CaseForm.values(json));
        values.put(CaseFormView.REASON, reasonText);
        base.ifPresent(v -> values.put(CaseFormView.BASE, Integer.toString(v)));
        String action = id.map(i -> "/cases/" + encode(i)).orElse("/cases");
        String title = id.map(i -> "Edit case " + i).orElse("New case");
        page(ctx, 422, "form.jte", CaseFormView.page(Frame.of(title, session), action, values, errors, warnings, id.isPresent(),
                null));
    }

    // ---- optimistic concurrency ---------------------------------------------------------------

    /** The version the edit form was opened on (its hidden field), if it names one. */
    private static Optional<Integer> formBase(Context ctx) {
        String text = Optional.ofNullable(ctx.formParam(CaseFormView.BASE)).orElse("").strip();
        int n = text.length() > 9 ? 0 : versionNumber(text);
        return n >= 1 ? Optional.of(n) : Optional.empty();
    }

    /**
     * Answers a save based on a version that is no longer the latest (409): the differences between
     * the form and the latest version side by side, and the form again, holding the latest version
     * with the user's own changes and naming the latest as its base. Nothing is saved.
     */
    private void conflict(Context ctx, WebSession session, String id, Optional<Integer> base, String json, String reasonText) {
        Optional<StoredCase> latest = registry.read(session.actor(), id);
        if (latest.isEmpty()) {
            errorPage(ctx, 404, "Not found", "There is no case " + id + " in the registry.", session);
            return;
        }
        Optional<Map<String, String>> baseValues = base.flatMap(v -> registry.readVersion(session.actor(), id, v))
                .map(s -> CaseForm.values(s.json()));
        ConflictView.Merge merge = ConflictView.merge(baseValues, CaseForm.values(json), CaseForm.values(latest.get().json()));
        Map<String, String> values = new LinkedHashMap<>(merge.reapplied());
        values.put(CaseFormView.REASON, reasonText);
        values.put(CaseFormView.BASE, Integer.toString(latest.get().version().version()));
        String title = "Edit case " + id;
        page(ctx, 409, "form.jte", CaseFormView.page(Frame.of(title, session), "/cases/" + encode(id), values, List.of(),
                List.of(), true, ConflictView.section(id, base, latest.get().version(), merge)));
    }

    private void history(Context ctx, WebSession session) {
        String id = ctx.pathParam("id");
        List<CaseVersion> versions = registry.history(session.actor(), id);
        if (versions.isEmpty()) {
            errorPage(ctx, 404, "Not found", "There is no case " + id + " in the registry.", session);
            return;
        }
        int latest = versions.get(versions.size() - 1).version();
        int left = clamp(ctx.queryParam("left"), latest > 1 ? latest - 1 : 1, latest);
        int right = clamp(ctx.queryParam("right"), latest, latest);
        Optional<String> leftJson = Optional.empty();
        Optional<String> rightJson = Optional.empty();
        if (latest > 1) {
            leftJson = registry.readVersion(session.actor(), id, left).map(StoredCase::json);
            rightJson = registry.readVersion(session.actor(), id, right).map(StoredCase::json);
        }
        page(ctx, 200, "history.jte", HistoryView.page(Frame.of("History – " + id, session), id, versions, leftJson, rightJson,
                left, right));
    }

    private static int clamp(String text, int otherwise, int max) {
        if (text == null) {
            return otherwise;
        }
        int n = versionNumber(text.strip());
        return n >= 1 && n <= max ? n : otherwise;
    }

    // ---- audit --------------------------------------------------------------------------------

    private void audit(Context ctx, WebSession session) {
        AuditView.Filters filters = AuditView.Filters.of(ctx::queryParam);
        Map<String, String> errors = filters.errors();
        List<org.cavaplan.registry.AuditEntry> entries = errors.isEmpty() ? registry.audit(session.actor(), filters.query())
                : List.of();
        page(ctx, errors.isEmpty() ? 200 : 400, "audit.jte", AuditView.page(Frame.of("Audit log", session), filters, errors,
                entries));
    }

    // ---- writing ------------------------------------------------------------------------------

    /** Answers with the page template {@code template} rendered with its record {@code page}. */
    static void page(Context ctx, int status, String template, Object page) {
        ctx.status(status);
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(Pages.render(template, page));
    }

    static void errorPage(Context ctx, int status, String title, String message, WebSession session) {
        page(ctx, status, "error.jte", new ErrorPage(Frame.of(title, session), message));
    }

    /** True when the request was answered by a page route (so a failure is answered with a page too). */
    public static boolean isPage(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(PAGE_ATTRIBUTE));
    }

    /** True when a browser asks for a page (it accepts HTML) and the path is none of the API's. */
    public static boolean wantsPage(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/html") && !ctx.path().startsWith("/api/")
                && !ctx.path().equals("/health");
    }

    /**
     * Answers a failure with an error page: {@code status}, a title and a message that says what is
     * needed and nothing more (the server's own failures are described only generally).
     */
    public static void error(Context ctx, int status, String title, String message) {
        errorPage(ctx, status, title, message, isPage(ctx) ? ctx.attribute(SESSION_ATTRIBUTE) : null);
    }

    private static List<String> messages(Problem p) {
        List<String> out = new ArrayList<>();
        for (InputError e : p.errors()) {
            out.add(e.pointer().substring(1) + " " + e.message());
        }
        if (out.isEmpty()) {
            out.add(p.detail());
        }
        return out;
    }

    private static String pathAndQuery(Context ctx) {
        String query = ctx.queryString();
        return ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
