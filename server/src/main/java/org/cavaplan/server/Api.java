package org.cavaplan.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.meeting.AgendaItem;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.DecisionRecord;
import org.cavaplan.core.meeting.Meeting;
import org.cavaplan.core.meeting.NewMeeting;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.core.plan.Recommendation;
import org.cavaplan.fhir.BundleReader;
import org.cavaplan.fhir.DecisionFhir;
import org.cavaplan.fhir.Fhir;
import org.cavaplan.fhir.PlanFhir;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.InputError;
import org.cavaplan.io.MeetingJson;
import org.cavaplan.io.PlanJson;
import org.cavaplan.io.ReadResult;
import org.cavaplan.registry.AnalysisRow;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Authentication;
import org.cavaplan.registry.BasedOn;
import org.cavaplan.registry.CaseVersion;
import org.cavaplan.registry.ExportFormat;
import org.cavaplan.registry.ExportRequest;
import org.cavaplan.registry.PseudonymKey;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.RegistryException;
import org.cavaplan.registry.SaveResult;
import org.cavaplan.registry.StoredCase;
import org.cavaplan.report.Minutes;
import org.cavaplan.report.Report;
import org.cavaplan.survival.Survival;

/** The handlers: each reads the request, calls the domain, writes JSON; failures are thrown. */
final class Api {

    static final String JSON = "application/json";
    private static final String DEFAULT_REASON = "entered through the API";

    private final Registry registry;
    private final Engine engine;
    private final Clock clock;
    private final long maxBodyBytes;
    /** One reader for every request: building one compiles the case schema. Thread-safe. */
    static final CaseReader READER = CaseReader.create();
    /** The media type of FHIR R4 JSON. */
    static final String FHIR_JSON = "application/fhir+json";
    /**
     * One reader of FHIR Bundles for every request (it builds HAPI's R4 model and compiles the case
     * schema, most of a second): built on the first Bundle posted, not while the server starts.
     * Thread-safe.
     */
    private static final class Bundles {
        static final BundleReader READER = BundleReader.create();
    }
    private final String openApi;
    private final MeetingMinutes minutes;

    Api(Registry registry, Engine engine, Clock clock, long maxBodyBytes) {
        this.registry = registry;
        this.engine = engine;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
        this.openApi = resource("openapi.json");
        this.minutes = new MeetingMinutes(registry, engine, READER);
    }

    /** What an API route does, given the handlers and the request. */
    @FunctionalInterface
    interface Action {
        void handle(Api api, Context ctx) throws Exception;
    }

    /** A route declared with its handler. */
    record Endpoint(CavaPlanServer.Route route, Action action) {}

    private static Endpoint endpoint(String method, String path, Action action) {
        return new Endpoint(new CavaPlanServer.Route(method, path.equals("/health") ? path : CavaPlanServer.API + path),
                action);
    }

    /** Every API route with its handler, in registration order; paths after {@code /health} are under {@code /api/v1}. */
    static final List<Endpoint> ENDPOINTS = List.of(
            endpoint("GET", "/health", Api::health),
            endpoint("GET", "/openapi.json", Api::openApi),
            endpoint("POST", "/plan", Api::plan),
            endpoint("POST", "/cases", Api::create),
            endpoint("GET", "/cases", Api::list),
            endpoint("GET", "/cases/{id}", Api::latest),
            endpoint("PUT", "/cases/{id}", Api::update),
            endpoint("GET", "/cases/{id}/history", Api::history),
            endpoint("GET", "/cases/{id}/versions/{n}", Api::version),
            endpoint("POST", "/cases/{id}/retire", Api::retire),
            endpoint("GET", "/cases/{id}/plan", Api::casePlan),
            endpoint("GET", "/cases/{id}/report.pdf", Api::report),
            endpoint("GET", "/analytics/km", Api::km),
            endpoint("GET", "/analytics/cox", Api::cox),
            endpoint("GET", "/analytics/cif", Api::cif),
            endpoint("GET", "/export", Api::export),
            endpoint("POST", "/meetings", Api::createMeeting),
            endpoint("GET", "/meetings", Api::meetings),
            endpoint("GET", "/meetings/{id}", Api::meeting),
            endpoint("POST", "/meetings/{id}/agenda", Api::addToAgenda),
            endpoint("GET", "/meetings/{id}/agenda/{caseId}/decision", Api::decision),
            endpoint("PUT", "/meetings/{id}/agenda/{caseId}/decision", Api::saveDecision),
            endpoint("POST", "/meetings/{id}/agenda/{caseId}/decision/sign", Api::signDecision),
            endpoint("POST", "/meetings/{id}/agenda/{caseId}/decision/corrections", Api::correctDecision),
            endpoint("GET", "/meetings/{id}/agenda/{caseId}/decision/fhir", Api::decisionFhir),
            endpoint("GET", "/meetings/{id}/minutes.pdf", Api::minutes),
            endpoint("GET", "/meetings/{id}/agenda/{caseId}/minutes.pdf", Api::caseMinutes),
            endpoint("GET", "/analytics/overrides", Api::overrides));

    /** The handler of {@code endpoint}, bound to these handlers. */
    Handler handler(Endpoint endpoint) {
        return ctx -> endpoint.action().handle(this, ctx);
    }

    private void openApi(Context ctx) {
        actor(ctx);
        ctx.contentType(JSON).result(openApi);
    }

    /**
     * 200 UP when the registry's database answers; otherwise 503 DOWN, so that a monitor or a load
     * balancer sees a server that could plan but could not store or read a case. No authentication.
     */
    private void health(Context ctx) {
        if (registry.available()) {
            ctx.contentType(JSON).result("{\"status\":\"UP\"}");
        } else {
            ctx.status(503).contentType(JSON)
                    .result("{\"status\":\"DOWN\",\"detail\":\"the registry database is not available\"}");
        }
    }

    // ---- plans ------------------------------------------------------------------------------

    /**
     * The plan of the case in the body: case JSON, or a FHIR R4 Bundle read as {@code ./cavaplan plan BUNDLE}
     * reads it ({@link #isFhirRequest}). The plan is JSON, or the plan Bundle when the request accepts
     * {@code application/fhir+json} ({@link #wantsFhir}). Nothing is stored.
     */
    private void plan(Context ctx) {
        actor(ctx);
        String body = body(ctx);
        Case kase = isFhirRequest(ctx.header("Content-Type"), body) ? readBundle(body) : readCase(body);
        LocalDate asOf = asOf(ctx);
        Plan plan = engine.plan(kase, asOf);
        ctx.header("Vary", "Accept");
        if (wantsFhir(ctx.header("Accept"))) {
            ctx.contentType(FHIR_JSON).result(Fhir.json(PlanFhir.bundle(kase, plan)));
        } else {
            ctx.contentType(JSON).result(PlanJson.write(plan));
        }
    }

    /**
     * Whether a plan request's body is read as a FHIR Bundle: it is sent as {@code application/fhir+json}
     * (parameters such as {@code charset} or {@code fhirVersion} aside), or it is a JSON object with a
     * {@code resourceType}, which case JSON never has (the command line chooses the same way).
     */
    static boolean isFhirRequest(String contentType, String body) {
        return FHIR_JSON.equals(mediaType(contentType)) || BundleReader.isFhir(body);
    }

    /**
     * Whether the plan is answered as a FHIR Bundle: the {@code Accept} header names
     * {@code application/fhir+json} and does not name {@code application/json}, which stays the default.
     */
    static boolean wantsFhir(String accept) {
        if (accept == null) {
            return false;
        }
        boolean fhir = false;
        for (String range : accept.split(",")) {
            String type = mediaType(range);
            if (type.equals(JSON)) {
                return false;
            }
            fhir |= type.equals(FHIR_JSON);
        }
        return fhir;
    }

    /** The type/subtype of a media type, lower case, without parameters; empty for none. */
    private static String mediaType(String header) {
        if (header == null) {
            return "";
        }
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    private static Case readBundle(String json) {
        ReadResult result = Bundles.READER.read(json);
        if (result instanceof ReadResult.Invalid invalid) {
            throw Problem.badRequest("the FHIR Bundle does not give a valid case", invalid.errors());
        }
        return ((ReadResult.Valid) result).value();
    }

    private void casePlan(Context ctx) {
        Case kase = readCase(latestOf(ctx, actor(ctx)).json());
        ctx.contentType(JSON).result(PlanJson.write(engine.plan(kase, asOf(ctx))));
    }

    private void report(Context ctx) {
        report(ctx, actor(ctx));
    }

    /** The PDF report of the latest version of the case {@code {id}} in the path, for {@code actor}. */
    void report(Context ctx, Actor actor) {
        Case kase = readCase(latestOf(ctx, actor).json());
        Plan plan = engine.plan(kase, asOf(ctx));
        byte[] pdf = Report.render(kase, plan);
        ctx.header("Content-Disposition", "attachment; filename=\"" + Report.fileName(plan).replace("\"", "") + "\"");
        ctx.contentType(Report.MEDIA_TYPE).result(pdf);
    }

    // ---- analytics and export ---------------------------------------------------------------

    private void km(Context ctx) {
        Actor actor = actor(ctx);
        String name = Analytics.factor(ctx.queryParam("factor"));
        String format = ctx.queryParam("format");
        boolean svg = format != null && format.strip().equalsIgnoreCase("svg");
        if (format != null && !svg && !format.strip().equalsIgnoreCase("json")) {
            throw Problem.badParameter("format", "must be json or svg, not \"" + format + "\"");
        }
        boolean synthetic = Analytics.includeSynthetic(ctx.queryParam("includeSynthetic"));
        java.util.OptionalDouble rmst = Analytics.rmstMonths(ctx.queryParam("rmst"));
        Analytics.KmResult result = Analytics.km(Analytics.rows(registry, actor, Analytics.analysis(name, List.of())), name,
                synthetic, rmst);
        if (svg) {
            ctx.contentType("image/svg+xml").result(Survival.plotSvg(result.plot()));
        } else {
            ctx.contentType(JSON).result(result.json());
        }
    }

    private void cox(Context ctx) {
        Actor actor = actor(ctx);
        List<String> covariates = Analytics.covariates(ctx.queryParam("covariates"));
        boolean synthetic = Analytics.includeSynthetic(ctx.queryParam("includeSynthetic"));
        ctx.contentType(JSON).result(Analytics.cox(Analytics.rows(registry, actor, Analytics.analysis(null, covariates)),
                covariates, synthetic).json());
    }

    private void cif(Context ctx) {
        Actor actor = actor(ctx);
        String event = Analytics.event(ctx.queryParam("event"));
        String factorText = ctx.queryParam("factor");
        String factor = factorText == null || factorText.isBlank() ? null : Analytics.factor(factorText);
        boolean synthetic = Analytics.includeSynthetic(ctx.queryParam("includeSynthetic"));
        List<AnalysisRow> rows = Analytics.rows(registry, actor, "cumulative incidence of "
                + Analytics.EVENT_WORDS.get(event) + (factor == null ? "" : " by " + Analytics.FACTOR_WORDS.get(factor))
                + " with death as a competing risk");
        ctx.contentType(JSON).result(Analytics.cif(rows, event, factor, synthetic).json());
    }

    private void export(Context ctx) throws IOException {
        Actor actor = actor(ctx);
        String formatText = ctx.queryParam("format");
        ExportFormat format = formatText == null || formatText.isBlank() ? ExportFormat.NDJSON
                : switch (formatText.strip().toLowerCase(Locale.ROOT)) {
                    case "ndjson" -> ExportFormat.NDJSON;
                    case "csv" -> ExportFormat.CSV;
                    default -> throw Problem.badParameter("format", "must be ndjson or csv, not \"" + formatText + "\"");
                };
        String deidentifyText = ctx.queryParam("deidentify");
        boolean deidentify;
        if (deidentifyText == null || deidentifyText.isBlank() || deidentifyText.strip().equalsIgnoreCase("false")) {
            deidentify = false;
        } else if (deidentifyText.strip().equalsIgnoreCase("true")) {
            deidentify = true;
        } else {
            throw Problem.badParameter("deidentify", "must be true or false, not \"" + deidentifyText + "\"");
        }
        ExportRequest request = deidentify ? ExportRequest.deidentified(format, PseudonymKey.random())
                : ExportRequest.identified(format);
        String type = format == ExportFormat.CSV ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
        String file = "cavaplan-export" + (deidentify ? "-deidentified" : "") + (format == ExportFormat.CSV ? ".csv" : ".ndjson");
        try (Writer out = new LazyResponseWriter(ctx, type, file)) {
            registry.export(actor, request, out);
        }
    }

    /**
     * Streams to the response, which it starts (status, type, attachment) only at the first write,
     * so that a refusal before any data is still answered with a problem.
     */
    private static final class LazyResponseWriter extends Writer {
        private final Context ctx;
        private final String type;
        private final String file;
        private Writer out;

        LazyResponseWriter(Context ctx, String type, String file) {
            this.ctx = ctx;
            this.type = type;
            this.file = file;
        }

        private Writer out() throws IOException {
            if (out == null) {
                ctx.status(200);
                ctx.contentType(type);
                ctx.header("Content-Disposition", "attachment; filename=\"" + file + "\"");
                out = new BufferedWriter(new OutputStreamWriter(ctx.res().getOutputStream(), StandardCharsets.UTF_8),
                        1 << 16);
            }
            return out;
        }

        @Override
        public void write(char[] cbuf, int off, int len) throws IOException {
            out().write(cbuf, off, len);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            out().write(str, off, len);
        }

        @Override
        public void flush() throws IOException {
            if (out != null) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.flush();
            }
        }
    }

    // ---- cases ------------------------------------------------------------------------------

    /**
     * A new case (201), or, with {@code If-Match}, a new version of the case it names. Without
     * {@code If-Match} a case that exists already is not written: 428 (409 with {@code If-None-Match: *}).
     */
    private void create(Context ctx) {
        Actor actor = actor(ctx);
        Optional<BasedOn> ifMatch = Preconditions.ifMatch(ctx);
        boolean createOnly = Preconditions.createOnly(ctx);
        String body = body(ctx);
        List<InputError> confirmed = plausible(ctx, readCase(body));
        SaveResult result;
        try {
            result = registry.save(actor, body, ifMatch.orElse(BasedOn.NEW_CASE), reason(ctx));
        } catch (RegistryException.Invalid e) {
            throw reasonRefused(e);
        } catch (RegistryException.Conflict e) {
            throw ifMatch.isPresent() || createOnly ? Preconditions.conflict(e) : Preconditions.required(e);
        }
        CaseVersion version = saved(result);
        if (result instanceof SaveResult.Created) {
            ctx.status(201);
            ctx.header("Location", CavaPlanServer.API + "/cases/" + encode(version.caseId()));
        }
        Preconditions.tag(ctx, version);
        ctx.contentType(JSON).result(Json.write(Json.confirmed(Json.version(version), confirmed)));
    }

    private void update(Context ctx) {
        Actor actor = actor(ctx);
        String id = ctx.pathParam("id");
        String body = body(ctx);
        BasedOn basedOn = Preconditions.requireIfMatch(ctx);
        Case kase = readCase(body);
        if (!kase.caseId().equals(id)) {
            throw Problem.badRequest("the case id in the body is not the one in the path",
                    List.of(new InputError("/caseId", "must be \"" + id + "\", the case id in the path")));
        }
        if (registry.history(actor, id).isEmpty()) {
            throw Problem.notFound("no case " + id + " in the registry");
        }
        List<InputError> confirmed = plausible(ctx, kase);
        CaseVersion version;
        try {
            version = saved(registry.save(actor, body, basedOn, reason(ctx)));
        } catch (RegistryException.Invalid e) {
            throw reasonRefused(e);
        }
        Preconditions.tag(ctx, version);
        ctx.contentType(JSON).result(Json.write(Json.confirmed(Json.version(version), confirmed)));
    }

    private void latest(Context ctx) {
        StoredCase stored = latestOf(ctx, actor(ctx));
        Preconditions.tag(ctx, stored.version());
        ctx.contentType(JSON).result(Json.write(Json.stored(stored)));
    }

    private void version(Context ctx) {
        Actor actor = actor(ctx);
        String id = ctx.pathParam("id");
        int n;
        try {
            n = Integer.parseInt(ctx.pathParam("n"));
        } catch (NumberFormatException e) {
            throw Problem.notFound("no version " + ctx.pathParam("n") + " of case " + id);
        }
        if (n < 1) {
            throw Problem.notFound("no version " + n + " of case " + id);
        }
        StoredCase stored = registry.readVersion(actor, id, n)
                .orElseThrow(() -> Problem.notFound("no version " + n + " of case " + id));
        Preconditions.tag(ctx, stored.version());
        ctx.contentType(JSON).result(Json.write(Json.stored(stored)));
    }

    private void history(Context ctx) {
        Actor actor = actor(ctx);
        String id = ctx.pathParam("id");
        List<CaseVersion> versions = registry.history(actor, id);
        if (versions.isEmpty()) {
            throw Problem.notFound("no case " + id + " in the registry");
        }
        ctx.contentType(JSON).result(Json.write(Json.history(id, versions)));
    }

    private void retire(Context ctx) {
        Actor actor = actor(ctx);
        String reason = ctx.queryParam("reason");
        String body = body(ctx);
        BasedOn basedOn = Preconditions.requireIfMatch(ctx);
        if ((reason == null || reason.isBlank()) && !body.isBlank()) {
            ObjectNode node = objectBody(body);
            reason = node.path("reason").isTextual() ? node.get("reason").asText() : null;
        }
        if (reason == null || reason.isBlank()) {
            throw Problem.badRequest("a retirement needs a reason",
                    List.of(new InputError("/reason", "is required: why the case is retired")));
        }
        CaseVersion version;
        try {
            version = registry.retire(actor, ctx.pathParam("id"), basedOn, reason.strip());
        } catch (RegistryException.Invalid e) {
            throw reasonRefused(e);
        }
        Preconditions.tag(ctx, version);
        ctx.contentType(JSON).result(Json.write(Json.version(version)));
    }

    private void list(Context ctx) {
        Actor actor = actor(ctx);
        CaseListQuery query = CaseListQuery.parse(ctx::queryParam);
        ctx.contentType(JSON).result(Json.write(Json.page(query.run(registry, actor))));
    }

    // ---- tumor-board meetings (issue 22) -------------------------------------------------------

    private void createMeeting(Context ctx) {
        Actor actor = actor(ctx);
        NewMeeting request = parsed(MeetingJson.newMeeting(jsonBody(ctx)), "the meeting is not valid");
        Meeting meeting = registry.createMeeting(actor, request);
        ctx.status(201);
        ctx.header("Location", CavaPlanServer.API + "/meetings/" + meeting.id());
        ctx.contentType(JSON).result(Json.write(MeetingJson.write(meeting)));
    }

    /** {@code ?from=&to=}, both days included: from today (the server's) to a year later unless given. */
    private void meetings(Context ctx) {
        Actor actor = actor(ctx);
        LocalDate from = dateParameter(ctx, "from").orElse(Today.of(clock));
        LocalDate to = dateParameter(ctx, "to").orElse(from.plusYears(1));
        if (to.isBefore(from)) {
            throw Problem.badParameter("to", "must be on or after from (" + from + ")");
        }
        ArrayNode list = MeetingJson.array(registry.meetings(actor, from, to), MeetingJson::write);
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("from", from.toString()).put("to", to.toString()).set("meetings", list);
        ctx.contentType(JSON).result(Json.write(node));
    }

    /** The meeting with its agenda. */
    private void meeting(Context ctx) {
        Actor actor = actor(ctx);
        long id = meetingId(ctx);
        Meeting meeting = registry.meeting(actor, id).orElseThrow(() -> Problem.notFound("no meeting " + ctx.pathParam("id")
                + " in the registry"));
        ObjectNode node = MeetingJson.write(meeting);
        node.set("agenda", MeetingJson.array(registry.agenda(actor, id), MeetingJson::write));
        ctx.contentType(JSON).result(Json.write(node));
    }

    private void addToAgenda(Context ctx) {
        Actor actor = actor(ctx);
        long id = meetingId(ctx);
        MeetingJson.AgendaEntry entry = parsed(MeetingJson.agendaEntry(jsonBody(ctx)), "the agenda entry is not valid");
        AgendaItem item = registry.addToAgenda(actor, id, entry.caseId(), entry.question(), entry.presenter());
        ctx.status(201);
        ctx.header("Location", CavaPlanServer.API + "/meetings/" + id + "/agenda/" + encode(item.caseId()) + "/decision");
        ctx.contentType(JSON).result(Json.write(MeetingJson.write(item)));
    }

    private void saveDecision(Context ctx) {
        Actor actor = actor(ctx);
        long id = meetingId(ctx);
        Decision decision = parsed(MeetingJson.decision(jsonBody(ctx)), "the decision is not valid");
        DecisionRecord record = registry.saveDecision(actor, id, ctx.pathParam("caseId"), decision);
        ctx.contentType(JSON).result(Json.write(MeetingJson.write(record)));
    }

    private void decision(Context ctx) {
        Actor actor = actor(ctx);
        long id = meetingId(ctx);
        String caseId = ctx.pathParam("caseId");
        DecisionRecord record = registry.decision(actor, id, caseId)
                .orElseThrow(() -> Problem.notFound("no decision on case " + caseId + " at meeting " + id + " has been recorded"));
        ctx.contentType(JSON).result(Json.write(MeetingJson.write(record)));
    }

    /** The signature takes no body: none, or an empty JSON object (read all the same, within the body limits). */
    private void signDecision(Context ctx) {
        Actor actor = actor(ctx);
        String body = body(ctx);
        if (!body.isBlank() && objectBody(body).size() > 0) {
            throw Problem.badRequest("a signature takes no body", List.of(new InputError("", "must be empty or {}")));
        }
        DecisionRecord record = registry.signDecision(actor, meetingId(ctx), ctx.pathParam("caseId"));
        ctx.contentType(JSON).result(Json.write(MeetingJson.write(record)));
    }

    private void correctDecision(Context ctx) {
        Actor actor = actor(ctx);
        long id = meetingId(ctx);
        MeetingJson.Correction correction = parsed(MeetingJson.correction(jsonBody(ctx)), "the correction is not valid");
        DecisionRecord record;
        try {
            record = registry.correctDecision(actor, id, ctx.pathParam("caseId"), correction.decision(), correction.reason());
        } catch (RegistryException.Invalid e) {
            throw reasonRefused(e);
        }
        ctx.status(201);
        ctx.header("Location", CavaPlanServer.API + "/meetings/" + id + "/agenda/" + encode(record.caseId()) + "/decision");
        ctx.contentType(JSON).result(Json.write(MeetingJson.write(record)));
    }

    /**
     * The decision as a FHIR R4 CarePlan; the recommendations are described by the summaries of the
     * case's plan as of the meeting date.
     */
    private void decisionFhir(Context ctx) {
        Actor actor = actor(ctx);
        long id = meetingId(ctx);
        String caseId = ctx.pathParam("caseId");
        DecisionRecord record = registry.decision(actor, id, caseId)
                .orElseThrow(() -> Problem.notFound("no decision on case " + caseId + " at meeting " + id + " has been recorded"));
        Meeting meeting = registry.meeting(actor, id).orElseThrow(() -> Problem.notFound("no meeting " + id));
        Optional<Plan> plan = registry.read(actor, caseId).map(s -> engine.plan(readCase(s.json()), meeting.date()));
        ctx.contentType(FHIR_JSON).result(Fhir.json(DecisionFhir.carePlan(meeting, record,
                rec -> plan.flatMap(p -> p.recommendation(rec)).map(Recommendation::summary))));
    }

    private void minutes(Context ctx) {
        minutes(ctx, actor(ctx));
    }

    /** The minutes PDF of the meeting {@code {id}} in the path, for {@code actor} (the page sends the same). */
    void minutes(Context ctx, Actor actor) {
        pdf(ctx, minutes.meeting(actor, meetingId(ctx)));
    }

    private void caseMinutes(Context ctx) {
        pdf(ctx, minutes.agendaCase(actor(ctx), meetingId(ctx), ctx.pathParam("caseId")));
    }

    private static void pdf(Context ctx, MeetingMinutes.Document document) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + document.fileName().replace("\"", "") + "\"");
        ctx.contentType(Minutes.MEDIA_TYPE).result(document.pdf());
    }

    private void overrides(Context ctx) {
        Actor actor = actor(ctx);
        ctx.contentType(JSON).result(Json.write(MeetingJson.write(registry.overrideStatistics(actor))));
    }

    /** The meeting id of the path; one that is no number names no meeting (0), so the registry still checks the role. */
    private static long meetingId(Context ctx) {
        try {
            long id = Long.parseLong(ctx.pathParam("id"));
            return id > 0 ? id : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<LocalDate> dateParameter(Context ctx, String name) {
        String text = ctx.queryParam(name);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            throw Problem.badParameter(name, "must be a date YYYY-MM-DD, not \"" + text + "\"");
        }
    }

    private com.fasterxml.jackson.databind.JsonNode jsonBody(Context ctx) {
        String body = body(ctx);
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw Problem.badRequest("the body is not JSON", List.of(new InputError("", "must be a JSON object")));
        }
    }

    private static <T> T parsed(MeetingJson.Parsed<T> parsed, String detail) {
        if (parsed instanceof MeetingJson.Parsed.Ok<T> ok) {
            return ok.value();
        }
        throw Problem.badRequest(detail, ((MeetingJson.Parsed.Bad<T>) parsed).errors());
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** The authenticated user of the request, or a 401 problem that says a token is needed. */
    Actor actor(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && !header.substring(7).isBlank()) {
            Authentication auth = registry.authenticate(header.substring(7).strip(), "http " + ctx.ip());
            if (auth instanceof Authentication.Authenticated ok) {
                ctx.attribute(org.cavaplan.server.web.WebPages.USER_ATTRIBUTE, ok.actor().name());
                return ok.actor();
            }
        }
        String session = header == null ? ctx.cookie(org.cavaplan.server.web.WebPages.SESSION_COOKIE) : null;
        if (session != null && registry.session(session, "http " + ctx.ip())
                .filter(org.cavaplan.registry.WebSession::passwordChangeRequired).isPresent()) {
            throw new Problem(403, "Forbidden", "the password of this web session was set by someone else and must be "
                    + "changed first, at " + org.cavaplan.server.web.WebPages.PASSWORD_PAGE + "; the API itself takes an "
                    + "API token: Authorization: Bearer <token>", List.of());
        }
        throw new Problem(401, "Unauthorized", "a valid API token is needed: Authorization: Bearer <token>", List.of());
    }

    private StoredCase latestOf(Context ctx, Actor actor) {
        String id = ctx.pathParam("id");
        return registry.read(actor, id).orElseThrow(() -> Problem.notFound("no case " + id + " in the registry"));
    }

    private static CaseVersion saved(SaveResult result) {
        if (result instanceof SaveResult.Rejected rejected) {
            throw Problem.badRequest("the case is not valid", rejected.errors());
        }
        if (result instanceof SaveResult.Created c) {
            return c.version();
        }
        if (result instanceof SaveResult.Updated u) {
            return u.version();
        }
        return ((SaveResult.Unchanged) result).latest();
    }

    /**
     * The plausibility checks of a case about to be written ({@link CaseChecks}), as of the server's
     * today: errors are a 422 ({@link Problem#IMPLAUSIBLE}); warnings are a 422
     * ({@link Problem#PLAUSIBILITY_WARNING}) unless the request says {@code confirmWarnings=true}, and
     * then they are returned, to be listed in the answer as confirmed.
     */
    private List<InputError> plausible(Context ctx, Case kase) {
        String text = ctx.queryParam("confirmWarnings");
        boolean confirm;
        if (text == null || text.isBlank() || text.strip().equals("false")) {
            confirm = false;
        } else if (text.strip().equals("true")) {
            confirm = true;
        } else {
            throw Problem.badParameter("confirmWarnings", "must be true or false, not \"" + text + "\"");
        }
        CaseChecks.Found found = CaseChecks.of(kase, Today.of(clock));
        if (!found.errors().isEmpty()) {
            throw Problem.implausible(found.errors(), found.warnings());
        }
        if (!found.warnings().isEmpty() && !confirm) {
            throw Problem.unconfirmed(found.warnings());
        }
        return found.warnings();
    }

    private static Case readCase(String json) {
        ReadResult result = READER.read(json);
        if (result instanceof ReadResult.Invalid invalid) {
            throw Problem.badRequest("the case is not valid", invalid.errors());
        }
        return ((ReadResult.Valid) result).value();
    }

    /** The plan's date: {@code ?asOf=}, else today (plan contract v2), never the case's last date. */
    private LocalDate asOf(Context ctx) {
        String text = ctx.queryParam("asOf");
        if (text == null || text.isBlank()) {
            return Today.of(clock);
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw Problem.badParameter("asOf", "must be a date YYYY-MM-DD, not \"" + text + "\"");
        }
    }

    private String body(Context ctx) {
        return requestBody(ctx, maxBodyBytes);
    }

    /**
     * The request body as UTF-8 text, at most {@code maxBodyBytes} and nested at most
     * {@link org.cavaplan.io.Json#MAX_NESTING} levels deep (else a 400 naming the limit, see
     * {@link JsonNesting}). A body declared too large never gets here: {@link RequestLimits} answers
     * it before any route runs; this bounds a body sent without a declared length.
     */
    static String requestBody(Context ctx, long maxBodyBytes) {
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (bytes.length > maxBodyBytes) {
                throw CavaPlanServer.tooLarge();
            }
            return JsonNesting.check(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw Problem.badRequest("the request body could not be read", List.of());
        }
    }

    private static ObjectNode objectBody(String body) {
        try {
            if (Json.MAPPER.readTree(body) instanceof ObjectNode node) {
                return node;
            }
        } catch (IOException e) {
            // answered below
        }
        throw Problem.badRequest("the body is not a JSON object", List.of(new InputError("", "must be a JSON object")));
    }

    /** The registry refuses a valid case only for its reason (missing or too long): the problem points at it. */
    private static Problem reasonRefused(RegistryException.Invalid e) {
        return Problem.badRequest(e.getMessage(), List.of(new InputError("/reason", e.getMessage())));
    }

    private static String reason(Context ctx) {
        String reason = ctx.queryParam("reason");
        if (reason == null || reason.isBlank()) {
            reason = ctx.header("X-Reason");
        }
        return reason == null || reason.isBlank() ? DEFAULT_REASON : reason.strip();
    }

    /** A case id as one URL path segment. */
    static String encode(String id) {
        return java.net.URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String resource(String name) {
        try (InputStream in = Api.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Clock clock() {
        return clock;
    }
}
